"""The bulletin's table by 国民经济行业大类 (GB/T 4754 divisions) and its sentence, on the small demo store."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from seimon.disclose import MIN_ENTERPRISES
from seimon.indicators.compile import UNKNOWN
from seimon.indicators.query import query
from seimon.reference.industries import divisions
from seimon.report import Bulletin, build_bulletin
from seimon.report.content import SUPPRESSED, Table, cell_value, fmt_num
from seimon.report.numbering import chinese_numeral
from seimon.store import Store

from .conftest import PERIOD

DIVISIONS = {d.code: d for d in divisions()}


def _table(report: Bulletin, key: str) -> Table:
    return next(t for t in report.tables() if t.key == key)


def _code(label: str) -> str:
    return label.split(" ", 1)[0]


@pytest.fixture(scope="module")
def bulletin_en(report_store: Store) -> Iterator[Bulletin]:
    yield build_bulletin(report_store, PERIOD, "public", "en")


def test_division_cells_equal_the_query_api(bulletin_internal: Bulletin, report_store: Store) -> None:
    def by(indicator: str) -> dict[str, float]:
        rows = query(indicator, period=PERIOD, store=report_store, by="division")
        return {r["division"]: r["value"] for r in rows}

    va, growth, count = by("sei_va"), by("sei_va_real_growth"), by("sei_enterprises")
    rows = _table(bulletin_internal, "by_division").rows
    assert len(rows) >= 3, "the demo store spreads SEI enterprises over several divisions"
    assert 0 in count.values(), "divisions where only non-SEI enterprises report come back with a count of 0"
    assert [_code(r[0]) for r in rows] == sorted(c for c in count if count[c] > 0)  # and are not rows
    for label, va_cell, growth_cell, count_cell in rows:
        code = _code(label)
        assert label == (f"{code} {DIVISIONS[code].name_zh}" if code != UNKNOWN else UNKNOWN)  # register names
        assert va_cell == fmt_num(va[code] / 10_000 if code in va else None, 1)
        assert growth_cell == fmt_num(growth.get(code))
        assert count_cell == fmt_num(count[code], 0)
    total = query("sei_enterprises", period=PERIOD, store=report_store)[0]["value"]
    assert sum(int(r[3]) for r in rows) == total  # one division per enterprise: the counts add up to the total


def test_public_division_table_suppresses_like_the_region_table(
    bulletin_public: Bulletin, bulletin_internal: Bulletin
) -> None:
    public, internal = _table(bulletin_public, "by_division").rows, _table(bulletin_internal, "by_division").rows
    assert [r[0] for r in public] == [r[0] for r in internal]
    small = [r for r in public if int(r[-1]) < MIN_ENTERPRISES]
    assert all(r[1] == SUPPRESSED and r[2] == SUPPRESSED for r in small)
    hidden = [r for r in public if r[1] == SUPPRESSED]
    if hidden:  # never a single withheld cell: the total minus the published divisions would give it
        assert len(hidden) >= 2
        assert _table(bulletin_public, "by_division").note and "—" in _table(bulletin_public, "by_division").note
    shown = [(p, i) for p, i in zip(public, internal, strict=True) if p[1] != SUPPRESSED]
    assert shown and all(p == i for p, i in shown)  # published cells are the internal edition's cells
    assert all(r[1] != SUPPRESSED for r in internal)


@pytest.mark.parametrize("which", ["bulletin_public", "bulletin_internal"])
def test_sentence_states_what_the_division_table_shows(which: str, request: pytest.FixtureRequest) -> None:
    report: Bulletin = request.getfixturevalue(which)
    rows = _table(report, "by_division").rows
    shown = [(r[0], r[2]) for r in rows if r[2] != SUPPRESSED]
    grew = [n for n, g in shown if (cell_value(g) or 0) > 0]
    name, rate = max(shown, key=lambda x: cell_value(x[1]) or -1e9)
    section = next(s for s in report.sections if any(t.key == "by_division" for t in s.tables))
    sentence = next(p for p in section.paragraphs if "行业大类中" in p)
    assert sentence.startswith(f"{len(shown)}个国民经济行业大类中，有{len(grew)}个增加值同比增长")
    assert f"其中{name}增长最快，增速为{rate}%" in sentence
    summary = {r[0]: r[2] for r in _table(report, "by_industry_summary").rows}
    assert summary["可公布个数（个）"] == str(len(shown))
    assert summary["增加值同比增长的个数（个）"] == str(len(grew))
    assert summary["增长最快的"] == name and summary["最快增速（%）"] == rate


@pytest.mark.parametrize("which", ["bulletin_public", "bulletin_internal"])
def test_bulletin_has_both_industry_breakdowns(which: str, request: pytest.FixtureRequest) -> None:
    report: Bulletin = request.getfixturevalue(which)
    titles = [t.title for t in report.tables()]
    assert any("按战略性新兴产业类别" in t for t in titles)
    assert any("按国民经济行业大类" in t for t in titles)
    numbers = [int(m.group(1)) for t in titles if (m := re.match(r"表(\d+) ", t))]
    assert len(numbers) == len(titles)
    # every table numbered in order, none skipped or repeated, in both editions (the public edition leaves out the
    # key-enterprise table and the numbers after it close up); the withheld regions, listed apart from the ranked
    # region table, carry that table's number (表7（续）)
    expected = list(range(1, len(set(numbers)) + 1))
    if any(t.key == "by_region_withheld" for t in report.tables()):
        ranked = int(re.match(r"表(\d+) ", next(t.title for t in report.tables() if t.key == "by_region")).group(1))
        expected.insert(expected.index(ranked), ranked)
    assert numbers == expected
    assert ("key_enterprises" in {t.key for t in report.tables()}) == (which == "bulletin_internal")
    numerals = [s.title.split("、", 1)[0] for s in report.sections]  # 一、二、… computed over the sections present
    assert numerals == [chinese_numeral(i) for i in range(1, len(report.sections) + 1)]


def test_english_edition_names_divisions_in_english(bulletin_en: Bulletin) -> None:
    table = _table(bulletin_en, "by_division")
    assert table.title == "Table 5 By industry division (GB/T 4754)"
    for row in table.rows:
        code = _code(row[0])
        assert row[0] == (f"{code} {DIVISIONS[code].name_en}" if code != UNKNOWN else "not reported")
    section = next(s for s in bulletin_en.sections if table in s.tables)
    assert any(p.startswith("Of ") and "industry divisions" in p for p in section.paragraphs)
    assert not re.search(r"[\u4e00-\u9fff]", " ".join([*section.paragraphs, *(c for r in table.rows for c in r)]))
