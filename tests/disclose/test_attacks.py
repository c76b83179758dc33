"""Attacks on the public edition: each test plays an outsider who reads only public answers and tries to recover
a withheld cell by linear programming over what is published (its own LP, not the audit's code).

"Recovered" means: the attacker's feasible interval for the cell is narrower than ±10 % of its true value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog

from seimon.disclose.public import public_rows
from seimon.disclose.releases import latest_release, publish
from seimon.indicators.query import query
from seimon.store import Store, open_store

from .conftest import Firm, done_when_firms, load_firms

PROTECTION = 0.10
CITIES = [
    "130100", "130181", "130200", "130300", "130400", "130500", "130600", "130682", "130700", "130800",
    "130900", "131000", "131100",
]  # fmt: skip
GEOGRAPHIC = {"130100": ["130100", "130181"], "130600": ["130600", "130682"]}  # 辛集 in 石家庄, 定州 in 保定
SRC = Path(__file__).resolve().parents[2] / "src"


def public(store: Store, indicator: str = "sei_va", period_: str = "2019", **kw: object) -> list[dict]:
    rows = query(indicator, store=store, period=period_, **kw)  # type: ignore[arg-type]
    return public_rows(store, rows, indicator, **kw)  # type: ignore[arg-type]


def interval(equations: list[tuple[list[int], float]], n: int, target: list[int]) -> tuple[float, float]:
    """The attacker's LP: unknowns ≥ 0, Σ unknowns[idx] = value for each published equation; min and max of
    Σ unknowns[target]."""
    a = np.zeros((len(equations), n))
    b = np.zeros(len(equations))
    for r, (idx, value) in enumerate(equations):
        a[r, idx] = 1.0
        b[r] = value
    c = np.zeros(n)
    c[target] = 1.0
    low = linprog(c, A_eq=a, b_eq=b, bounds=[(0, None)] * n, method="highs")
    high = linprog(-c, A_eq=a, b_eq=b, bounds=[(0, None)] * n, method="highs")
    assert low.status == 0
    return low.fun, (np.inf if high.status == 3 else -high.fun)


def region_equations(store: Store) -> list[tuple[list[int], float]]:
    """Everything public about cities: the province total, the reporting view, the geographic view."""
    eqs: list[tuple[list[int], float]] = []
    total = public(store)[0]
    if total["value"] is not None:
        eqs.append((list(range(len(CITIES))), total["value"]))
    for row in public(store, by="region"):
        if row["value"] is not None:
            eqs.append(([CITIES.index(row["region"])], row["value"]))
    for row in public(store, by="region", view="geographic"):
        if row["value"] is not None:
            members = GEOGRAPHIC.get(row["region"], [row["region"]])
            eqs.append(([CITIES.index(m) for m in members], row["value"]))
    return eqs


def assert_unrecoverable(store: Store, truth: dict[str, float], eqs: list[tuple[list[int], float]]) -> list[str]:
    hidden = [r["region"] for r in public(store, by="region") if r["suppressed"]]
    for city in hidden:
        low, high = interval(eqs, len(CITIES), [CITIES.index(city)])
        value = truth[city]
        assert low <= value * (1 - PROTECTION) + 1e-6 and high >= value * (1 + PROTECTION) - 1e-6, (
            f"{city} recoverable: [{low}, {high}] around {value}"
        )
    return hidden


def test_done_when_cli_withholds_both_and_nothing_is_recoverable(tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    with open_store(f"duckdb://{path}") as store:
        load_firms(store, done_when_firms())
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run(
        [sys.executable, "-m", "seimon", "query", "sei_va", "--period", "2019", "--by", "region", "--edition",
         "public", "--json", "--store", f"duckdb://{path}"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    rows = json.loads(out.stdout)  # stdout is exactly one JSON document (the solver's chatter goes to stderr)
    by_city = {r["region"]: r for r in rows}
    for city in ("130800", "130700"):  # 承德: 2 enterprises; 张家口: 6, one holding most of the value
        assert by_city[city]["value"] is None and by_city[city]["suppressed"] is True
    published = [r for r in rows if not r["suppressed"]]
    assert published and all(isinstance(r["value"], float) for r in published)
    with open_store(f"duckdb://{path}") as store:
        truth = {r["region"]: r["value"] for r in query("sei_va", store=store, period="2019", by="region")}
        total = query("sei_va", store=store, period="2019")[0]["value"]
        # the simple attack of the issue: the province total minus the published cities
        rest = total - sum(r["value"] for r in published)
        for city in ("130800", "130700"):
            assert abs(rest - truth[city]) > PROTECTION * truth[city]
        hidden = assert_unrecoverable(store, truth, region_equations(store))
    assert {"130800", "130700"} <= set(hidden)


def test_reporting_and_geographic_views_do_not_give_away_dingzhou_or_xinji(tmp_path: Path) -> None:
    """辛集 with 2 enterprises: withheld in the reporting view, and 石家庄 of the geographic view with it."""
    firms = [f for f in done_when_firms() if not f.region.startswith(("130181",))]
    firms += [Firm("130181", 1_000.0), Firm("130181", 1_200.0)]
    with open_store(f"duckdb://{tmp_path / 's.duckdb'}") as store:
        load_firms(store, firms)
        truth = {r["region"]: r["value"] for r in query("sei_va", store=store, period="2019", by="region")}
        hidden = assert_unrecoverable(store, truth, region_equations(store))
        assert "130181" in hidden
        geo = {r["region"]: r for r in public(store, by="region", view="geographic")}
        rep = {r["region"]: r for r in public(store, by="region")}
        # 石家庄 geographic minus 石家庄 reporting would be 辛集: both may not be published
        assert geo["130100"]["suppressed"] or rep["130100"]["suppressed"]


def test_region_totals_against_industry_totals(tmp_path: Path) -> None:
    """Cities × divisions: the attacker knows every published city and division total and the province total;
    a division resting on one enterprise (in 承德) stays unrecoverable, and so does 承德."""
    firms = [f for f in done_when_firms() if not f.region.startswith("1308")]
    firms += [Firm("130802", 4_000.0, industry="2710", items=(("4.1", "4", "biology"),))]  # alone in division 27
    firms += [Firm("130802", 900.0), Firm("130802", 800.0), Firm("130802", 850.0)]
    with open_store(f"duckdb://{tmp_path / 's.duckdb'}") as store:
        load_firms(store, firms)
        divisions = sorted({r["division"] for r in query("sei_va", store=store, period="2019", by="division")})
        truth_cells = query("sei_va", store=store, period="2019", by="division")
        div_truth = {r["division"]: r["value"] for r in truth_cells}
        # unknowns: city × division
        n = len(CITIES) * len(divisions)

        def at(city: str, division: str) -> int:
            return CITIES.index(city) * len(divisions) + divisions.index(division)

        eqs = [([at(c, d) for c, d in _pairs(divisions)], public(store)[0]["value"])]
        for row in public(store, by="region"):
            if row["value"] is not None:
                eqs.append(([at(row["region"], d) for d in divisions], row["value"]))
        div_rows = public(store, by="division")
        for row in div_rows:
            if row["value"] is not None:
                eqs.append(([at(c, row["division"]) for c in CITIES], row["value"]))
        assert next(r for r in div_rows if r["division"] == "27")["suppressed"]
        # the sensitive cell (a complement withheld with it rests on many enterprises: it need not be protected)
        low, high = interval(eqs, n, [at(c, "27") for c in CITIES])
        assert low <= div_truth["27"] * 0.9 + 1e-6 and high >= div_truth["27"] * 1.1 - 1e-6


def _pairs(divisions: list[str]) -> list[tuple[str, str]]:
    return [(c, d) for c in CITIES for d in divisions]


def test_a_dominated_cell_is_withheld_and_a_single_enterprise_too(tmp_path: Path) -> None:
    firms = [f for f in done_when_firms() if not f.region.startswith("1308")] + [Firm("130802", 777.0)]
    with open_store(f"duckdb://{tmp_path / 's.duckdb'}") as store:
        load_firms(store, firms)
        rows = {r["region"]: r for r in public(store, by="region")}
        assert rows["130800"]["suppressed"] and rows["130800"]["value"] is None  # one enterprise
        assert rows["130700"]["suppressed"]  # dominated: 50 000 of 51 600
        truth = {r["region"]: r["value"] for r in query("sei_va", store=store, period="2019", by="region")}
        assert_unrecoverable(store, truth, region_equations(store))
        # growth and shares resting on a withheld cell are withheld too
        share = {r["region"]: r for r in public(store, "sei_va_real_growth", by="region")}
        assert all(share[c]["suppressed"] for c in ("130800", "130700") if c in share)


def test_two_releases_of_one_period_cannot_be_differenced(tmp_path: Path) -> None:
    """A revision keeps what the first release withheld withheld; the attacker combining both releases
    (the first release's values where the second withholds) still cannot recover a withheld city."""
    with open_store(f"duckdb://{tmp_path / 's.duckdb'}") as store:
        load_firms(store, done_when_firms())
        first = publish(store, "2019", on=dt.date(2020, 3, 1), indicators=["sei_va"])
        assert first.audit_ok
        # a revision: 衡水 gets a late report, and a third 承德 enterprise appears
        store.execute("UPDATE reports SET value_added = value_added + 500 WHERE credit_code = '91130000MA0000050Y'")
        _append(store, [Firm("130802", 650.0)])
        second = publish(store, "2019", on=dt.date(2020, 6, 1), indicators=["sei_va"])
        assert second.revision_of == first.id and second.audit_ok
        withheld_1 = {cid for (ind, cid), c in first.cells.items() if c.withheld}
        withheld_2 = {cid for (ind, cid), c in second.cells.items() if c.withheld}
        assert withheld_1 <= withheld_2
        # later public answers come from the latest release
        assert latest_release(store, (2019, 12)).id == second.id  # type: ignore[union-attr]
        truth = {r["region"]: r["value"] for r in query("sei_va", store=store, period="2019", by="region")}
        eqs = region_equations(store)
        for (_, (table, key)), cell in first.cells.items():  # the old release's published cities
            if table == "region:reporting" and not cell.withheld and cell.value is not None:
                eqs.append(([CITIES.index(key[0])], cell.value))
        eqs = [e for e in eqs if not _conflicts(e, eqs)]
        assert_unrecoverable(store, truth, eqs)


def _conflicts(eq: tuple[list[int], float], eqs: list[tuple[list[int], float]]) -> bool:
    """An old single-city value superseded by the revision's (the attacker keeps the newer)."""
    return len(eq[0]) == 1 and any(e[0] == eq[0] and e[1] != eq[1] for e in eqs[: eqs.index(eq)])


def _append(store: Store, firms: list[Firm]) -> None:
    count = int(store.fetchone("SELECT count(*) FROM enterprises")[0])  # type: ignore[index]
    rows = [(f"91130000MB{count + i:07d}Y", f) for i, f in enumerate(firms)]
    store.bulk_insert(
        "enterprises",
        [
            "credit_code",
            "name",
            "region",
            "industry",
            "base",
            "size",
            "batch_id",
            "row_number",
            "vintage",
            "is_current",
        ],
        [
            (c, "新企业", f.region, f.industry, None, "中型", 2, k, dt.datetime(2020, 5, 1), True)
            for k, (c, f) in enumerate(rows)
        ],
    )
    store.bulk_insert(
        "enterprise_classifications",
        ["credit_code", "class_code", "edition", "industry_edition", "concordance_origin", "sei_code", "field_code",
         "plan_industry", "method", "status", "reason_zh", "reason_en", "classified_at"],
        [(c, f.industry, "SEI-2018", "GB/T 4754-2017", "builtin", *f.items[0], "automatic", "assigned", "自动",
          "automatic", dt.datetime(2020, 5, 1)) for c, f in rows],
    )  # fmt: skip
    store.bulk_insert(
        "reports",
        ["credit_code", "period", "period_kind", "year", "start_month", "end_month", "revenue", "value_added",
         "value_added_prior", "profit", "rd_expenditure", "employees", "batch_id", "row_number", "vintage",
         "is_current"],
        [(c, "2019", "year", 2019, 1, 12, f.value * 4, f.value, f.value * 0.9, f.value * 0.3, f.value * 0.05, 50.0,
          2, k, dt.datetime(2020, 5, 1), True) for k, (c, f) in enumerate(rows)],
    )  # fmt: skip


@pytest.mark.parametrize("view", ["reporting", "geographic"])
def test_a_county_breakdown_is_withheld_in_the_public_edition(done_store: Store, view: str) -> None:
    rows = public(done_store, region="130100", by="region", view=view)
    assert rows and all(r["suppressed"] and r["value"] is None for r in rows)


def test_a_single_enterprise_cannot_subtract_itself_to_find_another(tmp_path: Path) -> None:
    """承德 and 秦皇岛 each rest on one enterprise of similar size: withheld together they would protect each other
    against outsiders, but 承德's enterprise knows its own figure and would read 秦皇岛's off the total."""
    firms = [f for f in done_when_firms() if not f.region.startswith(("1308", "1303", "1307"))]
    firms += [Firm("130802", 3_000.0), Firm("130302", 3_100.0)]
    firms += [Firm("130702", 2_500.0 + 10 * k) for k in range(5)]
    with open_store(f"duckdb://{tmp_path / 's.duckdb'}") as store:
        load_firms(store, firms)
        truth = {r["region"]: r["value"] for r in query("sei_va", store=store, period="2019", by="region")}
        eqs = region_equations(store)
        hidden = assert_unrecoverable(store, truth, eqs)
        assert {"130800", "130300"} <= set(hidden)
        for insider, victim in (("130800", "130300"), ("130300", "130800")):
            low, high = interval([*eqs, ([CITIES.index(insider)], truth[insider])], len(CITIES), [CITIES.index(victim)])
            assert low <= truth[victim] * 0.9 + 1e-6 and high >= truth[victim] * 1.1 - 1e-6, (insider, victim)


def test_a_single_month_does_not_give_away_the_withheld_month_before(tmp_path: Path) -> None:
    """承德 rests on 2 enterprises in 1–11月 (withheld) and on 3 in 1–12月 (published): December alone would be
    1–12月 minus 1–11月, so 承德's single month is withheld too."""
    firms = [dataclasses.replace(f, months=(11, 12)) for f in done_when_firms() if not f.region.startswith("1308")]
    firms += [Firm("130802", 900.0, months=(11, 12)), Firm("130802", 700.0, months=(11, 12))]
    firms += [Firm("130802", 1_000.0, months=(12,))]  # reports from December on
    with open_store(f"duckdb://{tmp_path / 's.duckdb'}") as store:
        load_firms(store, firms)
        november = {r["region"]: r for r in public(store, by="region", period_="2019-11")}
        year = {r["region"]: r for r in public(store, by="region")}
        assert november["130800"]["suppressed"] and not year["130800"]["suppressed"]
        rows = query("sei_va", store=store, period="2019-12", by="region", single_month=True)
        months = {r["region"]: r for r in public_rows(store, rows, "sei_va", by="region", single_month=True)}
        assert months["130800"]["suppressed"] and months["130800"]["value"] is None
