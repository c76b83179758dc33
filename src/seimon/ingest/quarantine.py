"""Quarantine: rejected rows are kept, with where, which rule, the value and why, never dropped.

Each problem of each row is one quarantine record (file, sheet, row, field, rule, offending value,
severity, message in Chinese and English, and the raw row as JSON). Warnings (outliers, a falling
year-to-date value) are recorded too, with severity ``warning``, while their rows load.

The error report (``seimon import --report ERRORS.xlsx``) turns the quarantined rows back into a
spreadsheet the submitter can fix and send again: the original columns, then 行号/row, 字段/field,
规则/rule, 错误说明/message_zh and message (en). ``seimon quarantine retry`` imports such a corrected
file and marks the rows it fixed with ``resolved_by_batch``.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from seimon.errors import Location, SeimonError
from seimon.ingest.rules import RowError
from seimon.spreadsheet_cells import csv_row, xlsx_row
from seimon.store import Store

logger = logging.getLogger(__name__)

ROW_COLUMN = "行号/row"
FIELD_COLUMN = "字段/field"
RULE_COLUMN = "规则/rule"
MESSAGE_ZH_COLUMN = "错误说明/message_zh"
MESSAGE_EN_COLUMN = "message (en)"
REPORT_COLUMNS = (ROW_COLUMN, FIELD_COLUMN, RULE_COLUMN, MESSAGE_ZH_COLUMN, MESSAGE_EN_COLUMN)
"""Columns the error report adds after the original ones; a retry drops them from the extras."""

_ROW_ALIASES = frozenset({ROW_COLUMN, "行号", "row", "原行号"})

_COLUMNS = (
    "batch_id",
    "file_name",
    "sheet",
    "row_number",
    "field",
    "rule",
    "value",
    "severity",
    "message_zh",
    "message_en",
    "raw_json",
    "row_key",
)


def _value_text(value: Any) -> str | None:
    if value is None:
        return None
    shown = RowError("", None, 0, None, "", value, "", "").to_dict()["value"]
    return str(shown)


def record_problems(
    store: Store,
    batch_id: int,
    file_name: str,
    errors: Iterable[RowError],
    *,
    raw_by_row: Mapping[int, str | None],
    key_by_row: Mapping[int, str | None] | None = None,
) -> int:
    """Append problems to the quarantine table; returns how many were written."""
    keys = key_by_row or {}
    rows = [
        (
            batch_id,
            file_name,
            e.sheet,
            e.row,
            e.field,
            e.rule,
            _value_text(e.value),
            e.severity,
            e.message_zh,
            e.message_en,
            raw_by_row.get(e.row),
            keys.get(e.row),
        )
        for e in errors
    ]
    return store.bulk_insert("quarantine", _COLUMNS, rows) if rows else 0


def list_quarantine(
    store: Store, batch_id: int | None = None, *, severity: str | None = None, unresolved: bool = False
) -> list[dict[str, Any]]:
    """Quarantined problems, by batch and row.

    >>> from seimon.store import open_store
    >>> list_quarantine(open_store("duckdb:///:memory:"), 1)
    []
    """
    where, params = [], []
    if batch_id is not None:
        where.append("batch_id = ?")
        params.append(batch_id)
    if severity is not None:
        where.append("severity = ?")
        params.append(severity)
    if unresolved:
        where.append("resolved_by_batch IS NULL")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return store.fetch_dicts(
        f"SELECT {', '.join(_COLUMNS)}, resolved_by_batch FROM quarantine{clause}"
        " ORDER BY batch_id, row_number, field, rule",
        params,
    )


def report_rows(problems: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """One line per quarantined row: its original cells, then row, fields, rules and messages joined.

    One line per row (not per problem) so that the corrected sheet can be imported again as it is.

    >>> probs = [{"row_number": 3, "field": "revenue", "rule": "type", "message_zh": "不是数字",
    ...           "message_en": "not a number", "raw_json": '{"代码":"A","营业收入":"x"}', "severity": "error"}]
    >>> header, lines = report_rows(probs)
    >>> header
    ['代码', '营业收入', '行号/row', '字段/field', '规则/rule', '错误说明/message_zh', 'message (en)']
    >>> lines
    [['A', 'x', 3, 'revenue', 'type', '不是数字', 'not a number']]
    """
    by_row: dict[tuple[Any, int], list[Mapping[str, Any]]] = {}
    for p in problems:
        if p.get("severity", "error") != "error":
            continue
        by_row.setdefault((p.get("batch_id"), int(p["row_number"] or 0)), []).append(p)
    columns: list[str] = []
    raws: dict[tuple[Any, int], dict[str, Any]] = {}
    for key, items in by_row.items():
        raw = json.loads(items[0]["raw_json"]) if items[0].get("raw_json") else {}
        raws[key] = raw
        columns.extend(c for c in raw if c not in columns and c not in REPORT_COLUMNS)
    lines = []
    for key, items in by_row.items():
        raw = raws[key]
        lines.append(
            [raw.get(c) for c in columns]
            + [
                key[1],
                "; ".join(dict.fromkeys(str(p["field"] or "") for p in items)),
                "; ".join(dict.fromkeys(str(p["rule"]) for p in items)),
                "；".join(str(p["message_zh"]) for p in items),
                "; ".join(str(p["message_en"]) for p in items),
            ]
        )
    return columns + list(REPORT_COLUMNS), lines


def write_table(path: Path, header: Sequence[str], lines: Iterable[Sequence[Any]], sheet: str = "quarantine") -> Path:
    """Write a table as ``.xlsx`` (default) or ``.csv`` (UTF-8 with BOM so Excel shows Chinese)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(csv_row(header))
            writer.writerows(csv_row(line) for line in lines)
        return path
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise SeimonError(
            "导出文件应为 .xlsx 或 .csv", "the output file must be .xlsx or .csv", Location(file=str(path)), "output"
        )
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.append(xlsx_row(ws, header))
    for line in lines:
        ws.append(xlsx_row(ws, line))
    wb.save(path)
    return path


