"""Progress statuses, the thresholds that produce them, and what "meeting a target" means.

Each progress method yields one number (the Open SDG CAGR ratio, the linear progress/time ratio, or the
projected share of the required change) and the bands that turn it into a status are configuration, not code:
they live in ``resources/assess/thresholds.yaml`` and are validated here, so a planning office can adopt
stricter bands without touching the mathematics.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from seimon.assess.series import Comparator, Direction
from seimon.declared import load_declared
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

Status = Literal[
    "achieved", "not_achieved", "on_track", "acceleration_needed", "limited", "deteriorating", "insufficient_data"
]
Method = Literal["opensdg", "linear", "extrapolation"]

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "achieved": ("已完成", "achieved"),
    "not_achieved": ("未完成", "not achieved"),
    "on_track": ("按计划推进", "on track"),
    "acceleration_needed": ("需加快推进", "acceleration needed"),
    "limited": ("进展有限", "limited progress"),
    "deteriorating": ("倒退", "deteriorating"),
    "insufficient_data": ("数据不足", "insufficient data"),
}


@dataclass(frozen=True)
class Note:
    """A reason attached to a result, in Chinese and English, with a stable code that reports and tests key on.

    >>> str(Note("proxy", "使用替代口径数据", "proxy data used"))
    '使用替代口径数据 / proxy data used'
    """

    code: str
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"


class _Bands(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on_track: float
    acceleration_needed: float
    limited: float = 0.0

    @model_validator(mode="after")
    def _ordered(self) -> _Bands:
        if not self.on_track > self.acceleration_needed >= self.limited:
            raise ValueError("need on_track > acceleration_needed >= limited")
        return self


class OpenSdgThresholds(_Bands):
    """Bands on the ratio R of observed to required CAGR (Open SDG methodology 2)."""

    on_track: float = 0.95
    acceleration_needed: float = 0.60
    min_years: float = Field(default=1.0, ge=0.0)
    undefined_cagr: Literal["linear", "insufficient_data"] = "linear"


class LinearThresholds(_Bands):
    """Bands on progress share ÷ time share (时间过半、任务过半)."""

    on_track: float = 0.95
    acceleration_needed: float = 0.60


class ExtrapolationThresholds(BaseModel):
    """Bands on the projected share of the required change achieved by the deadline (UN progress chart)."""

    model_config = ConfigDict(extra="forbid")

    on_track: float = 0.95
    partial: float = 0.10
    limited: float = 0.0

    @model_validator(mode="after")
    def _ordered(self) -> ExtrapolationThresholds:
        if not self.on_track > self.partial >= self.limited:
            raise ValueError("need on_track > partial >= limited")
        return self


class ComparisonSettings(BaseModel):
    """How a comparator reads: the tolerance of "≈ / 左右"."""

    model_config = ConfigDict(extra="forbid")

    approx_tolerance: float = Field(default=0.05, ge=0.0, lt=1.0)


class ForecastSettings(BaseModel):
    """Forecast interval level (0.80 gives 80% prediction intervals)."""

    model_config = ConfigDict(extra="forbid")

    interval_level: float = Field(default=0.80, gt=0.0, lt=1.0)


class Thresholds(BaseModel):
    """All assessment thresholds; defaults equal the packaged ``thresholds.yaml``.

    >>> Thresholds().opensdg.on_track
    0.95
    >>> Thresholds(linear={"on_track": 1.0, "acceleration_needed": 0.8}).linear.on_track
    1.0
    """

    model_config = ConfigDict(extra="forbid")

    source: str | None = None
    opensdg: OpenSdgThresholds = Field(default_factory=OpenSdgThresholds)
    linear: LinearThresholds = Field(default_factory=LinearThresholds)
    extrapolation: ExtrapolationThresholds = Field(default_factory=ExtrapolationThresholds)
    comparison: ComparisonSettings = Field(default_factory=ComparisonSettings)
    forecast: ForecastSettings = Field(default_factory=ForecastSettings)


_DEFAULT: Thresholds | None = None


def load_thresholds(path: Path | str | None = None) -> Thresholds:
    """Read and validate a thresholds file; without a path, the packaged ``assess/thresholds.yaml`` (cached).

    Bad files raise a bilingual :class:`SeimonError` naming the file and the offending field.

    >>> load_thresholds().extrapolation.partial
    0.1
    """
    global _DEFAULT  # noqa: PLW0603 - a cache of the packaged, immutable default
    if path is None and _DEFAULT is not None:
        return _DEFAULT
    file = Path(path) if path is not None else resource_path("assess", "thresholds.yaml")
    result, _ = load_declared(
        file, Thresholds, code="invalid_value", empty_ok=True, title=("阈值文件无效：", "invalid thresholds file: ")
    )
    logger.debug("loaded assessment thresholds from %s", file)
    if path is None:
        _DEFAULT = result
    return result


def status_from_ratio(value: float, method: Method, thresholds: Thresholds | None = None) -> Status:
    """Map a method's progress number to a status using that method's bands.

    ``value`` is R for ``"opensdg"``, progress share ÷ time share for ``"linear"`` and the projected share of the
    required change for ``"extrapolation"``. "achieved" and "insufficient_data" are decided before this
    (they do not depend on a ratio).

    >>> status_from_ratio(0.97, "opensdg"), status_from_ratio(0.7, "opensdg"), status_from_ratio(-0.1, "opensdg")
    ('on_track', 'acceleration_needed', 'deteriorating')
    >>> status_from_ratio(0.5, "extrapolation"), status_from_ratio(0.05, "extrapolation")
    ('acceleration_needed', 'limited')
    """
    th = thresholds or load_thresholds()
    if method == "extrapolation":
        on_track, middle, low = th.extrapolation.on_track, th.extrapolation.partial, th.extrapolation.limited
    else:
        bands = th.opensdg if method == "opensdg" else th.linear
        on_track, middle, low = bands.on_track, bands.acceleration_needed, bands.limited
    if value >= on_track:
        return "on_track"
    if value >= middle:
        return "acceleration_needed"
    if value >= low:
        return "limited"
    return "deteriorating"


def effective_bound(target: float, comparator: Comparator, direction: Direction, tolerance: float) -> float:
    """The value a result must reach to meet the target: the target itself, or the tolerance edge for "≈".

    >>> effective_bound(100.0, "≈", "higher", 0.05), effective_bound(100.0, "≈", "lower", 0.05)
    (95.0, 105.0)
    """
    if comparator != "≈":
        return target
    slack = tolerance * abs(target)
    return target - slack if direction == "higher" else target + slack


def meets(
    value: float, target: float, comparator: Comparator, direction: Direction, thresholds: Thresholds | None = None
) -> bool:
    """Whether ``value`` meets the target under its comparator.

    "≥ > ≤ <" are read literally. "=" (达到 / 力争) and "≈" (左右) are read in the target's direction, as the Open
    SDG "target achieved" test does: reaching or passing the target counts, and "≈" also accepts a value within
    the configured tolerance short of it.

    >>> meets(1500, 1500, "≥", "higher"), meets(1500, 1500, ">", "higher"), meets(96, 100, "≈", "higher")
    (True, False, True)
    >>> meets(0.8, 1.0, "=", "lower")
    True
    """
    th = thresholds or load_thresholds()
    if comparator == ">":
        return value > target
    if comparator == "<":
        return value < target
    bound = effective_bound(target, comparator, direction, th.comparison.approx_tolerance)
    return value >= bound if direction == "higher" else value <= bound
