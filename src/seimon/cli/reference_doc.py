"""Render the command reference (docs/cli.md) from the Typer app itself, so the docs cannot drift.

A test regenerates the page and compares it with the committed file; ``make docs`` rewrites it.
"""

from __future__ import annotations

from typing import Any

import typer.main


# Typer builds click-style objects (vendored or not); they are read by attribute, not by class.
def _walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = [(path, command)]
    if isinstance(getattr(command, "commands", None), dict):
        for name in sorted(command.commands):
            found.extend(_walk(command.commands[name], [*path, name]))
    return found


def _param_line(param: Any) -> str:
    if param.param_type_name == "argument":
        return f"- `{(param.metavar or param.name or '').upper()}` (argument)"
    option = param
    names = ", ".join(f"`{n}`" for n in (*option.opts, *option.secondary_opts))
    help_text = " ".join((getattr(option, "help", None) or "").split())
    return f"- {names} — {help_text}" if help_text else f"- {names}"


def render_cli_reference() -> str:
    """Markdown for every command: its help text and its options.

    >>> "## `seimon plan lint`" in render_cli_reference()
    True
    """
    from seimon.cli.app import app

    root = typer.main.get_command(app)
    lines = [
        "# Command reference / 命令参考",
        "",
        "Generated from the code by `make docs` (`seimon.cli.reference_doc`); a test fails when it is stale.",
        "",
    ]
    for path, command in _walk(root, ["seimon"]):
        if command.hidden:
            continue
        lines.append(f"## `{' '.join(path)}`")
        lines.append("")
        text = " ".join((command.help or "").split())
        if text:
            lines.extend([text, ""])
        params = [p for p in command.params if p.name not in {"help"} and not getattr(p, "hidden", False)]
        if params:
            lines.extend(_param_line(p) for p in params)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
