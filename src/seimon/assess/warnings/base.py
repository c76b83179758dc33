"""What every warning rule shares: the :class:`EarlyWarning` a rule returns, the :class:`WarningContext` it reads
indicator series through (one query per series), and the helpers that name regions and format numbers.

A leaf module: the rule modules and the engine import it, it imports none of them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from seimon.assess.warnings.rules import SEVERITY_ZH
from seimon.errors import SeimonError
from seimon.periods import Period, parse_period
from seimon.plan import Plan
from seimon.reference.regions import load_regions
from seimon.store import Store

logger = logging.getLogger(__name__)


@dataclass
class EarlyWarning:
    """One warning: what fired (rule, reason code), how bad, where (region / industry / base / target), the
    numbers behind it, and the text in Chinese and English. ``internal`` warnings are never published.
    """

    rule_id: str
    rule_type: str
    reason_code: str
    severity: str
    message_zh: str
    message_en: str
    region: str | None = None
    industry: str | None = None
    period: str | None = None
    internal: bool = False
    numbers: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``seimon warnings --json``."""
        return {
            "rule_id": self.rule_id,
            "rule_type": self.rule_type,
            "reason_code": self.reason_code,
            "severity": self.severity,
            "severity_zh": SEVERITY_ZH.get(self.severity, self.severity),
            "region": self.region,
            "region_name": region_name(self.region),
            "industry": self.industry,
            "period": self.period,
            "internal": self.internal,
            "numbers": self.numbers,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


def region_name(code: str | None) -> str | None:
    """The Chinese name of a region code (None when unknown or not a region, e.g. a base id).

    >>> region_name("130600"), region_name("national_sjz_bio")
    ('保定市', None)
    """
    if code is None:
        return None
    regions = load_regions()
    return regions.regions[code].name_zh if code in regions else None


def region_name_en(code: str | None) -> str | None:
    """The English name of a region code (None when unknown).

    >>> region_name_en("130600")
    'Baoding'
    """
    if code is None:
        return None
    regions = load_regions()
    return (regions.regions[code].name_en or None) if code in regions else None


def fmt_value(value: float) -> str:
    """A number as a warning message shows it: thousands grouped above 1,000, else at most two decimals.

    >>> fmt_value(21970300.4), fmt_value(2.74689), fmt_value(-0.5), fmt_value(3.0)
    ('21,970,300', '2.75', '-0.5', '3')
    """
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def indicator_names(indicator: str, registry: Any | None = None) -> tuple[str, str]:
    """(中文名, English name) of an indicator id for warning messages; the id itself when it is unknown.

    >>> indicator_names("sei_va_real_growth")[0]
    '战略性新兴产业增加值增速（可比价，同口径）'
    """
    from seimon.indicators.registry import load_registry

    reg = registry or load_registry()
    try:
        spec = reg[indicator]
    except (KeyError, SeimonError):
        return indicator, indicator
    return spec.name_zh, spec.name_en


@dataclass
class SeriesPoint:
    """One value of an indicator series: its period (year, end month), the value, and the row it came from."""

    period: Period
    value: float
    row: dict[str, Any]

    @property
    def key(self) -> tuple[int, int]:
        return (self.period.year, self.period.end_month)


@dataclass
class WarningContext:
    """What every evaluator may read: the store, the as-of date, the plan, and cached indicator queries."""

    store: Store
    as_of: dt.date
    plan: Plan
    registry: Any | None = None
    _cache: dict[tuple[Any, ...], list[dict[str, Any]]] = field(default_factory=dict)

    def query(
        self, indicator: str, *, region: str, by: str | None = None, single_month: bool = False
    ) -> list[dict[str, Any]]:
        """Rows of the indicator system's query API as published up to the as-of date (cached per call)."""
        key = (indicator, region, by, single_month)
        if key not in self._cache:
            from seimon.indicators import query

            self._cache[key] = query(
                indicator,
                region=region,
                by=by,
                store=self.store,
                vintage=self.as_of,
                registry=self.registry,
                single_month=single_month,
            )
        return self._cache[key]

    def series(
        self, indicator: str, *, region: str, by: str | None = None, single_month: bool = False
    ) -> dict[str, list[SeriesPoint]]:
        """Per region (or per ``by`` member) the series of an indicator, in time order, periods ending by as-of."""
        out: dict[str, list[SeriesPoint]] = {}
        for row in self.query(indicator, region=region, by=by, single_month=single_month):
            code = row["period"]
            # "2019-09" from a single-month query is month 9 of 2019; "2019-01..09" is 1–9月
            period = parse_period(code)
            if period.end_date() > self.as_of:
                continue
            member = str(row[by]) if by not in (None, "region") else str(row["region"])
            out.setdefault(member, []).append(SeriesPoint(period, float(row["value"]), row))
        for points in out.values():
            points.sort(key=lambda p: p.key)
        return out
