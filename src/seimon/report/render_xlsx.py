"""Render a report's tables as an XLSX workbook: one sheet per table, plus a cover sheet with the text."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from seimon.report.content import Report
from seimon.spreadsheet_cells import xlsx_row

SHEET_FORBIDDEN = re.compile(r"[\[\]\*\?/\\:]")  # "表1 a/b" → "表1 a_b": Excel forbids []*?/\: in sheet names
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")  # "12.5": stored as a number so users can compute with it


def _sheet_name(title: str, used: set[str]) -> str:
    base = SHEET_FORBIDDEN.sub("_", title)[:28]
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:26]}_{n}"
    used.add(name)
    return name


def render_xlsx(report: Report) -> bytes:
    """The report's tables as XLSX bytes; numeric cells are numbers (shown with the same decimals).

    >>> from seimon.report.content import Report, Section, Table
    >>> t = Table("t", "表1", ["指标", "值"], [["增速", "5.2"]])
    >>> render_xlsx(Report("bulletin", "简报", "1—9月", "zh", "public", [Section("一", ["句。"], [t])]))[:2]
    b'PK'
    """
    book = Workbook()
    cover = book.active
    cover.title = "说明" if report.lang == "zh" else "About"
    cover.append(xlsx_row(cover, [report.title]))
    cover["A1"].font = Font(bold=True, size=14)
    cover.append(xlsx_row(cover, [report.subtitle]))
    for text in report.paragraphs():
        cover.append(xlsx_row(cover, [text]))
    cover.column_dimensions["A"].width = 120
    used = {cover.title}
    for table in report.tables():
        sheet = book.create_sheet(_sheet_name(table.title, used))
        sheet.append(xlsx_row(sheet, [table.title]))
        sheet["A1"].font = Font(bold=True)
        sheet.append(xlsx_row(sheet, table.columns))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
        for row in table.rows:
            values: list[object] = []
            for value in row:
                if NUMBER.match(value):
                    values.append(float(value))
                else:
                    values.append(value)
            sheet.append(xlsx_row(sheet, values))
            for cell, text in zip(sheet[sheet.max_row], row, strict=True):
                if isinstance(cell.value, float):
                    decimals = len(text.split(".")[1]) if "." in text else 0
                    cell.number_format = "0" if decimals == 0 else "0." + "0" * decimals
        if table.note:
            sheet.append([])
            sheet.append(xlsx_row(sheet, [table.note]))
        for i, _ in enumerate(table.columns):
            sheet.column_dimensions[chr(ord("A") + i)].width = 40 if i in (0, len(table.columns) - 1) else 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
