"""Differencing across cumulative periods: 1–12月 minus 1–8月 is September–December.

衡水 (131100) has five enterprises that barely grow after August and one that starts reporting after August:
neither 1–8月 nor 1–12月 of 衡水 is sensitive, but their difference is that one enterprise's value. The attacker
reads the public answers of both released periods (reporting view, province total) and solves its own LP.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

from seimon.disclose.cumulative import layered_table
from seimon.disclose.primary import sensitivity
from seimon.disclose.releases import publish
from seimon.disclose.rules import load_rules
from seimon.indicators.contributions import contributions_of
from seimon.indicators.query import query
from seimon.store import Store, open_store

from .conftest import Firm, done_when_firms, load_firms
from .test_attacks import CITIES, PROTECTION, public

NEWCOMER = 3_000.0


def _store(path: Path) -> Store:
    firms = [dataclasses.replace(f, months=(8, 12)) for f in done_when_firms() if f.region != "131102"]
    firms += [Firm("131102", 2_800.0 + 37 * k, months=(8, 12)) for k in range(5)]  # one industry, one class
    firms.append(Firm("131102", NEWCOMER, months=(12,)))
    store = open_store(f"duckdb://{path}")
    load_firms(store, firms)
    hengshui = [f"91130000MA{i:07d}Y" for i, f in enumerate(firms[:-1]) if f.region == "131102"]
    for code in hengshui:  # 1–12月 = 1–8月 + 10: the months after August are the newcomer's
        store.execute(
            "UPDATE reports SET value_added = (SELECT r.value_added FROM reports r WHERE r.credit_code = ?"
            " AND r.end_month = 8) + 10 WHERE credit_code = ? AND end_month = 12",
            [code, code],
        )
    return store


def _interval(eqs: list[tuple[list[int], float]], n: int, target: list[int]) -> tuple[float, float]:
    a = np.zeros((len(eqs), n))
    b = np.array([v for _, v in eqs])
    for r, (idx, _) in enumerate(eqs):
        a[r, idx] = 1.0
    c = np.zeros(n)
    c[target] = 1.0
    low = linprog(c, A_eq=a, b_eq=b, bounds=[(0, None)] * n, method="highs")
    high = linprog(-c, A_eq=a, b_eq=b, bounds=[(0, None)] * n, method="highs")
    assert low.status == 0
    return low.fun, (np.inf if high.status == 3 else -high.fun)


def test_the_months_between_two_cumulative_releases_are_protected(tmp_path: Path) -> None:
    store = _store(tmp_path / "s.duckdb")
    try:
        # the attack is real: the increment of 衡水 is one enterprise's, though neither cumulative cell is sensitive
        found = {m: contributions_of(store, ["sei_va"], (2019, m))["sei_va"] for m in (8, 12)}
        joint = layered_table(found, ["total", "region:reporting"])
        rules = load_rules()
        assert sensitivity(joint.cells[("region:reporting@8", ("131100",))], rules) is None
        assert sensitivity(joint.cells[("region:reporting@12", ("131100",))], rules) is None
        assert sensitivity(joint.cells[("region:reporting@8..12", ("131100",))], rules) == "dominance"

        first = publish(store, "2019-08", on=dt.date(2019, 9, 20), indicators=["sei_va"])
        second = publish(store, "2019", on=dt.date(2020, 3, 1), indicators=["sei_va"])
        assert first.audit_ok and second.audit_ok
        # the attacker: unknowns are each city's 1–8月 value and its increment (both ≥ 0)
        n = 2 * len(CITIES)
        eqs: list[tuple[list[int], float]] = []
        for period, parts in (("2019-08", [0]), ("2019", [0, 1])):
            total = public(store, period_=period)[0]
            if total["value"] is not None:
                eqs.append(([p * len(CITIES) + i for p in parts for i in range(len(CITIES))], total["value"]))
            for row in public(store, period_=period, by="region"):
                if row["value"] is not None:
                    i = CITIES.index(row["region"])
                    eqs.append(([p * len(CITIES) + i for p in parts], row["value"]))
        truth = {
            p: {r["region"]: r["value"] for r in query("sei_va", store=store, period=p, by="region")}
            for p in ("2019-08", "2019")
        }
        i = CITIES.index("131100")
        increment = truth["2019"]["131100"] - truth["2019-08"]["131100"]
        low, high = _interval(eqs, n, [len(CITIES) + i])
        assert low <= increment * (1 - PROTECTION) + 1e-6 and high >= increment * (1 + PROTECTION) - 1e-6, (
            f"衡水's September–December recoverable: [{low}, {high}] around {increment}"
        )
        # the release of 1–12月 had to withhold 衡水 (1–8月 was published before): the increment forced it
        assert second.cells[("sei_va", ("region:reporting", ("131100",)))].withheld
    finally:
        store.close()
