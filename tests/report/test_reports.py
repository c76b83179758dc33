"""Both reports from a small demo store, in all four formats, checked by parsing what was written."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from seimon.assess.report import assess_plan
from seimon.cli.report import app
from seimon.disclose import MIN_ENTERPRISES
from seimon.indicators.query import query
from seimon.reference.regions import load_regions
from seimon.report import Report, render
from seimon.report.content import SUPPRESSED, Section, Table, fmt_num
from seimon.report.numbering import chinese_numeral
from seimon.store import Store

from .conftest import AS_OF, PERIOD

NUMBER = re.compile(r"\d+(?:\.\d+)?")  # "增长6.4%" → "6.4"; signs are words (下降), so magnitudes only


def _table(report: Report, key: str) -> list[list[str]]:
    return next(t.rows for t in report.tables() if t.key == key)


def _cell(report: Report, key: str, label: str) -> str:
    return next(r[1] for r in _table(report, key) if r[0] == label)


def _numbers_in_tables(report: Report) -> set[float]:
    found: set[float] = set()
    for table in report.tables():
        for row in table.rows:
            for cell in row:
                found.update(float(n) for n in NUMBER.findall(cell))
    return found


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _xlsx_cells(data: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(data))
    return [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]


def _html_text(data: bytes) -> str:
    return re.sub(r"<[^>]+>", "", data.decode("utf-8"))  # "<td>6.4</td>" → "6.4"


# --- numbers ---------------------------------------------------------------------------------------------------
def test_headline_cells_equal_the_query_api(bulletin_public: Report, report_store: Store) -> None:
    def q(indicator: str, period: str = PERIOD) -> float:
        return query(indicator, period=period, store=report_store)[0]["value"]

    b = bulletin_public
    assert _cell(b, "headline", "增加值（现价）") == fmt_num(q("sei_va") / 10_000)
    assert _cell(b, "headline", "增加值增速（可比价）") == fmt_num(q("sei_va_real_growth"))
    assert _cell(b, "headline", "增速高于规模以上工业") == fmt_num(q("sei_growth_gap"))
    assert _cell(b, "headline", "比重变化") == fmt_num(
        q("sei_va_share_above_scale") - q("sei_va_share_above_scale", "2019-09")
    )
    assert _cell(b, "headline", "对规模以上工业增长的贡献率") == fmt_num(q("sei_contribution_rate"))
    assert _cell(b, "finance", "营业收入利润率") == fmt_num(q("sei_profit_margin"))
    growth = fmt_num(q("sei_va_real_growth"))
    first = b.sections[0].paragraphs[0]
    assert first.startswith("2020年1—9月，全省规模以上工业战略性新兴产业增加值同比")
    assert f"{growth.lstrip('-')}%" in first


def _stray_numbers(report: Report) -> list[tuple[str, str]]:
    """(number, sentence) for every number in the text (annex excepted) that no table cell shows."""
    allowed = _numbers_in_tables(report) | {1.0, 9.0, 2020.0, float(AS_OF.month), float(AS_OF.day)}
    sentences = [p for s in report.sections if not s.title.startswith("附件") for p in s.paragraphs]
    return [(n, p) for p in sentences for n in NUMBER.findall(p) if float(n) not in allowed]


@pytest.mark.parametrize("which", ["bulletin_public", "bulletin_internal", "evaluation"])
def test_every_number_in_the_text_is_in_a_table(which: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(which)
    assert report.sections[0].paragraphs
    assert _stray_numbers(report) == []


def test_the_number_check_catches_a_stray_number() -> None:
    table = Table("t", "表1", ["指标", "值"], [["增速", "6.4"]])
    good = Report("bulletin", "简报", "", "zh", "public", [Section("一", ["同比增长6.4%。"], [table])])
    bad = Report("bulletin", "简报", "", "zh", "public", [Section("一", ["同比增长6.5%。"], [table])])
    assert _stray_numbers(good) == []
    assert _stray_numbers(bad) == [("6.5", "同比增长6.5%。")]


def test_region_charts_include_the_schematic_map(bulletin_public: Report) -> None:
    charts = {c.key: c for s in bulletin_public.sections for c in s.charts}
    assert "示意图" in charts["region_map"].caption
    assert charts["region_bars"].png.startswith(b"\x89PNG") and charts["region_map"].svg.startswith("<svg")


def test_public_edition_suppresses_small_cells(bulletin_public: Report, bulletin_internal: Report) -> None:
    """Small cities are withheld, and a ranked table never places a withheld unit (its rank would tell the
    range of its value): withheld units go to a list of their own, by name, unranked."""
    public, internal = _table(bulletin_public, "by_region"), _table(bulletin_internal, "by_region")
    apart = _table(bulletin_public, "by_region_withheld")
    small = [r for r in internal if int(r[-1]) < MIN_ENTERPRISES]
    assert small, "the small store should have regions with fewer than 3 enterprises"
    apart_names = [r[0] for r in apart]
    assert {r[1] for r in small} <= set(apart_names)
    pinyin = {r.name_zh: r.name_en for r in load_regions().reporting_units()}
    assert apart_names == sorted(apart_names, key=lambda n: pinyin[n])  # alphabetical (pinyin), not by value
    assert not set(apart_names) & {r[1] for r in public}
    assert len(public) + len(apart) == len(internal) and public
    assert all(SUPPRESSED not in r[2:4] for r in public)
    assert all(r[3] != SUPPRESSED for r in internal)
    ranks = [int(r[0]) for r in public]
    assert ranks == list(range(1, len(ranks) + 1))
    growth = [float(r[3]) for r in public]
    assert growth == sorted(growth, reverse=True)
    assert any("次级抑制" in n for n in bulletin_public.notes)


def test_evaluation_rows_equal_assess_plan(evaluation: Report, report_store: Store) -> None:
    rows = _table(evaluation, "targets")
    results = [a.to_dict() for a in assess_plan(report_store, as_of=AS_OF)]
    assert len(rows) == len(results)
    for row, d in zip(rows, results, strict=True):
        assert row[0] == d["name_zh"] and row[5] == d["status_zh"]
        latest = d["latest_value"]
        expected = SUPPRESSED if latest is None else fmt_num(latest, 2 if abs(latest) < 10 else 1)
        assert row[3].split("\n")[0] == expected
    counts = {r[0]: int(r[1]) for r in _table(evaluation, "status_counts")}
    assert counts["合计"] == len(results)


def test_evaluation_numbering_has_no_gap_or_repeat(evaluation: Report) -> None:
    """Headings 一、二、… once each and in order (the annex apart); every table 表1, 表2, … in reading order."""
    headings = [s.title.split("、", 1)[0] for s in evaluation.sections if not s.title.startswith("附件")]
    assert headings == [chinese_numeral(i) for i in range(1, len(headings) + 1)]
    titles = [t.title for t in evaluation.tables()]
    numbers = [int(m.group(1)) for t in titles if (m := re.match(r"表(\d+) ", t))]
    assert len(numbers) == len(titles) and numbers == list(range(1, len(titles) + 1))
    assert not [t for t in titles if re.match(r"[一二三四五六七八九十]+、", t)]  # no table titled like a section


# --- formats ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["bulletin", "evaluation"])
def test_html_is_self_contained(rendered: dict, name: str) -> None:
    html = rendered[(name, "html")].decode("utf-8")
    assert "http://" not in html and "https://" not in html
    assert "<link" not in html and "<script" not in html
    assert "data:image/svg+xml;base64," in html


@pytest.mark.parametrize("name", ["bulletin", "evaluation"])
def test_every_format_carries_the_first_sentence(
    rendered: dict, name: str, bulletin_public: Report, evaluation: Report
) -> None:
    report = bulletin_public if name == "bulletin" else evaluation
    first = report.sections[0].paragraphs[0]
    assert first in _html_text(rendered[(name, "html")])
    assert first in _docx_text(rendered[(name, "docx")])
    assert first in _xlsx_cells(rendered[(name, "xlsx")])
    pdf = re.sub(r"\s+", "", _pdf_text(rendered[(name, "pdf")]))
    assert re.sub(r"\s+", "", first) in pdf


def test_pdf_fonts_are_embedded(rendered: dict) -> None:
    for name in ("bulletin", "evaluation"):
        reader = PdfReader(io.BytesIO(rendered[(name, "pdf")]))
        seen = 0
        for page in reader.pages:
            for ref in (page["/Resources"].get("/Font") or {}).values():
                font = ref.get_object()
                descriptor = font.get("/FontDescriptor")
                if descriptor is None:
                    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                keys = set(descriptor.get_object().keys())
                assert keys & {"/FontFile", "/FontFile2", "/FontFile3"}, font["/BaseFont"]
                seen += 1
        assert seen
        assert "战略性新兴产业" in _pdf_text(rendered[(name, "pdf")])


def test_docx_styles_carry_east_asian_fonts_and_page_numbers(rendered: dict) -> None:
    doc = Document(io.BytesIO(rendered[("bulletin", "docx")]))
    for style in doc.styles:
        rpr = style.element.rPr
        if style.type in (1, 2, 3):  # paragraph, character, table
            fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
            assert fonts is not None and fonts.get(qn("w:eastAsia")), style.name
    assert doc.styles["Normal"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert doc.styles["Normal"].font.size.pt == 16
    assert doc.styles["Title"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    with zipfile.ZipFile(io.BytesIO(rendered[("bulletin", "docx")])) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
    assert any("PAGE" in f for f in footers)


def test_xlsx_has_every_table_with_numbers(rendered: dict, bulletin_public: Report) -> None:
    book = load_workbook(io.BytesIO(rendered[("bulletin", "xlsx")]))
    assert len(book.worksheets) == 1 + len(bulletin_public.tables())
    sheet = book.worksheets[1]
    growth = _cell(bulletin_public, "headline", "增加值增速（可比价）")
    assert float(growth) in [c for row in sheet.iter_rows(values_only=True) for c in row]


def test_public_outputs_name_no_enterprise(rendered: dict, bulletin_internal: Report, report_store: Store) -> None:
    firms = report_store.fetchall("SELECT credit_code, name FROM enterprises")
    texts = {
        "html": _html_text,
        "docx": _docx_text,
        "pdf": _pdf_text,
        "xlsx": lambda d: "\n".join(map(str, _xlsx_cells(d))),
    }
    for (name, fmt), data in rendered.items():
        text = texts[fmt](data)
        leaked = [n for code, n in firms if code in text or n in text]
        assert not leaked, f"{name}.{fmt} names {leaked[:3]}"
    internal = _html_text(render(bulletin_internal, "html"))
    top = _table(bulletin_internal, "key_enterprises")[0]
    assert top[0] in internal and top[1] in internal


def test_cli_rejects_a_bad_period_in_both_languages(tmp_path, report_store: Store) -> None:
    result = CliRunner().invoke(
        app, ["bulletin", "--period", "2020-13", "--format", "html", "-o", str(tmp_path / "b.html"),
              "--store", "duckdb:///:memory:"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert not (tmp_path / "b.html").exists()