def write_error_report(store: Store, batch_id: int, path: Path) -> Path:
    """The quarantined rows of a batch as a spreadsheet the submitter can fix and resubmit."""
    header, lines = report_rows(list_quarantine(store, batch_id, severity="error"))
    return write_table(Path(path), header, lines, sheet="错误行")


def export_quarantine(store: Store, path: Path, batch_id: int | None = None) -> Path:
    """Every quarantined problem (errors and warnings) as ``.xlsx`` or ``.csv``, one line per problem."""
    problems = list_quarantine(store, batch_id)
    header = [*_COLUMNS, "resolved_by_batch"]
    return write_table(Path(path), header, ([p[c] for c in header] for p in problems))


def row_column(extras: Iterable[str]) -> str | None:
    """The column of a corrected file that carries the original row number (行号/row), if any.

    >>> row_column(["联系人", "行号/row"])
    '行号/row'
    """
    return next((c for c in extras if c in _ROW_ALIASES), None)


def resolve(store: Store, original: int, fixed_by: int, rows: Iterable[int], keys: Iterable[str]) -> int:
    """Mark unresolved problems of batch ``original`` fixed by batch ``fixed_by``; returns rows resolved.

    A problem is resolved when the corrected file loaded (or already held, unchanged) a row carrying
    its original row number, or a row with its key.
    """
    row_set = {int(r) for r in rows}
    key_set = {k for k in keys if k}
    pending = store.fetchall(
        "SELECT DISTINCT row_number, row_key FROM quarantine WHERE batch_id = ? AND resolved_by_batch IS NULL"
        " AND severity = 'error'",
        (original,),
    )
    fixed = [(r, k) for r, k in pending if (r is not None and int(r) in row_set) or (k is not None and k in key_set)]
    for row_number, _key in fixed:
        store.execute(
            "UPDATE quarantine SET resolved_by_batch = ? WHERE batch_id = ? AND row_number = ?"
            " AND resolved_by_batch IS NULL",
            (fixed_by, original, row_number),
        )
    logger.info("batch %d resolved %d quarantined rows of batch %d", fixed_by, len(fixed), original)
    return len(fixed)


__all__ = [
    "REPORT_COLUMNS",
    "ROW_COLUMN",
    "export_quarantine",
    "list_quarantine",
    "record_problems",
    "report_rows",
    "resolve",
    "row_column",
    "write_error_report",
    "write_table",
]
