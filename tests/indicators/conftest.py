"""One small dataset, loaded into DuckDB, PostgreSQL and (via Parquet) Spark, for the indicator tests.

The rows are built here, not copied from anywhere: enterprises in ordinary counties and in 定州 (130682)
and 辛集 (130181); SEI enterprises with overlapping items (5.2 and 1.2), a pending and a not-SEI one;
reports for 2018 and 2019 at 1–2月, 1–9月 and 1–12月 with an entry and an exit; deflators by division;
GDP in 亿元; observations with two vintages; a county whose denominators are zero.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import pytest

from seimon.store import Store, open_store

COUNTIES = ["130102", "130104", "130181", "130602", "130682", "130629", "131002", "130203"]
PERIODS = [(2018, 2), (2018, 9), (2018, 12), (2019, 2), (2019, 9), (2019, 12)]
T0 = dt.datetime(2020, 1, 15)


def _period(year: int, month: int) -> tuple[str, str, int, int, int]:
    code = str(year) if month == 12 else f"{year}-01..{month:02d}"
    return code, "year" if month == 12 else "ytd", year, 1, month


def build_dataset(seed: int = 7) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Rows per table: {table: (columns, rows)}."""
    rnd = random.Random(seed)
    enterprises, classes, reports = [], [], []
    classes_cols = [
        "credit_code",
        "class_code",
        "edition",
        "industry_edition",
        "concordance_origin",
        "sei_code",
        "field_code",
        "plan_industry",
        "method",
        "status",
        "reason_zh",
        "reason_en",
        "classified_at",
    ]
    n = 40
    for i in range(n):
        code = f"91130000MA{i:07d}X"
        county = COUNTIES[i % len(COUNTIES)]
        industry = ["3841", "3562", "2710", "3011", "3971"][i % 5]
        base = ["保定新能源基地", None, "石家庄生物基地"][i % 3]
        size = ["大型", "中型", "小型", None][i % 4]
        enterprises.append((code, f"企业{i}", county, industry, base, size, 1, i + 1, T0, True))
        kind = i % 6
        if kind == 0:  # two SEI items in two fields (5.2 NEV and 1.2 electronics): counted once in totals
            assigned = [("5.2", "5", "nev"), ("1.2", "1", "next_gen_it")]
        elif kind == 1:  # two items of one field
            assigned = [("2.1", "2", "advanced_equipment"), ("2.2", "2", "advanced_equipment")]
        elif kind == 2:
            assigned = [("4.1", "4", "biology")]
        elif kind == 3:
            assigned = []
            classes.append(
                (
                    code,
                    industry,
                    "SEI-2018",
                    "GB/T 4754-2017",
                    "builtin",
                    None,
                    None,
                    None,
                    "automatic",
                    "not_sei",
                    "非",
                    "not",
                    T0,
                )
            )
        elif kind == 4:
            assigned = []
            classes.append(
                (
                    code,
                    industry,
                    "SEI-2018",
                    "GB/T 4754-2017",
                    "builtin",
                    None,
                    None,
                    None,
                    "product_rule",
                    "pending",
                    "待定",
                    "pending",
                    T0,
                )
            )
        else:
            assigned = [("3.1", "3", "new_materials")]
        for sei, field, plan in assigned:
            classes.append(
                (
                    code,
                    industry,
                    "SEI-2018",
                    "GB/T 4754-2017",
                    "builtin",
                    sei,
                    field,
                    plan,
                    "automatic",
                    "assigned",
                    "自动",
                    "automatic",
                    T0,
                )
            )
        for year, month in PERIODS:
            if i == 5 and year == 2018:  # enters in 2019
                continue
            if i == 11 and year == 2019:  # exits in 2019
                continue
            if i == 12 and (year, month) == (2019, 9):  # skips one report: an exit at 1-9月 and back at 1-12月
                continue
            scale = month / 12
            va = round(rnd.uniform(500, 5000) * scale, 2)
            prior = None if i == 7 else round(va / rnd.uniform(0.9, 1.2), 2)  # i == 7 has no prior value
            revenue = round(va * rnd.uniform(3, 5), 2)
            reports.append(
                (
                    code,
                    *_period(year, month),
                    revenue,
                    va,
                    prior,
                    round(revenue * 0.08, 2),
                    round(revenue * 0.02, 2),
                    float(50 + i),
                    1,
                    len(reports) + 1,
                    T0,
                    True,
                )
            )
    # a county where every enterprise has zero value added now and before: growth, shares divide by zero
    zero = "91130000MA9999999X"
    enterprises.append((zero, "零值企业", "130705", "3841", None, "小型", 1, 999, T0, True))
    classes.append(
        (
            zero,
            "3841",
            "SEI-2018",
            "GB/T 4754-2017",
            "builtin",
            "5.2",
            "5",
            "nev",
            "automatic",
            "assigned",
            "自动",
            "automatic",
            T0,
        )
    )
    for year, month in PERIODS:
        reports.append((zero, *_period(year, month), 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1, len(reports) + 1, T0, True))
    services = _services(enterprises, classes, rnd)
    deflators = []
    for division, idx in (("38", 101.5), ("35", 99.2), ("27", 102.0), ("30", 98.7)):  # 39 has no deflator
        for year, month in PERIODS:
            deflators.append((division, *_period(year, month), idx + month / 10, 1, len(deflators) + 1, T0, True))
    regional = []
    for region, gdp in (
        ("130000", 36010.3),
        ("130100", 6000.0),
        ("130600", 3500.0),
        ("130682", 400.0),
        ("130181", 450.0),
    ):
        regional.append((region, *_period(2019, 12), "GDP", gdp, "亿元", 1, len(regional) + 1, T0, True))
        regional.append(
            (region, *_period(2018, 12), "地区生产总值", gdp * 0.95, "亿元", 1, len(regional) + 1, T0, True)
        )
    observations = [
        (
            "enterprise_tech_centres",
            "130000",
            "2018-12-31",
            "point",
            2018,
            12,
            12,
            dt.date(2018, 12, 31),
            480.0,
            "家",
            dt.date(2019, 2, 1),
            1,
            1,
            dt.datetime(2019, 2, 1),
            True,
        ),
        (
            "enterprise_tech_centres",
            "130000",
            "2019-12-31",
            "point",
            2019,
            12,
            12,
            dt.date(2019, 12, 31),
            520.0,
            "家",
            dt.date(2020, 2, 1),
            1,
            2,
            dt.datetime(2020, 2, 1),
            False,
        ),
        (
            "enterprise_tech_centres",
            "130000",
            "2019-12-31",
            "point",
            2019,
            12,
            12,
            dt.date(2019, 12, 31),
            536.0,
            "家",
            dt.date(2020, 6, 1),
            2,
            1,
            dt.datetime(2020, 6, 1),
            True,
        ),
        (
            "pv_capacity",
            "130000",
            "2019-12-31",
            "point",
            2019,
            12,
            12,
            dt.date(2019, 12, 31),
            0.1474,
            "亿千瓦",
            dt.date(2020, 3, 1),
            1,
            3,
            dt.datetime(2020, 3, 1),
            True,
        ),
    ]
    fact = ["batch_id", "row_number", "vintage", "is_current"]
    per = ["period", "period_kind", "year", "start_month", "end_month"]
    return {
        "enterprises": (["credit_code", "name", "region", "industry", "base", "size", *fact], enterprises),
        "enterprise_classifications": (classes_cols, classes),
        "reports": (
            [
                "credit_code",
                *per,
                "revenue",
                "value_added",
                "value_added_prior",
                "profit",
                "rd_expenditure",
                "employees",
                *fact,
            ],
            reports,
        ),
        "service_reports": (
            [
                "credit_code",
                *per,
                *("revenue", "revenue_prior", "operating_profit", "payroll", "taxes", "vat", "depreciation"),
                "employees",
                *fact,
            ],
            services,
        ),
        "deflators": (["division", *per, "index_value", *fact], deflators),
        "regional": (["region", *per, "indicator", "value", "unit", *fact], regional),
        "observations": (
            ["indicator", "region", *per, "point_date", "value", "unit", "published", *fact],
            observations,
        ),
    }


