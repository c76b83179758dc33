"""Indicator specifications: what an indicator *is*, declared once in YAML and validated by pydantic.

Why declarative: the statistician's definitions (同口径 real growth, 现价 shares, year-to-date flows with
1–2月 combined, SEI enterprises counted once) must be readable and reviewable by people who do not read
Python, and a user must be able to add an indicator without touching the compiler. The compiler
(:mod:`seimon.indicators.compile`) only knows the few aggregation kinds below; anything else is rejected
when the spec is loaded, never at query time.

Aggregation kinds:

* ``sum`` — Σ of an enterprise-report measure over a population (``sei`` or ``all`` above-scale);
* ``count_distinct`` — number of distinct enterprises reporting (an enterprise in several SEI items or
  plan industries counts once in each cell and once in every total);
* ``entries`` / ``exits`` — enterprises reporting this period but not the same period last year / last
  year but not now;
* ``ratio`` (× ``scale``), ``share`` (ratio of two like quantities in %), ``growth`` ((current/prior − 1)
  × 100) and ``difference`` (left − right; percentage points when both are %) over other indicators;
* ``regional`` — a regional aggregate (GDP …) from the ``regional`` table;
* ``observation`` — published figures from the ``observations`` table, vintages honoured.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Aggregation = Literal[
    "sum", "count_distinct", "entries", "exits", "ratio", "share", "growth", "difference", "regional", "observation"
]
Dimension = Literal["region", "plan_industry", "sei_field", "sei_item", "base", "size", "division"]
Population = Literal["sei", "all"]
PriceBasis = Literal["current", "comparable", "none"]
RegionLevel = Literal["province", "city", "county"]
ViewName = Literal["reporting", "geographic"]

REPORT_AGGREGATIONS: frozenset[str] = frozenset({"sum", "count_distinct", "entries", "exits"})
COMPOSITE_AGGREGATIONS: frozenset[str] = frozenset({"ratio", "share", "growth", "difference"})
SOURCE_AGGREGATIONS: frozenset[str] = frozenset({"regional", "observation"})
SEI_DIMENSIONS: frozenset[str] = frozenset({"plan_industry", "sei_field", "sei_item"})
# Dimensions every enterprise in the register has (not only SEI enterprises): base, size and the GB/T 4754 division
# (行业大类, the first two digits of the enterprise's class code), so all above-scale industry can be cut by them too.
ENTERPRISE_DIMENSIONS: frozenset[str] = frozenset({"base", "size", "division"})
# The cuts the materialised cube holds. ``division`` is left out: ~40 divisions × every indicator × region × period
# would multiply the cube for a breakdown only the bulletin and ad-hoc queries use; those compile it on demand.
CUBE_DIMENSIONS: tuple[str, ...] = ("plan_industry", "sei_field", "sei_item", "base", "size")
EXTRA_DIMENSIONS: tuple[str, ...] = (*CUBE_DIMENSIONS, "division")


class PeriodSemantics(BaseModel):
    """How values relate to time.

    ``basis``: ``ytd`` — year-to-date cumulative as reported (1–2月 combined; 1–12月 is the year);
    ``annual`` — only whole years exist (GDP); ``as_published`` — the periods of the published
    observations (a stock at a point, a year, a year-to-date span). ``single_month`` allows deriving
    one month as the difference of consecutive cumulative values (additive flows only).
    """

    model_config = ConfigDict(extra="forbid")

    type: Literal["flow", "stock"] = "flow"
    basis: Literal["ytd", "annual", "as_published"] = "ytd"
    single_month: bool = False


class IndicatorSpec(BaseModel):
    """One indicator of the system. See the module docstring for the aggregation kinds.

    >>> s = IndicatorSpec(id="x_va", name_zh="增加值", name_en="VA", unit="万元", definition="Σ增加值",
    ...                   aggregation="sum", measure="value_added", population="sei", price="current")
    >>> s.operands, s.dimensions[0]
    ([], 'region')
    """

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="indicator id, e.g. sei_va")
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    unit: str = Field(min_length=1, description="unit as shown: 万元, %, 百分点, 家, 万千瓦 …")
    definition: str = Field(min_length=1, description="口径说明 / definition text (Chinese first)")
    definition_en: str | None = None
    aggregation: Aggregation
    measure: str | None = Field(None, description="enterprise-report measure for sum (see compile.MEASURES)")
    population: Population | None = Field(None, description="sei = SEI enterprises only; all = all above-scale")
    numerator: str | None = None
    denominator: str | None = None
    current: str | None = None
    prior: str | None = None
    left: str | None = None
    right: str | None = None
    scale: float = Field(1.0, description="multiplier for ratio (100 for %)")
    broadcast: bool = Field(
        False, description="operands after the first may lack a dimension and are then repeated across it"
    )
    sources: list[str] = Field(
        default_factory=list, description="regional indicator names or observation indicator ids to read"
    )
    period: PeriodSemantics = Field(default_factory=PeriodSemantics)
    price: PriceBasis = "current"
    dimensions: list[Dimension] = Field(default_factory=lambda: ["region"])
    views: list[ViewName] = Field(default_factory=lambda: ["reporting", "geographic"])
    region_levels: list[RegionLevel] = Field(default_factory=lambda: ["province", "city", "county"])
    targets: list[str] = Field(default_factory=list, description="plan target ids this indicator measures")

    @property
    def operands(self) -> list[str]:
        """Other indicators this one is computed from, first operand first.

        >>> IndicatorSpec(id="g", name_zh="g", name_en="g", unit="%", definition="d", aggregation="growth",
        ...               current="a", prior="b").operands
        ['a', 'b']
        """
        pairs = {
            "ratio": (self.numerator, self.denominator),
            "share": (self.numerator, self.denominator),
            "growth": (self.current, self.prior),
            "difference": (self.left, self.right),
        }.get(self.aggregation, ())
        return [p for p in pairs if p]

    @property
    def is_report_base(self) -> bool:
        return self.aggregation in REPORT_AGGREGATIONS

    @property
    def is_composite(self) -> bool:
        return self.aggregation in COMPOSITE_AGGREGATIONS

    def supports(self, dimension: str | None) -> bool:
        """Whether the indicator may be cut by ``dimension`` (None = no extra dimension: always)."""
        return dimension is None or dimension in self.dimensions

    def listing(self) -> dict[str, object]:
        """The public summary `seimon indicators` prints."""
        return {
            "id": self.id,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "unit": self.unit,
            "definition": self.definition,
            "targets": list(self.targets),
            "aggregation": self.aggregation,
            "dimensions": list(self.dimensions),
            "price": self.price,
            "period": self.period.model_dump(),
        }


class IndicatorFile(BaseModel):
    """One YAML file of indicators: a ``source`` note and the list."""

    model_config = ConfigDict(extra="forbid")

    source: str | None = Field(None, description="where the definitions come from (public source)")
    indicators: list[IndicatorSpec]


def json_schema() -> str:
    """The JSON Schema of an indicator file, as shipped in ``resources/schemas/indicator.schema.json``.

    >>> '"IndicatorSpec"' in json_schema()
    True
    """
    schema = IndicatorFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "SEI Monitor indicator file / 指标定义文件"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# Enterprise-report measures a ``sum`` may add up: name -> (unit, price basis).
# ``*_comparable`` are restricted to the same enterprises (同口径): rows with current value added, prior-year
# value added and a price index for the enterprise's division all present; current value added is deflated.
MEASURES: dict[str, tuple[str, str]] = {
    "value_added": ("万元", "current"),
    "value_added_prior": ("万元", "current"),
    "value_added_comparable": ("万元", "comparable"),
    "value_added_prior_comparable": ("万元", "comparable"),
    "revenue": ("万元", "current"),
    "profit": ("万元", "current"),
    "rd_expenditure": ("万元", "current"),
    "employees": ("人", "none"),
    # the two halves of SEI statistics (docs/scope.md): ``revenue`` above is 营业收入 of industrial *and* services
    # enterprises; these keep one half, or add the halves' value added (industry measured, services estimated)
    "industry_revenue": ("万元", "current"),
    "services_revenue": ("万元", "current"),
    # 同口径 at current prices: services rows with both this year's and the prior year's 营业收入
    "services_revenue_same": ("万元", "current"),
    "services_revenue_prior_same": ("万元", "current"),
    # income approach: 应付职工薪酬 + 税金及附加 + 应交增值税 + 本年折旧 + 营业利润 (an estimate, not a measurement)
    "services_value_added": ("万元", "current"),
    "value_added_total": ("万元", "current"),
}
SERVICES_MEASURES: frozenset[str] = frozenset(
    {
        "revenue",
        "services_revenue",
        "services_revenue_same",
        "services_revenue_prior_same",
        "services_value_added",
        "value_added_total",
    }
)
"""Measures that read the services form (``service_reports``) as well as, or instead of, the industrial one."""
