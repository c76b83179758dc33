"""Rules that a set of indicator specs must satisfy before anything is compiled.

Why at load time: an impossible definition (a share of two different units, an SEI field cut of GDP, an
indicator defined from itself) would otherwise surface as a wrong number or an engine error in the middle
of a cube run. Every rule raises a bilingual :class:`~seimon.errors.SeimonError` naming the file, the line
and the field.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from seimon.errors import SeimonError
from seimon.indicators.spec import ENTERPRISE_DIMENSIONS, MEASURES, SEI_DIMENSIONS, IndicatorSpec
from seimon.units import is_unit, unit_info

if TYPE_CHECKING:
    from seimon.indicators.registry import Registry

logger = logging.getLogger(__name__)

PERCENT = "%"
POINTS = ("百分点", "pp")


def _fail(  # noqa: PLR0917 - a located message: where, Chinese, English, code
    registry: Registry, spec: IndicatorSpec, key: str | None, zh: str, en: str, code: str
) -> SeimonError:
    return SeimonError(zh, en, registry.location(spec.id, key), code=code)


def _dimension_of(unit: str) -> str | None:
    # "万元" -> money, "家" -> count, "%" -> share, "百分点" -> percentage_point, "foo" -> None
    return unit_info(unit).dimension if is_unit(unit) else None


def _base(unit: str) -> str | None:
    # "万元" and "亿元" -> 元 (convertible); "家" -> 家 but "人" -> 人 (both counts, not convertible)
    return unit_info(unit).base if is_unit(unit) else unit


def validate_registry(registry: Registry) -> None:
    """Check every spec and the references between them; raise the first problem found.

    >>> from seimon.indicators.registry import load_registry
    >>> validate_registry(load_registry())  # the built-in system is valid
    """
    for spec in registry:
        _check_own(registry, spec)
    for spec in registry:
        _check_references(registry, spec)
    _check_cycles(registry)
    for spec in registry:
        _check_dimensions(registry, spec)
        _check_units_and_prices(registry, spec)
    _check_targets(registry)


def _check_own(registry: Registry, spec: IndicatorSpec) -> None:
    """Rules on one spec alone: required keys per aggregation, known measures, period semantics."""
    agg = spec.aggregation
    if agg == "sum":
        if spec.measure not in MEASURES:
            raise _fail(
                registry,
                spec,
                "measure",
                f"未知度量 {spec.measure!r}，可用：{'、'.join(MEASURES)}",
                f"unknown measure {spec.measure!r}; known: {', '.join(MEASURES)}",
                "indicator_measure",
            )
    elif spec.measure is not None:
        raise _fail(
            registry,
            spec,
            "measure",
            f"{agg} 指标不使用 measure",
            f"a {agg} indicator takes no measure",
            "indicator_measure",
        )
    if spec.is_report_base and spec.population is None:
        raise _fail(
            registry,
            spec,
            "population",
            "需指定 population（sei 或 all）",
            "population (sei or all) is required",
            "indicator_population",
        )
    if spec.aggregation in ("regional", "observation") and not spec.sources:
        raise _fail(
            registry,
            spec,
            "sources",
            "需列出 sources（数据中的指标名）",
            "sources (indicator names in the data) are required",
            "indicator_sources",
        )
    needed = {
        "ratio": ("numerator", "denominator"),
        "share": ("numerator", "denominator"),
        "growth": ("current", "prior"),
        "difference": ("left", "right"),
    }.get(agg, ())
    for key in needed:
        if not getattr(spec, key):
            raise _fail(
                registry, spec, key, f"{agg} 指标缺少 {key}", f"a {agg} indicator needs {key}", "indicator_operands"
            )
    if spec.period.single_month and not (agg == "sum" and spec.period.basis == "ytd"):
        raise _fail(
            registry,
            spec,
            "period",
            "只有按累计值报送的求和指标才能由相邻累计值之差得到单月值",
            "single months can only be derived for year-to-date sums",
            "indicator_period",
        )
    if spec.period.basis == "ytd" and agg in ("regional", "observation") and spec.period.type == "stock":
        raise _fail(
            registry,
            spec,
            "period",
            "存量指标不能按年初累计",
            "a stock cannot be year-to-date cumulative",
            "indicator_period",
        )


def _check_references(registry: Registry, spec: IndicatorSpec) -> None:
    for key in ("numerator", "denominator", "current", "prior", "left", "right"):
        ref = getattr(spec, key)
        if ref and ref not in registry:
            raise _fail(
                registry,
                spec,
                key,
                f"引用了未定义的指标 {ref}",
                f"refers to undefined indicator {ref}",
                "indicator_reference",
            )


def _check_cycles(registry: Registry) -> None:
    """An indicator defined (directly or through others) from itself cannot be computed."""
    state: dict[str, int] = {}

    def visit(i: str, path: list[str]) -> None:
        if state.get(i) == 2:
            return
        if state.get(i) == 1:
            cycle = " → ".join([*path[path.index(i) :], i])
            spec = registry[path[-1]]
            raise _fail(
                registry,
                spec,
                None,
                f"指标循环定义：{cycle}",
                f"indicators defined in a cycle: {cycle}",
                "indicator_cycle",
            )
        state[i] = 1
        for op in registry[i].operands:
            visit(op, [*path, i])
        state[i] = 2

    for spec in registry:
        visit(spec.id, [])


def _supported(registry: Registry, spec: IndicatorSpec) -> set[str]:
    """Dimensions an indicator can actually be cut by, from its data (not from what it declares)."""
    if spec.aggregation in ("regional", "observation"):
        return {"region"}
    if spec.is_report_base:
        dims = {"region", *ENTERPRISE_DIMENSIONS}
        return dims | set(SEI_DIMENSIONS) if spec.population == "sei" else dims
    ops = [registry[o] for o in spec.operands]
    first = set(ops[0].dimensions)
    if spec.broadcast:
        return first
    for op in ops[1:]:
        first &= set(op.dimensions)
    return first


def _check_dimensions(registry: Registry, spec: IndicatorSpec) -> None:
    """Impossible cuts: an SEI field on GDP or on all above-scale industry; a composite cut its operands lack."""
    if "region" not in spec.dimensions:
        raise _fail(
            registry,
            spec,
            "dimensions",
            "dimensions 必须包含 region",
            "dimensions must include region",
            "indicator_dimension",
        )
    possible = _supported(registry, spec)
    for dim in spec.dimensions:
        if dim in possible:
            continue
        if spec.is_composite and not spec.broadcast:
            zh = f"无法按 {dim} 分组：运算对象不全支持该维度（如需对缺少该维度的对象重复取值，设 broadcast: true）"
            en = (
                f"impossible cut by {dim}: not every operand has it "
                "(set broadcast: true to repeat an operand that lacks it)"
            )
        else:
            zh = f"无法按 {dim} 分组：{spec.aggregation} 指标的数据没有该维度"
            en = f"impossible cut by {dim}: the data of a {spec.aggregation} indicator have no such dimension"
        raise _fail(registry, spec, "dimensions", zh, en, "indicator_dimension")
    if spec.aggregation in ("regional", "observation") and "county" in spec.region_levels:
        logger.debug("%s: county level allowed for published figures where they exist", spec.id)


def _check_units_and_prices(registry: Registry, spec: IndicatorSpec) -> None:  # noqa: PLR0912 - one rule per case
    agg = spec.aggregation
    if agg == "sum":
        unit, price = MEASURES[spec.measure or ""]
        if spec.unit != unit:
            raise _fail(
                registry,
                spec,
                "unit",
                f"单位不符：度量 {spec.measure} 的单位是 {unit}，而非 {spec.unit}",
                f"unit mismatch: measure {spec.measure} is in {unit}, not {spec.unit}",
                "indicator_unit",
            )
        if spec.price != price:
            raise _fail(
                registry,
                spec,
                "price",
                f"价格口径不符：度量 {spec.measure} 为 {price}",
                f"price basis mismatch: measure {spec.measure} is {price}",
                "indicator_price",
            )
        return
    if agg in ("count_distinct", "entries", "exits") and _dimension_of(spec.unit) != "count":
        raise _fail(
            registry,
            spec,
            "unit",
            f"计数指标的单位应为家等计数单位，而非 {spec.unit}",
            f"a count needs a count unit such as 家, not {spec.unit}",
            "indicator_unit",
        )
    if agg in ("regional", "observation"):
        if _dimension_of(spec.unit) is None:
            raise _fail(registry, spec, "unit", f"未知单位 {spec.unit}", f"unknown unit {spec.unit}", "indicator_unit")
        return
    if not spec.is_composite:
        return
    ops = [registry[o] for o in spec.operands]
    a, b = ops
    if agg in ("share", "growth", "difference") and _base(a.unit) != _base(b.unit):
        raise _fail(
            registry,
            spec,
            "unit",
            f"单位不符：{a.id}（{a.unit}）与 {b.id}（{b.unit}）不可比",
            f"unit mismatch: {a.id} ({a.unit}) and {b.id} ({b.unit}) are not comparable",
            "indicator_unit",
        )
    if agg in ("share", "growth"):
        expected: str | None = PERCENT
    elif agg == "difference":
        expected = POINTS[0] if a.unit == PERCENT else None
        if expected is None and _base(spec.unit) != _base(a.unit):
            raise _fail(
                registry,
                spec,
                "unit",
                f"单位不符：差值应与 {a.unit} 同量纲，而非 {spec.unit}",
                f"unit mismatch: a difference is in the unit of {a.unit}, not {spec.unit}",
                "indicator_unit",
            )
    else:
        expected = None
    if expected and spec.unit != expected and not (expected == POINTS[0] and spec.unit in POINTS):
        raise _fail(
            registry,
            spec,
            "unit",
            f"单位不符：{agg} 的结果单位应为 {expected}，而非 {spec.unit}",
            f"unit mismatch: a {agg} is in {expected}, not {spec.unit}",
            "indicator_unit",
        )
    prices = {o.price for o in ops} - {"none"}
    if len(prices) > 1:
        raise _fail(
            registry,
            spec,
            "price",
            "现价与可比价不能混用（增速用可比价，比重用现价）",
            "current and comparable prices must not be mixed (growth is real, shares are nominal)",
            "indicator_price",
        )
    if agg == "share" and prices == {"comparable"}:
        raise _fail(
            registry, spec, "price", "比重应按现价计算", "shares are computed at current prices", "indicator_price"
        )
    if prices and spec.price not in prices and spec.price != "none":
        raise _fail(
            registry,
            spec,
            "price",
            f"价格口径应为 {prices.pop()}",
            "price basis differs from the operands'",
            "indicator_price",
        )
    if any(o.period.basis == "annual" for o in ops) and spec.period.basis != "annual":
        raise _fail(
            registry,
            spec,
            "period",
            "运算对象只有年度数据，本指标也应为 annual",
            "an operand exists only for whole years, so this indicator must be annual",
            "indicator_period",
        )


def _check_targets(registry: Registry) -> None:
    from seimon.plan import load_plan

    known = {t.id for t in load_plan().targets}
    for spec in registry:
        for target in spec.targets:
            if target not in known:
                raise _fail(
                    registry,
                    spec,
                    "targets",
                    f"规划中没有目标 {target}",
                    f"the plan has no target {target}",
                    "indicator_target",
                )
