"""The English edition: the same report from the same store, in English words and the same numbers.

Built from the demo store fixture with ``lang="en"`` and rendered to HTML and PDF; checked against the Chinese
edition of the same period (conftest's ``bulletin_public``, ``bulletin_internal`` and ``evaluation``).
A Chinese character is allowed only in a proper name with no English form: the enterprise names of the internal
edition's key-enterprise table.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from seimon.plan import load_plan
from seimon.reference.regions import load_regions
from seimon.report import Report, build_bulletin, build_evaluation, render
from seimon.report.content import Section, Table
from seimon.report.narrative import period_label
from seimon.store import Store

from .conftest import AS_OF, PERIOD

# CJK ideographs and the CJK punctuation and full-width forms (“，” “（” “～”) that give Chinese away
CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")  # a cell of words, not of figures
NUMBER = re.compile(r"\d+(?:\.\d+)?")  # magnitudes: signs are words in both languages (下降 / fell by)
PROPER_NAMES = {("key_enterprises", 0)}  # (table, column) whose cells are names with no English form


@pytest.fixture(scope="module")
def english(report_store: Store) -> dict[str, Report]:
    return {
        "bulletin_public": build_bulletin(report_store, PERIOD, "public", "en"),
        "bulletin_internal": build_bulletin(report_store, PERIOD, "internal", "en"),
        "evaluation": build_evaluation(report_store, AS_OF, "en"),
    }


@pytest.fixture(scope="module")
def english_rendered(english: dict[str, Report]) -> dict[tuple[str, str], bytes]:
    return {
        (name, fmt): render(english[name], fmt) for name in ("bulletin_public", "evaluation") for fmt in ("html", "pdf")
    }


def texts(report: Report) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text a reader sees, table cells last."""
    yield "title", report.title
    yield "subtitle", report.subtitle
    for section in report.sections:
        yield "heading", section.title
        for paragraph in section.paragraphs:
            yield "sentence", paragraph
        for table in section.tables:
            yield f"{table.key} title", table.title
            for column in table.columns:
                yield f"{table.key} header", column
            if table.note:
                yield f"{table.key} note", table.note
            for row in table.rows:
                for i, cell in enumerate(row):
                    if (table.key, i) not in PROPER_NAMES:
                        yield f"{table.key} cell", cell
        for chart in section.charts:
            yield f"{chart.key} title", chart.title
            yield f"{chart.key} caption", chart.caption
    for note in report.notes:
        yield "note", note


def chinese_leaks(report: Report) -> list[tuple[str, str]]:
    return [(where, text) for where, text in texts(report) if CJK.search(text)]


@pytest.mark.parametrize("which", ["bulletin_public", "bulletin_internal", "evaluation"])
def test_no_chinese_in_the_english_text(english: dict[str, Report], which: str) -> None:
    report = english[which]
    assert report.lang == "en" and report.sections[0].paragraphs
    assert chinese_leaks(report) == []


def test_the_leak_check_catches_chinese() -> None:
    table = Table("by_region", "Table 6", ["region"], [["石家庄市"]])
    section = Section("4. By region", ["Growth was 6.4％."], [table])
    report = Report("bulletin", "Bulletin", "", "en", "public", [section])
    assert chinese_leaks(report) == [("sentence", "Growth was 6.4％."), ("by_region cell", "石家庄市")]


def test_proper_names_are_the_only_chinese_in_the_internal_edition(english: dict[str, Report]) -> None:
    firms = next(t for t in english["bulletin_internal"].tables() if t.key == "key_enterprises")
    assert firms.rows and all(CJK.search(row[0]) for row in firms.rows)  # enterprise names: no English form
    assert not any(CJK.search(cell) for row in firms.rows for cell in row[1:])  # their regions are in English


def test_regions_have_their_register_names(english: dict[str, Report]) -> None:
    register = {r.name_en for r in load_regions().regions.values()}
    tables = {t.key: t.rows for t in english["bulletin_public"].tables()}
    names = {row[1] for row in tables["by_region"]} | {row[0] for row in tables.get("by_region_withheld", [])}
    assert names == {r.name_en for r in load_regions().reporting_units()}
    subjects = {row[1] for t in english["bulletin_public"].tables() if t.key == "warnings" for row in t.rows}
    assert subjects & register, subjects  # warnings name their region in English


