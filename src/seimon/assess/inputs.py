"""Observations of a target, read from the store (or the indicator system) as :class:`Observation` values.

The observations table keeps every vintage of every published figure with its period, unit, source and
reliability (``0003_ingest.sql``). The assessment needs each row as an :class:`~seimon.assess.series.Observation`
on the fractional-year axis, *with* what it measures — a stock, a flow or a share — because a flow must never be
compared with a stock. That is decided here, per row, from what the row says about itself:

1. ``extra_json`` ``{"measure": "flow"}`` or ``{"proxy": true}`` when an import recorded it;
2. the note (当年推广量（年度流量）→ flow; 存量 / 年末 / 以来累计 → stock; 替代口径 → proxy);
3. the unit (% → share) and the period (a point such as 10月末 → stock; 1–4月, a half or a quarter → flow);
4. otherwise the target's own measure (a figure for "2017年" of an installed capacity is the year-end stock).

Every row keeps its provenance (:class:`SourcedObservation`) so that ``seimon assess --explain`` can list the
batch, row, source, reliability and publication date of each number used or set aside.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from seimon.assess.series import Measure, Observation
from seimon.assess.status import Note
from seimon.assess.targets import (
    ValueSource,
    display_factor,
    relation_of,
    scope_regions,
    stored_unit,
    value_source,
)
from seimon.errors import SeimonError
from seimon.periods import Period, parse_period
from seimon.plan import Plan, Target
from seimon.store import Store
from seimon.units import convert

logger = logging.getLogger(__name__)

KIND_MEASURE: dict[str, Measure] = {
    "level": "stock",
    "count": "stock",
    "share": "share",
    "annual_flow": "flow",
    "cumulative": "flow",
}

# "当年推广量（年度流量）/ promoted in the year (annual flow)" → a flow
_FLOW_NOTE = re.compile(r"年度流量|当年|本年新增|年内新增|annual flow|in the year", re.IGNORECASE)
# "十三五以来累计推广 / running total", "年末存量", "as of October" → a stock
_STOCK_NOTE = re.compile(r"存量|以来累计|累计至|running total|as of|stock", re.IGNORECASE)
# "高新技术产业替代口径 / proxy" → a value with a different scope
_PROXY_NOTE = re.compile(r"替代口径|代理指标|proxy", re.IGNORECASE)


@dataclass(frozen=True)
class SourcedObservation:
    """An :class:`Observation` with where it came from (for ``--explain`` and the set-aside list)."""

    obs: Observation
    unit: str
    region: str
    origin: str = "observations"
    source: str | None = None
    reliability: str | None = None
    published: dt.date | None = None
    batch_id: int | None = None
    row_number: int | None = None
    note: str | None = None
    is_current: bool = True

    def to_dict(self, factor: float = 1.0, unit: str | None = None) -> dict[str, Any]:
        """Row for JSON and ``--explain``; ``factor``/``unit`` show the value in the target's written unit."""
        return {
            "period": self.obs.period_code,
            "t": round(self.obs.t, 4),
            "value": self.obs.value * factor,
            "unit": unit or self.unit,
            "measure": self.obs.measure,
            "period_kind": self.obs.period_kind,
            "region": self.region,
            "origin": self.origin,
            "source": self.source,
            "reliability": self.reliability,
            "published": self.published.isoformat() if self.published else None,
            "batch_id": self.batch_id,
            "row_number": self.row_number,
            "proxy": self.obs.proxy,
            "is_current": self.is_current,
        }