SERVICE_PERIODS = [(2018, 9), (2018, 12), (2019, 3), (2019, 9), (2019, 12)]


def _services(enterprises: list[tuple[Any, ...]], classes: list[tuple[Any, ...]], rnd: random.Random) -> list[Any]:
    """Above-scale services enterprises (register rows and classifications appended) and their services form.

    Software (6520, 1.3 next_gen_it) and environmental services (7722, 7.2) are SEI; 7212 is not. Quarterly
    spans 1–3月 … 1–12月 like the NBS services form; one enterprise enters in 2019 (no prior-year revenue, so it
    is out of the same-enterprise growth), one leaves 营业利润 empty (out of the value-added estimate), one has
    a superseded earlier vintage.
    """
    rows: list[tuple[Any, ...]] = []
    plan = {"6520": ("1.3", "1", "next_gen_it"), "7722": ("7.2", "7", "energy_saving_env")}
    for i in range(9):
        code = f"91130000SV{i:07d}X"
        county = ["130102", "131002", "130682", "130602"][i % 4]
        industry = ["6520", "7722", "7212"][i % 3]
        enterprises.append((code, f"服务企业{i}", county, industry, None, "中型", 1, 500 + i, T0, True))
        if industry in plan:
            sei, field, industry_id = plan[industry]
            status = "assigned"
        else:
            sei = field = industry_id = None
            status = "not_sei"
        classes.append(
            (code, industry, "SEI-2018", "GB/T 4754-2017", "builtin", sei, field, industry_id, "automatic", status,
             "自动", "automatic", T0)
        )  # fmt: skip
        for year, month in SERVICE_PERIODS:
            if i == 4 and year == 2018:  # enters in 2019
                continue
            revenue = round(rnd.uniform(3000, 20000) * month / 12, 2)
            prior = None if i == 4 else round(revenue / rnd.uniform(0.85, 1.25), 2)
            profit = None if i == 3 else round(revenue * 0.1, 2)
            payroll, taxes = round(revenue * 0.25, 2), round(revenue * 0.01, 2)
            vat, depreciation = round(revenue * 0.05, 2), (None if i == 7 else round(revenue * 0.04, 2))
            values = (revenue, prior, profit, payroll, taxes, vat, depreciation, 40.0 + i)
            if i == 1 and (year, month) == (2019, 12):  # an earlier, superseded vintage
                old = (revenue * 2, *values[1:])
                rows.append((code, *_period(year, month), *old, 1, 900 + len(rows), T0, False))
            rows.append((code, *_period(year, month), *values, 1, 900 + len(rows), T0, True))
    return rows


def load_dataset(store: Store, data: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> None:
    for table, (cols, rows) in data.items():
        store.bulk_insert(table, cols, rows)


@pytest.fixture(scope="session")
def dataset() -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    return build_dataset()


@pytest.fixture(scope="session")
def duck_store(tmp_path_factory: pytest.TempPathFactory, dataset: dict) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("ind") / "store.duckdb"
    with open_store(f"duckdb://{path}") as store:
        load_dataset(store, dataset)
        yield store


@pytest.fixture(scope="session")
def pg_store(dataset: dict) -> Iterator[Store]:
    import os
    import uuid

    import psycopg

    dsn = os.environ.get("SEIMON_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"t_ind_{uuid.uuid4().hex[:10]}"
    with open_store(f"{dsn}?schema={schema}") as store:
        load_dataset(store, dataset)
        yield store
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    """One local Spark session for the whole run (shuffle partitions = cores = 2 here, UI off)."""
    from seimon.indicators.engines.spark import spark_session

    session = spark_session()
    assert session.conf.get("spark.ui.enabled") == "false"
    yield session
    session.stop()
    spark_session.cache_clear()
