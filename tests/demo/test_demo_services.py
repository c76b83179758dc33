"""The demo's services half: a services register and form that go through the ordinary import path.

A small demo is generated and loaded into DuckDB like a user's files; every plan industry, 数字创意 included, then
has SEI revenue, and the services figures equal sums over the generated files.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from seimon.demo import DemoManifest, generate_demo
from seimon.indicators import query
from seimon.ingest.directory import load_directory
from seimon.plan import load_plan
from seimon.reference.services_scope import services_threshold
from seimon.store import Store, open_store

YEARS = (2019, 2020)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, DemoManifest, Store]]:
    out = tmp_path_factory.mktemp("demo_services")
    manifest = generate_demo(out, enterprises=300, years=YEARS, seed=19)
    with open_store(f"duckdb://{out / 'store.duckdb'}") as store:
        summaries = load_directory(store, out)
        assert not [s for s in summaries if s.status == "rejected"]
        yield out, manifest, store


def test_services_files_are_in_the_manifest_and_load_cleanly(loaded: tuple[Path, DemoManifest, Store]) -> None:
    _, manifest, store = loaded
    kinds = {f.path: f.kind for f in manifest.files}
    assert kinds["service_enterprises.csv"] == "enterprises"
    assert {kinds[f"service_reports_{y}.csv"] for y in YEARS} == {"service-reports"}
    batches = store.fetch_dicts(
        "SELECT file_name, status, rows_quarantined FROM batches WHERE kind = 'service-reports'"
    )
    assert len(batches) == 2 and all(b["status"] == "loaded" and b["rows_quarantined"] == 0 for b in batches)


def test_every_plan_industry_has_sei_revenue(loaded: tuple[Path, DemoManifest, Store]) -> None:
    _, _, store = loaded
    rows = query("sei_revenue", store=store, period="2020", by="plan_industry")
    got = {r["plan_industry"] for r in rows if r["value"]}
    assert got == {industry.id for industry in load_plan().industries}
    assert "digital_creative" in got


def test_services_sizes_respect_the_nbs_thresholds(loaded: tuple[Path, DemoManifest, Store]) -> None:
    out, _, _ = loaded
    register = pd.read_csv(out / "service_enterprises.csv", dtype=str, encoding="utf-8-sig")
    classes = dict(zip(register["统一社会信用代码"], register["行业代码"], strict=True))
    assert all(services_threshold(c) is not None for c in classes.values())
    assert {c[:2] for c in classes.values()} >= {"65", "64", "74", "73", "77"}  # software … environment services
    for year in YEARS:
        form = pd.read_csv(out / f"service_reports_{year}.csv", dtype={"统一社会信用代码": str})
        annual = form[form["时期"] == f"{year}年1-12月"]
        for code, revenue in zip(annual["统一社会信用代码"], annual["营业收入"], strict=True):
            threshold = services_threshold(classes[code])
            assert threshold is not None and revenue >= threshold.threshold, (code, revenue)


def test_services_revenue_equals_the_files(loaded: tuple[Path, DemoManifest, Store]) -> None:
    out, _, store = loaded
    sei = {
        r[0]
        for r in store.fetchall("SELECT DISTINCT credit_code FROM enterprise_classifications WHERE status = 'assigned'")
    }
    for year in YEARS:
        form = pd.read_csv(out / f"service_reports_{year}.csv", dtype={"统一社会信用代码": str})
        annual = form[(form["时期"] == f"{year}年1-12月") & form["统一社会信用代码"].isin(sei)]
        got = query("sei_services_revenue", store=store, period=str(year))
        assert len(got) == 1 and math.isclose(got[0]["value"], annual["营业收入"].sum(), rel_tol=1e-9)
    same = annual[annual["上年同期营业收入"].notna()]
    growth = query("sei_services_revenue_growth", store=store, period="2020")[0]["value"]
    assert math.isclose(growth, (same["营业收入"].sum() / same["上年同期营业收入"].sum() - 1) * 100, rel_tol=1e-9)
