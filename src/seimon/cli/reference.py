"""`seimon reference` commands (placeholder until the stage lands)."""

from __future__ import annotations

import typer

app = typer.Typer(help="reference", no_args_is_help=True)
