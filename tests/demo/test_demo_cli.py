"""`seimon demo generate` as a command: options, JSON output, bilingual option errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seimon.cli.demo import app, parse_years
from seimon.errors import SeimonError


def test_generate_writes_directory_and_prints_manifest(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = CliRunner().invoke(
        app, ["generate", "--out", str(out), "--enterprises", "80", "--years", "2019-2020", "--seed", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert printed["years"] == [2019, 2020]
    assert printed["enterprises"] == 80
    assert all((out / f["path"]).is_file() for f in printed["files"])


def test_years_option_is_checked() -> None:
    assert parse_years("2016–2018") == (2016, 2018)
    with pytest.raises(SeimonError, match="2015-2020"):
        parse_years("2020-2015")
    result = CliRunner().invoke(app, ["generate", "--out", "x", "--years", "2010-2012"])
    assert isinstance(result.exception, SeimonError)
    assert "超出校准范围" in result.exception.message_zh
