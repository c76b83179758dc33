"""What to compare with a target, by what the target promises (its semantics), from an observed series.

Why a separate, pure module: the same figures can mean different promises. "新建500家院士工作站" promises 500
*new* workstations, so a stock series (118 at end-2015, 420 at end-2019) must be read as 420 − 118 = 302 added,
not as 420 of 500; "1至2家" is met by 1 or 2, not "=1"; "每年滚动实施100项" must hold every year. The assessment
(:mod:`seimon.assess.progress`) reads the data; these functions say which number the target's rule compares,
and whether a final value meets it. They know nothing of stores or vintages: callers pass the already selected
year-end values.

Series are ``{year: value}`` of one kind of observation:

- ``"stock"`` — levels at year end (企业数, 装机容量, 保有量), also a share or rate series;
- ``"flow"`` — totals during the year (新增数, 营业收入, 年发电量).

>>> comparable_value("flow", {2015: 118, 2019: 420}, series_kind="stock", counted_from=2015).value
302.0
>>> meets_target("range", 3, value=1, value_max=2, comparator="=").position
'above'
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

logger = logging.getLogger(__name__)

Semantics = Literal["stock", "flow", "annual_flow", "rate", "range"]
SeriesKind = Literal["stock", "flow"]

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "≥": operator.ge,
    ">": operator.gt,
    "≤": operator.le,
    "<": operator.lt,
    "=": operator.ge,  # "建成500个": reaching the number meets it; exceeding a count is not a failure
    "≈": operator.ge,
}
_APPROX_TOLERANCE = 0.05  # "左右": within 5% below the value counts as met


@dataclass(frozen=True)
class Comparable:
    """The number a target's rule compares, the years it was formed from, and the rule in words."""

    value: float | None
    years: tuple[int, ...]
    rule_zh: str
    rule_en: str


@dataclass(frozen=True)
class Verdict:
    """Whether a value meets a target, and for ranges where it lies: ``below``, ``inside`` or ``above``."""

    met: bool
    position: Literal["below", "inside", "above"] | None = None


def _upto(series: Mapping[int, float], as_of_year: int | None) -> dict[int, float]:
    return {y: float(v) for y, v in sorted(series.items()) if as_of_year is None or y <= as_of_year}


def comparable_value(  # noqa: PLR0911 - one return per semantics and data kind
    semantics: Semantics,
    series: Mapping[int, float],
    *,
    series_kind: SeriesKind,
    counted_from: int | None = None,
    as_of_year: int | None = None,
) -> Comparable:
    """The value to compare with a target of ``semantics``, formed from ``series`` up to ``as_of_year``.

    - stock, rate, range: the latest year's value (a level, or that year's total of a yearly quantity);
    - flow: what was added after the end of ``counted_from`` — the difference of two levels for a stock series,
      the sum of the years' flows for a flow series (None when a year is missing: a sum with a gap is not a sum);
    - annual_flow: the smallest yearly flow since ``counted_from`` (the promise holds every year).

    >>> comparable_value("flow", {2016: 30, 2017: 40, 2018: 35}, series_kind="flow", counted_from=2015).value
    105.0
    >>> comparable_value("flow", {2016: 30, 2018: 35}, series_kind="flow", counted_from=2015).value is None
    True
    >>> comparable_value("annual_flow", {2016: 120, 2017: 95, 2018: 110}, series_kind="flow", counted_from=2015).value
    95.0
    """
    data = _upto(series, as_of_year)
    if not data:
        return Comparable(None, (), "无观测值", "no observation")
    latest = max(data)
    if semantics in ("stock", "rate", "range"):
        return Comparable(data[latest], (latest,), f"{latest}年的值", f"the value for {latest}")
    if counted_from is None:
        raise ValueError("flow targets need counted_from / 期间新增目标须有起算年")
    if semantics == "flow" and series_kind == "stock":
        if counted_from not in data:
            return Comparable(None, (), f"缺少{counted_from}年末的基数", f"no level at the end of {counted_from}")
        added = data[latest] - data[counted_from]
        return Comparable(
            added,
            (counted_from, latest),
            f"{latest}年末减{counted_from}年末：期间新增",
            f"level at end-{latest} minus end-{counted_from}: added over the period",
        )
    years = tuple(range(counted_from + 1, latest + 1))
    missing = [y for y in years if y not in data]
    if semantics == "flow":
        if missing or not years:
            return Comparable(None, years, f"缺少{missing}年的流量", f"flows for {missing} missing")
        total = sum(data[y] for y in years)
        return Comparable(total, years, f"{years[0]}–{latest}年流量之和", f"sum of the flows {years[0]}–{latest}")
    if series_kind == "stock":
        # An annual flow read from levels: each year's difference.
        pairs = [(y, data[y] - data[y - 1]) for y in years if y in data and y - 1 in data]
    else:
        pairs = [(y, data[y]) for y in years if y in data]
    if not pairs:
        return Comparable(None, years, "无完整年度", "no complete year")
    year, low = min(pairs, key=lambda p: p[1])
    return Comparable(low, tuple(y for y, _ in pairs), f"各年最小值（{year}年）", f"the smallest yearly value ({year})")


def meets_target(
    semantics: Semantics, observed: float, *, value: float, value_max: float | None = None, comparator: str = "≥"
) -> Verdict:
    """Whether ``observed`` (a :func:`comparable_value`) meets the target.

    A range is met inside [value, value_max] and says whether it is below or above otherwise; other targets
    follow their comparator ("≈" accepts 5% below the value; "=" on a count is met on reaching it).

    >>> meets_target("range", 2, value=1, value_max=2).met
    True
    >>> meets_target("flow", 302, value=500, comparator="=").met
    False
    >>> meets_target("rate", 17.5, value=18, comparator="≈").met
    True
    """
    if semantics == "range":
        if value_max is None:
            raise ValueError("a range needs value_max / 区间目标须有上限")
        if observed < value:
            return Verdict(met=False, position="below")
        if observed > value_max:
            return Verdict(met=False, position="above")
        return Verdict(met=True, position="inside")
    if comparator == "≈":
        return Verdict(met=observed >= value * (1 - _APPROX_TOLERANCE))
    try:
        compare = _COMPARE[comparator]
    except KeyError:
        raise ValueError(f"unknown comparator {comparator!r} / 未知比较符") from None
    return Verdict(met=compare(observed, value))
