"""Reporting completeness and timeliness: enterprises in the register that have (not, or not on time) reported.

Read directly from the ``enterprises`` and ``reports`` tables through the store (the indicator system counts
reporting enterprises but not the ones missing). The period judged is the latest 1–N月 period reported by the
as-of date. An enterprise counts as registered when its current register row exists and it was established by
the period's end; as reported when a report row for the period was loaded by the as-of date; as on time when it
was loaded within ``due_days`` of the period end (the load time stands in for the receipt date). Units are the
reporting cities (定州, 辛集 on their own) and the province.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections import Counter

from seimon.assess.inputs import as_date
from seimon.assess.warnings.engine import EarlyWarning, WarningContext, region_name, region_name_en
from seimon.assess.warnings.rules import CompletenessRule
from seimon.reference.regions import PROVINCE_CODE, load_regions

logger = logging.getLogger(__name__)


def latest_period(ctx: WarningContext) -> tuple[int, int] | None:
    """(year, end month) of the latest report period that had ended and been loaded by the as-of date."""
    cutoff = dt.datetime.combine(ctx.as_of, dt.time.max)
    rows = ctx.store.fetchall(
        "SELECT DISTINCT year, end_month FROM reports WHERE start_month = 1 AND vintage <= ?", [cutoff]
    )
    ended = [
        (int(y), int(m))
        for y, m in rows
        if dt.date(int(y), int(m), calendar.monthrange(int(y), int(m))[1]) <= ctx.as_of
    ]
    return max(ended) if ended else None


def _unit(code: str) -> str:
    """The reporting city of a county code (定州 130682 and 辛集 130181 are their own units)."""
    regions = load_regions()
    if code not in regions:
        return code[:4] + "00"
    return regions.ancestor_at(code, "city", "reporting")


def evaluate(rule: CompletenessRule, ctx: WarningContext) -> list[EarlyWarning]:
    """Warnings for units whose completeness or timeliness for the latest period is below the thresholds."""
    key = latest_period(ctx)
    if key is None:
        return []
    year, month = key
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    cutoff = dt.datetime.combine(ctx.as_of, dt.time.max)
    register = ctx.store.fetch_dicts("SELECT credit_code, region, established FROM enterprises WHERE is_current", [])
    registered = {r["credit_code"]: r["region"] for r in register if (as_date(r["established"]) or dt.date.min) <= end}
    reports = ctx.store.fetch_dicts(
        "SELECT credit_code, MIN(vintage) AS first_loaded FROM reports "
        "WHERE year = ? AND start_month = 1 AND end_month = ? AND vintage <= ? GROUP BY credit_code",
        [year, month, cutoff],
    )
    due = end + dt.timedelta(days=rule.due_days)
    reported = {r["credit_code"]: as_date(r["first_loaded"]) for r in reports if r["credit_code"] in registered}
    units = {code: _unit(region) for code, region in registered.items()}
    expected = Counter(units.values())
    got = Counter(units[c] for c in reported)
    on_time = Counter(units[c] for c, d in reported.items() if d is not None and d <= due)
    expected[PROVINCE_CODE], got[PROVINCE_CODE] = len(registered), len(reported)
    on_time[PROVINCE_CODE] = sum(1 for d in reported.values() if d is not None and d <= due)
    period = f"{year}-01..{month:02d}" if month < 12 else str(year)
    label = f"{year}年1-{month}月" if month < 12 else f"{year}年"
    out: list[EarlyWarning] = []
    for unit in sorted(expected):
        n, k, ok = expected[unit], got[unit], on_time[unit]
        name, name_en = region_name(unit) or unit, region_name_en(unit) or unit
        completeness = k / n if n else 1.0
        if completeness < rule.min_completeness:
            missing = sorted(c for c, u in units.items() if unit in (u, PROVINCE_CODE) and c not in reported)
            out.append(
                EarlyWarning(
                    rule.id,
                    rule.type,
                    "reporting_incomplete",
                    rule.severity,
                    f"{name}{label}报表完整率 {completeness:.1%}（应报 {n} 家，已报 {k} 家），"
                    f"低于 {rule.min_completeness:.0%}",
                    f"{name_en} {period}: reporting completeness {completeness:.1%} ({k} of {n} registered enterprises "
                    f"reported), below {rule.min_completeness:.0%}",
                    region=unit,
                    period=period,
                    numbers={
                        "expected": n,
                        "reported": k,
                        "completeness": round(completeness, 4),
                        "threshold": rule.min_completeness,
                        "missing_count": len(missing),
                    },
                )
            )
        timeliness = ok / k if k else 1.0
        if k and timeliness < rule.min_timeliness:
            out.append(
                EarlyWarning(
                    rule.id,
                    rule.type,
                    "reporting_late",
                    rule.severity,
                    f"{name}{label}报表及时率 {timeliness:.1%}（{k} 家中 {ok} 家于期末后 {rule.due_days} 日内报送），"
                    f"低于 {rule.min_timeliness:.0%}",
                    f"{name_en} {period}: reporting timeliness {timeliness:.1%} ({ok} of {k} within "
                    f"{rule.due_days} days of the period end), below {rule.min_timeliness:.0%}",
                    region=unit,
                    period=period,
                    numbers={
                        "reported": k,
                        "on_time": ok,
                        "timeliness": round(timeliness, 4),
                        "threshold": rule.min_timeliness,
                        "due": due.isoformat(),
                    },
                )
            )
    return out
