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
import math
import time
from collections.abc import Iterable
from typing import Any

import pandas as pd

from seimon.indicators.compile import Cut, Period, compile_frame
from seimon.indicators.engines import default_engine, open_engine
from seimon.indicators.query import period_code
from seimon.indicators.registry import Registry, load_registry
from seimon.indicators.spec import EXTRA_DIMENSIONS
from seimon.store import Store

logger = logging.getLogger(__name__)

CUBE_TABLE = "indicator_cube"
RUNS_TABLE = "indicator_cube_runs"
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
_DDL = (
    f"CREATE TABLE IF NOT EXISTS {CUBE_TABLE} (indicator VARCHAR NOT NULL, view VARCHAR NOT NULL, "
    "level VARCHAR NOT NULL, region VARCHAR NOT NULL, dimension VARCHAR NOT NULL, dimension_value VARCHAR NOT NULL, "
    "year INTEGER NOT NULL, end_month INTEGER NOT NULL, period VARCHAR NOT NULL, value DOUBLE PRECISION, "
    "value_prior_year DOUBLE PRECISION, yoy DOUBLE PRECISION, value_prior_period DOUBLE PRECISION, "
    "pop DOUBLE PRECISION, unit VARCHAR NOT NULL, computed_at TIMESTAMP NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {RUNS_TABLE} (run_at TIMESTAMP NOT NULL, engine VARCHAR NOT NULL, "
    "max_batch_id BIGINT, classified_at TIMESTAMP, periods INTEGER NOT NULL, cube_rows INTEGER NOT NULL)",
)
REGION_CUTS: tuple[tuple[str, str], ...] = (
    ("reporting", "province"),
    ("reporting", "city"),
    ("geographic", "city"),
    ("reporting", "county"),
)
_FACT_TABLES = ("reports", "deflators", "regional", "observations")
POINT_UNITS = ("%", "百分点", "pp")


def cube_cuts() -> list[Cut]:
    """The cuts of the cube: all region roll-ups without an extra dimension, then each extra above county.

    >>> [c.extra for c in cube_cuts()]
    [None, 'plan_industry', 'sei_field', 'sei_item', 'base', 'size']
    """
    above_county = tuple(r for r in REGION_CUTS if r[1] != "county")
    return [Cut(REGION_CUTS, None), *(Cut(above_county, extra) for extra in EXTRA_DIMENSIONS)]


def ensure_cube_tables(store: Store) -> None:
    """Create the cube and run-log tables if they do not exist."""
    for ddl in _DDL:
        store.execute(ddl)


def _all_periods(store: Store) -> set[Period]:
    rows: set[Period] = set()
    for table in _FACT_TABLES[:1] + _FACT_TABLES[2:]:
        rows.update(
            (int(y), int(m))
            for y, m in store.fetchall(f"SELECT DISTINCT year, end_month FROM {table} WHERE is_current")
        )
    return rows


def _touched(store: Store, since_batch: int | None, since_classified: Any) -> set[Period] | None:
    """Periods with data loaded after batch ``since_batch``; None when everything must be recomputed."""
    if since_batch is None:
        return None
    changed = store.fetchone("SELECT count(*) FROM enterprises WHERE batch_id > ?", [since_batch])
    if changed and changed[0]:
        return None
    latest = store.fetchone("SELECT max(classified_at) FROM enterprise_classifications")
    if latest and latest[0] is not None and (since_classified is None or latest[0] > since_classified):
        return None
    out: set[Period] = set()
    for table in _FACT_TABLES:
        out.update(
            (int(y), int(m))
            for y, m in store.fetchall(
                f"SELECT DISTINCT year, end_month FROM {table} WHERE batch_id > ?", [since_batch]
            )
        )
    return out


def _max_batch(store: Store) -> int | None:
    values = [store.fetchone(f"SELECT max(batch_id) FROM {t}") for t in (*_FACT_TABLES, "enterprises")]
    found = [int(v[0]) for v in values if v and v[0] is not None]
    return max(found) if found else None


def _change(value: float, prior: float, unit: str) -> float | None:
    # % and 百分点 change in points; levels change in percent
    if value is None or prior is None or math.isnan(value) or math.isnan(prior):
        return None
    if unit in POINT_UNITS:
        return value - prior
    return None if prior == 0 else (value / prior - 1.0) * 100.0


