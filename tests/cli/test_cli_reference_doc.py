"""docs/cli.md is generated from the app: a new or changed command without regenerated docs fails here."""

from __future__ import annotations

import os
from pathlib import Path

from seimon.cli.reference_doc import render_cli_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_is_current() -> None:
    rendered = render_cli_reference()
    if os.environ.get("SEIMON_UPDATE_DOCS") == "1":
        DOC.write_text(rendered, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == rendered, "docs/cli.md is stale: run `make docs`"


def test_every_command_has_bilingual_help() -> None:
    missing = [
        line
        for line in render_cli_reference().splitlines()
        if line.startswith("## ") and line.count(" ") > 2  # sub-commands
    ]
    text = render_cli_reference()
    for header in missing:
        section = text.split(header, 1)[1].split("\n## ", 1)[0]
        assert "/" in section, f"{header} lacks help text in both languages"
