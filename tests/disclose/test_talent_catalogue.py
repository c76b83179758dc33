"""The talent-shortage catalogue (紧缺人才目录) of `seimon report guide`, through disclosure control.

A store built through the ordinary imports: six 集成电路设计 enterprises (plan industry next_gen_it) and three
环境治理 ones (energy_saving_env) with their demand by occupation. A cell resting on two enterprises is withheld,
never ranked, and the industry's published total minus the published cells does not give it back within the
protection level; a cell dominated by one enterprise is withheld; the guide renders with the catalogue in DOCX,
PDF and HTML, and `--as-of` reads only the demand known on that date.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.disclose.rules import load_rules
from seimon.ingest.pipeline import import_file
from seimon.reference.credit_code import generate_codes
from seimon.report import render
from seimon.report.content import SUPPRESSED
from seimon.report.guide import build_guide
from seimon.store import open_store

IT = list(generate_codes("130100", 6, seed=181))  # 6520 集成电路设计 → next_gen_it
ENV = list(generate_codes("130200", 3, seed=182))  # 7722 大气污染治理 → energy_saving_env
# (enterprise, occupation, headcount): 芯片验证工程师 rests on two enterprises; 环境监测工程师 is dominated by one
DEMAND = [
    *((IT[i], "大数据分析师", 5) for i in range(4)),
    (IT[0], "集成电路设计工程师", 10),
    (IT[1], "集成电路设计工程师", 9),
    (IT[2], "集成电路设计工程师", 8),
    (IT[4], "芯片验证工程师", 3),
    (IT[5], "芯片验证工程师", 4),
    (ENV[0], "环境监测工程师", 200),
    (ENV[1], "环境监测工程师", 1),
    (ENV[2], "环境监测工程师", 1),
]


def _store(tmp_path: Path, url: str | None = None) -> str:
    url = url or f"duckdb://{tmp_path / 'store.duckdb'}"
    register, demand = tmp_path / "enterprises.csv", tmp_path / "talent.csv"
    lines = ["统一社会信用代码,企业名称,地区代码,行业代码"]
    lines += [f"{c},集成电路设计{i},130102,6520" for i, c in enumerate(IT)]
    lines += [f"{c},环境治理{i},130202,7722" for i, c in enumerate(ENV)]
    register.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = [f"{c},{o},{n},2019,2020-01-15" for c, o, n in DEMAND]
    demand.write_text("统一社会信用代码,职业/岗位,需求人数,时期,发布日期\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with open_store(url, create=True) as store:
        assert import_file(store, "enterprises", register).status == "loaded"
        summary = import_file(store, "talent-demand", demand)
        assert (summary.status, summary.rows_quarantined) == ("loaded", 0)
    return url


def _catalogue(url: str, as_of: dt.date | None = None) -> list[list[str]]:
    with open_store(url) as store:
        guide = build_guide(store, 2019, as_of=as_of)
    found = [t for t in guide.tables() if t.key == "talent_catalogue"]
    return found[0].rows if found else []  # no demand known yet: the section says so, with no table


def test_a_two_enterprise_cell_is_withheld_and_not_recovered_from_its_industry_total(
    tmp_path: Path, store_url: str
) -> None:
    rows = _catalogue(_store(tmp_path, store_url))  # DuckDB and PostgreSQL
    it = [r for r in rows if r[0] == "新一代信息技术"]
    by_name = {r[2]: r for r in it}
    assert by_name["芯片验证工程师"][1:] == [SUPPRESSED, "芯片验证工程师", SUPPRESSED, SUPPRESSED]
    assert by_name["集成电路设计工程师"][3:] == ["27", "3"]
    ranked = [r for r in it if r[1] not in (SUPPRESSED, "")]
    assert all(r[3] != SUPPRESSED for r in ranked) and [r[1] for r in ranked] == [
        str(i) for i in range(1, 1 + len(ranked))
    ]
    total = by_name["合计"]
    true = {o: sum(n for c, oo, n in DEMAND if oo == o and c in IT) for o in by_name if o != "合计"}
    assert total[3] != SUPPRESSED  # 54 over six enterprises, none dominant: published
    if total[3] != SUPPRESSED:
        assert float(total[3]) == sum(true.values())
        published = sum(float(r[3]) for r in it if r[1] not in (SUPPRESSED, ""))
        protection = load_rules().protection_percent / 100
        for name, row in by_name.items():
            if row[3] == SUPPRESSED:  # the feasible upper bound from total − published covers the protection level
                assert float(total[3]) - published >= (1 + protection) * true[name], name
    withheld = [r for r in it if r[3] == SUPPRESSED]
    assert len(withheld) >= 2  # a complement is withheld with it (the total is published)
    env = {r[2]: r for r in rows if r[0] == "节能环保"}
    assert env["环境监测工程师"][3] == SUPPRESSED  # 200 of 202: dominated by one enterprise
    assert env["合计"][3] == SUPPRESSED  # the total is that same cell


def test_the_guide_renders_the_catalogue_in_docx_pdf_and_html(tmp_path: Path) -> None:
    url = _store(tmp_path)
    with open_store(url) as store:
        guide = build_guide(store, 2019)
    html = render(guide, "html").decode("utf-8")
    assert "紧缺人才目录" in html and "集成电路设计工程师" in html
    text = "\n".join(p.text for p in Document(io.BytesIO(render(guide, "docx"))).paragraphs)
    cells = "\n".join(
        c.text for t in Document(io.BytesIO(render(guide, "docx"))).tables for row in t.rows for c in row.cells
    )
    assert "紧缺人才目录" in text and "集成电路设计工程师" in cells
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(render(guide, "pdf"))).pages)
    assert "紧缺人才目录" in pdf and "集成电路设计工程师" in pdf
    out = tmp_path / "guide.html"
    result = CliRunner().invoke(
        app,
        ["report", "guide", "--year", "2019", "--as-of", "2019-12-31", "-f", "html", "-o", str(out), "--store", url],
    )
    assert result.exit_code == 0, result.output
    assert "集成电路设计工程师" not in out.read_text(encoding="utf-8")  # published 2020-01-15: not yet known


def test_the_catalogue_reads_the_demand_known_on_its_date(tmp_path: Path, store_url: str) -> None:
    url = _store(tmp_path, store_url)
    assert _catalogue(url, dt.date(2019, 12, 31)) == []
    assert _catalogue(url, dt.date(2020, 1, 15)) == _catalogue(url)
