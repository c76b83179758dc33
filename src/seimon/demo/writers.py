"""Write demo tables the way submissions arrive: UTF-8 and GBK CSV, plain and "made for people" XLSX.

Headers come from the canonical import columns (:data:`seimon.ingest.headers.KINDS`): the field name in
English files, the Chinese label in Chinese files, with the unit in brackets where it is not the
canonical one (``营业收入(亿元)``). Each writer returns a :class:`WrittenFile` describing what it wrote,
including the row number (as a spreadsheet or editor shows it) of the first data row, so that the
manifest can point at injected errors exactly where the import will report them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.cell_range import CellRange

from seimon.ingest.headers import KINDS
from seimon.spreadsheet_cells import csv_cell, xlsx_row

logger = logging.getLogger(__name__)

Language = Literal["zh", "en"]

MONEY_FIELDS = ("revenue", "value_added", "value_added_prior", "profit", "rd_expenditure")
_UNIT_DIVISOR = {"万元": 1.0, "亿元": 1e4}
_FIXED_TIME = dt.datetime(2021, 3, 1)  # workbook properties: fixed, so that a seed reproduces the content
CSV_CHUNK_ROWS = 50_000


@dataclass
class WrittenFile:
    """One written file, as the manifest lists it."""

    path: str
    kind: str
    format: Literal["csv", "xlsx"]
    encoding: str | None
    sheet: str | None
    rows: int
    header_row: int
    header_rows: int
    first_data_row: int
    language: Language
    money_unit: str | None
    description_zh: str
    description_en: str
    order: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def header_label(kind: str, field: str, language: Language, unit: str | None = None) -> str:
    """The header a file uses for ``field``: ``revenue``, ``营业收入`` or ``营业收入(亿元)``.

    >>> header_label("reports", "revenue", "zh", "亿元"), header_label("reports", "revenue", "en")
    ('营业收入(亿元)', 'revenue')
    """
    spec = next(s for s in KINDS[kind] if s.name == field)
    text = spec.name if language == "en" else spec.label_zh
    return f"{text}({unit})" if unit and unit != "万元" else text


def _money_converted(frame: pd.DataFrame, fields: Sequence[str], unit: str | None) -> pd.DataFrame:
    """Money columns in ``unit`` (万元 as generated; 亿元 with five decimals, i.e. 0.1万元)."""
    if unit is None or unit == "万元":
        return frame
    out = frame.copy()
    for field in fields:
        if field in MONEY_FIELDS and pd.api.types.is_numeric_dtype(out[field]):
            out[field] = np.round(out[field] / _UNIT_DIVISOR[unit], 5)
    return out


def write_csv(
    frame: pd.DataFrame,
    out_dir: Path,
    name: str,
    *,
    kind: str,
    fields: Sequence[str],
    language: Language,
    encoding: str,
    description: tuple[str, str],
    money_unit: str | None = None,
) -> WrittenFile:
    """Write a CSV with one header line, in chunks (large report files stay in bounded memory).

    >>> import tempfile
    >>> df = pd.DataFrame({"region": ["130000"], "period": ["2016年"], "indicator": ["地区生产总值"],
    ...     "value": [31827.9], "unit": ["亿元"]})
    >>> wf = write_csv(df, Path(tempfile.mkdtemp()), "r.csv", kind="regional", fields=list(df.columns),
    ...     language="zh", encoding="gbk", description=("地区", "regional"))
    >>> wf.rows, wf.first_data_row, wf.encoding
    (1, 2, 'gbk')
    """
    data = _money_converted(frame, fields, money_unit)[list(fields)]
    for column in data.select_dtypes(include=["object", "string"]).columns:  # text cells: never a formula
        data[column] = data[column].map(csv_cell)
    headers = [header_label(kind, f, language, money_unit if f in MONEY_FIELDS else None) for f in fields]
    path = out_dir / name
    data.to_csv(path, index=False, header=headers, encoding=encoding, chunksize=CSV_CHUNK_ROWS, lineterminator="\n")
    logger.info("wrote %s (%d rows, %s)", path, len(data), encoding)
    return WrittenFile(
        name, kind, "csv", encoding, None, len(data), 1, 1, 2, language, money_unit, description[0], description[1]
    )


def _workbook() -> Workbook:
    wb = Workbook(write_only=True)
    wb.properties.creator = "seimon demo"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    return wb


def _cells(frame: pd.DataFrame) -> list[list[Any]]:
    """Rows as plain Python values (numpy scalars and NaN become numbers and empty cells)."""
    rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    return [[v if not isinstance(v, np.generic) else v.item() for v in row] for row in rows]


def write_xlsx_table(
    frame: pd.DataFrame,
    out_dir: Path,
    name: str,
    *,
    kind: str,
    fields: Sequence[str],
    language: Language,
    sheet: str,
    description: tuple[str, str],
) -> WrittenFile:
    """Write a plain XLSX sheet: one header row, then data (openpyxl write-only mode)."""
    wb = _workbook()
    ws = wb.create_sheet(sheet)
    ws.append(xlsx_row(ws, [header_label(kind, f, language) for f in fields]))
    for row in _cells(frame[list(fields)]):
        ws.append(xlsx_row(ws, row))
    wb.save(out_dir / name)
    return WrittenFile(
        name, kind, "xlsx", None, sheet, len(frame), 1, 1, 2, language, None, description[0], description[1]
    )


def write_xlsx_report(
    frame: pd.DataFrame,
    out_dir: Path,
    name: str,
    *,
    sheet: str,
    title: str,
    footnote: str,
    description: tuple[str, str],
) -> WrittenFile:
    """Write reports as a city bureau would: a title row, a two-row merged header, data, a footnote.

    Row 1 is the title (merged across); rows 2–3 the header, where 工业增加值(万元) spans 本期 and
    上年同期 and every other label is merged down over both rows; data start on row 4.
    """
    top = ["统一社会信用代码", "企业名称", "时期", "营业收入(万元)", "工业增加值(万元)", None, "利润总额(万元)",
           "研发经费支出(万元)", "从业人员(人)"]  # fmt: skip
    sub = [None, None, None, None, "本期", "上年同期", None, None, None]
    fields = ["credit_code", "name", "period", "revenue", "value_added", "value_added_prior", "profit",
              "rd_expenditure", "employees"]  # fmt: skip
    wb = _workbook()
    ws = wb.create_sheet(sheet)
    ws.append(xlsx_row(ws, [title]))
    ws.append(top)
    ws.append(sub)
    for row in _cells(frame[fields]):
        ws.append(xlsx_row(ws, row))
    ws.append([])
    ws.append(xlsx_row(ws, [footnote]))
    last_col = "I"
    ws.merged_cells.add(CellRange(f"A1:{last_col}1"))
    ws.merged_cells.add(CellRange("E2:F2"))
    for col in "ABCDGHI":
        ws.merged_cells.add(CellRange(f"{col}2:{col}3"))
    wb.save(out_dir / name)
    return WrittenFile(
        name, "reports", "xlsx", None, sheet, len(frame), 2, 2, 4, "zh", "万元", description[0], description[1]
    )
