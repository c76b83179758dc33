"""Sessions on both stores: only the digest is stored; expiry, revocation and disabled users end them."""

from __future__ import annotations

import hashlib

import pytest

from seimon.access.roles import Principal, Role
from seimon.access.sessions import SESSION_HOURS, create_session, principal_for_token, revoke_session
from seimon.access.users import add_user, disable_user
from seimon.store import Store


@pytest.fixture
def city(store: Store) -> Principal:
    return add_user(store, "baoding", "s3cret-pass", "city", region="130600", display_name="保定市统计局")


def test_token_is_random_and_only_its_digest_is_stored(store: Store, city: Principal) -> None:
    first, second = create_session(store, city), create_session(store, city)
    assert first != second and len(first) >= 43
    stored = {row[0] for row in store.fetchall("SELECT token_hash FROM sessions")}
    assert stored == {hashlib.sha256(t.encode()).hexdigest() for t in (first, second)}
    assert first not in str(store.fetchall("SELECT * FROM sessions"))
    assert principal_for_token(store, first) == city
    assert principal_for_token(store, second) == city


def test_default_lifetime_is_a_working_day(store: Store, city: Principal) -> None:
    create_session(store, city)
    created, expires = store.fetchone("SELECT created_at, expires_at FROM sessions")
    assert (expires - created).total_seconds() == SESSION_HOURS * 3600 == 8 * 3600


def test_unknown_expired_and_revoked_tokens_give_nobody(store: Store, city: Principal) -> None:
    assert principal_for_token(store, "not-a-token") is None
    assert principal_for_token(store, "") is None
    assert principal_for_token(store, "x" * 10_000) is None
    expired = create_session(store, city, hours=-1 / 60)
    assert principal_for_token(store, expired) is None
    live = create_session(store, city)  # sweeps the expired one out
    assert store.fetchone("SELECT count(*) FROM sessions")[0] == 1
    revoke_session(store, live)
    assert principal_for_token(store, live) is None
    revoke_session(store, live)  # twice is harmless


def test_each_lookup_sees_the_current_account(store: Store, city: Principal) -> None:
    token = create_session(store, city)
    store.execute("UPDATE users SET region = ? WHERE username = ?", ("130682", "baoding"))
    assert principal_for_token(store, token) == Principal(
        "baoding", Role.CITY, region="130682", display_name="保定市统计局"
    )
    disable_user(store, "baoding")
    assert principal_for_token(store, token) is None
