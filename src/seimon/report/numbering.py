"""Section headings (一、二、…) and table and figure numbers (表1, 图1, …) of a report, counted as it is built.

A report's sections depend on its edition (the key-enterprise list is internal only) and on its data (a tracking
table appears only when there are projects). Hard-coded numbers then leave gaps (表11 followed by 表13) or repeat
a heading (two "三、"); so builders ask a :class:`Numbering` for the next number instead, in reading order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from seimon.report.content import Lang, tr

logger = logging.getLogger(__name__)

NUMERALS = "一二三四五六七八九十"


def chinese_numeral(n: int) -> str:
    """The Chinese numeral of a section number from 1 to 99, as headings write it.

    >>> chinese_numeral(3), chinese_numeral(10), chinese_numeral(12), chinese_numeral(20), chinese_numeral(35)
    ('三', '十', '十二', '二十', '三十五')
    """
    if not 1 <= n <= 99:
        raise ValueError(f"section number out of range: {n}")
    tens, units = divmod(n, 10)
    if tens == 0:
        return NUMERALS[units - 1]
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[units - 1] if units else "")


def heading(done: int, zh: str, en: str, lang: Lang) -> str:
    """The heading of the section after ``done`` sections: ``六、监测预警`` / ``6. Warnings``.

    >>> heading(5, "监测预警", "Warnings", "zh"), heading(5, "监测预警", "Warnings", "en")
    ('六、监测预警', '6. Warnings')
    """
    return tr(lang, f"{chinese_numeral(done + 1)}、{zh}", f"{done + 1}. {en}")


@dataclass
class Numbering:
    """Counters of one report: sections, tables and figures numbered so far, in reading order.

    >>> n = Numbering("zh")
    >>> n.section("总体情况", "Overview"), n.table("主要指标", "Headline"), n.table("分地区", "By region")
    ('一、总体情况', '表1 主要指标', '表2 分地区')
    >>> n.next_table, n.figure("趋势", "Trend")
    (3, '图1 趋势')
    """

    lang: Lang
    sections: int = 0
    tables: int = 0
    figures: int = 0

    def section(self, zh: str, en: str) -> str:
        """The next section's heading."""
        title = heading(self.sections, zh, en, self.lang)
        self.sections += 1
        return title

    def table(self, zh: str, en: str) -> str:
        """The next table's title: ``表3 分地区`` / ``Table 3 By region``."""
        self.tables += 1
        return tr(self.lang, f"表{self.tables} {zh}", f"Table {self.tables} {en}")

    def figure(self, zh: str, en: str) -> str:
        """The next figure's title: ``图2 分地区增速`` / ``Figure 2 Growth by region``."""
        self.figures += 1
        return tr(self.lang, f"图{self.figures} {zh}", f"Figure {self.figures} {en}")

    @property
    def next_table(self) -> int:
        """The number the next table will take (for a section built elsewhere that numbers its own tables)."""
        return self.tables + 1

    def took_tables(self, count: int) -> None:
        """Count ``count`` tables numbered by a section built elsewhere, from :attr:`next_table` on."""
        self.tables += count
