"""The audit log on both stores: actors, filters, JSON detail, redaction, and joining a caller's transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from seimon.access.audit import list_audit, record
from seimon.access.roles import Principal, Role
from seimon.errors import SeimonError
from seimon.store import Store

ANA = Principal("ana", Role.ANALYST)


def test_record_and_list_newest_first(store: Store) -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=1)
    record(store, ANA, "login", ip="10.0.0.7")
    record(store, "cli:root", "user_add", target="baoding", detail={"role": "city", "region": "130600"})
    record(store, None, "login_failed", target="ana", ip="203.0.113.9")
    events = list_audit(store)
    assert [e["action"] for e in events] == ["login_failed", "user_add", "login"]
    assert events[0]["username"] is None and events[0]["role"] is None
    assert (events[1]["username"], events[1]["role"], events[1]["target"]) == ("cli:root", None, "baoding")
    assert events[1]["detail"] == {"region": "130600", "role": "city"}
    assert (events[2]["username"], events[2]["role"], events[2]["ip"], events[2]["detail"]) == (
        "ana",
        "analyst",
        "10.0.0.7",
        None,
    )
    assert events[0]["id"] > events[1]["id"] > events[2]["id"]
    assert all(before <= e["at"] <= before + dt.timedelta(minutes=5) for e in events)  # naive UTC


def test_filters_and_limit(store: Store) -> None:
    for n in range(5):
        record(store, ANA, "download_internal_report", target=f"r{n}")
    record(store, "eva", "login")
    assert len(list_audit(store, user="ana")) == 5
    assert [e["target"] for e in list_audit(store, user="ana", limit=2)] == ["r4", "r3"]
    assert [e["username"] for e in list_audit(store, action="login")] == ["eva"]
    assert list_audit(store, user="ana", action="login") == []
    future = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    assert list_audit(store, since=future) == []
    past_aware = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))) - dt.timedelta(hours=1)  # Beijing time
    assert len(list_audit(store, since=past_aware)) == 6
    with pytest.raises(SeimonError):
        list_audit(store, limit=0)


def test_detail_is_json_with_secrets_redacted(store: Store) -> None:
    record(
        store,
        ANA,
        "user_passwd",
        detail={"password": "hunter22", "nested": {"session_token": "abc"}, "rows": [1, 2], "当": "中文"},
    )
    (event,) = list_audit(store)
    assert event["detail"] == {
        "password": "[redacted]",
        "nested": {"session_token": "[redacted]"},
        "rows": [1, 2],
        "当": "中文",
    }
    raw = store.fetchone("SELECT detail FROM audit_log")[0]
    assert "hunter22" not in raw and "abc" not in raw and "中文" in raw


def test_record_joins_the_callers_transaction_or_stands_alone(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        record(store, ANA, "approve", target="submission 1")
        raise RuntimeError("approval failed")
    assert list_audit(store) == []  # rolled back with the work it described
    with store.transaction():
        record(store, ANA, "approve", target="submission 2")
    record(store, ANA, "download_internal_report")
    assert [e["target"] for e in list_audit(store)] == [None, "submission 2"]


def test_an_event_needs_a_name(store: Store) -> None:
    with pytest.raises(SeimonError):
        record(store, ANA, " ")
