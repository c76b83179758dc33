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
from dataclasses import dataclass, field

import ibis
import ibis.expr.datatypes as dt_
import ibis.expr.operations as ops
import ibis.expr.types as ir

from seimon.errors import Location, SeimonError
from seimon.indicators.dimensions import DIM_REGION, DIM_UNIT, ibis_schema
from seimon.indicators.registry import Registry
from seimon.indicators.spec import SEI_DIMENSIONS, SERVICES_MEASURES, IndicatorSpec
from seimon.periods import YtdKey
from seimon.units import is_unit, unit_info

logger = logging.getLogger(__name__)

TableGetter = Callable[[str], ir.Table]

# Natural keys of each fact table: the latest vintage per key is "the" row (migrations/0003_ingest.sql).
VINTAGE_KEYS: dict[str, tuple[str, ...]] = {
    "reports": ("credit_code", "period"),
    "service_reports": ("credit_code", "period"),
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
MAX_YEAR_SPAN = 62
"""Most years of reports one query may read: bit k of a 64-bit integer stands for a year (:meth:`presence`)."""
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


def _year_bit(k: ir.IntegerValue) -> ir.IntegerValue:
    """2**k as a 64-bit integer for 0 <= k <= 62, else 0: 2**62 shifted right by 62 - k.

    Why from the top: a literal 1 would be a 32-bit integer on DuckDB, PostgreSQL and Spark (Ibis drops a
    cast of a literal), and 1 << 40 overflows there; 2**62 is a 64-bit literal everywhere.
    """
    shift = (MAX_YEAR_SPAN - k).cast("int64")
    top = ibis.literal(1 << MAX_YEAR_SPAN, type="int64")
    return ibis.cases((shift.between(0, MAX_YEAR_SPAN), top >> shift), else_=0)


def _as_bigint(total: ir.IntegerValue) -> ir.IntegerValue:
    """``CAST(total AS BIGINT)``, written even where Ibis believes the type is int64 already.

    Why: PostgreSQL sums BIGINT to NUMERIC (which has no ``&``) and DuckDB to INT128; Ibis types both
    sums int64 and drops a cast to int64 as a no-op, so the operation is built directly.
    """
    return ops.Cast(total, to=dt_.int64).to_expr()


def _period_filter(year: ir.IntegerColumn, end_month: ir.IntegerColumn, periods: Sequence[YtdKey] | None):
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
    periods: Sequence[YtdKey] | None
    vintage: dt.datetime | None
    fine_table: ir.Table | None = None  # a materialised fact aggregate at :data:`FINE_KEYS`
    totals: ir.Table | None = None  # a materialised frame without extra dimension, for broadcast operands
    sei_sets: bool = False  # facts carry the enterprise's set of SEI classifications (the cube's fine grain)
    units_table: ir.Table | None = None  # a materialised :meth:`units` (the cube sets it)
    members_tables: dict[str, ir.Table] = field(default_factory=dict)  # materialised :meth:`set_members`

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

    def service_reports(self) -> ir.Table:
        s = self.current("service_reports")
        return s.filter(s.start_month == 1)

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

        Columns: credit_code, code, division, base, size, is_sei (any assigned SEI classification) and, for
        the cube, sei_set: an integer naming the enterprise's set of SEI classifications (0 for none), so that
        every SEI cut is a roll-up of one aggregate (:meth:`set_members`) instead of a pass over the reports.
        """
        if self.units_table is not None:
            return self.units_table
        e = self.enterprises()
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
        if extra in self.members_tables:
            return self.members_tables[extra]
        c = self.classifications()
        col = c[SEI_COLUMNS[extra]]
        pairs = c.filter(col.notnull()).select(m_code=c.credit_code, **{extra: col}).distinct()
        u = self.units()
        sets = u.select(s_code=u.credit_code, sei_set=u.sei_set)
        j = pairs.join(sets, pairs.m_code == sets.s_code)
        return j.select(m_set=j.sei_set, **{extra: j[extra]}).distinct()

    def _enrich_sei(self, f: ir.Table, extra: str) -> ir.Table:
        """Rows of enterprises × the enterprise's values of an SEI dimension (one row per distinct value)."""
        c = self.classifications()
        col = c[SEI_COLUMNS[extra]]
        cls = c.filter(col.notnull()).select(cls_code_=c.credit_code, **{extra: col}).distinct()
        return _drop(f.join(cls, f.credit_code == cls.cls_code_), "cls_code_")

    def _measures(self, f: ir.Table, services: bool) -> dict[str, ir.Value]:
        comparable = f.value_added.notnull() & f.value_added_prior.notnull() & f.index_value.notnull()
        measures = {
            "value_added": f.value_added,
            "value_added_prior": f.value_added_prior,
            # deflate to prior-year prices: index with the same period of the prior year = 100
            "value_added_comparable": ibis.cases((comparable, f.value_added / (f.index_value.nullif(0) / 100.0))),
            "value_added_prior_comparable": ibis.cases((comparable, f.value_added_prior)),
            "revenue": f.revenue,
            "profit": f.profit,
            "rd_expenditure": f.rd_expenditure,
            "employees": f.employees,
            "industry_revenue": ibis.cases((~f.is_services, f.revenue)) if services else f.revenue,
        }
        if services:  # the services form's rows are among the facts (:meth:`service_facts`)
            same = f.is_services & f.revenue.notnull() & f.services_revenue_prior.notnull()
            measures |= {
                "services_revenue": ibis.cases((f.is_services, f.revenue)),
                "services_revenue_same": ibis.cases((same, f.revenue)),
                "services_revenue_prior_same": ibis.cases((same, f.services_revenue_prior)),
                "services_value_added": f.services_value_added,
                "value_added_total": ibis.cases((f.is_services, f.services_value_added), else_=f.value_added),
            }
        return measures

    def service_facts(self, u: ir.Table) -> ir.Table:
        """Rows of the services form in the industrial facts' shape, joined to the register's attributes.

        Why one stream: a services enterprise is a row of the same register (region, base, SEI set), so its
        营业收入 sums in the same cells as an industrial enterprise's. Industrial columns are NULL here; the
        value added is estimated by the income approach (docs/scope.md): 应付职工薪酬 + 税金及附加 + 应交增值税 +
        本年折旧 + 营业利润 — NULL when 应付职工薪酬 or 营业利润 is missing, the other parts 0 when left empty.
        """
        s = self._only(self.service_reports())
        s = s.join(u, s.credit_code == u.credit_code)
        none = ibis.null("float64")
        estimate = (
            s.payroll.cast("float64")
            + s.taxes.cast("float64").fill_null(0.0)
            + s.vat.cast("float64").fill_null(0.0)
            + s.depreciation.cast("float64").fill_null(0.0)
            + s.operating_profit.cast("float64")
        )
        return s.select(
            "credit_code", "code", "division", "base", "size", "is_sei", "sei_set", "year", "end_month",
            value_added=none, value_added_prior=none, revenue=s.revenue.cast("float64"), profit=none,
            rd_expenditure=none, employees=none, services_revenue_prior=s.revenue_prior.cast("float64"),
            services_value_added=estimate, is_services=ibis.literal(True),
        )  # fmt: skip

    def fact(self, specs: list[IndicatorSpec]) -> ir.Table:
        """Report rows of the asked periods joined to the register, every measure a column.

        Columns: credit_code, code (county-level region), base, size, division (GB/T 4754 行业大类, "38"),
        sei_set, is_sei, year, end_month and the measures of ``spec.MEASURES``. Enterprise counts, entries
        and exits come from :meth:`presence`, not from these rows.
        """
        u = self.units()
        r = self._only(self.reports())
        r = r.join(u, r.credit_code == u.credit_code)
        attrs = ["credit_code", "code", "division", "base", "size", "is_sei", "sei_set"]
        f = r.select(*attrs, "year", "end_month", *_MEASURE_INPUTS)
        services = any(s.aggregation == "sum" and s.measure in SERVICES_MEASURES for s in specs)
        if services:  # 营业收入 of both halves, or a services measure: the services form's rows too
            none = ibis.null("float64")
            f = f.mutate(services_revenue_prior=none, services_value_added=none, is_services=ibis.literal(False))
            f = f.union(self.service_facts(u))
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
        return f.select(*attrs, "year", "end_month", **self._measures(f, services))

    def presence(self, keys: list[str], extra: str | None, periods: ir.Table) -> ir.Table:
        """Enterprises reporting, entering and leaving, per cell of ``keys`` (columns of :meth:`units`, or
        ``extra`` for an SEI dimension) × year × end month, for the (p_year, p_month) rows of ``periods``.

        Why not a join of the reports with themselves a year on: each enterprise's years of reporting one
        end month are summed into one integer, bit k for year y0 + k (y0: the year before the first period
        asked), in one grouped pass; cells of enterprises with the same years are then counted together, and
        a period's entries (this year's bit without last year's) and exits (last year's without this year's)
        are bit tests on a few hundred thousand rows. On DuckDB at 6.2 M reports this costs ≈ 0.5 s where the
        full outer self-join and its materialised input cost ≈ 2 s. The sum is the bitwise OR because an
        enterprise has one current report per period (the store's invariant; migration 0008); the periods
        asked, with the year before, may span at most :data:`MAX_YEAR_SPAN` years.

        Columns: ``keys``, year, end_month, and for all enterprises and for SEI enterprises (``_sei``):
        enterprises, entries, exits. Rows: cells with an enterprise reporting or leaving.
        """
        # bit 0 is the year before the first period asked: every year a count compares is a bit; earlier
        # years read (the year before a period without reports) fall below bit 0 and are left out
        origin = periods.aggregate(first=periods.p_year.min() - 1)
        r = self._only(self.reports(), widen=True)  # a year earlier too: entries and exits
        r = r.cross_join(origin)
        years = r.group_by(y_code=r.credit_code, y_month=r.end_month).aggregate(
            first=r.first.min(), years=_as_bigint(_year_bit(r.year - r.first).sum())
        )
        u = self.units()
        m = years.join(u, years.y_code == u.credit_code)
        if extra in SEI_DIMENSIONS:
            m = self._enrich_sei(m, extra)
        m = m.group_by(*keys, "is_sei", "y_month", "first", "years").aggregate(n=ibis._.count())
        j = m.join(periods, m.y_month == periods.p_month)
        k = j.p_year - j.first
        now = (j.years & _year_bit(k)) != 0
        before = (j.years & _year_bit(k - 1)) != 0

        def count(when: ir.BooleanValue) -> ir.IntegerScalar:
            return _as_bigint(ibis.cases((when, j.n), else_=0).sum())

        flags = {"enterprises": now, "entries": now & ~before, "exits": before & ~now}
        g = j.group_by(*keys, year=j.p_year.cast("int32"), end_month=j.p_month.cast("int32")).aggregate(
            **{name: count(when) for name, when in flags.items()},
            **{f"{name}_sei": count(when & j.is_sei) for name, when in flags.items()},
        )
        return g.filter((g.enterprises > 0) | (g.exits > 0))

    def report_cells(self, specs: list[IndicatorSpec], keys: list[str], extra: str | None) -> ir.Table:
        """Report-based indicators per cell of ``keys`` × year × end month: sums of the facts, counts of
        :meth:`presence`.

        A cell with only leaving enterprises has NULL sums and counts and a cell nobody left has NULL exits
        (as if the exits were a separate table outer-joined on the cell).
        """
        f = self.fact(specs)
        if extra in SEI_DIMENSIONS:
            f = self._enrich_sei(f, extra)
        cell = [*keys, "year", "end_month"]
        summing = [s for s in specs if s.aggregation == "sum"]
        sums: dict[str, ir.Value]
        if "sei_set" in keys and summing:
            # the SEI flag is one per cell (a set of classifications is SEI or not): each measure is summed
            # once, and an SEI-only indicator is that sum in SEI cells
            totals = {m: f[m].sum() for m in dict.fromkeys(s.measure or "" for s in summing)}
            summed = f.group_by(*cell, "is_sei").aggregate(**{f"{m}__sum": v for m, v in totals.items()})
            sums = {
                s.id: ibis.cases((summed.is_sei, summed[f"{s.measure}__sum"]))
                if s.population == "sei"
                else summed[f"{s.measure}__sum"]
                for s in summing
            }
            summed = summed.select(*cell, **sums)
        else:
            measure = {s.id: f[s.measure or ""] for s in summing}
            sums = {
                s.id: (ibis.cases((f.is_sei, measure[s.id])) if s.population == "sei" else measure[s.id]).sum()
                for s in summing
            }
            summed = f.group_by(cell).aggregate(**sums) if sums else f.select(*cell).distinct()
        counts = [s for s in specs if s.aggregation != "sum"]
        if not counts:
            return summed
        periods = summed.select(p_year=summed.year, p_month=summed.end_month).distinct()
        p = self.presence(keys, extra, periods)
        if not any(s.aggregation == "exits" for s in specs):
            p = p.filter(p.enterprises > 0)
        column = {"count_distinct": "enterprises", "entries": "entries", "exits": "exits"}
        values: dict[str, ir.Value] = {}
        for s in counts:
            name = column[s.aggregation] + ("_sei" if s.population == "sei" else "")
            cell_has = p.exits > 0 if s.aggregation == "exits" else p.enterprises > 0
            values[s.id] = ibis.cases((cell_has, p[name]))
        p = p.select(*cell, **values)
        if not sums:
            return p
        # every cell with facts has an enterprise reporting: the counts' cells include the sums' cells
        s_cells = summed.rename({f"{c}__s": c for c in cell})
        j = p.left_join(s_cells, [p[c] == s_cells[f"{c}__s"] for c in cell])
        return j.select(*cell, **{i: j[i] for i in values}, **{i: j[i] for i in sums})

    def _report_fine(self, specs: list[IndicatorSpec], extra: str | None) -> ir.Table:
        """Report-based indicators at county-level code × extra × period.

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
        return self.report_cells(specs, ["code", *([extra] if extra else [])], extra)

    def _rollup(self, fine: ir.Table, specs: list[IndicatorSpec], cut: Cut, extra: str | None) -> ir.Table:
        d = self.region_units(cut)
        j = fine.join(d, fine.code == d.code)
        keys = ["view", "level", "region", *([extra] if extra else []), "year", "end_month"]
        return j.group_by(keys).aggregate(**{s.id: j[s.id].sum() for s in specs})

    # --- regional aggregates and observations -------------------------------------------------------
    def _converted(self, t: ir.Table) -> ir.Table:
        """``t`` with ``value`` (written in ``unit``) converted to ``to_unit`` through ``ind_dim_unit``.

        A value converts when its unit has the target's base (``to_base``, ``to_factor``: literals per
        indicator); a target that is no known unit takes only values written in exactly that unit; other
        values become NULL. A join, not a ``CASE`` of every unit per indicator: those were 200 of the 240
        ``WHEN`` of the first frame's SQL, and planning that SQL is most of an appended month's cost.
        """
        d = self.tables(DIM_UNIT)
        d = d.select(u_unit=d.unit, u_base=d.base, u_factor=d.factor)
        j = t.left_join(d, t.unit == d.u_unit)
        value = ibis.cases(
            (j.u_base == j.to_base, j.value * (j.u_factor / j.to_factor)),
            (j.to_base.isnull() & (j.unit == j.to_unit), j.value),
        )
        return _drop(j.mutate(value=value.cast("float64")), "u_unit", "u_base", "u_factor")

    def _source_rows(self, spec: IndicatorSpec) -> ir.Table:
        """The published rows ``spec`` reads (regional aggregates or observations), as written.

        Columns: indicator (``spec.id``), s_region, year, end_month, what picks one row of several for a
        region and month (:meth:`_sources_part`): start_month, point_date, pick (the position of the row's
        indicator in ``spec.sources``), and value, unit, to_unit (``spec.unit``), to_base and to_factor
        for :meth:`_converted`.
        """
        name = "regional" if spec.aggregation == "regional" else "observations"
        t = self.current(name)
        t = t.filter(t.indicator.isin(spec.sources))
        if spec.period.type == "flow" or spec.period.basis == "annual":
            t = t.filter(t.start_month == 1)
        if spec.period.basis == "annual":
            t = t.filter(t.end_month == 12)
        t = self._only(t)
        point = t.point_date if name == "observations" else ibis.null("timestamp")
        return t.select(
            indicator=ibis.literal(spec.id, type="string"),
            s_region=t.region,
            year=t.year,
            end_month=t.end_month,
            start_month=t.start_month,
            point_date=point.cast("timestamp"),
            pick=ibis.cases(*[(t.indicator == src, i) for i, src in enumerate(spec.sources)]),
            value=t.value.cast("float64"),
            unit=t.unit.cast("string"),
            to_unit=ibis.literal(spec.unit, type="string"),
            to_base=ibis.literal(unit_info(spec.unit).base if is_unit(spec.unit) else None, type="string"),
            to_factor=ibis.literal(unit_info(spec.unit).factor if is_unit(spec.unit) else None, type="float64"),
        )

    def _sources_part(self, specs: list[IndicatorSpec], cut: Cut) -> ir.Table:
        """Regional and observation indicators as one part: their rows stacked, one pick per region and
        month, one join with the regions, then one column each.

        Several publications for one month (a quarter and a year-to-date span; two points): the longest span
        is kept, then the latest point, then the first alias listed in ``sources``. Stacking before the pick
        and the join keeps the compiled query small (one window and one join, not one per indicator).
        """
        t = _union_all([self._source_rows(s) for s in specs])
        order = [t.start_month, ibis.desc(t.point_date), t.pick]
        rn = ibis.row_number().over(group_by=[t.indicator, t.s_region, t.year, t.end_month], order_by=order)
        t = t.mutate(_rn=rn).filter(lambda x: x._rn == 0)
        t = self._converted(t)
        units = self.region_units(cut)
        units = units.filter(units.region_level == units.level).select("view", "level", "region").distinct()
        j = t.join(units, t.s_region == units.region)
        keys = ["view", "level", "region", "year", "end_month"]
        values = {s.id: ibis.cases((j.indicator == s.id, j.value)).max() for s in specs}
        return j.group_by(keys).aggregate(**values)

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
        if sources:
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
    periods: Sequence[YtdKey] | None = None,
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

    ``materialised`` must be released (:meth:`release`) once ``expr`` has been executed. ``register`` are
    those of them computed from the register alone (enterprises and their classifications, no reports):
    they stay valid until the register changes, so a store may keep them between runs
    (:mod:`seimon.indicators.register_cache`).
    """

    expr: ir.Table
    materialised: list[ir.Table]
    register: list[ir.Table] = field(default_factory=list)
    expr_stored: ir.Table | None = None  # ``expr`` comparing with stored cube rows (:func:`compile_cube`)

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
    periods: Sequence[YtdKey] | None = None,
    write: Sequence[YtdKey] | None = None,
    materialise: Callable[[ir.Table], ir.Table] = _materialise,
    stored: ir.Table | None = None,
    prior: Sequence[YtdKey] | None = None,
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
    the written ones compare with (the same period a year earlier, the previous period of the year), or
    give ``stored``, a table of cube rows already computed (``indicator_cube``), and ``prior``, the periods
    to read from it: ``expr_stored`` then compares the written periods with those rows instead, so an
    appended month computes that month alone.

    >>> from seimon.indicators.registry import load_registry
    >>> plan = compile_cube(load_registry(), [Cut()], unbound_tables(), materialise=lambda t: t)
    >>> plan.expr.columns[:4]
    ('indicator', 'view', 'level', 'region')
    """
    if not cuts or cuts[0].extra is not None:
        raise ValueError("the first cut of a cube has no extra dimension (it serves broadcast operands)")
    materialised: list[ir.Table] = []
    register: list[ir.Table] = []

    def keep(t: ir.Table, *, from_register: bool = False) -> ir.Table:
        out = materialise(t)
        if out is not t:
            materialised.append(out)
            if from_register:
                register.append(out)
        return out

    comp = _Compiler(registry, tables, periods, None, sei_sets=True)
    base = [s for s in registry if s.is_report_base]
    if base:
        # the register's side, once: read by the fine table and the SEI cuts
        comp.units_table = keep(comp.units(), from_register=True)
        for cut in cuts:
            if cut.extra in SEI_DIMENSIONS:
                comp.members_tables[cut.extra] = keep(comp.set_members(cut.extra), from_register=True)
        comp.fine_table = keep(comp.report_cells(base, list(FINE_KEYS[:-2]), None))
    longs: list[ir.Table] = []
    for k, cut in enumerate(cuts):
        ids = [s.id for s in registry if s.supports(cut.extra)]
        wide = comp.frame(ids, cut)  # small: regions × dimension values × periods
        if k == 0:  # materialised: the other cuts read its broadcast operands
            wide = comp.totals = keep(wide)
        longs.append(_stack(wide, registry, ids, cut))
    stacked = _union_all(longs)

    def finish(rows: ir.Table) -> ir.Table:
        out = _with_changes(rows, [s.id for s in registry if s.unit in POINT_UNITS])
        out = _with_labels(out, registry)
        if write is not None:
            out = out.filter(_period_filter(out.year, out.end_month, write))
        return out

    with_stored = None
    if stored is not None:
        with_stored = finish(stacked.union(_stored_rows(stored, prior or ())))
    return CubePlan(finish(stacked), materialised, register, with_stored)


def _stored_rows(stored: ir.Table, prior: Sequence[YtdKey]) -> ir.Table:
    """Rows of the stored cube in the ``prior`` periods, shaped as :func:`_stack`'s rows.

    Why this is exact: the cube stores exactly the non-null rows :func:`_stack` keeps, a period at a time,
    so the windows of :func:`_with_changes` see the same rows whether a prior period is recomputed or read;
    the caller reads only periods whose data have not changed since they were written.
    """
    keep = _period_filter(stored.year, stored.end_month, list(prior) or [(0, 0)])
    t = stored.filter(keep)
    return t.select(
        indicator=t.indicator.cast("string"),
        view=t["view"].cast("string"),
        level=t.level.cast("string"),
        region=t.region.cast("string"),
        dimension=t.dimension.cast("string"),
        dimension_value=t.dimension_value.cast("string"),
        year=t.year.cast("int32"),
        end_month=t.end_month.cast("int32"),
        value=t.value.cast("float64"),
    )


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

    Prior year: the row of the same cell exactly twelve months earlier (a one-row ``RANGE`` frame).
    Prior period: the previous period of the same year present for that cell (1–9月 before 1–10月).
    Both windows share one partition and order (months since year 0), so the engine sorts the rows once.
    % and 百分点 change in points; levels change in percent; a zero prior gives NULL.
    """
    keys = list(CUBE_KEYS)
    months = t.year * 12 + t.end_month
    a_year_before = ibis.window(group_by=keys, order_by=months, range=(-12, -12))
    in_order = ibis.window(group_by=keys, order_by=months)
    prior_period = ibis.cases((t.year.lag().over(in_order) == t.year, t.value.lag().over(in_order)))
    t = t.mutate(value_prior_year=t.value.max().over(a_year_before), value_prior_period=prior_period)
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
