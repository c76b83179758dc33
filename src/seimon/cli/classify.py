"""`seimon classify` commands (placeholder until the stage lands)."""

from __future__ import annotations

import typer

app = typer.Typer(help="classify", no_args_is_help=True)