def melt_frame(frame: pd.DataFrame, registry: Registry, ids: Iterable[str], cut: Cut) -> pd.DataFrame:
    """Turn a wide frame (one column per indicator) into cube rows, honouring each spec's views and levels."""
    parts = []
    for i in ids:
        spec = registry[i]
        sub = frame[frame[i].notna() & frame["view"].isin(spec.views) & frame["level"].isin(spec.region_levels)]
        if sub.empty:
            continue
        parts.append(
            pd.DataFrame(
                {
                    "indicator": i,
                    "view": sub["view"].to_numpy(),
                    "level": sub["level"].to_numpy(),
                    "region": sub["region"].to_numpy(),
                    "dimension": cut.extra or "",
                    "dimension_value": sub[cut.extra].astype(str).to_numpy() if cut.extra else "",
                    "year": sub["year"].astype(int).to_numpy(),
                    "end_month": sub["end_month"].astype(int).to_numpy(),
                    "value": sub[i].astype(float).to_numpy(),
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def add_changes(cube: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Year-on-year (same period a year earlier) and period-on-period (previous period of the same year)."""
    if cube.empty:
        return cube
    key = ["indicator", "view", "level", "region", "dimension", "dimension_value"]
    prior = cube[[*key, "year", "end_month", "value"]].copy()
    prior["year"] += 1
    cube = cube.merge(prior.rename(columns={"value": "value_prior_year"}), on=[*key, "year", "end_month"], how="left")
    cube = cube.sort_values([*key, "year", "end_month"]).reset_index(drop=True)
    same = (cube[[*key, "year"]].shift(1) == cube[[*key, "year"]]).all(axis=1)
    cube["value_prior_period"] = cube["value"].shift(1).where(same)
    units = {s.id: s.unit for s in registry}
    cube["unit"] = cube["indicator"].map(units)
    cube["yoy"] = [
        _change(v, p, u) for v, p, u in zip(cube["value"], cube["value_prior_year"], cube["unit"], strict=True)
    ]
    cube["pop"] = [
        _change(v, p, u) for v, p, u in zip(cube["value"], cube["value_prior_period"], cube["unit"], strict=True)
    ]
    specs = {s.id: s for s in registry}
    cube["period"] = [
        period_code(y, m, specs[i]) for i, y, m in zip(cube["indicator"], cube["year"], cube["end_month"], strict=True)
    ]
    return cube


def build_cube(eng: Any, registry: Registry, periods: list[Period] | None) -> pd.DataFrame:
    """Compute every cut on engine ``eng`` and return cube rows (without computed_at)."""
    parts = []
    for cut in cube_cuts():
        ids = [s.id for s in registry if s.supports(cut.extra)]
        started = time.perf_counter()
        frame = eng.execute(compile_frame(registry, ids, cut, eng.table, periods=periods))
        logger.info("cube cut %s: %d rows in %.2f s", cut.extra or "total", len(frame), time.perf_counter() - started)
        parts.append(melt_frame(frame, registry, ids, cut))
    parts = [p for p in parts if not p.empty]
    cube = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return add_changes(cube, registry)


def compute_cube(
    store: Store,
    *,
    engine: str | None = None,
    from_period: Period | None = None,
    to_period: Period | None = None,
    registry: Registry | None = None,
    full: bool = False,
) -> dict[str, Any]:
    """Materialise the cube into ``indicator_cube``; recompute only periods touched since the last run.

    Returns a summary: ``rows`` written, ``periods`` recomputed, ``engine``, ``seconds``.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     compute_cube(s)["rows"]
    0
    """
    started = time.perf_counter()
    registry = registry or load_registry()
    engine = engine or default_engine(store)
    ensure_cube_tables(store)
    last = store.fetchone(f"SELECT max_batch_id, classified_at FROM {RUNS_TABLE} ORDER BY run_at DESC LIMIT 1")
    available = _all_periods(store)
    touched = None if full or last is None else _touched(store, last[0], last[1])
    write = set(available) if touched is None else {p for t in touched for p in (t, (t[0] + 1, t[1]))} & available
    if from_period:
        write = {p for p in write if p >= from_period}
    if to_period:
        write = {p for p in write if p <= to_period}
    compute = sorted(write | {(y - 1, m) for y, m in write})
    cube = pd.DataFrame()
    if write:
        with open_engine(engine, store) as eng:
            cube = build_cube(eng, registry, compute)
    if not cube.empty:
        cube = cube[[(y, m) in write for y, m in zip(cube["year"], cube["end_month"], strict=True)]]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    classified = store.fetchone("SELECT max(classified_at) FROM enterprise_classifications")
    with store.transaction():
        for y, m in sorted(write):
            store.execute(f"DELETE FROM {CUBE_TABLE} WHERE year = ? AND end_month = ?", [y, m])
        if not cube.empty:
            cube = cube.assign(computed_at=now)[list(CUBE_COLUMNS)]
            records = cube.astype(object).where(cube.notna(), None).itertuples(index=False, name=None)
            store.bulk_insert(CUBE_TABLE, CUBE_COLUMNS, records)
        store.execute(
            f"INSERT INTO {RUNS_TABLE} (run_at, engine, max_batch_id, classified_at, periods, cube_rows) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [now, engine, _max_batch(store), classified[0] if classified else None, len(write), len(cube)],
        )
    return {
        "rows": len(cube),
        "periods": [f"{y}-{m:02d}" for y, m in sorted(write)],
        "engine": engine,
        "seconds": round(time.perf_counter() - started, 3),
    }
