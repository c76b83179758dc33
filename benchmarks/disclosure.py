"""Benchmark: secondary suppression with city × plan industry protected, the LP method against the MIP.

    python benchmarks/disclosure.py [--enterprises 600] [--year 2019] [--store duckdb:///path.duckdb]

Builds the demo store (``seimon demo generate`` + load, through the ordinary import path) unless ``--store`` is
given, then protects ``sei_va`` for the year with the packaged rules (city × plan industry included) three
ways, each from a cold cache: ``lp`` (the default: LP relaxation rounded up and pruned), ``optimal`` (the same,
then the MIP until within 2 % or the rules' time limit — the baseline), and ``lp`` without the city × industry
table. For each: seconds, cells, cells withheld, the value withheld (information loss) and whether the audit
passed. Goal: ``lp`` ≤ 10 s on the shared 2 cores and within 10 % of the MIP's loss. The last line is a JSON
object.
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

from seimon.demo.generate import generate_demo
from seimon.disclose.protect import protect
from seimon.disclose.rules import CROSS_PREFIX, load_rules
from seimon.ingest.directory import load_directory
from seimon.store import open_store

logger = logging.getLogger(__name__)


def measure(url: str, year: int, **update: Any) -> dict[str, Any]:
    """One protection of sei_va with the packaged rules changed by ``update``."""
    rules = load_rules().model_copy(update=update)
    with open_store(url) as store:
        started = time.perf_counter()
        p = protect(store, "sei_va", (year, 12), rules=rules)
        seconds = time.perf_counter() - started
    withheld = [c for c in p.status if p.withheld(c)]
    return {
        "seconds": round(seconds, 2),
        "cells": len(p.status),
        "withheld": len(withheld),
        "loss": round(sum(abs(p.table.cells[c].value) for c in withheld), 1),
        "audit_ok": p.audit_ok,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=600)
    parser.add_argument("--year", type=int, default=2019)
    parser.add_argument("--store", default=None, help="an existing store instead of a fresh demo store")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    url = args.store
    if url is None:
        tmp = Path(tempfile.mkdtemp(prefix="seimon-disclosure-"))
        generate_demo(tmp / "demo", enterprises=args.enterprises, years=(args.year - 1, args.year))
        url = f"duckdb:///{tmp / 'store.duckdb'}"
        with open_store(url) as store:
            load_directory(store, tmp / "demo")
    tables = load_rules().tables
    runs = {
        "lp": measure(url, args.year, secondary_method="lp"),
        "optimal": measure(url, args.year, secondary_method="optimal"),
        "lp_without_city_industry": measure(
            url, args.year, secondary_method="lp", tables=[t for t in tables if not t.startswith(CROSS_PREFIX)]
        ),
    }
    for name, run in runs.items():
        print(
            f"{name:28} {run['seconds']:7.2f} s  {run['withheld']:4d}/{run['cells']:<4d} withheld  loss {run['loss']}"
        )
    base = runs["optimal"]
    print(
        json.dumps(
            {
                "enterprises": args.enterprises,
                "year": args.year,
                **{
                    f"{k}_{m}": v[m]
                    for k, v in runs.items()
                    for m in ("seconds", "withheld", "cells", "loss", "audit_ok")
                },
                "speedup_vs_mip": round(base["seconds"] / max(runs["lp"]["seconds"], 1e-9), 2),
                "loss_ratio_vs_mip": round(runs["lp"]["loss"] / max(base["loss"], 1e-9), 3),
            }
        )
    )


if __name__ == "__main__":
    main()
