"""How the CLI prints: JSON for scripts, Rich tables for people, bilingual errors on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from seimon.errors import SeimonError

console = Console()
err_console = Console(stderr=True)

JSON_MODE = {"on": False}
"""Set by the entry point when ``--json`` was asked for: an error is then also the one JSON document on stdout."""


def _default(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    if isinstance(obj, set | frozenset | tuple):
        return list(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def dumps_json(data: Any) -> str:
    """JSON with Chinese kept readable (no ``\\u`` escapes)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default)


def print_json(data: Any) -> None:
    """Print JSON to stdout without Rich markup processing, so output stays machine-readable."""
    sys.stdout.write(dumps_json(data) + "\n")
    sys.stdout.flush()


def print_error(err: SeimonError) -> None:
    """Print a located error as one line on stderr, Chinese then English: ``错误 …｜Error …``.

    Under ``--json`` stdout also gets ``{"error": {...}}``, so that a script reading stdout always reads one
    JSON document, whether the command succeeded or not.
    """
    if JSON_MODE["on"]:
        print_json({"error": err.to_dict()})
    loc = err.location
    zh = escape(f"{loc.zh()}：{err.message_zh}" if loc else err.message_zh)
    en = escape(f"{loc.en()}: {err.message_en}" if loc else err.message_en)
    err_console.print(
        f"[bold red]错误[/] {zh} ｜ [bold red]Error[/] {en}",
        highlight=False,
        soft_wrap=True,
    )
