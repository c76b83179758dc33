"""Benchmark: importing a large report file with every rule on, against DuckDB's own CSV reading.

Generates an enterprise register and a year-to-date reports CSV of ``--rows`` rows, times DuckDB's
``read_csv`` of the same file into a table (the raw baseline), then the full import (register first,
untimed; then the reports, timed), reads the file raw once more (the machine may be shared: the
baseline is the mean of the reads before and after the import), and prints throughput and the ratio.
The last line is a JSON object with ``rows``, ``seconds``, ``raw_seconds``, ``ratio`` (raw seconds /
import seconds: 1.0 means as fast as a bare read), ``peak_rss_mb`` (the whole run, generation and raw read included),
``import_peak_rss_mb`` (the timed import alone) and ``memory_limit`` (DuckDB's cap during the import,
:data:`seimon.ingest.memory.IMPORT_MEMORY_LIMIT` unless ``--memory-limit`` says otherwise). Goal:
ratio ≥ 0.5 with bounded memory.

    .venv/bin/python benchmarks/import_reports.py --rows 500000
    .venv/bin/python benchmarks/import_reports.py --rows 1000000 --dir /tmp/b --reuse   # keep the CSVs
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import numpy as np

from seimon.ingest.memory import IMPORT_MEMORY_LIMIT
from seimon.ingest.pipeline import import_file
from seimon.reference.credit_code import generate_codes
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


def raw_read(folder: Path, rep: Path) -> float:
    """Seconds DuckDB takes to read the CSV (all text) into a table of a new database file."""
    raw_db = folder / "raw.duckdb"
    raw_db.unlink(missing_ok=True)
    con = duckdb.connect(str(raw_db))
    t0 = time.perf_counter()
    con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{rep}', all_varchar = true)")
    seconds = time.perf_counter() - t0
    con.close()
    raw_db.unlink(missing_ok=True)
    return seconds


class PeakRSS:
    """Peak resident memory of this process during a block (the import phase alone).

    Linux keeps a high-water mark (``VmHWM``) that writing ``5`` to ``/proc/self/clear_refs`` resets;
    where that is not allowed, a thread samples ``VmRSS`` every few milliseconds instead.
    """

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.peak_kb = 0
        self.reset_ok = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @staticmethod
    def _status(field: str) -> int:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self._status("VmRSS"))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        try:
            Path("/proc/self/clear_refs").write_text("5")
            self.reset_ok = True
        except OSError:
            self.reset_ok = False
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        if self.reset_ok:
            self.peak_kb = max(self.peak_kb, self._status("VmHWM"))

    @property
    def mb(self) -> float:
        return self.peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="reuse the CSV files already in --dir")
    parser.add_argument(
        "--with-key-index",
        action="store_true",
        help="experiment: recreate the reports key index DuckDB stores no longer keep (migration 0007), to see "
        "what maintaining it costs",
    )
    parser.add_argument("--memory-limit", default=None, help=f"DuckDB memory cap (default {IMPORT_MEMORY_LIMIT})")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="seimon-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    ent, rep = folder / "enterprises.csv", folder / "reports.csv"
    if not (args.reuse and ent.exists() and rep.exists()):
        ent, rep = generate(folder, args.rows)
    if args.memory_limit:
        os.environ["SEIMON_IMPORT_MEMORY_LIMIT"] = args.memory_limit
    rows = sum(1 for _ in rep.open("rb")) - 1
    print(f"{rows} report rows in {rep} ({rep.stat().st_size / 1e6:.0f} MB)")

    raw_before = raw_read(folder, rep)
    print(f"raw DuckDB read_csv: {raw_before:.2f} s ({rows / raw_before:,.0f} rows/s)")

    store_path = folder / "store.duckdb"
    store_path.unlink(missing_ok=True)
    with open_store(f"duckdb://{store_path}") as store:
        import_file(store, "enterprises", ent)
        if args.with_key_index:
            store.execute("CREATE INDEX IF NOT EXISTS idx_reports_key ON reports (credit_code, period)")
            print("experiment: reports key index recreated (not the product as shipped)")
        key_index = bool(
            store.fetchone("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'idx_reports_key'")[0]
        )
        with PeakRSS() as peak:
            t0 = time.perf_counter()
            summary = import_file(store, "reports", rep, as_of=dt.date(2024, 1, 1))
            seconds = time.perf_counter() - t0
    for leftover in (store_path, store_path.with_name(store_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    print(
        f"seimon import ({'fast path' if summary.fast_path else 'row by row'}): {seconds:.2f} s "
        f"({rows / seconds:,.0f} rows/s), status {summary.status}, loaded {summary.rows_loaded}, "
        f"quarantined {summary.rows_quarantined}"
    )
    raw_after = raw_read(folder, rep)
    raw_seconds = (raw_before + raw_after) / 2
    print(f"raw DuckDB read_csv again: {raw_after:.2f} s; the baseline is their mean, {raw_seconds:.2f} s")
    limit = args.memory_limit or os.environ.get("SEIMON_IMPORT_MEMORY_LIMIT") or IMPORT_MEMORY_LIMIT
    print(f"peak RSS of the import phase: {peak.mb:.0f} MB (DuckDB memory_limit {limit})")
    whole = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = raw_seconds / seconds
    print(f"ratio (raw seconds / import seconds): {ratio:.2f}")
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": round(seconds, 3),
                "raw_seconds": round(raw_seconds, 3),
                "raw_seconds_before": round(raw_before, 3),
                "raw_seconds_after": round(raw_after, 3),
                "ratio": round(ratio, 3),
                "peak_rss_mb": round(whole, 1),
                "import_peak_rss_mb": round(peak.mb, 1),
                "memory_limit": limit,
                "key_index": key_index,
            }
        )
    )


if __name__ == "__main__":
    main()
