"""Enterprises with sharp drops in value added on the same-enterprise basis (internal only).

Enterprise reports carry the same period of the prior year (``value_added_prior``, 同口径), so the fall is the
enterprise's own. A flagged enterprise is named, which the Statistics Law (arts. 9, 25) forbids publishing: these
warnings are always ``internal`` and are shown only with ``seimon warnings --internal``.
"""

from __future__ import annotations

import datetime as dt
import logging

from seimon.assess.warnings.base import EarlyWarning, WarningContext
from seimon.assess.warnings.completeness import latest_period
from seimon.assess.warnings.rules import EnterpriseDropRule

logger = logging.getLogger(__name__)


def evaluate(rule: EnterpriseDropRule, ctx: WarningContext) -> list[EarlyWarning]:
    """Internal warnings for enterprises whose value added fell by at least ``rule.drop`` year on year."""
    key = latest_period(ctx)
    if key is None:
        return []
    year, month = key
    cutoff = dt.datetime.combine(ctx.as_of, dt.time.max)
    rows = ctx.store.fetch_dicts(
        "SELECT r.credit_code, r.value_added, r.value_added_prior, r.vintage, e.name, e.region, e.industry "
        "FROM reports r LEFT JOIN enterprises e ON e.credit_code = r.credit_code AND e.is_current "
        "WHERE r.year = ? AND r.start_month = 1 AND r.end_month = ? AND r.vintage <= ? "
        "AND r.value_added IS NOT NULL AND r.value_added_prior IS NOT NULL AND r.value_added_prior >= ? "
        "ORDER BY r.credit_code, r.vintage",
        [year, month, cutoff, rule.min_prior],
    )
    latest: dict[str, dict] = {}
    for row in rows:  # the latest vintage as of the date wins
        latest[row["credit_code"]] = row
    period = f"{year}-01..{month:02d}" if month < 12 else str(year)
    out: list[EarlyWarning] = []
    for code, row in sorted(latest.items()):
        prior, now = float(row["value_added_prior"]), float(row["value_added"])
        if prior <= 0:
            continue
        change = now / prior - 1.0
        if change > -rule.drop:
            continue
        name = row["name"] or code
        out.append(
            EarlyWarning(
                rule.id,
                rule.type,
                "enterprise_sharp_drop",
                rule.severity,
                f"【内部】{name}（{code}）{period} 增加值 {now:g} 万元，同口径同比下降 {-change:.1%}"
                f"（上年同期 {prior:g} 万元）",
                f"[internal] {code} {period}: value added {now:g} (10k yuan), down {-change:.1%} on the same "
                f"enterprise a year earlier ({prior:g})",
                region=row["region"],
                industry=row["industry"],
                period=period,
                internal=True,
                numbers={
                    "credit_code": code,
                    "value_added": now,
                    "value_added_prior": prior,
                    "change": round(change, 4),
                    "threshold": -rule.drop,
                },
            )
        )
    return out
