"""Reporting completeness and timeliness: enterprises expected to report that have (not, or not on time) reported.

Read directly from the ``enterprises`` and ``reports`` tables through the store (the indicator system counts
reporting enterprises but not the ones missing), as known at the as-of date: the register as it stood then and
the reports published by then. The period judged is the latest 1–N月 period known by the as-of date.

*Expected* are the enterprises in an active spell: established by the period's end, not exited (a 退出日期 in the
register on or before the period's end), and not dormant — an enterprise without any report for
``dormant_months`` after its last one counts as exited, and one that never reported counts as new only while its
register entry is younger than that. The warning says how many were treated as exited.

*On time* is judged only where the receipt time is known: reports that arrived through the platform's submissions
(their submission time against ``due_days`` after the period end). History loaded from files carries no receipt
time, so it never makes a period look late. Units are the reporting cities (定州, 辛集 on their own) and the
province.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import logging
from collections import Counter
from typing import Any

from seimon.assess.inputs import as_date
from seimon.assess.warnings.base import EarlyWarning, WarningContext, region_name, region_name_en
from seimon.assess.warnings.rules import CompletenessRule
from seimon.reference.regions import PROVINCE_CODE, load_regions

logger = logging.getLogger(__name__)


def latest_period(ctx: WarningContext) -> tuple[int, int] | None:
    """(year, end month) of the latest report period that had ended and been published by the as-of date."""
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


def register_as_of(ctx: WarningContext) -> list[dict[str, Any]]:
    """The enterprise register as known at the as-of date: each credit code's latest entry published by then."""
    cutoff = dt.datetime.combine(ctx.as_of, dt.time.max)
    return ctx.store.fetch_dicts(
        "SELECT credit_code, region, established, extra_json, vintage FROM (SELECT e.*, row_number() OVER"
        " (PARTITION BY credit_code ORDER BY vintage DESC, batch_id DESC, row_number DESC) AS rn"
        " FROM enterprises e WHERE vintage <= ?) e WHERE rn = 1",
        [cutoff],
    )


def _exited(extra_json: Any) -> dt.date | None:
    try:
        extra = json.loads(extra_json) if extra_json else {}
    except (TypeError, ValueError):
        return None
    return as_date(extra.get("exited")) if isinstance(extra, dict) else None


def expected_enterprises(ctx: WarningContext, year: int, month: int, dormant: int = 12) -> tuple[dict[str, str], int]:
    """(credit code → region) of the enterprises expected to report for 1–``month``月 ``year``, and how many
    registered enterprises were treated as exited (an exit date, or dormant)."""
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    cutoff = dt.datetime.combine(ctx.as_of, dt.time.max)
    index = year * 12 + month
    last = {
        r["credit_code"]: int(r["last"])
        for r in ctx.store.fetch_dicts(
            "SELECT credit_code, max(year * 12 + end_month) AS last FROM reports"
            " WHERE start_month = 1 AND vintage <= ? AND year * 12 + end_month < ? GROUP BY credit_code",
            [cutoff, index],
        )
    }
    expected: dict[str, str] = {}
    exited = 0
    for r in register_as_of(ctx):
        established = as_date(r["established"])
        if established is not None and established > end:
            continue
        gone = _exited(r.get("extra_json"))
        seen = last.get(r["credit_code"])
        if seen is None:
            known = as_date(r["vintage"]) or dt.date.min
            since = max(established or dt.date.min, known)
            active = (end.year * 12 + end.month) - (since.year * 12 + since.month) <= dormant
        else:
            active = index - seen <= dormant
        if (gone is not None and gone <= end) or not active:
            exited += 1
            continue
        expected[r["credit_code"]] = r["region"]
    return expected, exited


