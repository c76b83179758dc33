"""The demo's talent demand: a talent-demand file of the last year that loads cleanly and fills the guide's
紧缺人才目录 with occupations of each enterprise's own plan industry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from seimon.demo import DemoManifest, generate_demo
from seimon.demo.talent import OCCUPATIONS
from seimon.disclose.rules import load_rules
from seimon.ingest.directory import load_directory
from seimon.ingest.loaders import split_occupation
from seimon.report.talent import build_catalogue
from seimon.store import Store, open_store


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, DemoManifest, Store]]:
    out = tmp_path_factory.mktemp("demo_talent")
    manifest = generate_demo(out, enterprises=400, years=(2020, 2020), seed=18)
    with open_store(f"duckdb://{out / 'store.duckdb'}") as store:
        load_directory(store, out)
        yield out, manifest, store


def test_talent_demand_loads_cleanly_and_fills_the_catalogue(loaded: tuple[Path, DemoManifest, Store]) -> None:
    out, manifest, store = loaded
    entry = next(f for f in manifest.files if f.kind == "talent-demand")
    frame = pd.read_csv(out / entry.path, dtype=str)
    assert len(frame) == entry.rows > 20
    batch = store.fetch_dicts("SELECT status, rows_loaded, rows_quarantined FROM batches WHERE kind = 'talent-demand'")
    assert batch == [{"status": "loaded", "rows_loaded": len(frame), "rows_quarantined": 0}]
    stored = store.fetchone("SELECT sum(demand) FROM talent_demand WHERE is_current")
    assert stored is not None and float(stored[0]) == frame["需求人数"].astype(float).sum()
    names = {industry: {split_occupation(o)[1] for o in occupations} for industry, occupations in OCCUPATIONS.items()}
    industries: dict[str, set[str]] = {}
    for code, industry in store.fetchall(
        "SELECT credit_code, plan_industry FROM enterprise_classifications WHERE status = 'assigned'"
    ):
        industries.setdefault(str(code), set()).add(str(industry))
    for code, occupation in store.fetchall("SELECT credit_code, occupation FROM talent_demand WHERE is_current"):
        # an enterprise asks for occupations of its own plan industries, as the platform classified it
        assert any(occupation in names[i] for i in industries.get(str(code), ())), (code, occupation)
    catalogue = build_catalogue(store, 2020, load_rules())
    assert len(catalogue) >= 4
    assert any(industry.decision.withheld for industry in catalogue)  # small cells exist: disclosure has work
