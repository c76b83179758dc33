"""Materialise the indicator cube: every indicator × allowed dimension cut × period, with yoy and pop.

Why a cube: reports, pages and assessment read many cells; computing them once per data load is cheaper
and gives every consumer the same numbers. The cube is compiled into one frame per extra dimension (six
grouped queries), each covering all region roll-ups and all indicators. Only periods touched by data
loaded since the last run are recomputed (tracked through batch ids), plus the same periods a year later,
whose year-on-year values, entries and exits depend on them.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Collection, Sequence
from contextlib import nullcontext
from typing import Any, NamedTuple

import pandas as pd

from seimon.indicators.compile import MAX_YEAR_SPAN
from seimon.indicators.cubecuts import CUBE_TABLE, RUNS_TABLE
from seimon.indicators.cubeplan import cube_sql, definition_key, prepared, run_cube_sql
from seimon.indicators.dimensions import DIM_REGION
from seimon.indicators.engines import default_engine, open_engine
from seimon.indicators.register_cache import keep_register, kept_register, register_stamp
from seimon.indicators.registry import Registry, load_registry
from seimon.periods import YtdKey
from seimon.store import Store

logger = logging.getLogger(__name__)

CUBE_COLUMNS: tuple[str, ...] = (
    "indicator",
    "view",
    "level",
    "region",
    "dimension",
    "dimension_value",
    "year",
    "end_month",
    "period",
    "value",
    "value_prior_year",
    "yoy",
    "value_prior_period",
    "pop",
    "unit",
    "computed_at",
)
_FACT_TABLES = ("reports", "deflators", "regional", "observations", "service_reports")


def _all_periods(store: Store) -> set[YtdKey]:
    return {(int(y), int(m)) for y, m in store.fetchall(_periods_sql())}


def _touched(store: Store, since_batch: int | None, since_classified: Any, classified: Any) -> set[YtdKey] | None:
    """Periods with data loaded after batch ``since_batch``; None when everything must be recomputed (the
    register changed, or enterprises were classified after ``since_classified``: ``classified`` is the latest)."""
    if since_batch is None:
        return None
    changed = store.fetchone("SELECT count(*) FROM enterprises WHERE batch_id > ?", [since_batch])
    if changed and changed[0]:
        return None
    if classified is not None and (since_classified is None or classified > since_classified):
        return None
    parts = [f"SELECT year, end_month FROM {table} WHERE batch_id > ?" for table in _FACT_TABLES]
    rows = store.fetchall(" UNION ".join(parts), [since_batch] * len(parts))
    return {(int(y), int(m)) for y, m in rows}


def _stored_periods(store: Store, write: set[YtdKey], available: set[YtdKey]) -> set[YtdKey]:
    """The periods the written ones compare with that the cube holds (its rows of other periods are up to
    date: an incremental run rewrites every period whose data changed)."""
    wanted = _previous_periods(write, available) - write
    if not wanted:
        return set()
    codes = ", ".join(str(y * 100 + m) for y, m in sorted(wanted))
    rows = store.fetchall(
        f"SELECT DISTINCT year, end_month FROM {CUBE_TABLE} WHERE year * 100 + end_month IN ({codes})"
    )
    return {(int(y), int(m)) for y, m in rows}


def _max_batch(store: Store) -> int | None:
    parts = [f"SELECT max(batch_id) AS b FROM {t}" for t in (*_FACT_TABLES, "enterprises")]
    row = store.fetchone(f"SELECT max(b) FROM ({' UNION ALL '.join(parts)}) AS batches")
    return int(row[0]) if row and row[0] is not None else None


def build_cube(
    eng: Any,
    registry: Registry,
    periods: list[YtdKey] | None,
    write: list[YtdKey] | None = None,
    store: Store | None = None,
) -> pd.DataFrame:
    """Compute every cut on engine ``eng`` and return cube rows (without computed_at).

    ``periods`` are computed (None = every period with data); only ``write`` periods (default: all computed)
    are returned. The plan (:func:`seimon.indicators.compile.compile_cube`) is compiled to SQL once per
    indicator system and dialect and kept in memory and, given ``store``, in the store
    (:mod:`seimon.indicators.cubeplan`); period codes and units are columns of its final query.
    """
    started = time.perf_counter()
    plan, source = cube_sql(registry, eng.dialect, store)
    if periods is None:
        available = _engine_periods(eng)
        runs = _runs(available, set(available))
        if len(runs) > 1:  # decades of reports: one run per chunk of years
            return pd.concat([build_cube(eng, registry, c, w, store) for c, w, _ in runs], ignore_index=True)
    computed = periods if periods is not None else available
    compiled = time.perf_counter()
    cube = run_cube_sql(eng, plan, computed, computed if write is None else write)
    logger.info(
        "cube: %d rows; plan %s in %.2f s, run %.2f s",
        len(cube),
        source,
        compiled - started,
        time.perf_counter() - compiled,
    )
    return cube[[c for c in CUBE_COLUMNS if c != "computed_at"]]


def _periods_sql() -> str:
    """Every (year, end month) with current data in a fact table the cube reads (deflators only qualify)."""
    parts = [f"SELECT year, end_month FROM {t} WHERE is_current" for t in (_FACT_TABLES[0], *_FACT_TABLES[2:])]
    return " UNION ".join(parts)


def _engine_periods(eng: Any) -> list[YtdKey]:
    frame = eng.fetch(_periods_sql())
    return sorted({(int(y), int(m)) for y, m in zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True)})


def unmapped_enterprises(store: Store) -> int:
    """Current enterprises whose region code is not in the region register: the roll-up cannot place them.

    They are counted in no region (the join to ``ind_dim_region`` drops them), so the caller must say so.
    A check of the input, read from the store whichever engine computes.
    """
    row = store.fetchone(
        "SELECT count(*) FROM enterprises e WHERE e.is_current"
        f" AND NOT EXISTS (SELECT 1 FROM {DIM_REGION} d WHERE d.code = e.region)"
    )
    return int(row[0]) if row else 0


def _dependent_periods(touched: set[YtdKey], available: set[YtdKey]) -> set[YtdKey]:
    """Periods whose cube rows change with ``touched``: themselves, the same period a year later (yoy,
    entries, exits) and the next period of the same year (its period-on-period value).

    >>> sorted(_dependent_periods({(2019, 10)}, {(2019, 9), (2019, 10), (2019, 12), (2020, 10)}))
    [(2019, 10), (2019, 12), (2020, 10)]
    """
    out: set[YtdKey] = set()
    for y, m in touched:
        out.update({(y, m), (y + 1, m)})
        after = [p for p in available if p[0] == y and p[1] > m]
        if after:
            out.add(min(after))
    return out & available


def _previous_periods(write: set[YtdKey], available: set[YtdKey]) -> set[YtdKey]:
    """What written periods compare with: the same period a year earlier and the previous period of the year.

    >>> sorted(_previous_periods({(2019, 10)}, {(2019, 2), (2019, 9), (2019, 10)}))
    [(2018, 10), (2019, 9)]
    """
    out: set[YtdKey] = set()
    for y, m in write:
        out.add((y - 1, m))
        before = [p for p in available if p[0] == y and p[1] < m]
        if before:
            out.add(max(before))
    return out


YEARS_PER_RUN = MAX_YEAR_SPAN - 2
"""Most years of periods one cube run writes: it reads two years more (the year before, and that year's
year before for entries and exits), and one query reads at most :data:`MAX_YEAR_SPAN` years of reports."""


def _year_chunks(periods: Sequence[YtdKey], years: int = YEARS_PER_RUN) -> list[list[YtdKey]]:
    """``periods`` in runs of at most ``years`` calendar years (a store with decades of reports is computed
    in several runs, each within what one query can read).

    >>> _year_chunks([(1950, 12), (2019, 9), (2020, 9)], years=60)
    [[(1950, 12)], [(2019, 9), (2020, 9)]]
    """
    chunks: dict[int, list[YtdKey]] = {}
    if not periods:
        return []
    first = min(y for y, _ in periods)
    for p in sorted(periods):
        chunks.setdefault((p[0] - first) // years, []).append(p)
    return list(chunks.values())


class Run(NamedTuple):
    """One cube query: the periods it computes, those it writes, and those it reads from the stored cube."""

    compute: list[YtdKey]
    write: list[YtdKey]
    prior: list[YtdKey]


def _runs(write: Sequence[YtdKey], available: set[YtdKey], stored: Collection[YtdKey] = ()) -> list[Run]:
    """The runs of a cube: the written periods in chunks of years (:func:`_year_chunks`), each computed
    with what it compares with (:func:`_previous_periods`) — read from the cube when ``stored`` holds
    them (periods whose stored rows are up to date), else computed too.

    >>> _runs([(2019, 10)], {(2019, 9), (2019, 10)})
    [Run(compute=[(2018, 10), (2019, 9), (2019, 10)], write=[(2019, 10)], prior=[])]
    >>> _runs([(2019, 10)], {(2019, 9), (2019, 10)}, stored={(2019, 9)})
    [Run(compute=[(2018, 10), (2019, 10)], write=[(2019, 10)], prior=[(2019, 9)])]
    """
    runs = []
    for chunk in _year_chunks(write):
        previous = _previous_periods(set(chunk), available) - set(chunk)
        prior = previous & set(stored)
        runs.append(Run(sorted(set(chunk) | (previous - prior)), chunk, sorted(prior)))
    return runs


def _write_cube(store: Store, eng: Any, registry: Registry, run: Run, *, now: dt.datetime) -> tuple[int, bool]:
    """Compute the cube and append its rows to ``indicator_cube``; returns the rows written and whether the
    register side kept in the store was read.

    An engine inside the store (DuckDB, PostgreSQL: ``in_store``) writes with ``INSERT … SELECT``, so the
    rows never travel through Python, and keeps the plan's register side in the store for the next run
    (:mod:`seimon.indicators.register_cache`); Spark's result is fetched and appended (DuckDB reads the
    frame directly, PostgreSQL through COPY).
    """
    compute, write, prior = run
    if not eng.in_store:
        if prior:
            raise ValueError(f"the {eng.name} engine cannot read stored cube rows")
        cube = build_cube(eng, registry, compute, write, store=store)
        if cube.empty:
            return 0, False
        cube = cube.assign(computed_at=now)[list(CUBE_COLUMNS)]
        if store.dialect == "duckdb":
            from seimon.indicators.engines.duckdb import insert_frame

            return insert_frame(store, CUBE_TABLE, cube, CUBE_COLUMNS), False
        records = cube.astype(object).where(cube.notna(), None).itertuples(index=False, name=None)
        return store.bulk_insert(CUBE_TABLE, CUBE_COLUMNS, records), False
    plan, source = cube_sql(registry, eng.dialect, store)
    started = time.perf_counter()
    at = f"CAST('{now.isoformat(sep=' ')}' AS TIMESTAMP)"
    columns = [c for c in CUBE_COLUMNS if c != "computed_at"]
    stamp = register_stamp(store, plan)
    reuse = kept_register(store, plan, stamp)
    with prepared(eng, plan, compute, write, reuse=reuse, prior=prior) as final:
        if not reuse:
            keep_register(store, plan, stamp)
        rows = eng.run(
            f"INSERT INTO {CUBE_TABLE} ({', '.join(CUBE_COLUMNS)}) "
            f"SELECT {', '.join(f'c.{c}' for c in columns)}, {at} FROM ({final}) AS c"
        )
    logger.info(
        "cube: %d rows written in the store; plan %s; compared with stored rows of %s; %.2f s",
        rows,
        source,
        ", ".join(f"{y}-{m:02d}" for y, m in prior) or "no period",
        time.perf_counter() - started,
    )
    return rows, bool(reuse)


def compute_cube(
    store: Store,
    *,
    engine: str | None = None,
    from_period: YtdKey | None = None,
    to_period: YtdKey | None = None,
    registry: Registry | None = None,
    full: bool = False,
) -> dict[str, Any]:
    """Materialise the cube into ``indicator_cube``; recompute only periods touched since the last run.

    Returns a summary: ``rows`` written, ``periods`` recomputed, ``engine``, ``unmapped_enterprises``
    (current enterprises whose region code is not in the register: counted in no regional total, and
    logged as a warning), ``compared_with_stored`` (periods the recomputed ones were compared with, read
    from the stored cube instead of recomputed), ``register_reused`` (the register side was read from the
    store, :mod:`seimon.indicators.register_cache`), ``seconds``.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     compute_cube(s)["rows"]
    0
    """
    started = time.perf_counter()
    registry = registry or load_registry()
    engine = engine or default_engine(store)
    last = store.fetchone(
        f"SELECT max_batch_id, classified_at, definition_key, unmapped_enterprises FROM {RUNS_TABLE}"
        " ORDER BY run_at DESC LIMIT 1"
    )
    available = _all_periods(store)
    definition = definition_key(registry)
    classified = store.fetchone("SELECT max(classified_at) FROM enterprise_classifications")
    latest = classified[0] if classified else None
    # another indicator system (or compiler) since the last run: no stored row can be trusted
    redefined = last is not None and last[2] != definition
    touched = None if full or last is None or redefined else _touched(store, last[0], last[1], latest)
    write = set(available) if touched is None else _dependent_periods(touched, available)
    if from_period:
        write = {p for p in write if p >= from_period}
    if to_period:
        write = {p for p in write if p <= to_period}
    rows, reused, compared = 0, False, set()
    # the register is as it was at the last run when that run's periods are still good: so is its count
    unmapped = int(last[3]) if touched is not None and last is not None and last[3] is not None else None
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with open_engine(engine, store) if write else nullcontext() as eng, store.transaction():
        written = ", ".join(str(y * 100 + m) for y, m in sorted(write))
        if unmapped is None and write:
            unmapped = unmapped_enterprises(store)
        if write:
            store.execute(f"DELETE FROM {CUBE_TABLE} WHERE year * 100 + end_month IN ({written})")
            # an incremental run in the store compares with the untouched periods' stored rows
            stored = _stored_periods(store, write, available) if touched is not None and eng.in_store else set()
            for run in _runs(sorted(write), available, stored):
                written_rows, kept = _write_cube(store, eng, registry, run, now=now)
                rows, reused, compared = rows + written_rows, reused or kept, compared | set(run.prior)
        store.execute(
            f"INSERT INTO {RUNS_TABLE} (run_at, engine, max_batch_id, classified_at, periods, cube_rows, "
            "definition_key, unmapped_enterprises) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [now, engine, _max_batch(store), latest, len(write), rows, definition, unmapped],
        )
    if unmapped and write:
        logger.warning(
            "%d current enterprises have a region code not in the register; they are in no regional total",
            unmapped,
        )
    return {
        "rows": rows,
        "periods": [f"{y}-{m:02d}" for y, m in sorted(write)],
        "engine": engine,
        "unmapped_enterprises": unmapped or 0,
        "compared_with_stored": [f"{y}-{m:02d}" for y, m in sorted(compared)],
        "register_reused": reused,
        "seconds": round(time.perf_counter() - started, 3),
    }
