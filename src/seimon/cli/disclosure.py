"""`seimon disclosure publish|audit|show|list`: public releases under disclosure control (:mod:`seimon.disclose`).

(``seimon release`` marks a period's enterprise data as released; this group records what is *published*.)
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from seimon.cli.options import JsonOption, StoreOption
from seimon.cli.output import console, print_json

logger = logging.getLogger(__name__)

app = typer.Typer(help="统计数据公开发布与保密审核 / public releases under disclosure control", no_args_is_help=True)

RulesOption = Annotated[
    Path | None,
    typer.Option("--rules", help="保密规则文件 / disclosure rules (YAML); 默认内置 / default: built-in", exists=True),
]
IndicatorListOption = Annotated[
    str | None,
    typer.Option(
        "--indicators",
        help="逗号分隔的企业数据之和指标 / comma-separated summed indicators (default: sei_va, above_scale_va, …)",
        show_default=False,
    ),
]


def _names(text: str | None) -> list[str] | None:
    return [t.strip() for t in text.split(",") if t.strip()] if text else None


def _print_audit(cells: list[dict], title: str) -> None:
    table = Table(
        "指标 / indicator",
        "表 / table",
        "单元格 / cell",
        "状态 / status",
        "可行区间 / interval",
        "保护 / ok",
        title=title,
    )
    for c in cells:
        if not c["suppressed"]:
            continue
        upper = "∞" if c["upper"] is None else f"{c['upper']:,.1f}"
        interval = "—" if c["lower"] is None else f"[{c['lower']:,.1f}, {upper}]"
        ok = "—" if c["protected"] is None else ("✓" if c["protected"] else "✗")
        table.add_row(c["indicator"], c["table"], "|".join(c["key"]), c["status"], interval, ok)
    console.print(table)


def publish_command(  # noqa: PLR0917 - Typer passes options positionally
    period: Annotated[str, typer.Argument(help="时期 / period, e.g. 2019 or 2020-09")],
    on: Annotated[str | None, typer.Option("--on", help="发布日期 / release date YYYY-MM-DD (default: today)")] = None,
    indicators: IndicatorListOption = None,
    rules: RulesOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """记录一次公开发布（抑制模式与审核结果）/ protect and record a public release of a period."""
    from seimon.cli.users import cli_actor
    from seimon.disclose.rules import load_rules
    from seimon.services.releases import publish
    from seimon.store import open_store

    day = dt.date.fromisoformat(on) if on else None
    with open_store(store) as opened:
        release = publish(opened, cli_actor(), period, on=day, indicators=_names(indicators), rules=load_rules(rules))
    summary = release.summary()
    if as_json:
        print_json(summary)
        return
    ok = "通过 / passed" if release.audit_ok else "未通过 / FAILED"
    console.print(
        f"发布 {release.id}：{release.period}，{summary['cells']} 个单元格，抑制 {summary['withheld']} 个；审核{ok}"
        f" / release {release.id} of {release.period}: {summary['cells']} cells, {summary['withheld']} withheld"
    )


def audit_command(
    period: Annotated[str, typer.Argument(help="时期 / period, e.g. 2019")],
    indicators: IndicatorListOption = None,
    rules: RulesOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """试算抑制模式并审核（不记录）/ compute the pattern and its audit without recording a release."""
    from seimon.disclose.releases import DEFAULT_INDICATORS, protect_period
    from seimon.disclose.rules import load_rules
    from seimon.indicators.query import ytd_key_for
    from seimon.indicators.registry import load_registry
    from seimon.store import open_store

    registry = load_registry()
    names = _names(indicators) or list(DEFAULT_INDICATORS)
    loaded = load_rules(rules)
    out = []
    with open_store(store) as opened:
        for name in names:
            p = protect_period(opened, name, ytd_key_for(period, registry[name]), rules=loaded, registry=registry)
            out.append({**p.summary(), "withheld": [i.to_dict() | {"status": p.status[i.cell]} for i in p.intervals]})
    if as_json:
        print_json(out)
        return
    for item in out:
        console.print(item["indicator"], item["status"], "audit ok" if item["audit_ok"] else "AUDIT FAILED")
        _print_audit(
            [{**w, "indicator": item["indicator"], "suppressed": True} for w in item["withheld"]], item["indicator"]
        )


def show_command(
    release_id: Annotated[int, typer.Argument(help="发布编号 / release id")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """一次发布的全部单元格与审核 / a release: its cells, pattern and audit."""
    from seimon.disclose.releases import load_release
    from seimon.store import open_store

    with open_store(store) as opened:
        release = load_release(opened, release_id)
    data = release.to_dict()
    if as_json:
        print_json(data)
        return
    console.print({k: v for k, v in data.items() if k != "cell_list"})
    _print_audit(data["cell_list"], f"release {release_id}")


def list_command(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """全部发布记录 / every recorded release, newest first."""
    from seimon.disclose.releases import list_releases
    from seimon.store import open_store

    with open_store(store) as opened:
        rows = list_releases(opened)
    if as_json:
        print_json(rows)
        return
    table = Table(
        "id", "时期 / period", "发布日 / on", "修订 / revises", "单元格 / cells", "抑制 / withheld", "审核 / audit"
    )
    for r in rows:
        table.add_row(
            str(r["id"]), r["period"], r["released_on"], str(r["revision_of"] or ""), str(r["cells"]),
            str(r["withheld"]), "ok" if r["audit_ok"] else "FAILED",
        )  # fmt: skip
    console.print(table)


app.command("publish")(publish_command)
app.command("audit")(audit_command)
app.command("show")(show_command)
app.command("list")(list_command)
