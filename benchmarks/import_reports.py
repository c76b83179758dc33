"""Benchmark: importing a large report file with every rule on, against DuckDB's own CSV reading.

Generates an enterprise register and a year-to-date reports CSV of ``--rows`` rows, times DuckDB's
``read_csv`` of the same file into a table (the raw baseline), then the full import (register first,
untimed; then the reports, timed), and prints throughput and the ratio. The last line is a JSON object
with ``rows``, ``seconds``, ``raw_seconds``, ``ratio`` (raw seconds / import seconds: 1.0 means as fast
as a bare read) and ``peak_rss_mb``. Goal: ratio ≥ 0.5 with bounded memory.

    .venv/bin/python benchmarks/import_reports.py --rows 500000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import resource
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np

from seimon.ingest.credit_code import generate_codes
from seimon.ingest.pipeline import import_file
from seimon.store import open_store

logger = logging.getLogger(__name__)

MONTHS = tuple(range(2, 13))


def generate(folder: Path, rows: int, seed: int = 7) -> tuple[Path, Path]:
    """Write ``enterprises.csv`` and ``reports.csv`` (about ``rows`` rows: enterprises × years × 11 months)."""
    rng = np.random.default_rng(seed)
    years = 3
    n_ent = max(1, rows // (years * len(MONTHS)))
    codes = list(generate_codes("130100", n_ent, seed=seed))
    ent = folder / "enterprises.csv"
    with ent.open("w", encoding="utf-8") as fh:
        fh.write("统一社会信用代码,企业名称,地区代码,行业代码\n")
        for i, code in enumerate(codes):
            fh.write(f"{code},企业{i},130100,3841\n")
    rep = folder / "reports.csv"
    base = rng.lognormal(9, 1, n_ent)
    written = 0
    with rep.open("w", encoding="utf-8") as fh:
        fh.write("统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值,利润总额,研发经费支出,从业人员\n")
        for y in range(years):
            year = 2017 + y
            for m in MONTHS:
                frac = m / 12
                lines = []
                for i, code in enumerate(codes):
                    if written >= rows:
                        break
                    rev = round(base[i] * frac * (1 + 0.05 * y), 1)
                    va = round(rev * 0.3, 1)
                    lines.append(
                        f"{code},{year}年1-{m}月,{rev},{va},{round(va * 0.95, 1)},{round(rev * 0.05, 1)},"
                        f"{round(rev * 0.02, 1)},{int(50 + i % 500)}\n"
                    )
                    written += 1
                fh.writelines(lines)
    return ent, rep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="seimon-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    ent, rep = generate(folder, args.rows)
    rows = sum(1 for _ in rep.open("rb")) - 1
    print(f"generated {rows} report rows in {rep} ({rep.stat().st_size / 1e6:.0f} MB)")

    raw_db = folder / "raw.duckdb"
    raw_db.unlink(missing_ok=True)
    con = duckdb.connect(str(raw_db))
    t0 = time.perf_counter()
    con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{rep}', all_varchar = true)")
    raw_seconds = time.perf_counter() - t0
    con.close()
    print(f"raw DuckDB read_csv: {raw_seconds:.2f} s ({rows / raw_seconds:,.0f} rows/s)")

    store_path = folder / "store.duckdb"
    store_path.unlink(missing_ok=True)
    with open_store(f"duckdb://{store_path}") as store:
        import_file(store, "enterprises", ent)
        t0 = time.perf_counter()
        summary = import_file(store, "reports", rep, as_of=dt.date(2024, 1, 1))
        seconds = time.perf_counter() - t0
    print(
        f"seimon import ({'fast path' if summary.fast_path else 'row by row'}): {seconds:.2f} s "
        f"({rows / seconds:,.0f} rows/s), status {summary.status}, loaded {summary.rows_loaded}, "
        f"quarantined {summary.rows_quarantined}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = raw_seconds / seconds
    print(f"ratio (raw seconds / import seconds): {ratio:.2f}")
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": round(seconds, 3),
                "raw_seconds": round(raw_seconds, 3),
                "ratio": round(ratio, 3),
                "peak_rss_mb": round(peak, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