def evaluate(rule: CompletenessRule, ctx: WarningContext) -> list[EarlyWarning]:
    """Warnings for units whose completeness or timeliness for the latest period is below the thresholds."""
    key = latest_period(ctx)
    if key is None:
        return []
    year, month = key
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    cutoff = dt.datetime.combine(ctx.as_of, dt.time.max)
    registered, exited = expected_enterprises(ctx, year, month, rule.dormant_months)
    reported_rows = ctx.store.fetch_dicts(
        "SELECT DISTINCT credit_code FROM reports"
        " WHERE year = ? AND start_month = 1 AND end_month = ? AND vintage <= ?",
        [year, month, cutoff],
    )
    reported = {r["credit_code"] for r in reported_rows if r["credit_code"] in registered}
    receipts = {
        r["credit_code"]: r["received"]
        for r in ctx.store.fetch_dicts(
            "SELECT r.credit_code, min(s.submitted_at) AS received FROM reports r JOIN submissions s"
            " ON s.batch_id = r.batch_id WHERE r.year = ? AND r.start_month = 1 AND r.end_month = ?"
            " AND r.vintage <= ? AND s.submitted_at IS NOT NULL GROUP BY r.credit_code",
            [year, month, cutoff],
        )
        if r["credit_code"] in reported
    }
    due = end + dt.timedelta(days=rule.due_days)
    units = {code: _unit(region) for code, region in registered.items()}
    expected = Counter(units.values())
    got = Counter(units[c] for c in reported)
    timed = Counter(units[c] for c in receipts)
    on_time = Counter(units[c] for c, d in receipts.items() if (as_date(d) or dt.date.max) <= due)
    expected[PROVINCE_CODE], got[PROVINCE_CODE] = len(registered), len(reported)
    timed[PROVINCE_CODE] = len(receipts)
    on_time[PROVINCE_CODE] = sum(1 for d in receipts.values() if (as_date(d) or dt.date.max) <= due)
    period = f"{year}-01..{month:02d}"
    label = f"{year}年1-{month}月" if month < 12 else f"{year}年"
    out: list[EarlyWarning] = []
    for unit in sorted(expected):
        n, k = expected[unit], got[unit]
        name, name_en = region_name(unit) or unit, region_name_en(unit) or unit
        completeness = k / n if n else 1.0
        if completeness < rule.min_completeness:
            gone_zh = (
                f"；{exited} 家已退出或连续 {rule.dormant_months} 个月未报，不计入应报" if unit == PROVINCE_CODE else ""
            )
            gone_en = (
                f"; {exited} treated as exited (an exit date, or no report for {rule.dormant_months} months)"
                if unit == PROVINCE_CODE
                else ""
            )
            out.append(
                EarlyWarning(
                    rule.id,
                    rule.type,
                    "reporting_incomplete",
                    rule.severity,
                    f"{name}{label}报表完整率 {completeness:.1%}（应报 {n} 家，已报 {k} 家{gone_zh}），"
                    f"低于 {rule.min_completeness:.0%}",
                    f"{name_en} {period}: reporting completeness {completeness:.1%} ({k} of {n} enterprises expected "
                    f"to report{gone_en}), below {rule.min_completeness:.0%}",
                    region=unit,
                    period=period,
                    numbers={
                        "expected": n,
                        "reported": k,
                        "completeness": round(completeness, 4),
                        "threshold": rule.min_completeness,
                        "missing_count": n - k,
                        "treated_as_exited": exited,
                    },
                )
            )
        m, ok = timed[unit], on_time[unit]
        timeliness = ok / m if m else 1.0
        if m and timeliness < rule.min_timeliness:
            out.append(
                EarlyWarning(
                    rule.id,
                    rule.type,
                    "reporting_late",
                    rule.severity,
                    f"{name}{label}报表及时率 {timeliness:.1%}（经平台报送的 {m} 家中 {ok} 家"
                    f"于期末后 {rule.due_days} 日内报送），低于 {rule.min_timeliness:.0%}",
                    f"{name_en} {period}: reporting timeliness {timeliness:.1%} ({ok} of {m} submitted through the "
                    f"platform within {rule.due_days} days of the period end), below {rule.min_timeliness:.0%}",
                    region=unit,
                    period=period,
                    numbers={
                        "received": m,
                        "on_time": ok,
                        "timeliness": round(timeliness, 4),
                        "threshold": rule.min_timeliness,
                        "due": due.isoformat(),
                    },
                )
            )
    return out
