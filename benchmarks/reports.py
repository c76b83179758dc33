"""Benchmark: generating the bulletin and the evaluation report in every format, against the data they need.

    python benchmarks/reports.py [--enterprises 1000] [--period 2020-09] [--as-of 2020-12-31]

Builds a demo store in a temporary directory (``seimon.demo.generate_demo`` + ``load_directory``), then, in the
same run, measures:

* baseline: the underlying library calls alone — the ``query`` calls the bulletin makes, ``loss_makers``,
  ``run_warnings`` — and, for the evaluation, ``assess_plan`` + ``run_warnings``;
* build: ``build_bulletin`` / ``build_evaluation`` (the baseline plus rounding, sentences and charts);
* render: ``render(report, fmt)`` for docx, pdf, html and xlsx.

It prints each time and its ratio to the baseline; the last line is a JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from seimon.assess.report import assess_plan
from seimon.assess.warnings import run_warnings
from seimon.demo import generate_demo
from seimon.indicators.query import query
from seimon.ingest.directory import load_directory
from seimon.report import FORMATS, build_bulletin, build_evaluation, render
from seimon.report.enterprises import loss_makers
from seimon.store import Store, open_store

logger = logging.getLogger(__name__)

HEADLINE = [
    "sei_va", "sei_va_real_growth", "above_scale_va_real_growth", "sei_growth_gap", "sei_va_share_above_scale",
    "sei_contribution_rate", "sei_pull", "sei_revenue", "sei_profit", "sei_profit_margin", "sei_rd_expenditure",
    "sei_rd_intensity", "sei_enterprises", "sei_entries", "sei_exits",
]  # fmt: skip
BREAKDOWNS = ["plan_industry", "sei_field", "sei_item", "region"]


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def bulletin_baseline(store: Store, period: str) -> None:
    """The data calls behind one bulletin, without rounding, text, charts or layout."""
    year, month = (int(x) for x in period.split("-"))
    for indicator in HEADLINE:
        query(indicator, period=period, store=store)
    prior = f"{year - 1}-{month:02d}"
    query("sei_va_share_above_scale", period=prior, store=store)
    for by in BREAKDOWNS:
        for indicator in ("sei_va", "sei_va_real_growth", "sei_enterprises"):
            query(indicator, period=period, store=store, by=by)
    loss_makers(store, year, month)
    run_warnings(store)


def evaluation_baseline(store: Store, as_of: dt.date) -> None:
    """The data calls behind one evaluation report."""
    assess_plan(store, as_of=as_of)
    run_warnings(store, as_of=as_of)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=1000)
    parser.add_argument("--period", default="2020-09")
    parser.add_argument("--as-of", default="2020-12-31")
    args = parser.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)
    results: dict[str, Any] = {"enterprises": args.enterprises, "period": args.period, "as_of": args.as_of}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t_load, _ = _timed(lambda: generate_demo(root / "demo", enterprises=args.enterprises, years=(2018, 2020)))
        store = open_store(f"duckdb://{root / 'store.duckdb'}")
        t_ingest, _ = _timed(lambda: load_directory(store, root / "demo"))
        results["setup_s"] = round(t_load + t_ingest, 2)
        for kind, baseline, build in (
            ("bulletin", lambda: bulletin_baseline(store, args.period),
             lambda: build_bulletin(store, args.period, "public", "zh")),
            ("evaluation", lambda: evaluation_baseline(store, as_of), lambda: build_evaluation(store, as_of, "zh")),
        ):  # fmt: skip
            t_base, _ = _timed(baseline)
            t_build, report = _timed(build)
            row: dict[str, Any] = {"baseline_s": round(t_base, 3), "build_s": round(t_build, 3)}
            row["build_ratio"] = round(t_build / t_base, 2)
            print(f"{kind}: baseline {t_base:.2f}s, build {t_build:.2f}s (×{t_build / t_base:.2f})")
            for fmt in FORMATS:
                t_render, data = _timed(lambda fmt=fmt, report=report: render(report, fmt))
                row[f"{fmt}_s"] = round(t_render, 3)
                row[f"{fmt}_bytes"] = len(data)
                row[f"{fmt}_ratio"] = round((t_build + t_render) / t_base, 2)
                print(f"  {fmt}: render {t_render:.2f}s, build+render ×{(t_build + t_render) / t_base:.2f} baseline")
            results[kind] = row
        store.close()
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
