"""`seimon assess` and `seimon warnings`: thin shells over :mod:`seimon.assess.report`, :mod:`~seimon.assess.explain`
and :mod:`seimon.assess.warnings`.

The root app registers :func:`assess_command` and :func:`warnings_command`. Exit codes: 0 done (whatever the
statuses or warnings), 2 a located error (a bad date, an unknown target or method, a bad rule file).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Annotated, Any

import typer

from seimon.cli.options import JsonOption, PlanOption, StoreOption
from seimon.cli.output import console, print_error, print_json
from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)

STATUS_STYLE: dict[str, str] = {
    "achieved": "bold green",
    "on_track": "green",
    "acceleration_needed": "yellow",
    "limited": "dark_orange",
    "deteriorating": "bold red",
    "not_achieved": "bold red",
    "insufficient_data": "dim",
}
SEVERITY_STYLE: dict[str, str] = {"critical": "bold red", "warning": "yellow", "info": "cyan"}

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="评估日期 YYYY-MM-DD（此后发布的数据不计）/ as-of date, later publications ignored; 默认今天 / today",
        show_default=False,
    ),
]


def parse_as_of(text: str | None) -> dt.date:
    """The ``--as-of`` date (today when absent), or a located bilingual error.

    >>> parse_as_of("2019-06-30")
    datetime.date(2019, 6, 30)
    """
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())  # "2019-06-30"
    except ValueError:
        raise SeimonError(
            f"评估日期应为 YYYY-MM-DD：{text}",
            f"--as-of must be a date YYYY-MM-DD: {text}",
            Location(field="--as-of"),
            code="bad_option",
        ) from None


def _fmt(value: float | None, pct: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if pct else f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _assess_table(rows: list[dict[str, Any]], as_of: dt.date, method: str) -> None:
    from rich.table import Table

    table = Table(title=f"目标评估 / target assessment（{as_of}，方法 / method {method}）", show_lines=False)
    for header in (
        "目标 / target",
        "状态 / status",
        "基期 / baseline",
        "最新 / latest",
        "目标值 / target",
        "进度 / progress",
        "时间 / time",
        "比值 / ratio",
        "预测 / forecast",
        "达标概率 / P(meet)",
    ):
        table.add_column(header, overflow="fold")
    for r in rows:
        style = STATUS_STYLE.get(r["status"], "")
        forecast = r["forecast"] or {}
        fc = "—"
        if forecast.get("value") is not None:
            band = (
                f" [{_fmt(forecast['lower'])}, {_fmt(forecast['upper'])}]" if forecast.get("lower") is not None else ""
            )
            fc = f"{_fmt(forecast['value'])}{band} {forecast.get('method') or ''}"
        table.add_row(
            f"{r['name_zh']}\n[dim]{r['target_id']}[/]",
            f"[{style}]{r['status_zh']}[/]\n[dim]{r['status']}[/]",
            f"{_fmt(r['baseline_value'])} ({r['baseline_period'] or '—'})",
            f"{_fmt(r['latest_value'])} ({r['latest_period'] or '—'})",
            f"{_target_text(r)} ({r['deadline']})",
            _fmt(r["progress_share"], pct=True),
            _fmt(r["time_share"], pct=True),
            _fmt(r["ratio"]),
            fc,
            _fmt(r["probability_meet"], pct=True),
        )
    console.print(table)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["status_zh"]] = counts.get(r["status_zh"], 0) + 1
    console.print("  ".join(f"{k} {v}" for k, v in counts.items()), highlight=False)


def _target_text(row: dict[str, Any]) -> str:
    """The target as the plan promises it: "1–2 家" for a range, "新增 / added =500 家（2015年后 / after 2015）" for a
    flow, "≥15 %" otherwise.

    >>> _target_text({"comparator": "=", "target_value": 1.0, "target_value_max": 2.0, "unit": "家"})
    '1–2 家'
    """
    unit = row["unit"]
    if row.get("target_value_max") is not None:
        return f"{_fmt(row['target_value'])}–{_fmt(row['target_value_max'])} {unit}"
    text = f"{row['comparator']}{_fmt(row['target_value'])} {unit}"
    if row.get("semantics") == "flow" and row.get("counted_from") is not None:
        return f"新增 / added {text}（{row['counted_from']}年后 / after {row['counted_from']}）"
    return text


def _print_explanation(data: dict[str, Any]) -> None:
    from rich.panel import Panel
    from rich.table import Table

    style = STATUS_STYLE.get(data["status"], "")
    head = (
        f"{data['name_zh']} / {data['name_en']}\n"
        f"状态 / status: [{style}]{data['status_zh']} / {data['status_en']}[/]；方法 / method {data['method']}；"
        f"评估日 / as of {data['as_of']}\n"
        f"目标 / target {_target_text(data)}，期限 / deadline "
        f"{data['deadline']}；数据来源 / values from: {data['source_description']}"
    )
    console.print(Panel(head, title=f"① 目标 / target {data['target_id']}", expand=False), highlight=False)
    for title, rows, extra in (
        ("② 采用的观测值 / observations used", data["observations_used"], "role"),
        ("③ 剔除的观测值 / observations set aside", data["observations_set_aside"], "reason"),
    ):
        table = Table(title=title)
        for header in (
            "时期 / period",
            "数值 / value",
            "单位 / unit",
            "来源 / source",
            "可靠性 / grade",
            "发布 / published",
            "批次:行 / batch:row",
            "说明 / note",
        ):
            table.add_column(header, overflow="fold")
        for o in rows:
            table.add_row(
                o["period"],
                _fmt(o["value"]),
                o["unit"],
                o["source"] or "—",
                o["reliability"] or "—",
                o["published"] or "—",
                f"{o['batch_id']}:{o['row_number']}" if o["batch_id"] is not None else o["origin"],
                o.get(extra) or "",
            )
        console.print(table)
    console.print(Panel("\n".join(data["formulas"]), title="④ 计算 / formulas", expand=False), highlight=False)
    console.print(Panel("\n".join(data["thresholds"]), title="⑤ 阈值 / thresholds", expand=False), highlight=False)
    forecast = data["forecast"] or {}
    lines = [
        f"{'✔' if c['chosen'] else ' '} {c['method']}: {c['metric'] or ''} {_fmt(c['backtest_error'])}"
        for c in data["forecast_candidates"]
    ]
    if forecast.get("value") is not None:
        lines.append(
            f"预测 / forecast {_fmt(forecast['value'])} [{_fmt(forecast['lower'])}, {_fmt(forecast['upper'])}]"
            f"（{forecast['level']:.0%} 区间 / interval），"
            f"达标概率 / P(meet) {_fmt(data['probability_meet'], pct=True)}"
        )
    lines.extend(forecast.get("reasons") or [])
    console.print(
        Panel("\n".join(lines) or "—", title="⑥ 预测候选 / forecast candidates", expand=False), highlight=False
    )
    console.print(
        Panel("\n".join(f"• {r}" for r in data["reasons"]) or "—", title="⑦ 理由 / reasons", expand=False),
        highlight=False,
    )


def assess_command(
    *,
    as_of: AsOfOption = None,
    method: Annotated[
        str, typer.Option("--method", help="增长评估方法 / growth method: opensdg | linear | extrapolation")
    ] = "opensdg",
    target: Annotated[
        list[str] | None,
        typer.Option("--target", help="只评估此目标（可重复）/ only this target (repeatable)", show_default=False),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option("--explain", help="逐步解释一个目标的计算 / explain one target step by step", show_default=False),
    ] = None,
    hindsight: Annotated[
        str | None,
        typer.Option(
            "--hindsight",
            help="回测状态：在这些日期（逗号分隔）评估，与 --as-of 时的到期结论对比 / back-test the statuses given on"
            " these dates (comma-separated) against the verdicts as of --as-of",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="按分解目标评估各市或各责任部门 / assess the breakdown per city | department",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
    plan_file: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """目标评估：进度、状态与到期预测 / assess plan targets: progress, status and forecasts to the deadline."""
    from seimon.assess.explain import explain_assessment
    from seimon.assess.report import assess_plan
    from seimon.plan import load_plan
    from seimon.store import open_store

    try:
        day = parse_as_of(as_of)
        plan = load_plan(plan_file)
        if hindsight is not None:
            _hindsight(store, plan, hindsight, day, json_output)
            return
        if by is not None:
            from seimon.cli.shares import assess_shares_output

            assess_shares_output(store, plan, by=by, as_of=day, method=method, targets=target, as_json=json_output)
            return
        ids = [explain] if explain else (target or None)
        with open_store(store) as opened:
            results = assess_plan(opened, plan, as_of=day, method=method, target_ids=ids)
        if explain:
            data = explain_assessment(results[0]).to_dict()
            if json_output:
                print_json(data)
            else:
                _print_explanation(data)
            return
        rows = [a.to_dict() for a in results]
        if json_output:
            print_json(rows)
        else:
            _assess_table(rows, day, method)
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None


def _hindsight(store: str | None, plan: Any, dates: str, verdict_on: dt.date, json_output: bool) -> None:
    """``seimon assess --hindsight 2017-12-31,2018-12-31 --as-of 2021-06-30``: how past statuses fared."""
    from rich.table import Table

    from seimon.assess.hindsight import hindsight
    from seimon.assess.status import STATUS_LABELS
    from seimon.store import open_store

    judged = [parse_as_of(d) for d in dates.split(",") if d.strip()]
    with open_store(store) as opened:
        found = hindsight(opened, judged_on=judged, verdict_on=verdict_on, plan=plan)
    if json_output:
        print_json(found)
        return
    table = Table(
        title=f"状态回测 / hindsight: {', '.join(found['judged_on'])} → {found['verdict_on']}"
        f"（有到期结论的目标 / targets with a verdict: {found['with_verdict']}）"
    )
    for col in ("方法 / method", "当时状态 / status then", "判定数 / judged", "实现 / achieved", "实现率 / share"):
        table.add_column(col)
    for method, statuses in found["methods"].items():
        for status, t in statuses.items():
            share = "—" if t["share_achieved"] is None else f"{t['share_achieved']:.0%}"
            table.add_row(method, f"{STATUS_LABELS[status][0]} / {status}", str(t["judged"]), str(t["achieved"]), share)
    console.print(table)


def warnings_command(
    *,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    json_output: JsonOption = False,
    internal: Annotated[
        bool,
        typer.Option("--internal", help="包括仅限内部的预警（点名企业）/ include internal warnings naming enterprises"),
    ] = False,
    rules: Annotated[
        Path | None,
        typer.Option(
            "--rules",
            help="预警规则文件（YAML）/ warning rule file; 默认内置 / default: built-in",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    schema: Annotated[
        bool, typer.Option("--schema", help="输出规则文件的 JSON Schema / print the rule JSON Schema")
    ] = False,
    plan_file: PlanOption = None,
) -> None:
    """预警：状态下降、连续下滑、低于规上工业、排名末位、异常值、报送完整性、企业骤降 / early warnings."""
    from seimon.assess.warnings import load_rules, rules_json_schema, run_warnings
    from seimon.plan import load_plan
    from seimon.store import open_store

    if schema:
        typer.echo(rules_json_schema(), nl=False)
        return
    try:
        day = parse_as_of(as_of)
        rule_set = load_rules(rules)
        plan = load_plan(plan_file)
        with open_store(store) as opened:
            found = run_warnings(opened, as_of=day, rules=rule_set, plan=plan, include_internal=internal)
    except SeimonError as err:
        print_error(err)
        raise typer.Exit(2) from None
    if json_output:
        print_json([w.to_dict() for w in found])
        return
    _warnings_table([w.to_dict() for w in found], day)


def _warnings_table(rows: list[dict[str, Any]], as_of: dt.date) -> None:
    from rich.table import Table

    table = Table(title=f"预警 / early warnings（{as_of}）")
    for header in ("级别 / severity", "规则 / rule", "地区 / region", "时期 / period", "说明 / message"):
        table.add_column(header, overflow="fold")
    for w in rows:
        style = SEVERITY_STYLE.get(w["severity"], "")
        where = w["region_name"] or w["region"] or w["industry"] or "—"
        table.add_row(
            f"[{style}]{w['severity_zh']}[/]\n[dim]{w['severity']}[/]",
            f"{w['rule_id']}\n[dim]{w['reason_code']}[/]" + ("\n[red]内部 / internal[/]" if w["internal"] else ""),
            where,
            w["period"] or "—",
            f"{w['message_zh']}\n[dim]{w['message_en']}[/]",
        )
    console.print(table)
    console.print(f"共 {len(rows)} 条 / {len(rows)} warnings", highlight=False)