@dataclass
class TargetInputs:
    """The observations of one target and how they were obtained (notes say what was converted or set aside)."""

    target: Target
    source: ValueSource
    items: list[SourcedObservation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def observations(self) -> list[Observation]:
        """The bare observations, in the order read."""
        return [i.obs for i in self.items]

    def find(self, obs: Observation) -> SourcedObservation | None:
        """The sourced row of an observation (identity first, then equal values)."""
        for item in self.items:
            if item.obs is obs:
                return item
        return next((i for i in self.items if i.obs == obs), None)


def period_time(period: Period) -> float:
    """Fractional-year time of a period's end on the assessment axis: :meth:`seimon.periods.Period.time`.

    >>> period_time(parse_period("2016年10月末")), period_time(parse_period("2017年"))
    (2016.8333333333333, 2018.0)
    """
    return period.time()


def _extra(raw: Any) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        data = json.loads(raw) if isinstance(raw, str) else dict(raw)
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def measure_of(period: Period, unit: str, note: str | None, extra: dict[str, Any], default: Measure) -> Measure:
    """What a stored row measures (see the module docstring for the order of the rules).

    >>> measure_of(parse_period("2017年"), "辆", "当年推广量（年度流量）", {}, "stock")
    'flow'
    >>> measure_of(parse_period("2016年10月末"), "千瓦", None, {}, "flow")
    'stock'
    >>> measure_of(parse_period("2017年1-4月"), "辆", None, {}, "stock")
    'flow'
    """
    declared = extra.get("measure")
    rules: list[tuple[bool, Measure]] = [
        (declared == "stock", "stock"),
        (declared == "flow", "flow"),
        (declared == "share", "share"),
        (unit == "%", "share"),
        (bool(note and _FLOW_NOTE.search(note)), "flow"),
        (bool(note and _STOCK_NOTE.search(note)), "stock"),
        (period.kind == "point", "stock"),
        (period.kind in ("ytd", "half", "quarter"), "flow"),
    ]
    return next((measure for applies, measure in rules if applies), default)


def to_observation(
    period: Period,
    value: float,
    measure: Measure,
    *,
    published: dt.date | None = None,
    source: str | None = None,
    reliability: str | None = None,
    proxy: bool = False,
) -> Observation:
    """An :class:`Observation` of a stored period. A half or quarter starting in January is a 1–N月 figure.

    >>> o = to_observation(parse_period("2017年上半年"), 12.0, "flow")
    >>> o.period_kind, o.months_covered, round(o.t, 3)
    ('ytd', 6, 2017.5)
    """
    kind = period.kind
    months = period.months if kind != "year" else 12
    if kind in ("half", "quarter") and period.start_month == 1:
        kind = "ytd"  # 上半年 of a flow is the 1–6月 cumulative figure
    return Observation(
        t=period_time(period),
        value=float(value),
        period_code=period.code,
        measure=measure,
        period_kind=kind,
        months_covered=months,
        as_published=published,
        source=source,
        reliability=reliability,
        proxy=proxy,
    )


def as_date(value: Any) -> dt.date | None:
    """A stored DATE or TIMESTAMP (or its ISO text, as drivers differ) as a date.

    >>> as_date("2019-02-09 10:30:00"), as_date(None)
    (datetime.date(2019, 2, 9), None)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def read_observations(store: Store, target: Target, regions: list[str]) -> tuple[list[SourcedObservation], list[Note]]:
    """Every stored vintage of the target's observations in ``regions``, converted to the target's stored unit.

    Rows in another unit of the same dimension are converted (and said so); rows whose unit cannot be
    converted or whose value is missing are set aside with a reason. The as-of cut is the assessment's job.

    >>> from seimon.store import open_store
    >>> from seimon.plan import load_plan
    >>> with open_store("duckdb:///:memory:") as s:
    ...     read_observations(s, load_plan().targets[7], ["130000"])
    ([], [])
    """
    default = KIND_MEASURE[target.kind]
    unit = stored_unit(target)
    relative = relation_of(target)[0] is not None
    marks = ",".join("?" for _ in regions)
    rows = store.fetch_dicts(
        "SELECT o.indicator, o.region, o.period, o.value, o.unit, o.source, o.reliability, o.note, o.published,"
        " o.extra_json, o.batch_id, o.row_number, o.vintage, o.is_current, b.published AS batch_published"
        " FROM observations o LEFT JOIN batches b ON b.batch_id = o.batch_id"
        f" WHERE o.indicator = ? AND o.region IN ({marks}) ORDER BY o.period, o.vintage, o.batch_id, o.row_number",
        [target.id, *regions],
    )
    items: list[SourcedObservation] = []
    notes: list[Note] = []
    bad: list[str] = []
    assumed = False
    if relative and rows:
        # a relative target (比2015年下降18%) is written in %, its indicator in its own unit: compare in the
        # unit most rows use, e.g. 吨标准煤/万元
        units = [r["unit"] for r in rows]
        unit = max(dict.fromkeys(units), key=units.count)
    for row in rows:
        code = f"{row['period']}@{row['batch_id']}:{row['row_number']}"
        if row["value"] is None:
            bad.append(f"{code}（无数值 / no value）")
            continue
        value = float(row["value"])
        if row["unit"] != unit:
            try:
                value = convert(value, row["unit"], unit)
            except SeimonError:
                bad.append(f"{code}（单位 {row['unit']} 不可换算为 {unit} / unit not convertible）")
                continue
        try:
            period = parse_period(row["period"])
        except SeimonError:
            bad.append(f"{code}（时期无法识别 / unrecognised period）")
            continue
        extra = _extra(row.get("extra_json"))
        note = row.get("note") or None
        proxy = bool(extra.get("proxy")) or bool(note and _PROXY_NOTE.search(note))
        published = as_date(row["published"]) or as_date(row["batch_published"])
        if published is None:
            assumed = True
            published = as_date(row["vintage"])
        obs = to_observation(
            period,
            value,
            measure_of(period, unit, note, extra, default),
            published=published,
            source=row["source"],
            reliability=row["reliability"],
            proxy=proxy,
        )
        items.append(
            SourcedObservation(
                obs,
                unit,
                row["region"],
                "observations",
                row["source"],
                row["reliability"],
                published,
                row["batch_id"],
                row["row_number"],
                note,
                bool(row["is_current"]),
            )
        )
    if bad:
        notes.append(
            Note(
                "unreadable_rows",
                f"已剔除无法使用的观测行：{'；'.join(bad)}",
                f"set aside unusable observation rows: {'; '.join(bad)}",
            )
        )
    if assumed:
        notes.append(PUBLICATION_ASSUMED)
    return items, notes


PUBLICATION_ASSUMED = Note(
    "publication_assumed",
    "发布日期未注明的数据，按发布日程推定其可知日期（月度数据为次月27日，年度数据为次年3月1日）",
    "publication date assumed where none was stated (release calendar: monthly figures the 27th of the next month,"
    " annual figures 1 March of the next year)",
)


def _reports_dates_assumed(store: Store) -> bool:
    """Whether any enterprise reports were imported without a stated publication date."""
    row = store.fetchone(
        "SELECT count(*) FROM batches WHERE kind IN ('reports', 'service-reports') AND status IN ('loaded', 'partial')"
        " AND published IS NULL"
    )
    return bool(row and int(row[0]))


def read_indicator(
    store: Store, target: Target, source: ValueSource, as_of: dt.date
) -> tuple[list[SourcedObservation], list[Note]]:
    """Values of the measuring indicator from the indicator system's query API, as published up to ``as_of``.

    Whole years and 1–N月 figures are both returned (a share for 1–N月 is set aside later, a 1–N月 flow feeds the
    forecast). Values are converted to the target's stored unit.
    """
    from seimon.indicators import query

    assert source.indicator is not None
    rows = query(source.indicator, region=source.region, by=source.by, store=store, vintage=as_of)
    unit = stored_unit(target)
    measure = KIND_MEASURE[target.kind] if target.kind != "level" else "stock"
    items: list[SourcedObservation] = []
    for row in rows:
        if source.by is not None and row.get(source.by) != source.member:
            continue
        value = float(row["value"]) if source.unit == unit else convert(float(row["value"]), source.unit, unit)
        period = parse_period(row["period"])
        obs = to_observation(period, value, "share" if unit == "%" else measure, source=source.indicator)
        items.append(SourcedObservation(obs, unit, source.region, "indicator", source.indicator, "A"))
    notes = [PUBLICATION_ASSUMED] if items and _reports_dates_assumed(store) else []
    if items:
        latest = max(items, key=lambda i: i.obs.t).obs.period_code
        notes += composition_notes(store, source.indicator, source.region, latest, as_of)
    return items, notes


ESTIMATED_MEASURES = frozenset({"value_added_total", "services_value_added"})
"""Measures that are estimates, not reports: services value added by the income approach (docs/scope.md)."""


def composition_notes(store: Store, indicator: str, region: str | None, code: str, as_of: dt.date) -> list[Note]:
    """Which part of an indicator was measured and which estimated, with the latest period's parts, when it rests
    on an estimate (``sei_va_share_gdp``: industrial SEI value added as reported + services SEI value added estimated
    by the income approach). Nothing for an indicator built from reported figures alone.
    """
    from seimon.indicators import load_registry, query

    registry = load_registry()
    seen, todo, estimated = set(), [indicator], False
    while todo:
        spec = registry[todo.pop()]
        if spec.id in seen:
            continue
        seen.add(spec.id)
        estimated |= spec.measure in ESTIMATED_MEASURES
        todo += spec.operands
    if not estimated:
        return []

    def part(name: str) -> str:
        rows = query(name, region=region, period=code, store=store, vintage=as_of)
        return f"{rows[0]['value'] / 10000:.1f}" if rows and rows[0]["value"] is not None else "—"

    measured, estimate = part("sei_va"), part("sei_services_va")
    return [
        Note(
            "measured_and_estimated",
            f"{code}：工业战略性新兴产业增加值{measured}亿元为企业报送（实测）；服务业战略性新兴产业增加值{estimate}亿元为"
            "收入法估算（劳动者报酬＋生产税净额＋折旧＋营业盈余），非报送数",
            f"{code}: industrial SEI value added {measured} (100 mn yuan) is reported (measured); services SEI value "
            f"added {estimate} is an income-approach estimate (labour compensation + net production taxes + "
            "depreciation + operating surplus), not reported",
        )
    ]


def target_inputs(
    store: Store, plan: Plan, target: Target, *, as_of: dt.date, registry: object | None = None
) -> TargetInputs:
    """The observations one target is assessed on: from the indicator system when it measures the target and has
    values, else from the published observations (and the reason, either way).

    >>> from seimon.store import open_store
    >>> from seimon.plan import load_plan
    >>> plan = load_plan()
    >>> with open_store("duckdb:///:memory:") as s:
    ...     ins = target_inputs(s, plan, plan.targets[7], as_of=dt.date(2019, 1, 1))
    >>> ins.source.kind, ins.items
    ('observations', [])
    """
    source = value_source(target, registry)
    regions = scope_regions(plan, target)
    inputs = TargetInputs(target, source)
    if source.kind == "indicator":
        zh, en = source.describe()
        try:
            items, notes = read_indicator(store, target, source, as_of)
        except SeimonError as err:
            items, notes = [], [Note("indicator_failed", f"{zh}不可用：{err.message_zh}", f"{en} unavailable: {err}")]
        except Exception as err:  # an engine failure must not stop the other targets
            logger.warning("indicator %s failed for %s: %s", source.indicator, target.id, err)
            items, notes = [], [Note("indicator_failed", f"{zh}不可用：{err}", f"{en} unavailable: {err}")]
        if items:
            inputs.items, inputs.notes = items, [*notes, Note("from_indicator", f"数值取自{zh}", f"values from {en}")]
            return inputs
        inputs.notes.extend(notes)
        inputs.notes.append(
            Note(
                "indicator_empty",
                f"{zh}尚无数值，改用公开发布观测值",
                f"{en} has no values yet: published observations used instead",
            )
        )
        inputs.source = ValueSource("observations", stored_unit(target), region=regions[0])
    else:
        inputs.source = ValueSource("observations", stored_unit(target), region=regions[0])
    items, notes = read_observations(store, target, regions)
    inputs.items = items
    inputs.notes.extend(notes)
    return inputs


__all__ = [
    "KIND_MEASURE",
    "SourcedObservation",
    "TargetInputs",
    "display_factor",
    "measure_of",
    "period_time",
    "read_indicator",
    "read_observations",
    "target_inputs",
    "to_observation",
]
