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
    assert [e["action"] for e in events] == ["login_failed", "add_user", "login"]  # user_add: its old name
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


def test_events_are_typed_and_registered(store: Store) -> None:
    from seimon.access.events import EVENTS, AddUser, ApproveSubmission

    record(store, ANA, AddUser("baoding", "city", region="130600"), ip="10.0.0.7")
    record(store, ANA, ApproveSubmission(12, batch_id=3))
    approve, added = list_audit(store)
    assert (added["action"], added["target"], added["detail"]) == (
        "add_user",
        "user:baoding",
        {"role": "city", "region": "130600"},
    )
    assert (approve["action"], approve["target"], approve["detail"]) == ("approve", "submission:12", {"batch_id": 3})
    # every name is verb or verb_object (never object_verb such as user_add), and unique
    assert all(name.split("_")[0] not in {"user", "password"} for name in EVENTS)
    with pytest.raises(SeimonError) as info:
        record(store, ANA, "made_up_event")
    assert "made_up_event" in info.value.message_en


def test_rows_under_old_names_read_under_the_new_name(store: Store) -> None:
    """Rows written before the rename (``user_add``, ``user_passwd``) are listed and filtered as the new event."""
    with store.transaction():
        for n, old in enumerate(("user_add", "user_passwd", "password_change", "something_unknown"), start=1):
            store.execute(
                'INSERT INTO audit_log (id, "at", username, role, action) VALUES (?, ?, ?, ?, ?)',
                (900 + n, dt.datetime(2020, 1, n), "cli:root", None, old),
            )
    assert [e["action"] for e in list_audit(store)] == [
        "something_unknown",
        "change_password",
        "reset_password",
        "add_user",
    ]
    assert [e["id"] for e in list_audit(store, action="add_user")] == [901]
    assert [e["id"] for e in list_audit(store, action="user_passwd")] == [902]
    assert [e["id"] for e in list_audit(store, action="something_unknown")] == [904]
