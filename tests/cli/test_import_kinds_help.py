"""The import command's help names exactly the kinds the ingest registry holds (one registry of import kinds:
the help is written out only to keep the CLI's start fast, and this keeps it in step)."""

from __future__ import annotations

from seimon.cli.imports import KINDS_HELP
from seimon.ingest.loaders import KIND_SPECS


def test_the_help_lists_every_registered_kind_once() -> None:
    listed = [k.strip() for k in KINDS_HELP.split("|")]
    assert sorted(listed) == sorted(KIND_SPECS)
    assert len(listed) == len(set(listed))
