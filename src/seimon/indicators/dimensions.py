"""Dimension tables the compiler joins: the region roll-up in both views, and the input-table schemas.

Why a table and not Python: the roll-up from county-level codes to cities must run inside the engine
(DuckDB, PostgreSQL, Spark) so a cube is a few grouped queries, not a loop. ``ind_dim_region`` holds, for
every code of the register and every (view, level), the unit it counts under
(:meth:`seimon.reference.regions.RegionRegister.ancestor_at`): 定州 130682 rolls up to itself at city level
in the reporting view and to 保定 130600 in the geographic view, so no unit is ever counted twice.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import ibis
import ibis.expr.datatypes as dt

from seimon.reference.regions import Level, View, load_regions
from seimon.store import Store
from seimon.units import unit_table

logger = logging.getLogger(__name__)

DIM_REGION = "ind_dim_region"
DIM_REGION_COLUMNS = ("view", "level", "code", "region", "region_level")
DIM_UNIT = "ind_dim_unit"
DIM_UNIT_COLUMNS = ("unit", "base", "factor")
LEVELS: tuple[str, ...] = tuple(level.value for level in Level)
VIEWS: tuple[str, ...] = tuple(view.value for view in View)

# The store tables the compiler reads, with the columns it needs (a subset of migrations 0002/0003).
_FACT = {"batch_id": "int64", "vintage": "timestamp", "is_current": "boolean"}
_PERIOD = {"period": "string", "period_kind": "string", "year": "int32", "start_month": "int32", "end_month": "int32"}
TABLE_SCHEMAS: dict[str, dict[str, str]] = {
    "reports": {
        "credit_code": "string",
        **_PERIOD,
        "revenue": "float64",
        "value_added": "float64",
        "value_added_prior": "float64",
        "profit": "float64",
        "rd_expenditure": "float64",
        "employees": "float64",
        **_FACT,
    },
    "service_reports": {
        "credit_code": "string",
        **_PERIOD,
        "revenue": "float64",
        "revenue_prior": "float64",
        "operating_profit": "float64",
        "payroll": "float64",
        "taxes": "float64",
        "vat": "float64",
        "depreciation": "float64",
        **_FACT,
    },
    "enterprises": {
        "credit_code": "string",
        "region": "string",
        "industry": "string",
        "base": "string",
        "size": "string",
        **_FACT,
    },
    "deflators": {"division": "string", **_PERIOD, "index_value": "float64", **_FACT},
    "regional": {"region": "string", **_PERIOD, "indicator": "string", "value": "float64", "unit": "string", **_FACT},
    "observations": {
        "indicator": "string",
        "region": "string",
        **_PERIOD,
        "point_date": "date",
        "value": "float64",
        "unit": "string",
        "published": "date",
        **_FACT,
    },
    "enterprise_classifications": {
        "credit_code": "string",
        "sei_code": "string",
        "field_code": "string",
        "plan_industry": "string",
        "status": "string",
    },
    DIM_REGION: {"view": "string", "level": "string", "code": "string", "region": "string", "region_level": "string"},
    DIM_UNIT: {"unit": "string", "base": "string", "factor": "float64"},
}


def ibis_schema(table: str) -> ibis.Schema:
    """The Ibis schema of an input table (used for unbound expressions and for Parquet exports).

    >>> ibis_schema("ind_dim_region").names
    ('view', 'level', 'code', 'region', 'region_level')
    """
    return ibis.schema({k: dt.dtype(v) for k, v in TABLE_SCHEMAS[table].items()})


@lru_cache(maxsize=1)
def region_rows() -> tuple[tuple[str, str, str, str, str], ...]:
    """Every (view, level, code, unit-it-counts-under, that unit's own level) of the region register.

    The last column lets published figures (given per unit) be matched to a level: at city level the
    province itself counts under itself, but it is not a city.

    >>> rows = set(region_rows())
    >>> ("reporting", "city", "130682", "130682", "city") in rows
    True
    >>> ("geographic", "city", "130682", "130600", "city") in rows
    True
    """
    register = load_regions()
    out = []
    for view in VIEWS:
        for level in LEVELS:
            for code in sorted(register.regions):
                unit = register.ancestor_at(code, level, view)
                out.append((view, level, code, unit, region_level(unit, view)))
    return tuple(out)


@lru_cache(maxsize=1)
def unit_rows() -> tuple[tuple[str, str, float], ...]:
    """Every (unit as written, its base unit, factor to the base) of :func:`seimon.units.unit_table`.

    The compiler converts published figures by joining their units to this table, not with a ``CASE``
    per unit: one join whatever the number of units.

    >>> ("亿元", "元", 100000000.0) in unit_rows()
    True
    """
    return tuple(sorted((u.name, u.base, float(u.factor)) for u in unit_table().values()))


_DIMENSIONS: dict[str, tuple[str, Callable[[], tuple[tuple[Any, ...], ...]], tuple[str, ...]]] = {
    DIM_REGION: (
        "view VARCHAR NOT NULL, level VARCHAR NOT NULL, code VARCHAR NOT NULL, region VARCHAR NOT NULL, "
        "region_level VARCHAR NOT NULL",
        region_rows,
        DIM_REGION_COLUMNS,
    ),
    DIM_UNIT: (
        "unit VARCHAR NOT NULL, base VARCHAR NOT NULL, factor DOUBLE PRECISION NOT NULL",
        unit_rows,
        DIM_UNIT_COLUMNS,
    ),
}


def ensure_dimension_tables(store: Store) -> None:
    """Create and fill ``ind_dim_region`` and ``ind_dim_unit`` in the store when missing or out of date
    (bulk load, not row by row; each table's content is fingerprinted in ``store_settings``).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     ensure_dimension_tables(s)
    ...     s.fetchone("SELECT region FROM ind_dim_region WHERE view='geographic' AND level='city' AND code='130181'")
    ('130100',)
    """
    # Created here, not by a migration: each table is dropped and refilled whenever its content (the region
    # register, the unit table) changes, so its definition lives with the rows that fill it.
    for table, (columns_sql, rows_of, columns) in _DIMENSIONS.items():
        rows = rows_of()
        marker = f"{table}.fingerprint"
        fingerprint = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
        row = store.fetchone("SELECT value FROM store_settings WHERE key = ?", [marker])
        if row and row[0] == fingerprint and store.table_exists(table):
            continue
        with store.transaction():
            store.execute(f"DROP TABLE IF EXISTS {table}")
            store.execute(f"CREATE TABLE {table} ({columns_sql})")
            store.bulk_insert(table, columns, rows)
            store.execute("DELETE FROM store_settings WHERE key = ?", [marker])
            store.execute("INSERT INTO store_settings (key, value) VALUES (?, ?)", [marker, fingerprint])
        logger.info("filled %s with %d rows", table, len(rows))


def region_level(code: str, view: str) -> str:
    """The level a region code sits at in ``view``: province, city (incl. 定州/辛集 in reporting) or county.

    >>> region_level("130682", "reporting"), region_level("130682", "geographic"), region_level("130000", "reporting")
    ('city', 'county', 'province')
    """
    depth = load_regions().depth(code, view)
    return LEVELS[min(depth, len(LEVELS) - 1)]


def child_regions(code: str, view: str) -> list[str]:
    """Codes directly under ``code`` in ``view`` (the 13 reporting units under the province).

    >>> len(child_regions("130000", "reporting")), len(child_regions("130000", "geographic"))
    (13, 11)
    """
    return [r.code for r in load_regions().children(code, view)]
