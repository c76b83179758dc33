"""Data import building blocks: read a submitted file, map its header, type its cells, validate its rows.

The flow for one file::

    with open_table(path) as table:                       # readers: CSV / XLSX / Parquet, streamed
        header = resolve_header("reports", table.info)    # headers: aliases, units → canonical fields
        records = header.records(table.rows())            # cells, periods, credit codes → typed values
        valid, errors = validate_rows("reports", records, ValidationContext(str(path)))  # rules

Every problem is a located, bilingual error: file, sheet, row and field in Chinese and English.
"""

from __future__ import annotations

from seimon.ingest.headers import HeaderMap, Record, resolve_header
from seimon.ingest.readers import RawRow, Table, TableInfo, open_table
from seimon.ingest.rules import RowError, ValidationContext, load_rules, validate_rows

__all__ = [
    "HeaderMap",
    "RawRow",
    "Record",
    "RowError",
    "Table",
    "TableInfo",
    "ValidationContext",
    "load_rules",
    "open_table",
    "resolve_header",
    "validate_rows",
]
