"""Input types of target assessment: observations of an indicator and the target they are assessed against.

The assessment functions are pure: they take these small, validated values and never touch the store or the
plan model. A later step adapts plan targets and stored indicator values to them, so everything the
mathematics needs (measure, period kind, vintage, proxy flag, direction) must be explicit here.

Time convention / 时间约定 (defined in :mod:`seimon.periods`: :meth:`~seimon.periods.Period.time`)
--------------------------
Time is a float in *fractional years measured at the END of the period* an observation covers:

* the end of year ``Y`` is ``Y + 1.0`` (the 2015 annual value sits at ``2016.0``);
* the end of month ``m`` of year ``Y`` is ``Y + m/12`` (a stock "as of October 2016" sits at
  ``2016 + 10/12 ≈ 2016.833``; a 1–4月 cumulative figure of 2017 at ``2017 + 4/12``);
* the start of the plan period 2016–2020 is ``2016.0`` (= end of base year 2015) and its deadline
  "到2020年" is ``2021.0`` (= end of 2020).

So the distance between two observations is simply the difference of their ``t`` values, in years, and a plan
period of five years is ``deadline_t - start == 5.0``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from seimon.errors import Location, SeimonError
from seimon.periods import T_EPS, PeriodKind, year_end

Measure = Literal["stock", "flow", "share"]
Comparator = Literal["≥", ">", "≈", "=", "≤", "<"]
Direction = Literal["higher", "lower"]
TargetKind = Literal["level", "cumulative", "annual_flow", "share", "count"]
Relation = Literal["multiply", "decrease_by", "increase_by", "cagr"]

_COMPARATOR_DIRECTION: dict[str, str] = {"≥": "higher", ">": "higher", "≤": "lower", "<": "lower"}


def _check_choice(value: object, allowed: tuple[str, ...], name: str, where: str) -> None:
    if value not in allowed:
        raise SeimonError(
            f"{where} 的 {name} 取值无效：{value!r}（可选 {', '.join(allowed)}）",
            f"invalid {name} for {where}: {value!r} (allowed: {', '.join(allowed)})",
            Location(field=name),
            code="invalid_value",
        )


def _check_finite(value: float, name: str, where: str) -> None:
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise SeimonError(
            f"{where} 的 {name} 不是有限数值：{value!r}",
            f"{name} of {where} is not a finite number: {value!r}",
            Location(field=name),
            code="invalid_value",
        )


@dataclass(frozen=True)
class Observation:
    """One published value of an indicator, with what it measures and when and how it was published.

    ``measure`` keeps stocks, flows and shares apart (a flow is never compared with a stock target);
    ``period_kind`` and ``months_covered`` keep a 1–4月 cumulative flow (``"ytd"``, 4) apart from a full year
    (``"year"``, 12); ``as_published`` lets an assessment "as of" a date ignore later releases and later
    revisions; ``proxy`` marks a value with a different scope (e.g. 高新技术产业 standing in for SEI).

    >>> from seimon.periods import month_end
    >>> o = Observation(t=month_end(2016, 10), value=520.0, period_code="2016-10", measure="stock",
    ...                 period_kind="point", months_covered=0)
    >>> round(o.t, 3), o.proxy
    (2016.833, False)
    """

    t: float
    value: float
    period_code: str
    measure: Measure
    period_kind: PeriodKind
    months_covered: int = 12
    as_published: date | None = None
    source: str | None = None
    reliability: str | None = None
    proxy: bool = False

    def __post_init__(self) -> None:
        where = f"观测值 {self.period_code}"
        _check_finite(self.t, "t", where)
        _check_finite(self.value, "value", where)
        _check_choice(self.measure, get_args(Measure), "measure", where)
        _check_choice(self.period_kind, get_args(PeriodKind), "period_kind", where)
        if not 0 <= self.months_covered <= 12:
            raise SeimonError(
                f"{where} 的 months_covered 必须在0到12之间：{self.months_covered}",
                f"months_covered of observation {self.period_code} must be 0..12: {self.months_covered}",
                Location(field="months_covered"),
                code="invalid_value",
            )

    @property
    def full_year(self) -> bool:
        """True for a value covering a whole calendar year (an annual flow, or a 1–12月 cumulative figure)."""
        return self.period_kind == "year" or (self.period_kind == "ytd" and self.months_covered == 12)


@dataclass(frozen=True)
class TargetSpec:
    """A quantified plan target, as the assessment needs it.

    ``direction`` has no default on purpose: the Open SDG reference code silently assumes "lower is better",
    which inverts the verdict for every growth target. ``value`` is read according to ``relation``:

    * ``None``: the target value itself (1500 for "光伏装机1500万千瓦以上");
    * ``"multiply"``: a factor over the base-year value (2 for 翻一番);
    * ``"decrease_by"`` / ``"increase_by"``: a percentage of the base-year value (18 for 比2015年下降18%);
    * ``"cagr"``: an average annual growth rate in percent (15 for 年均增长15%), compounded from ``start``.

    ``start`` is the start of the plan period (end of the base year, e.g. ``2016.0``) and ``deadline_t`` the end
    of the deadline year (``2021.0`` for 到2020年).

    >>> spec = TargetSpec(id="pv", value=1500.0, comparator="≥", direction="higher", kind="level",
    ...                   start=2016.0, deadline_t=2021.0)
    >>> spec.deadline_t - spec.start
    5.0
    """

    id: str
    value: float
    comparator: Comparator
    direction: Direction
    kind: TargetKind
    start: float
    deadline_t: float
    relation: Relation | None = None
    base_year: int | None = None
    base_value: float | None = None

    def __post_init__(self) -> None:
        where = f"目标 {self.id}"
        _check_finite(self.value, "value", where)
        _check_finite(self.start, "start", where)
        _check_finite(self.deadline_t, "deadline_t", where)
        _check_choice(self.comparator, get_args(Comparator), "comparator", where)
        _check_choice(self.direction, get_args(Direction), "direction", where)
        _check_choice(self.kind, get_args(TargetKind), "kind", where)
        if self.relation is not None:
            _check_choice(self.relation, get_args(Relation), "relation", where)
        if self.base_value is not None:
            _check_finite(self.base_value, "base_value", where)
        if self.deadline_t <= self.start:
            raise SeimonError(
                f"{where} 的期限 {self.deadline_t} 不晚于起点 {self.start}",
                f"deadline {self.deadline_t} of target {self.id} is not after its start {self.start}",
                Location(field="deadline_t"),
                code="invalid_value",
            )
        implied = _COMPARATOR_DIRECTION.get(self.comparator)
        if implied is not None and implied != self.direction:
            raise SeimonError(
                f"{where} 的比较符 {self.comparator} 与方向 {self.direction} 矛盾",
                f"comparator {self.comparator} of target {self.id} contradicts direction {self.direction}",
                Location(field="direction"),
                code="invalid_value",
            )
        if self.base_year is not None and abs(year_end(self.base_year) - self.start) > T_EPS:
            raise SeimonError(
                f"{where} 的基年 {self.base_year} 与起点 {self.start} 不符"
                f"（起点应为基年末 {year_end(self.base_year)}）",
                f"base year {self.base_year} of target {self.id} does not match start {self.start} "
                f"(start should be the end of the base year, {year_end(self.base_year)})",
                Location(field="base_year"),
                code="invalid_value",
            )
        if self.relation is not None and self.value != 0:
            grows = self.relation in ("increase_by", "cagr") or (self.relation == "multiply" and self.value > 1)
            shrinks = self.relation == "decrease_by" or (self.relation == "multiply" and self.value < 1)
            expected = "higher" if grows and self.value > 0 else "lower" if shrinks else None
            if expected is not None and expected != self.direction:
                raise SeimonError(
                    f"{where} 的相对关系 {self.relation}（{self.value}）与方向 {self.direction} 矛盾",
                    f"relation {self.relation} ({self.value}) of target {self.id} contradicts direction "
                    f"{self.direction}",
                    Location(field="direction"),
                    code="invalid_value",
                )
        if self.kind == "cumulative" and self.relation is not None:
            raise SeimonError(
                f"{where}：累计目标不能是相对目标（{self.relation}）",
                f"target {self.id}: a cumulative target cannot be relative ({self.relation})",
                Location(field="relation"),
                code="invalid_value",
            )

    @property
    def sign(self) -> int:
        """+1 when higher is better, −1 when lower is better."""
        return 1 if self.direction == "higher" else -1
