"""`seimon plan extract FILE`: list the quantitative commitments of a Chinese plan text.

A thin shell over :func:`seimon.plan.extract.extract_commitments`. Plans arrive as UTF-8 or, from older
government sites, GB18030; the file is decoded as UTF-8 first and by charset detection otherwise. The
command is registered by ``seimon.cli.plan`` (``app.command("extract")(extract_command)``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from seimon.cli.output import console, print_json
from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)


def read_plan_text(path: Path) -> str:
    """Read a plan text as UTF-8, else GB18030, else the encoding charset detection finds (Big5, UTF-16 …).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = p.write_bytes("到2020年，培育百家领军企业。".encode("gb18030"))
    >>> read_plan_text(p)
    '到2020年，培育百家领军企业。'
    """
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        # GB18030 before detection: detectors misjudge short Chinese texts (a one-line plan excerpt).
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SeimonError(
            "无法识别文件编码（应为 UTF-8 或 GB18030）",
            "cannot detect the file encoding (expected UTF-8 or GB18030)",
            Location(file=str(path)),
            code="encoding",
        )
    logger.info("decoded %s as %s", path, best.encoding)
    return str(best)


def extract_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="规划文本文件（UTF-8 或 GB18030）/ plan text file (UTF-8 or GB18030)",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ],
    json_output: Annotated[bool, typer.Option("--json", help="输出 JSON / print JSON")] = False,
) -> None:
    """抽取规划中的量化目标 / Extract the quantitative commitments of a plan text."""
    from seimon.plan.extract import extract_commitments

    commitments = extract_commitments(read_plan_text(file))
    if json_output:
        print_json([c.to_dict() for c in commitments])
        return
    from rich.table import Table

    table = Table(title=f"量化目标 / quantitative commitments: {file.name}")
    headers = ("序号 / no.", "数值 / value", "单位 / unit", "比较 / cmp", "年份 / year", "类型 / kind", "条款 / clause")
    for header in headers:
        table.add_column(header, overflow="fold")
    for number, item in enumerate(commitments, start=1):
        value = f"{item.value:g}" if item.value_max is None else f"{item.value:g}–{item.value_max:g}"
        role = _ROLE_LABELS.get(item.role)
        clause = item.text if role is None else f"[dim]{item.text}（{role}）[/]"
        year = "" if item.year is None else str(item.year)
        kind = item.kind if item.role == "commitment" else ""
        table.add_row(str(number), value, item.unit, item.comparator, year, kind, clause)
    console.print(table)


# How rows that are not targets are marked in the table.
_ROLE_LABELS = {
    "qualifier": "限定条件 / qualifier",
    "baseline": "基数 / baseline",
    "status": "现状 / status",
    "descriptor": "描述 / descriptor",
}
