"""One compiler: indicator specs plus a cut (dimensions, periods, vintage) → one portable Ibis expression.

Why this shape: the same expression must run unchanged on DuckDB, PostgreSQL and Spark, and a whole
cube must be a handful of large grouped queries, not thousands of small ones. So a *frame* is compiled
for a cut — a set of (view, level) region roll-ups and at most one extra dimension — with one column per
indicator:

1. enterprise reports are aggregated once at the finest grain (county-level code × extra dimension ×
   year × end month), every report-based indicator a conditional aggregate of the same scan;
2. that grain is rolled up to the requested regions through ``ind_dim_region`` (an enterprise has one
   region, so distinct counts add up across regions; they are never added across SEI items);
3. regional aggregates (GDP) and published observations are joined on region and period;
4. operands that lack the extra dimension (all above-scale industry when cutting by plan industry) come
   from the frame without it and are repeated across it (``broadcast``);
5. ratios, shares, growth rates and differences are column expressions, every division guarded with
   ``nullif(denominator, 0)``; nothing is rounded.

Periods: report values are year-to-date cumulative as reported (``start_month = 1``; 1–2月 combined),
keyed by ``(year, end_month)``; ``end_month = 12`` is the whole year.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from seimon.errors import Location, SeimonError
from seimon.indicators.dimensions import DIM_REGION, ibis_schema
from seimon.indicators.registry import Registry
from seimon.indicators.spec import SEI_DIMENSIONS, IndicatorSpec
from seimon.units import is_unit, unit_info, unit_table

logger = logging.getLogger(__name__)

TableGetter = Callable[[str], ir.Table]
Period = tuple[int, int]  # (year, end_month): (2019, 9) is 2019年1-9月, (2019, 12) the whole year

# Natural keys of each fact table: the latest vintage per key is "the" row (migrations/0003_ingest.sql).
VINTAGE_KEYS: dict[str, tuple[str, ...]] = {
    "reports": ("credit_code", "period"),
    "enterprises": ("credit_code",),
    "deflators": ("division", "period"),
    "regional": ("region", "period", "indicator"),
    "observations": ("indicator", "region", "period"),
}
# SEI dimension -> column of enterprise_classifications: plan_industry "nev", field "5", item "5.2"
SEI_COLUMNS: dict[str, str] = {"plan_industry": "plan_industry", "sei_field": "field_code", "sei_item": "sei_code"}
# extra dimensions the cube's materialised fine table (code × base × size × period) can be rolled up to;
# any other (SEI dimensions, division) is aggregated from the fact table
FINE_DIMENSIONS: tuple[str | None, ...] = (None, "base", "size")
FINE_KEYS: tuple[str, ...] = ("code", "base", "size", "sei_set", "year", "end_month")
ASSIGNED = "assigned"  # seimon.reference.classify.Status.ASSIGNED
UNKNOWN = "未填报"  # base/size left empty in the register: a cell of its own, never dropped
# report columns the measures are computed from
_MEASURE_INPUTS = (
    "value_added",
    "value_added_prior",
    "revenue",
    "profit",
    "rd_expenditure",
    "employees",
)


@dataclass(frozen=True)
class Cut:
    """What a frame is grouped by: region roll-ups as (view, level) pairs, and one optional extra dimension.

    >>> Cut((("reporting", "city"),), "plan_industry").keys
    ('view', 'level', 'region', 'plan_industry', 'year', 'end_month')
    """

    regions: tuple[tuple[str, str], ...] = (("reporting", "province"),)
    extra: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        middle = (self.extra,) if self.extra else ()
        return ("view", "level", "region", *middle, "year", "end_month")

    def without_extra(self) -> Cut:
        return Cut(self.regions, None)


def unbound_tables() -> TableGetter:
    """Tables without a backend, for generating SQL (snapshots) without running anything.

    >>> unbound_tables()("reports").columns[:2]
    ('credit_code', 'period')
    """
    return lambda name: ibis.table(ibis_schema(name), name=name)


def _period_filter(year: ir.IntegerColumn, end_month: ir.IntegerColumn, periods: Sequence[Period] | None):
    """Rows in ``periods``: the exact pairs as codes ((2019, 9) -> 201909), led by the plain year and month
    lists, which engines check against each block's min/max and so skip the blocks of other periods."""
    if periods is None:
        return None
    years = sorted({y for y, _ in periods})
    months = sorted({m for _, m in periods})
    codes = sorted({y * 100 + m for y, m in periods})
    return year.isin(years) & end_month.isin(months) & (year * 100 + end_month).isin(codes)


