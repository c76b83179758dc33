"""The `seimon` command line: a thin shell over the library functions (Typer + Rich)."""

from __future__ import annotations
