"""A small store of the 13 reporting units (11 cities + 定州, 辛集) whose SEI share and growth follow one number.

Each unit has two SEI enterprises (industry 3841, NEV 5.2) and one not-SEI enterprise (3562) reporting 2018 and
2019 whole years. A unit's ``quality`` q ∈ [0, 1] sets its SEI value added 1000·(1 + 3q) (the share of above-scale
industry rises with q) and its SEI real growth 2 % + 20q % (the not-SEI enterprise grows 5 % everywhere), so the
growth gap and contribution rate rise with q as well. Revenue, profit and R&D are fixed ratios of value added
(no spread), nobody enters or leaves, and there is no GDP nor hi-tech count (those indicators are dropped).
The enterprises of the best and worst units also carry a plan base id, so bases can be appraised.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.indicators.conftest import load_dataset

from seimon.store import Store

T0 = dt.datetime(2020, 3, 1)
UNITS = [
    "130100", "130181", "130200", "130300", "130400", "130500", "130600", "130682", "130700", "130800", "130900",
    "131000", "131100",
]  # fmt: skip
COUNTY = {"130181": "130181", "130682": "130682"}  # 辛集, 定州 are county-level themselves
BEST, WORST = "130682", "130100"  # 定州 best, 石家庄 worst: size must not decide


def county_of(unit: str) -> str:
    return COUNTY.get(unit, unit[:4] + "02")


def qualities() -> dict[str, float]:
    """Best 1.0, worst 0.0, the others spread between in a fixed order that is not the code order."""
    middle = [u for u in UNITS if u not in (BEST, WORST)]
    order = sorted(middle, key=lambda u: (int(u) * 7919) % 101)
    q = {u: (k + 1) / (len(middle) + 1) for k, u in enumerate(order)}
    q[BEST], q[WORST] = 1.0, 0.0
    return q


def _period(year: int) -> tuple[str, str, int, int, int]:
    return str(year), "year", year, 1, 12


def build_units_dataset(
    quality: dict[str, float], bases: dict[str, str] | None = None, growth: dict[str, float] | None = None
) -> dict[str, Any]:
    """Rows per table for the units of ``quality`` (see the module docstring); ``growth`` sets a unit's growth
    quality apart from its share quality."""
    enterprises, classes, reports = [], [], []
    fact = ["batch_id", "row_number", "vintage", "is_current"]
    per = ["period", "period_kind", "year", "start_month", "end_month"]
    n = 0
    for unit, q in sorted(quality.items()):
        sei_total, rate = 1000.0 * (1 + 3 * q), 0.02 + 0.20 * (growth or quality)[unit]
        members = [
            ("3841", sei_total / 2, rate, True),
            ("3841", sei_total / 2, rate, True),
            ("3562", 3000.0, 0.05, False),
        ]
        for industry, va, g, is_sei in members:
            n += 1
            code = f"91130000MA{n:07d}Y"
            base = (bases or {}).get(unit)
            enterprises.append((code, f"企业{n}", county_of(unit), industry, base, "中型", 1, n, T0, True))
            classes.append(
                (
                    code, industry, "SEI-2018", "GB/T 4754-2017", "builtin",
                    "5.2" if is_sei else None, "5" if is_sei else None, "nev" if is_sei else None,
                    "automatic", "assigned" if is_sei else "not_sei", "自动", "automatic", T0,
                )
            )  # fmt: skip
            for year, value in ((2018, va / (1 + g)), (2019, va)):
                prior = value / (1 + g)
                revenue = value * 4
                reports.append(
                    (code, *_period(year), revenue, value, prior, revenue * 0.08, revenue * 0.02, 50.0, 1,
                     len(reports) + 1, T0, True)
                )  # fmt: skip
    deflators = [(d, *_period(y), 100.0, 1, k, T0, True) for k, (d, y) in enumerate(
        [("38", 2018), ("38", 2019), ("35", 2018), ("35", 2019)], start=1)]  # fmt: skip
    classes_cols = [
        "credit_code", "class_code", "edition", "industry_edition", "concordance_origin", "sei_code", "field_code",
        "plan_industry", "method", "status", "reason_zh", "reason_en", "classified_at",
    ]  # fmt: skip
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
        "deflators": (["division", *per, "index_value", *fact], deflators),
    }


def load_units(
    store: Store,
    quality: dict[str, float] | None = None,
    bases: dict[str, str] | None = None,
    growth: dict[str, float] | None = None,
) -> None:
    """Load the units dataset into ``store``."""
    load_dataset(store, build_units_dataset(quality or qualities(), bases, growth))
