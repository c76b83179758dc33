"""Small stores built row by row for the disclosure tests: enterprises placed in chosen counties and industries
with chosen values, so each attack has a known answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pytest

from seimon.store import Store, open_store

T0 = dt.datetime(2020, 3, 1)


@dataclass(frozen=True)
class Firm:
    """One SEI enterprise: county-level region, GB/T 4754 class, SEI items (item, field, plan industry), values by
    year (value added; the prior-year value is 0.9 of it)."""

    region: str
    value: float
    industry: str = "3841"
    items: tuple[tuple[str, str, str], ...] = (("5.2", "5", "nev"),)
    years: tuple[int, ...] = (2019,)
    months: tuple[int, ...] = (12,)  # year-to-date periods reported (12 = the whole year); value × month / 12


def load_firms(store: Store, firms: Sequence[Firm], *, scale: dict[int, float] | None = None) -> None:
    """Insert the register, the classifications and 1–12月 reports of ``firms`` (batch 1)."""
    enterprises, classes, reports = [], [], []
    for i, f in enumerate(firms):
        code = f"91130000MA{i:07d}Y"
        enterprises.append((code, f"企业{i}", f.region, f.industry, None, "中型", 1, i + 1, T0, True))
        for item, field, plan in f.items:
            classes.append(
                (code, f.industry, "SEI-2018", "GB/T 4754-2017", "builtin", item, field, plan, "automatic",
                 "assigned", "自动", "automatic", T0)
            )  # fmt: skip
        for year in f.years:
            for month in f.months:
                va = f.value * (scale or {}).get(year, 1.0) * month / 12
                period, kind = (str(year), "year") if month == 12 else (f"{year}-01..{month:02d}", "ytd")
                reports.append(
                    (code, period, kind, year, 1, month, va * 4, va, va * 0.9, va * 0.3, va * 0.05, 50.0, 1,
                     len(reports) + 1, T0, True)
                )  # fmt: skip
    fact = ["batch_id", "row_number", "vintage", "is_current"]
    store.bulk_insert("enterprises", ["credit_code", "name", "region", "industry", "base", "size", *fact], enterprises)
    store.bulk_insert(
        "enterprise_classifications",
        ["credit_code", "class_code", "edition", "industry_edition", "concordance_origin", "sei_code", "field_code",
         "plan_industry", "method", "status", "reason_zh", "reason_en", "classified_at"],
        classes,
    )  # fmt: skip
    store.bulk_insert(
        "reports",
        ["credit_code", "period", "period_kind", "year", "start_month", "end_month", "revenue", "value_added",
         "value_added_prior", "profit", "rd_expenditure", "employees", *fact],
        reports,
    )  # fmt: skip


def done_when_firms() -> list[Firm]:
    """The issue's store: 承德 (130800) with 2 SEI enterprises, 张家口 (130700) with 6 of which one holds most of
    the value; every other city with 5 even enterprises, 定州 and 辛集 with 4 each."""
    firms = [Firm("130802", 900.0), Firm("130802", 700.0)]
    firms += [Firm("130702", 50_000.0)] + [Firm("130702", 300.0 + 10 * k) for k in range(5)]
    cities = ["130102", "130202", "130302", "130402", "130502", "130602", "130902", "131002", "131102"]
    fields = (("5.2", "5", "nev"), ("1.2", "1", "next_gen_it"), ("2.1", "2", "advanced_equipment"))
    for n, county in enumerate(cities):
        firms += [
            Firm(county, 2_000.0 + 100 * n + 37 * k, industry=("3841", "3562")[k % 2], items=(fields[k % 3],))
            for k in range(5)
        ]
    firms += [Firm("130682", 1_500.0 + 11 * k) for k in range(4)] + [Firm("130181", 1_800.0 + 13 * k) for k in range(4)]
    return firms


@pytest.fixture
def done_store(tmp_path) -> Iterator[Store]:
    with open_store(f"duckdb://{tmp_path / 'store.duckdb'}") as store:
        load_firms(store, done_when_firms())
        yield store


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """The CLI configures the root logger (a Rich handler) on every call; put back what the session had, so that
    later tests' command output is not mixed with log records."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
