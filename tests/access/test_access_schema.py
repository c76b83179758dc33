"""Migration 0005 on both stores: the three tables with the columns the contract names."""

from __future__ import annotations

from seimon.store import Store
from seimon.store.migrate import applied_versions, migrate


def _columns(store: Store, table: str) -> set[str]:
    rows = store.fetchall(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()",
        (table,),
    )
    return {r[0] for r in rows}


def test_access_tables_exist_with_their_columns(store: Store) -> None:
    assert 5 in applied_versions(store)
    assert {"id", "at", "username", "role", "action", "target", "detail", "ip"} <= _columns(store, "audit_log")
    assert {"token_hash", "username", "created_at", "expires_at"} <= _columns(store, "sessions")
    assert {"username", "password_hash", "role", "region", "credit_code", "display_name", "disabled"} <= _columns(
        store, "users"
    )
    assert 5 not in migrate(store)  # applied once only