def _drop(t: ir.Table, *names: str) -> ir.Table:
    """``t`` without ``names``, columns kept in order (``Table.drop`` orders by a set: SQL would vary by run)."""
    return t.select(*[c for c in t.columns if c not in names])


def _region_condition(t: ir.Table, regions: Sequence[tuple[str, str]]) -> ir.BooleanValue:
    """Rows of ``t`` whose (view, level) is one of ``regions``, in the order given (deterministic SQL)."""
    cond = None
    for view, level in regions:
        one = (t["view"] == view) & (t["level"] == level)  # t.view is Table.view(), not the column
        cond = one if cond is None else cond | one
    assert cond is not None
    return cond


def _union_all(tables: Sequence[ir.Table]) -> ir.Table:
    """UNION ALL of ``tables`` as a balanced tree (a left-deep chain of ~100 overflows Ibis' recursion)."""
    parts = list(tables)
    while len(parts) > 1:
        parts = [a.union(b) for a, b in zip(parts[::2], parts[1::2], strict=False)] + parts[len(parts) // 2 * 2 :]
    return parts[0]


def _factor(unit: str) -> float:
    return unit_info(unit).factor if is_unit(unit) else 1.0


@dataclass
class _Compiler:
    registry: Registry
    tables: TableGetter
    periods: Sequence[Period] | None
    vintage: dt.datetime | None
    fine_table: ir.Table | None = None  # a materialised fact aggregate at :data:`FINE_KEYS`
    totals: ir.Table | None = None  # a materialised frame without extra dimension, for broadcast operands
    sei_sets: bool = False  # facts carry the enterprise's set of SEI classifications (the cube's fine grain)
    units_table: ir.Table | None = None  # a materialised :meth:`units` (the cube sets it)

    def _only(self, t: ir.Table, *, widen: bool = False) -> ir.Table:
        """Rows of ``t`` in the periods asked for (``widen``: and in the same periods a year earlier)."""
        periods = self.periods
        if periods is not None and widen:
            periods = sorted({(y - k, m) for y, m in periods for k in (0, 1)})
        keep = _period_filter(t.year, t.end_month, periods)
        return t.filter(keep) if keep is not None else t

    # --- inputs --------------------------------------------------------------------------------------
    def current(self, name: str) -> ir.Table:
        """Rows of ``name`` as known now (``is_current``) or at the vintage asked for."""
        t = self.tables(name)
        if self.vintage is None:
            return t.filter(t.is_current)
        t = t.filter(t.vintage <= ibis.literal(self.vintage, type="timestamp"))
        order = [ibis.desc(t.vintage), ibis.desc(t.batch_id)]
        rn = ibis.row_number().over(group_by=list(VINTAGE_KEYS[name]), order_by=order)
        return _drop(t.mutate(_rn=rn).filter(lambda x: x._rn == 0), "_rn")

    def reports(self) -> ir.Table:
        r = self.current("reports")
        return r.filter(r.start_month == 1)

    def enterprises(self) -> ir.Table:
        e = self.current("enterprises")
        return e.select(
            e.credit_code,
            code=e.region,
            division=e.industry.substr(0, 2),  # GB/T 4754 class "3841" -> division "38"
            base=e.base.fill_null(UNKNOWN),
            size=e.size.fill_null(UNKNOWN),
        )

    def classifications(self) -> ir.Table:
        c = self.tables("enterprise_classifications")
        return c.filter(c.status == ASSIGNED)

    def region_units(self, cut: Cut) -> ir.Table:
        d = self.tables(DIM_REGION)
        return d.filter(_region_condition(d, cut.regions))

    # --- enterprise reports ---------------------------------------------------------------------------
    def units(self) -> ir.Table:
        """Current enterprises with everything the facts need from them, computed once on the small table.

        Columns: credit_code, eid (an integer per enterprise: the reports' self-joins compare integers, not
        18-character codes), code, division, base, size, is_sei (any assigned SEI classification) and, for
        the cube, sei_set: an integer naming the enterprise's set of SEI classifications (0 for none), so that
        every SEI cut is a roll-up of one aggregate (:meth:`set_members`) instead of a pass over the reports.
        """
        if self.units_table is not None:
            return self.units_table
        e = self.enterprises()
        e = e.mutate(eid=ibis.row_number().over(order_by=e.credit_code))  # deterministic: codes are unique
        c = self.classifications()
        if self.sei_sets:
            per = self._sets()
        else:
            per = c.select(s_code=c.credit_code).distinct().mutate(sei_set=ibis.literal(1, type="int64"))
        e = _drop(e.left_join(per, e.credit_code == per.s_code), "s_code")
        return e.mutate(is_sei=e.sei_set.notnull(), sei_set=e.sei_set.fill_null(0))

    def _sets(self) -> ir.Table:
        """(s_code, sei_set): each classified enterprise's set of (item, field, plan industry) as an integer.

        The set is spelled as its sorted members joined with commas ("5.2|5|nev,5.3|5|nev"); only equality
        of spellings matters, so an engine's own string order is fine.
        """
        c = self.classifications()
        member = c.sei_code.fill_null("") + "|" + c.field_code.fill_null("") + "|" + c.plan_industry.fill_null("")
        per = c.select(s_code=c.credit_code, member=member).distinct()
        per = per.group_by("s_code").aggregate(items=per.member.collect().sort().join(","))
        names = per.select("items").distinct()
        names = names.mutate(sei_set=(ibis.dense_rank().over(order_by=names.items) + 1).cast("int64"))
        j = per.join(names, per.items == names.items)
        return j.select(j.s_code, j.sei_set)

    def set_members(self, extra: str) -> ir.Table:
        """(sei_set, ``extra``): which SEI dimension values each set of classifications falls in, distinct.

        An enterprise counts once per value: two items of field 5 make one row for field 5.
        """
        c = self.classifications()
        col = c[SEI_COLUMNS[extra]]
        pairs = c.filter(col.notnull()).select(m_code=c.credit_code, **{extra: col}).distinct()
        u = self.units()
        sets = u.select(s_code=u.credit_code, sei_set=u.sei_set)
        j = pairs.join(sets, pairs.m_code == sets.s_code)
        return j.select(m_set=j.sei_set, **{extra: j[extra]}).distinct()

    def _enrich_sei(self, f: ir.Table, extra: str) -> ir.Table:
        """Report facts × the enterprise's values of an SEI dimension (one row per distinct value)."""
        c = self.classifications()
        col = c[SEI_COLUMNS[extra]]
        cls = c.filter(col.notnull()).select(cls_code_=c.credit_code, **{extra: col}).distinct()
        return _drop(f.join(cls, f.credit_code == cls.cls_code_), "cls_code_")

    def _measures(self, f: ir.Table) -> dict[str, ir.Value]:
        comparable = f.value_added.notnull() & f.value_added_prior.notnull() & f.index_value.notnull()
        return {
            "value_added": f.value_added,
            "value_added_prior": f.value_added_prior,
            # deflate to prior-year prices: index with the same period of the prior year = 100
            "value_added_comparable": ibis.cases((comparable, f.value_added / (f.index_value.nullif(0) / 100.0))),
            "value_added_prior_comparable": ibis.cases((comparable, f.value_added_prior)),
            "revenue": f.revenue,
            "profit": f.profit,
            "rd_expenditure": f.rd_expenditure,
            "employees": f.employees,
        }

    def fact(self, specs: list[IndicatorSpec]) -> ir.Table:
        """Report rows enriched once, one row per report plus one per exit, every measure a column.

        Columns: credit_code, eid, code (county-level region), base, size, division (GB/T 4754 行业大类, "38"),
        sei_set, year, end_month, is_sei, has_prev (reported the same period a year earlier), is_exit (a row
        standing for an enterprise that reported a year earlier but not now; its measures are NULL) and the
        measures of ``spec.MEASURES``.

        Relies on the store's invariant of one current year-to-date report per enterprise and (year, end
        month) (the import canonicalises report periods; migration 0008): each enterprise is one row of a
        period, so counts of enterprises are sums of flags, not ``COUNT(DISTINCT)``, and the year-earlier
        rows need no de-duplication.
        """
        u = self.units()
        r = self.reports()
        r = self._only(r, widen=True)  # a year earlier too: entries and exits
        r = r.join(u, r.credit_code == u.credit_code)
        attrs = ["credit_code", "eid", "code", "division", "base", "size", "is_sei", "sei_set"]
        r = r.select(*attrs, "year", "end_month", *_MEASURE_INPUTS)
        entries = any(s.aggregation == "entries" for s in specs)
        exits = any(s.aggregation == "exits" for s in specs)
        if entries or exits:
            f = self._with_year_before(r, attrs, exits=exits)
        else:
            f = self._only(r.mutate(has_prev=ibis.literal(False), is_exit=ibis.literal(False)))
        if any(s.measure and "comparable" in s.measure for s in specs):
            d = self.current("deflators")
            d = d.filter(d.start_month == 1).select(
                d_div=d.division, d_year=d.year, d_month=d.end_month, index_value=d.index_value
            )
            f = _drop(
                f.left_join(d, [f.division == d.d_div, f.year == d.d_year, f.end_month == d.d_month]),
                "d_div",
                "d_year",
                "d_month",
            )
        else:
            f = f.mutate(index_value=ibis.null("float64"))
        # a class code left empty gives a division cell of its own (未填报), like base and size, never dropped
        f = f.mutate(division=f.division.fill_null(UNKNOWN))
        keys = [*attrs, "year", "end_month", "has_prev", "is_exit"]
        return f.select(*keys, **self._measures(f))

    def _with_year_before(self, r: ir.Table, attrs: list[str], *, exits: bool) -> ir.Table:
        """Report rows with ``has_prev`` and ``is_exit``, from one full outer join of the reports with themselves
        a year on.

        A report matched by a report of the same enterprise a year earlier has ``has_prev``; a year-earlier
        report matched by nothing now is an exit row of the later period (attributes from the earlier report,
        measures NULL), kept only where that period has reports at all (no exits are invented for a month not
        loaded yet) and only when ``exits`` are asked for. ``r`` may also hold the year before the asked periods
        (for the join); those rows are dropped after it.
        """
        prev = r.select(*[r[a].name(f"p_{a}") for a in attrs], year=(r.year + 1).cast("int32"), end_month=r.end_month)
        prev = self._only(prev).rename(p_year="year", p_month="end_month")  # the asked periods, a year on
        left = r.view()  # a reference, not a copy: Ibis would otherwise fold r's own join into this one
        j = left.outer_join(prev, [left.eid == prev.p_eid, left.year == prev.p_year, left.end_month == prev.p_month])
        now = j.eid.notnull()
        f = j.select(
            **{a: ibis.coalesce(j[a], j[f"p_{a}"]) for a in attrs},
            year=ibis.coalesce(j.year, j.p_year).cast("int32"),
            end_month=ibis.coalesce(j.end_month, j.p_month).cast("int32"),
            **{m: j[m] for m in _MEASURE_INPUTS},
            has_prev=j.p_eid.notnull(),
            is_exit=~now,
        )
        f = self._only(f).view()  # its own relation: the join below must not be folded into the one above
        if not exits:
            return f.filter(~f.is_exit)
        present = r.select(q_year=r.year, q_month=r.end_month).distinct().mutate(q_present=ibis.literal(True))
        f = _drop(f.left_join(present, [f.year == present.q_year, f.end_month == present.q_month]), "q_year", "q_month")
        return _drop(f.filter(~f.is_exit | f.q_present.notnull()), "q_present")

    def _report_fine(self, specs: list[IndicatorSpec], extra: str | None) -> ir.Table:
        """Report-based indicators at county-level code × extra × period, one grouped scan of :meth:`fact`.

        With the cube's :attr:`fine_table` (code × base × size × SEI set × period) no scan is needed: base
        and size are its columns, and an SEI dimension is its sets joined to :meth:`set_members`.
        """
        if self.fine_table is not None and extra in FINE_DIMENSIONS:
            return self.fine_table  # the roll-up sums it to any of these
        if self.fine_table is not None and extra in SEI_DIMENSIONS:
            fine = self.fine_table
            members = self.set_members(extra)
            j = fine.join(members, fine.sei_set == members.m_set)
            keys = ["code", extra, "year", "end_month"]
            return j.group_by(keys).aggregate(**{s.id: j[s.id].sum() for s in specs})
        f = self.fact(specs)
        if extra in SEI_DIMENSIONS:
            f = self._enrich_sei(f, extra)
        keys = ["code", *([extra] if extra else []), "year", "end_month"]
        return f.group_by(keys).aggregate(**self.report_aggregates(f, specs))

    def report_aggregates(self, f: ir.Table, specs: list[IndicatorSpec]) -> dict[str, ir.Value]:
        """One conditional aggregate per report-based indicator over rows of :meth:`fact`.

        A cell with only exit rows has NULL report values and counts; a cell with no exit row has NULL exits
        (as if the exits were a separate table outer-joined on the cell).
        """
        aggs: dict[str, ir.Value] = {}
        has_exits = any(s.aggregation == "exits" for s in specs)
        current = ~f.is_exit
        for s in specs:
            cond = f.is_sei if s.population == "sei" else None
            if s.aggregation == "sum":
                m = f[s.measure or ""]
                aggs[s.id] = (ibis.cases((cond, m)) if cond is not None else m).sum()
                continue
            if s.aggregation == "count_distinct":
                when = current if cond is None else cond & current
            elif s.aggregation == "entries":
                when = current & ~f.has_prev if cond is None else cond & current & ~f.has_prev
            else:  # exits
                when = f.is_exit if cond is None else cond & f.is_exit
            count = ibis.cases((when, 1), else_=0).sum()  # one row per enterprise in a cell (see fact)
            if has_exits:
                present = f.is_exit.any() if s.aggregation == "exits" else current.any()
                count = ibis.cases((present, count))
            aggs[s.id] = count
        return aggs

    def _rollup(self, fine: ir.Table, specs: list[IndicatorSpec], cut: Cut, extra: str | None) -> ir.Table:
        d = self.region_units(cut)
        j = fine.join(d, fine.code == d.code)
        keys = ["view", "level", "region", *([extra] if extra else []), "year", "end_month"]
        return j.group_by(keys).aggregate(**{s.id: j[s.id].sum() for s in specs})

    # --- regional aggregates and observations -------------------------------------------------------
    def _convert(self, value: ir.Value, unit_col: ir.Value, to_unit: str) -> ir.Value:
        """Convert ``value`` written in ``unit_col`` to ``to_unit``; units of another base give NULL."""
        if not is_unit(to_unit):
            return ibis.cases((unit_col == to_unit, value))
        target = unit_info(to_unit)
        same = [u for u in unit_table().values() if u.base == target.base]
        return ibis.cases(*[(unit_col == u.name, value * (u.factor / target.factor)) for u in same])

    def _source_part(self, spec: IndicatorSpec, cut: Cut) -> ir.Table:
        name = "regional" if spec.aggregation == "regional" else "observations"
        t = self.current(name)
        t = t.filter(t.indicator.isin(spec.sources))
        if spec.period.type == "flow" or spec.period.basis == "annual":
            t = t.filter(t.start_month == 1)
        if spec.period.basis == "annual":
            t = t.filter(t.end_month == 12)
        t = self._only(t)
        # several publications for one month (a quarter and a year-to-date span; two points): keep the
        # longest span, then the latest point, then the first alias listed in `sources`
        order: list[ir.Value] = [t.start_month]
        if name == "observations":
            order.append(ibis.desc(t.point_date))
        order.append(ibis.cases(*[(t.indicator == s, i) for i, s in enumerate(spec.sources)]))
        rn = ibis.row_number().over(group_by=[t.region, t.year, t.end_month], order_by=order)
        t = t.mutate(_rn=rn).filter(lambda x: x._rn == 0)
        t = t.select(
            s_region=t.region, year=t.year, end_month=t.end_month, value=self._convert(t.value, t.unit, spec.unit)
        )
        units = self.region_units(cut)
        units = units.filter(units.region_level == units.level).select("view", "level", "region").distinct()
        j = t.join(units, t.s_region == units.region)
        return j.select("view", "level", "region", "year", "end_month", **{spec.id: j.value})

    def _sources_part(self, specs: list[IndicatorSpec], cut: Cut) -> ir.Table:
        """Several regional/observation indicators as one part: stacked, then one column each.

        One join into the frame instead of one per indicator keeps the compiled query small.
        """
        keys = ["view", "level", "region", "year", "end_month"]
        longs = [
            part.select(*keys, indicator=ibis.literal(s.id, type="string"), value=part[s.id].cast("float64"))
            for s in specs
            for part in [self._source_part(s, cut)]
        ]
        stacked = _union_all(longs)
        values = {s.id: ibis.cases((stacked.indicator == s.id, stacked.value)).max() for s in specs}
        return stacked.group_by(keys).aggregate(**values)

    # --- frames ------------------------------------------------------------------------------------------
    def frame(self, ids: Iterable[str], cut: Cut) -> ir.Table:
        """One table keyed by ``cut.keys`` with a column per indicator in ``ids``."""
        ids = list(dict.fromkeys(ids))
        extra = cut.extra
        local: list[str] = []
        broadcast: list[str] = []

        def place(i: str) -> None:
            spec = self.registry[i]
            if extra is not None and not spec.supports(extra):
                if i not in broadcast:
                    broadcast.append(i)
                return
            if i in local:
                return
            for op in spec.operands:
                place(op)
            local.append(i)

        for i in ids:
            if extra is not None and not self.registry[i].supports(extra):
                raise SeimonError(
                    f"指标 {i} 不能按 {extra} 分组",
                    f"indicator {i} cannot be cut by {extra}",
                    self.registry.location(i, "dimensions"),
                    code="indicator_dimension",
                )
            place(i)
        specs = [self.registry[i] for i in local]
        base = [s for s in specs if s.is_report_base]
        sources = [s for s in specs if s.aggregation in ("regional", "observation")]
        keys = list(cut.keys)
        parts: list[ir.Table] = []
        if base:
            parts.append(self._rollup(self._report_fine(base, extra), base, cut, extra))
        if len(sources) == 1:
            parts.append(self._source_part(sources[0], cut))
        elif sources:
            parts.append(self._sources_part(sources, cut))
        if not parts:  # only composites of broadcast operands: spine from the frame without extra
            raise SeimonError(
                "指标没有可计算的数据来源",
                "the indicator has no data source to compute from",
                Location(field="indicator"),
                code="indicator_compile",
            )
        t = parts[0]
        for part in parts[1:]:
            t = self._left_join(t, part, keys)
        if broadcast:
            bkeys = list(cut.without_extra().keys)
            if self.totals is not None and all(i in self.totals.columns for i in broadcast):
                wanted = _region_condition(self.totals, cut.regions)
                b = self.totals.filter(wanted).select(*bkeys, *broadcast)
            else:
                b = self.frame(broadcast, cut.without_extra())
            b = b.rename({f"{i}__b": i for i in broadcast})
            t = self._left_join(t, b, bkeys)
        exprs: dict[str, ir.Value] = {}

        def expr(i: str) -> ir.Value:
            if i in broadcast:
                return t[f"{i}__b"]
            spec = self.registry[i]
            if not spec.is_composite:
                return t[i]
            if i not in exprs:
                exprs[i] = self._composite(spec, [expr(o) for o in spec.operands])
            return exprs[i]

        return t.select(*keys, **{i: expr(i) for i in ids})

    def _composite(self, spec: IndicatorSpec, values: list[ir.Value]) -> ir.Value:
        a, b = values
        ua, ub = (self.registry[o].unit for o in spec.operands)
        conv = _factor(ub) / _factor(ua) if is_unit(ua) and is_unit(ub) and ua != ub else 1.0
        b = b.cast("float64") * conv if conv != 1.0 else b.cast("float64")
        a = a.cast("float64")
        if spec.aggregation == "ratio":
            return a / b.nullif(0) * spec.scale
        if spec.aggregation == "share":
            return a / b.nullif(0) * 100.0
        if spec.aggregation == "growth":
            return (a / b.nullif(0) - 1.0) * 100.0
        return a - b

    @staticmethod
    def _left_join(t: ir.Table, other: ir.Table, keys: list[str]) -> ir.Table:
        renamed = other.rename({f"{k}__j": k for k in keys})
        return _drop(t.left_join(renamed, [t[k] == renamed[f"{k}__j"] for k in keys]), *[f"{k}__j" for k in keys])


def compile_frame(
    registry: Registry,
    ids: Iterable[str],
    cut: Cut,
    tables: TableGetter | None = None,
    *,
    periods: Sequence[Period] | None = None,
    vintage: dt.datetime | None = None,
) -> ir.Table:
    """Compile indicators for one cut into a single Ibis expression (see the module docstring).

    ``tables`` maps a store table name to an Ibis table of a backend; without it the expression is
    unbound (for SQL generation). ``periods`` restricts output periods; ``vintage`` reads the data as
    known at that time (latest row per key with ``vintage <=`` it) instead of the current rows.

    >>> from seimon.indicators.registry import load_registry
    >>> expr = compile_frame(load_registry(), ["sei_va_share_above_scale"], Cut((("reporting", "city"),)))
    >>> expr.columns
    ('view', 'level', 'region', 'year', 'end_month', 'sei_va_share_above_scale')
    >>> "NULLIF" in ibis.to_sql(expr, dialect="duckdb")
    True
    """
    compiler = _Compiler(registry, tables or unbound_tables(), periods, vintage)
    return compiler.frame(ids, cut)


# Units whose change is a difference in points, not a percentage: a share going from 20 % to 22 % moved 2 points.
POINT_UNITS: tuple[str, ...] = ("%", "百分点", "pp")
CUBE_KEYS: tuple[str, ...] = ("indicator", "view", "level", "region", "dimension", "dimension_value")


@dataclass
class CubePlan:
    """A compiled cube: the final long expression and the intermediate tables materialised for it.

    ``materialised`` must be released (:meth:`release`) once ``expr`` has been executed.
    """

    expr: ir.Table
    materialised: list[ir.Table]

    def release(self) -> None:
        """Drop the materialised intermediate tables (temporary tables, or Spark caches)."""
        for t in reversed(self.materialised):
            t.release()
        self.materialised.clear()


def _materialise(t: ir.Table) -> ir.Table:
    return t.cache()


def compile_cube(
    registry: Registry,
    cuts: Sequence[Cut],
    tables: TableGetter,
    *,
    periods: Sequence[Period] | None = None,
    write: Sequence[Period] | None = None,
    materialise: Callable[[ir.Table], ir.Table] = _materialise,
) -> CubePlan:
    """Compile (and partly materialise) a whole cube: every indicator × cut × period, with yoy and pop.

    Why this shape: the report facts are joined and enriched once (:meth:`_Compiler.fact`, materialised),
    aggregated once at (county code, base, size, period) for every cut that is not an SEI dimension
    (materialised; the roll-ups read a table of a few thousand rows), and once more per SEI dimension.
    The first cut (no extra dimension) is materialised and serves the broadcast operands of the others.
    The wide frames are stacked into cube rows and the year-on-year and period-on-period values are window
    functions in the same query, so nothing is post-processed row by row in Python. ``materialise`` runs
    on the engine (``Table.cache``): DuckDB and PostgreSQL temporary tables, Spark cached views.

    ``periods`` are computed; ``write`` (default: all of them) are returned — compute also the periods
    the written ones compare with (the same period a year earlier, the previous period of the year).

    >>> from seimon.indicators.registry import load_registry
    >>> plan = compile_cube(load_registry(), [Cut()], unbound_tables(), materialise=lambda t: t)
    >>> plan.expr.columns[:4]
    ('indicator', 'view', 'level', 'region')
    """
    if not cuts or cuts[0].extra is not None:
        raise ValueError("the first cut of a cube has no extra dimension (it serves broadcast operands)")
    materialised: list[ir.Table] = []

    def keep(t: ir.Table) -> ir.Table:
        out = materialise(t)
        if out is not t:
            materialised.append(out)
        return out

    comp = _Compiler(registry, tables, periods, None, sei_sets=True)
    base = [s for s in registry if s.is_report_base]
    if base:
        comp.units_table = keep(comp.units())  # the register's side, once: read by the fine table and the SEI cuts
        fact = comp.fact(base)
        comp.fine_table = keep(fact.group_by(list(FINE_KEYS)).aggregate(**comp.report_aggregates(fact, base)))
    longs: list[ir.Table] = []
    for k, cut in enumerate(cuts):
        ids = [s.id for s in registry if s.supports(cut.extra)]
        wide = keep(comp.frame(ids, cut))  # small: regions × dimension values × periods
        if k == 0:
            comp.totals = wide
        longs.append(_stack(wide, registry, ids, cut))
    stacked = _union_all(longs)
    out = _with_changes(stacked, [s.id for s in registry if s.unit in POINT_UNITS])
    out = _with_labels(out, registry)
    if write is not None:
        out = out.filter(_period_filter(out.year, out.end_month, write))
    return CubePlan(out, materialised)


def _with_labels(t: ir.Table, registry: Registry) -> ir.Table:
    """Add each row's ``period`` code and ``unit`` in the query, so the cube can be written where it is computed.

    The codes are those of :func:`seimon.indicators.query.period_code`: ``2019`` for a flow's whole year,
    ``2019-10`` for a stock as published, else the year-to-date code ``2019-01..09`` (``2019`` in December).
    """
    flows = [s.id for s in registry if s.period.type == "flow"]
    published = [s.id for s in registry if s.period.type == "stock" and s.period.basis == "as_published"]
    year = t.year.cast("string")
    month = t.end_month.cast("string").lpad(2, "0")
    never = ibis.literal(False)
    period = ibis.cases(
        ((t.end_month == 12) & (t.indicator.isin(flows) if flows else never), year),
        (t.indicator.isin(published) if published else never, year + "-" + month),
        (t.end_month < 12, year + "-01.." + month),
        else_=year,
    )
    units: dict[str, list[str]] = {}
    for spec in registry:
        units.setdefault(spec.unit, []).append(spec.id)
    unit = ibis.cases(*[(t.indicator.isin(ids), ibis.literal(u, type="string")) for u, ids in units.items()])
    return t.mutate(period=period, unit=unit)


def _stack(wide: ir.Table, registry: Registry, ids: Sequence[str], cut: Cut) -> ir.Table:
    """Cube rows of one cut: the wide frame × the indicator list, one CASE picking the indicator's column.

    Only non-null cells of the views and levels each indicator allows are kept. One unnest of the
    indicator list per cut (not one SELECT per indicator) keeps the final query small for the compiler
    and the engine.
    """
    # the indicator list as an array literal (not a memtable), so the compiled SQL stands on its own
    x = wide.mutate(indicator=ibis.literal(list(ids), type="array<string>").unnest())
    branches = []
    for i in ids:
        spec = registry[i]
        cond = x.indicator == i
        if set(spec.region_levels) != {"province", "city", "county"}:
            cond &= x.level.isin(list(spec.region_levels))
        if set(spec.views) != {"reporting", "geographic"}:
            cond &= x["view"].isin(list(spec.views))
        branches.append((cond, x[i].cast("float64")))
    value = ibis.cases(*branches)
    dimension_value = x[cut.extra].cast("string") if cut.extra else ibis.literal("", type="string")
    rows = x.select(
        "indicator",
        view=x["view"].cast("string"),
        level=x.level.cast("string"),
        region=x.region.cast("string"),
        dimension=ibis.literal(cut.extra or "", type="string"),
        dimension_value=dimension_value,
        year=x.year.cast("int32"),
        end_month=x.end_month.cast("int32"),
        value=value,
    )
    return rows.filter(rows.value.notnull())


def _with_changes(t: ir.Table, points: Sequence[str]) -> ir.Table:
    """Add value_prior_year, yoy, value_prior_period and pop as window functions over cube rows.

    Prior year: the same period a year earlier (the previous row by year must be exactly year − 1).
    Prior period: the previous period of the same year present for that cell (1–9月 before 1–10月).
    % and 百分点 change in points; levels change in percent; a zero prior gives NULL.
    """
    keys = list(CUBE_KEYS)
    by_year = ibis.window(group_by=[*keys, "end_month"], order_by="year")
    by_period = ibis.window(group_by=[*keys, "year"], order_by="end_month")
    prior_year = ibis.cases((t.year.lag().over(by_year) == t.year - 1, t.value.lag().over(by_year)))
    t = t.mutate(value_prior_year=prior_year, value_prior_period=t.value.lag().over(by_period))
    in_points = t.indicator.isin(list(points)) if points else ibis.literal(False)

    def change(prior: ir.FloatingValue) -> ir.FloatingValue:
        return ibis.cases((in_points, t.value - prior), else_=(t.value / prior.nullif(0) - 1.0) * 100.0)

    return t.select(
        *keys,
        "year",
        "end_month",
        "value",
        "value_prior_year",
        yoy=change(t.value_prior_year),
        value_prior_period=t.value_prior_period,
        pop=change(t.value_prior_period),
    )