@pytest.mark.parametrize("name", ["bulletin_public", "evaluation"])
def test_rendered_html_and_pdf_have_no_chinese(english: dict[str, Report], english_rendered: dict, name: str) -> None:
    markup = english_rendered[(name, "html")].decode("utf-8")
    text = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", markup, flags=re.S))
    first = english[name].sections[0].paragraphs[0]
    assert first in text and english[name].tables()[-1].title in text
    assert CJK.findall(text) == []
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(english_rendered[(name, "pdf")])).pages)
    assert re.sub(r"\s+", "", first) in re.sub(r"\s+", "", pdf)
    assert CJK.findall(pdf) == []


# --- the same numbers ----------------------------------------------------------------------------------------------
def numbers(text: str, *labels: str) -> list[float]:
    """The numbers of a text in order, the labels removed (the period 2020年1—9月 / January–September 2020, names)."""
    for label in labels:
        text = text.replace(label, " ")
    return [float(n) for n in NUMBER.findall(text)]


def names() -> list[str]:
    """The period labels and every name of the plan in both languages, longest first: a name is not a figure
    ("“十三五”时期累计推广新能源汽车" / "NEVs promoted, cumulative over the 13th FYP")."""
    plan = load_plan()
    items = [*plan.targets, *plan.industries, *plan.bases, *plan.projects]
    found = {n for i in items for n in (i.name_zh, i.name_en) if n}
    return sorted(found | {period_label(2020, 9, "zh"), period_label(2020, 9, "en")}, key=len, reverse=True)


def _pairs(zh: Report, en: Report) -> Iterator[tuple[str, str, str]]:
    assert [len(s.paragraphs) for s in zh.sections] == [len(s.paragraphs) for s in en.sections]
    for zs, es in zip(zh.sections, en.sections, strict=True):
        for zp, ep in zip(zs.paragraphs, es.paragraphs, strict=True):
            yield "sentence", zp, ep


@pytest.mark.parametrize(("zh_fixture", "en_key"), [("bulletin_public", "bulletin_public"),
                                                    ("bulletin_internal", "bulletin_internal"),
                                                    ("evaluation", "evaluation")])  # fmt: skip
def test_english_sentences_state_the_chinese_numbers(
    english: dict[str, Report], zh_fixture: str, en_key: str, request: pytest.FixtureRequest
) -> None:
    zh: Report = request.getfixturevalue(zh_fixture)
    en = english[en_key]
    labels = names()
    compared = 0
    for _, zp, ep in _pairs(zh, en):
        assert numbers(ep, *labels) == numbers(zp, *labels), (zp, ep)
        compared += bool(numbers(zp, *labels))
    assert compared >= 3


@pytest.mark.parametrize(("zh_fixture", "en_key"), [("bulletin_public", "bulletin_public"),
                                                    ("evaluation", "evaluation")])  # fmt: skip
def test_english_tables_show_the_chinese_numbers(
    english: dict[str, Report], zh_fixture: str, en_key: str, request: pytest.FixtureRequest
) -> None:
    zh: Report = request.getfixturevalue(zh_fixture)
    en = english[en_key]
    assert [t.key for t in zh.tables()] == [t.key for t in en.tables()]
    cells = 0
    for zt, et in zip(zh.tables(), en.tables(), strict=True):
        assert len(zt.rows) == len(et.rows) and len(zt.columns) == len(et.columns), zt.key
        # figures are compared; a cell of words (a name, unit, status or warning message) is not: "100 mn yuan"
        # carries a digit and 亿元 none, "13th FYP" one and 十三五 none
        for zr, er in zip(zt.rows, et.rows, strict=True):
            for zc, ec in zip(zr, er, strict=True):
                if not IDEOGRAPH.search(zc):
                    assert numbers(ec) == numbers(zc), (zt.key, zc, ec)
                    cells += bool(numbers(zc))
    assert cells > 100
    assert en.numbers == zh.numbers  # the unrounded values behind the cells are the same too
