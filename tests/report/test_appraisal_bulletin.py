"""The appraisal bulletin (考核结果通报): DOCX and PDF, Chinese and English, built from one small appraisal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from tests.appraise.conftest import BEST, WORST, load_units, qualities

from seimon.appraise import Appraisal, appraise
from seimon.report import render
from seimon.report.appraisal import build_appraisal_bulletin
from seimon.report.content import Report
from seimon.report.render_pdf import embedded_fonts
from seimon.store import open_store

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
NAMES_ZH = {BEST: "定州市", WORST: "石家庄市"}
NAMES_EN = {BEST: "Dingzhou", WORST: "Shijiazhuang"}


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Appraisal:
    """Share and growth cross for the middle units, so some rank intervals are wide."""
    q = qualities()
    growth = {u: (1 - v if u not in (BEST, WORST) else v) for u, v in q.items()}
    path = tmp_path_factory.mktemp("appraisal") / "store.duckdb"
    with open_store(f"duckdb://{path}") as store:
        load_units(store, q, growth=growth)
        return appraise(store, 2019, draws=400)


@pytest.fixture(scope="module")
def reports(result: Appraisal) -> dict[str, Report]:
    return {lang: build_appraisal_bulletin(None, 2019, lang, result=result) for lang in ("zh", "en")}  # type: ignore[arg-type]


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_both_formats_and_both_languages_render_the_ranking_and_intervals(
    reports: dict[str, Report], result: Appraisal, lang: str, fmt: str, tmp_path: Path
) -> None:
    data = render(reports[lang], fmt)
    (tmp_path / f"appraisal.{fmt}").write_bytes(data)
    text = docx_text(data) if fmt == "docx" else pdf_text(data)
    names = NAMES_ZH if lang == "zh" else NAMES_EN
    assert names[BEST] in text and names[WORST] in text
    assert ("考核结果通报" if lang == "zh" else "Appraisal of strategic emerging industry") in text
    dash = "～" if lang == "zh" else "–"
    for unit in result.ranked():  # every interval is printed as the JSON has it
        assert f"{unit.rank_low}{dash}{unit.rank_high}" in text
    if fmt == "pdf":
        assert embedded_fonts(data) == ["Noto-Sans-CJK-SC", "Noto-Serif-CJK-SC"]


def test_the_bulletin_names_leaders_and_laggards_with_their_indicators(reports: dict[str, Report]) -> None:
    zh = "\n".join(reports["zh"].paragraphs())
    assert re.search(r"定州市（第1名）领先，主要得益于：.+（[\d.]+%，得分100\.0）", zh)
    assert re.search(r"石家庄市（第13名）相对落后，主要短板：.+（[\d.]+%，得分0\.0）", zh)
    assert "名次对" in zh and "敏感" in zh  # the sensitivity summary
    tables = {t.key: t for t in reports["zh"].tables()}
    assert [row[1] for row in tables["ranking"].rows][:1] == ["定州市"]
    assert tables["profiles"].rows[-1][0] == "平均"  # the province line of the profiles
    assert len(tables["sensitivity"].rows) == 5


def test_the_english_edition_has_no_chinese(reports: dict[str, Report]) -> None:
    report = reports["en"]
    texts = [report.title, report.subtitle, *report.paragraphs()]
    for table in report.tables():
        texts += [table.title, *table.columns, *(c for row in table.rows for c in row), table.note or ""]
    leaks = [t for t in texts if CJK.search(t)]
    assert not leaks, leaks
