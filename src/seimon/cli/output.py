"""How the CLI prints: JSON for scripts, Rich tables for people, bilingual errors on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from seimon.errors import SeimonError

console = Console()
err_console = Console(stderr=True)


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
    """Print a located error in Chinese, then English, on stderr."""
    loc = err.location
    prefix_zh = f"{loc.zh()}：" if loc else ""
    prefix_en = f"{loc.en()}: " if loc else ""
    err_console.print(f"[bold red]错误[/] {prefix_zh}{err.message_zh}", highlight=False, soft_wrap=True)
    err_console.print(f"[bold red]Error[/] {prefix_en}{err.message_en}", highlight=False, soft_wrap=True)
