"""Target series through disclosure control: a province point resting on two enterprises loses its value."""

from __future__ import annotations

from seimon.disclose.outlets import protect_points
from seimon.store import Store

from .conftest import Firm, load_firms


def test_a_province_point_on_two_enterprises_is_withheld_and_an_official_statistic_is_not(
    tmp_path, done_store: Store
) -> None:
    from seimon.store import open_store

    points = [{"period": "2019", "value": 20.5}]
    shown = protect_points(done_store, "sei_va_share_above_scale", points)
    assert shown == [{"period": "2019", "value": 20.5, "suppressed": False}]  # many enterprises: published
    with open_store(f"duckdb://{tmp_path / 'two.duckdb'}") as store:
        load_firms(store, [Firm("130802", 900.0), Firm("130102", 700.0)])
        assert protect_points(store, "sei_va_share_above_scale", points)[0] == {
            "period": "2019",
            "value": None,
            "suppressed": True,
        }
        assert protect_points(store, "pv_capacity", points)[0]["suppressed"] is False  # not from enterprises
