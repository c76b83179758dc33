"""`seimon plan` commands (placeholder until the stage lands)."""

from __future__ import annotations

import typer

app = typer.Typer(help="plan", no_args_is_help=True)
