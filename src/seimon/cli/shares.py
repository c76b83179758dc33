"""`seimon assess --by city|department`: each city's or department's share, shown as a table or JSON.

Kept apart from :mod:`seimon.cli.assess` (which calls it) so that the assess command stays one module and the
share assessment (:mod:`seimon.assess.shares`) one call.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from seimon.cli.output import console, print_json

logger = logging.getLogger(__name__)


def assess_shares_output(
    store: str | None,
    plan: Any,
    *,
    by: str,
    as_of: dt.date,
    method: str,
    targets: list[str] | None,
    as_json: bool,
) -> None:
    """``seimon assess --by city|department``: each city's or department's share, assessed like the province's."""
    from rich.table import Table

    from seimon.assess.shares import assess_shares
    from seimon.store import open_store

    with open_store(store) as opened:
        doc = assess_shares(opened, plan, by=by, as_of=as_of, method=method, target_ids=targets)
    if as_json:
        print_json(doc)
        return
    table = Table(title=f"分解目标评估 / assessment by {by}（{as_of}，方法 / method {method}）")
    for header in (
        "单位 / unit",
        "目标 / target",
        "状态 / status",
        "最新 / latest",
        "目标值 / target",
        "里程碑 / milestones",
    ):
        table.add_column(header, overflow="fold")
    for group in doc["groups"]:
        for row in group["targets"]:
            marks = " ".join(
                f"{m['year']}{'✔' if m['met'] else '✘' if m['met'] is False else '?'}"
                for m in row.get("milestones", [])
            )
            table.add_row(
                group["name"] + (f"\n[dim]{row['role']}[/]" if row.get("role") else ""),
                f"{row['name_zh']}\n[dim]{row['target_id']}[/]",
                f"{row['status_zh']}\n[dim]{row['status']}[/]",
                f"{row['latest_value'] if row['latest_value'] is not None else '—'} ({row['latest_period'] or '—'})",
                f"{row['comparator']}{row['target_value']} {row['unit']}",
                marks or "—",
            )
    console.print(table)
    for check in doc.get("consistency", []):
        if check["consistent"] is False:
            console.print(
                f"[yellow]分解不一致 / parts do not add up[/] {check['target']} {check['year']}: "
                f"Σ {check['parts_sum']:,.6g} ≠ {check['province']:,.6g}",
                highlight=False,
            )
