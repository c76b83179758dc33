"""Every plan target gets a status with reasons on a store filled with demo-like observations; --explain numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from seimon.assess.explain import explain_assessment
from seimon.assess.report import assess_plan
from seimon.assess.status import STATUS_LABELS
from seimon.demo.calibration import load_calibration
from seimon.demo.observations import observation_tables
from seimon.ingest.loaders import plan_resolver
from seimon.periods import parse_period
from seimon.plan import load_plan
from seimon.store import Store, open_store
from seimon.units import convert

COLUMNS = [
    "indicator", "region", "period", "period_kind", "year", "start_month", "end_month", "point_date", "value",
    "unit", "source", "reliability", "note", "published", "batch_id", "row_number", "vintage", "is_current",
]  # fmt: skip


def fill_demo_observations(store: Store, seed: int = 3) -> int:
    """The demo generator's releases (first and revised vintages), stored as the import pipeline stores them."""
    plan = load_plan()
    first, revised = observation_tables(load_calibration(), plan, (2016, 2020), np.random.default_rng(seed))
    resolve = plan_resolver(plan)
    rows = []
    for batch, frame in ((1, first), (2, revised)):
        for number, r in enumerate(frame.itertuples(index=False), 1):
            resolved = resolve(r.indicator)
            assert resolved is not None, r.indicator
            target_id, unit = resolved
            p = parse_period(r.period)
            day = dt.date.fromisoformat(r.published)
            rows.append(
                (target_id, r.region, p.code, p.kind, p.year, p.start_month, p.end_month, p.date,
                 convert(float(r.value), r.unit, unit), unit, r.source, r.reliability, r.note or None, day, batch,
                 number, dt.datetime.combine(day, dt.time()), True)
            )  # fmt: skip
    return store.bulk_insert("observations", COLUMNS, rows)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path: Path = tmp_path_factory.mktemp("demo") / "store.duckdb"
    with open_store(f"duckdb://{path}") as store:
        fill_demo_observations(store)
        yield store


def test_every_plan_target_gets_a_status_with_reasons(demo_store: Store) -> None:
    results = assess_plan(demo_store, as_of=dt.date(2019, 6, 30))
    assert [a.target.id for a in results] == [t.id for t in load_plan().targets]
    statuses = {a.status for a in results}
    assert statuses <= set(STATUS_LABELS)
    assert len(statuses - {"insufficient_data"}) >= 3  # the demo paths are built so that statuses differ
    for a in results:
        d = a.to_dict()
        assert d["reasons"], a.target.id
        assert all(" / " in r for r in d["reasons"]), a.target.id  # bilingual "中文 / English"
        if d["status"] != "insufficient_data":
            assert d["latest_value"] is not None and d["baseline_period"] is not None, a.target.id
    observed = {a.target.id for a in results if a.status != "insufficient_data"}
    assert {"pv_capacity", "nev_promoted_cumulative", "maker_spaces"} <= observed
    without = {a.target.id for a in results if not a.inputs.items}
    assert all(a.status == "insufficient_data" for a in results if a.target.id in without)


def test_explain_shows_the_numbers(demo_store: Store) -> None:
    a = assess_plan(demo_store, as_of=dt.date(2019, 6, 30), target_ids=["pv_capacity"])[0]
    e = explain_assessment(a).to_dict()
    assert e["observations_used"] and e["observations_set_aside"]
    used = e["observations_used"][0]
    assert {"period", "value", "unit", "source", "reliability", "published", "batch_id", "row_number"} <= set(used)
    assert all(o["reason"] for o in e["observations_set_aside"])
    formulas = "\n".join(e["formulas"])
    assert f"{a.result.latest_value * 1e-4:g}" in formulas and "CAGR_obs" in formulas and "R = " in formulas
    assert any("on_track" in t for t in e["thresholds"])
    assert e["forecast_candidates"] and sum(c["chosen"] for c in e["forecast_candidates"]) == 1
