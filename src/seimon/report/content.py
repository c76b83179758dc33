"""The content of a report as pure data: sections of sentences, tables of already-rounded cells, and charts.

Renderers (DOCX, PDF, HTML, XLSX) only lay this out; they never compute or round. Narrative sentences are built
from the same formatted cells the tables show, so a number in the text is always a number in a table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]
Edition = Literal["public", "internal"]

SUPPRESSED = "—"


def tr(lang: Lang, zh: str, en: str) -> str:
    """Pick the text of the report's language.

    >>> tr("en", "增速", "growth")
    'growth'
    """
    return zh if lang == "zh" else en


def fmt_num(value: float | None, digits: int = 1) -> str:
    """A cell as releases print it: fixed decimals, ``—`` when missing (rates get one decimal).

    >>> fmt_num(5.1652), fmt_num(None), fmt_num(1503.2018, 1), fmt_num(2048.0, 0)
    ('5.2', '—', '1503.2', '2048')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return SUPPRESSED
    text = f"{value:.{digits}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text  # "-0.0" → "0.0"


def cell_value(text: str) -> float | None:
    """The number a formatted cell shows (``None`` for ``—``), for sentences that compare or take signs.

    >>> cell_value("-2.9"), cell_value("—")
    (-2.9, None)
    """
    return None if text == SUPPRESSED else float(text)


@dataclass
class Table:
    """A table of formatted cells; ``note`` explains suppressed cells or a gap in the data."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    note: str | None = None


@dataclass
class Chart:
    """A chart in two encodings: SVG for HTML/PDF (text stays text), PNG for DOCX."""

    key: str
    title: str
    caption: str
    svg: str
    png: bytes


@dataclass
class Section:
    """A numbered section: sentences first, then tables and charts; ``new_page`` starts it on a page of its own
    (the signature page of an evaluation report)."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    new_page: bool = False


@dataclass
class Report:
    """A whole report: what kind, for which period or date, which edition and language, and its sections.

    ``numbers`` keeps the unrounded values the cells came from (for tests and the web platform's JSON).
    """

    kind: Literal["bulletin", "evaluation", "appraisal", "guide"]
    title: str
    subtitle: str
    lang: Lang
    edition: Edition
    sections: list[Section]
    notes: list[str] = field(default_factory=list)
    numbers: dict[str, float | None] = field(default_factory=dict)

    def tables(self) -> list[Table]:
        """Every table in section order (the XLSX workbook has one sheet each)."""
        return [t for s in self.sections for t in s.tables]

    def paragraphs(self) -> list[str]:
        """Every sentence in section order, notes last."""
        return [p for s in self.sections for p in s.paragraphs] + self.notes


class Bulletin(Report):
    """A monitoring bulletin (监测简报) for one year-to-date period."""


class Evaluation(Report):
    """A plan evaluation report (规划评估报告) as of a date."""


class Guide(Report):
    """The yearly industry development guide (产业发展指南), public edition."""
