"""Enterprise benchmarking: quartiles of at least ten peers, never one peer's figure."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from seimon.disclose.benchmark import MIN_PEERS, benchmark, round_significant
from seimon.store import open_store

from .conftest import done_when_firms, load_firms


def test_quartiles_only_for_ten_peers_and_never_a_peers_figure(tmp_path: Path) -> None:
    firms = [dataclasses.replace(f, years=(2018, 2019)) for f in done_when_firms()]
    with open_store(f"duckdb://{tmp_path / 's.duckdb'}") as store:
        load_firms(store, firms, scale={2018: 0.9})
        code = "91130000MA0000010Y"  # an enterprise of 130102 (石家庄), division 38
        out = benchmark(store, code, (2019, 12))
        groups = {g["group"]: g for g in out["groups"]}
        assert out["own"]["value_added"] == firms[10].value and abs(out["own"]["growth"] - 100 / 9) < 1e-9
        division = groups["division"]
        assert division["key"] == "38" and division["peers"] == f"≥{MIN_PEERS}"
        # midpoints of two peers, rounded to two significant digits: no peer's exact figure
        assert all(v == round_significant(v) for v in division["value_added"].values())
        peers = sorted(f.value for i, f in enumerate(firms) if i != 10 and f.industry.startswith("38"))
        middle = len(peers) // 2
        assert division["value_added"]["median"] == round_significant((peers[middle - 1] + peers[middle]) / 2)
        assert division["value_added"]["q1"] <= division["value_added"]["median"] <= division["value_added"]["q3"]
        assert division["position"]["value_added"] in range(0, 101, 10)
        ds = division["value_added_deciles"]
        assert list(ds) == [f"d{d}" for d in range(1, 10)] and list(ds.values()) == sorted(ds.values())
        assert not set(ds.values()) & set(peers) or all(v == round_significant(v) for v in ds.values())
        city = groups["region"]  # 石家庄 has 4 other enterprises: too few
        assert city["key"] == "130100" and city["value_added"] is None and city["position"]["value_added"] is None
        assert city["value_added_deciles"] is None
