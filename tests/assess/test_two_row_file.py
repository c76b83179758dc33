"""A plain two-row observations file (2015: 239, 2018: x 万千瓦, no dates, region by name) gives the Open SDG status
of the PV target as the Open SDG formulas do, once the 2018 figure is published (issue 15).

Without a 发布日期, the 2018 year-end figure counts as published on 1 March 2019 (the release calendar): at
2018-12-31 it was not yet known, and the assessment says so; from March 2019 the status follows
R = CAGR_obs / CAGR_req with the Open SDG bands (0.95, 0.6, 0) and "achieved" once x reaches 1500.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from seimon.assess.report import assess_plan
from seimon.ingest.pipeline import import_file
from seimon.store import open_store


def open_sdg_status(x: float) -> str:
    """The Open SDG status of 239 (end of 2015) → x (end of 2018) against ≥ 1500 by the end of 2020."""
    if x >= 1500:
        return "achieved"
    observed = (x / 239) ** (1 / 3) - 1
    required = (1500 / 239) ** (1 / 5) - 1
    ratio = observed / required
    return (
        "on_track" if ratio >= 0.95 else "acceleration_needed" if ratio >= 0.6 else "limited" if ratio >= 0
        else "deteriorating"
    )  # fmt: skip


def assess_two_rows(x: float, day: dt.date) -> dict:
    folder = Path(tempfile.mkdtemp())
    (folder / "pv.csv").write_text(
        f"指标,地区,时期,数值,单位\n光伏发电装机容量,河北省,2015年末,239,万千瓦\n光伏发电装机容量,河北省,2018年末,{x},万千瓦\n",
        encoding="utf-8",
    )
    with open_store("duckdb:///:memory:") as store:
        summary = import_file(store, "observations", folder / "pv.csv")
        assert (summary.status, summary.rows_loaded) == ("loaded", 2)
        return assess_plan(store, as_of=day, target_ids=["pv_capacity"], use_indicators=False)[0].to_dict()


@settings(max_examples=25, deadline=None)
@given(x=st.floats(min_value=1.0, max_value=3000.0))
def test_two_rows_give_the_open_sdg_status_for_any_x(x: float) -> None:
    got = assess_two_rows(x, dt.date(2019, 3, 31))
    assert got["status"] == open_sdg_status(x)
    assert got["latest_period"] == "2018-12-31" and got["baseline_value"] == 239
    assert "publication_assumed" in got["reason_codes"]


def test_before_the_communique_the_2018_figure_is_not_yet_known() -> None:
    got = assess_two_rows(1200.0, dt.date(2018, 12, 31))
    assert got["status"] == "insufficient_data" and "published_after_as_of" in got["reason_codes"]
    assert any("2019-03-01" in r or "2018-12-31" in r for r in got["reasons"])
