"""The demo generator's calibration: public Hebei figures and the assumptions around them.

The numbers live in ``resources/demo/calibration.yaml`` so that a reviewer can see, figure by figure,
which are published (with publisher, title and year) and which are calibration assumptions. The model
below refuses a ``published`` figure without a source, so the file cannot quietly claim more than it
knows.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from seimon.declared import load_declared
from seimon.resources import resource_path

CALIBRATION_FILE = ("demo", "calibration.yaml")

Status = Literal["published", "assumption"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceCitation(_Model):
    """Where a published figure was published."""

    publisher: str
    title: str
    year: int


class Figure(_Model):
    """One yearly figure, published (with its source) or assumed."""

    year: int
    value: float
    status: Status
    source: SourceCitation | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _published_has_source(self) -> Figure:
        if self.status == "published" and self.source is None:
            raise ValueError(f"figure for {self.year} is marked published but names no source")
        return self


class FigureSeries(_Model):
    unit: str
    figures: list[Figure]

    def value(self, year: int) -> float:
        """The figure for ``year`` (KeyError when the calibration has none)."""
        for fig in self.figures:
            if fig.year == year:
                return fig.value
        raise KeyError(year)

    def figure(self, year: int) -> Figure:
        return next(f for f in self.figures if f.year == year)


class YearValues(_Model):
    status: Status
    values: dict[int, float]
    product_rule_fraction: float = 0.0


class Growth(_Model):
    status: Status
    sei: dict[int, float]
    non_sei: dict[int, float]
    entrant_jump: tuple[float, float]
    firm_sd: float


class Seasonality(_Model):
    status: Status
    weights: list[float] = Field(min_length=12, max_length=12)
    month_sd: float


class Covid(_Model):
    status: Status
    months: list[float] = Field(min_length=12, max_length=12)


class Prices(_Model):
    status: Status
    default: dict[int, float]
    divisions: dict[str, dict[int, float]]
    intra_year_slope: float

    def annual(self, division: str, year: int) -> float:
        """Annual index (previous year = 100) for a division, the default where none is given."""
        return self.divisions.get(division, self.default)[year]


class EnterpriseParams(_Model):
    status: Status
    population_note: str
    sei_share_of_enterprises: float
    log_sd: float
    tail_share: float
    pareto_alpha: float
    tail_cap: float
    entrants_per_year: float
    sei_entrant_boost: float
    exit_hazard: dict[str, float]
    base_share: float
    key_product_share: float


class SizeClasses(_Model):
    status: Status
    source: SourceCitation
    industry: dict[str, tuple[float, float]]


class ClassParams(_Model):
    word: str
    va: float = Field(gt=0, lt=1)
    margin: float
    rd: float = Field(ge=0)
    products: str | None = None


class UnitParams(_Model):
    gdp: float
    industry: float
    enterprises: float
    base: list[str] = Field(default_factory=list)
    sei: dict[str, float]
    non_sei: dict[str, float]


class XionganParams(_Model):
    share_of_baoding: float
    counties: list[str]
    sei: dict[str, float]
    non_sei: dict[str, float]


class BaseParams(_Model):
    fields: list[str]


class ObservationTarget(_Model):
    target: str
    start: float
    end_ratio: float
    stock: bool
    cumulative: bool = False
    unit: str
    alt_unit: str | None = None
    source: str
    reliability: Literal["A", "B", "C"]


class Observations(_Model):
    status: Status
    targets: list[ObservationTarget]


class Calibration(_Model):
    """The whole calibration file."""

    version: Literal[1]
    source: str
    province_gdp: FigureSeries
    above_scale_va_ratio: YearValues
    sei_share_above_scale: YearValues
    real_growth: Growth
    seasonality: Seasonality
    covid_2020: Covid
    prices: Prices
    enterprises: EnterpriseParams
    size_classes: SizeClasses
    classes: dict[str, ClassParams]
    units: dict[str, UnitParams]
    xiongan: XionganParams
    bases: dict[str, BaseParams]
    observations: Observations

    @model_validator(mode="after")
    def _classes_known(self) -> Calibration:
        used = {c for u in self.units.values() for c in (*u.sei, *u.non_sei)}
        used |= {*self.xiongan.sei, *self.xiongan.non_sei}
        missing = sorted(used - set(self.classes))
        if missing:
            raise ValueError(f"industry mix uses classes without parameters: {missing}")
        return self

    @property
    def years(self) -> tuple[int, int]:
        """First and last year the calibration covers."""
        years = sorted(self.above_scale_va_ratio.values)
        return years[0], years[-1]

    def above_scale_va(self, year: int) -> float:
        """Provincial above-scale industrial value added in 亿元 (GDP × assumed ratio).

        >>> round(load_calibration().above_scale_va(2016), 1)
        10248.6
        """
        return self.province_gdp.value(year) * self.above_scale_va_ratio.values[year]


def _load(path: Path) -> Calibration:
    title = ("校准文件有误：", "invalid calibration file: ")
    return load_declared(path, Calibration, code="calibration", title=title)[0]


@lru_cache(maxsize=4)
def load_calibration(path: Path | None = None) -> Calibration:
    """Load the packaged calibration (or another file with the same layout).

    >>> cal = load_calibration()
    >>> cal.province_gdp.value(2016), cal.province_gdp.figure(2016).status
    (31827.9, 'published')
    """
    return _load(path or resource_path(*CALIBRATION_FILE))
