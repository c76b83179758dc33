"""`seimon report guide`: the yearly development guide, every figure through disclosure control."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.report import render
from seimon.report.content import SUPPRESSED
from seimon.report.guide import build_guide
from seimon.store import open_store

from .conftest import done_when_firms, load_firms


def test_the_guide_shows_no_withheld_figure_and_ranks_no_withheld_category(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 's.duckdb'}"
    firms = [dataclasses.replace(f, years=(2018, 2019)) for f in done_when_firms()]
    with open_store(url) as store:
        load_firms(store, firms, scale={2018: 0.9})
        guide = build_guide(store, 2019)
    tables = {t.key: t for t in guide.tables()}
    regions = {row[0]: row[1] for row in tables["by_region"].rows}
    assert regions["承德市"] == SUPPRESSED and regions["张家口市"] == SUPPRESSED  # 2 enterprises; one dominant
    assert regions["石家庄市"] != SUPPRESSED
    assert all(row[2] != SUPPRESSED for row in tables["fastest"].rows)
    html = render(guide, "html").decode("utf-8")
    assert "发展指南" in html and "紧缺人才目录" in html
    out = tmp_path / "guide.docx"
    result = CliRunner().invoke(
        app, ["report", "guide", "--year", "2019", "--format", "docx", "-o", str(out), "--store", url]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"
