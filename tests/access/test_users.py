"""Accounts on both stores: every rule of add_user, login, re-hash on login, password change, disabling."""

from __future__ import annotations

import logging

import pytest
from argon2 import PasswordHasher

from seimon.access.passwords import needs_rehash
from seimon.access.roles import Principal, Role
from seimon.access.sessions import create_session, principal_for_token
from seimon.access.users import add_user, authenticate, disable_user, get_user, list_users, set_password
from seimon.errors import SeimonError
from seimon.reference.credit_code import generate_codes
from seimon.store import Store

CODE = next(generate_codes("130100", 1, seed=7))
PASSWORD = "s3cret-pass"


def _code_of(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(SeimonError) as info:
        call()
    assert info.value.message_zh and info.value.message_en
    return info.value.code


def test_add_user_accepts_each_role_with_its_scope(store: Store) -> None:
    assert add_user(store, "root", PASSWORD, "admin") == Principal("root", Role.ADMIN)
    assert add_user(store, "ana.li", PASSWORD, Role.ANALYST, display_name=" 李安娜 ").display_name == "李安娜"
    assert add_user(store, "baoding", PASSWORD, "city", region="130600").region == "130600"
    assert add_user(store, "dingzhou", PASSWORD, "city", region="130682").region == "130682"  # 定州
    assert add_user(store, "xinji", PASSWORD, "city", region="130181").region == "130181"  # 辛集
    lower = CODE.lower()
    assert add_user(store, "ent_1", PASSWORD, "enterprise", credit_code=lower).credit_code == CODE  # normalised
    assert add_user(store, "eva-1", PASSWORD, "evaluator").role is Role.EVALUATOR
    assert [u["username"] for u in list_users(store)] == sorted(
        ["root", "ana.li", "baoding", "dingzhou", "xinji", "ent_1", "eva-1"]
    )
    assert get_user(store, "ent_1") == Principal("ent_1", Role.ENTERPRISE, credit_code=CODE)


def test_add_user_refuses_every_broken_rule(store: Store) -> None:
    add_user(store, "baoding", PASSWORD, "city", region="130600")
    cases = {
        "invalid_username": lambda: add_user(store, "ab", PASSWORD, "admin"),
        "unknown_role": lambda: add_user(store, "someone", PASSWORD, "superuser"),
        "invalid_role": lambda: add_user(store, "someone", PASSWORD, "public"),
        "missing_region": lambda: add_user(store, "someone", PASSWORD, "city"),
        "invalid_region": lambda: add_user(store, "someone", PASSWORD, "city", region="130602"),  # a district
        "missing_credit_code": lambda: add_user(store, "someone", PASSWORD, "enterprise"),
        "invalid_credit_code": lambda: add_user(store, "someone", PASSWORD, "enterprise", credit_code=CODE[:-1] + "0"),
        "unexpected_region": lambda: add_user(store, "someone", PASSWORD, "analyst", region="130600"),
        "unexpected_credit_code": lambda: add_user(
            store, "someone", PASSWORD, "city", region="130600", credit_code=CODE
        ),
        "weak_password": lambda: add_user(store, "someone", "short12", "admin"),
        "duplicate_user": lambda: add_user(store, "BaoDing", PASSWORD, "admin"),
    }
    for expected, call in cases.items():
        assert _code_of(call) == expected, expected
    for bad in ("李四", "a b c", "x" * 65, "semi;colon", ""):
        assert _code_of(lambda bad=bad: add_user(store, bad, PASSWORD, "admin")) == "invalid_username"
    assert _code_of(lambda: add_user(store, "region-ent", PASSWORD, "enterprise", credit_code=CODE, region="130100"))
    assert [u["username"] for u in list_users(store)] == ["baoding"]  # nothing half-created


def test_authenticate_and_get_user(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "analyst", display_name="安娜")
    who = authenticate(store, "ana", PASSWORD)
    assert who == Principal("ana", Role.ANALYST, display_name="安娜")
    assert list_users(store)[0]["last_login_at"] is not None
    assert authenticate(store, "ana", PASSWORD + "x") is None
    assert authenticate(store, "Ana", PASSWORD) is None
    assert authenticate(store, "nobody", PASSWORD) is None
    assert authenticate(store, "no such user!", PASSWORD) is None
    assert authenticate(store, "ana", "x" * 5000) is None
    assert get_user(store, "ana") == who and get_user(store, "nobody") is None


def test_login_rehashes_a_hash_made_with_old_parameters(store: Store) -> None:
    add_user(store, "ana", PASSWORD, "analyst")
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    store.execute("UPDATE users SET password_hash = ? WHERE username = ?", (old, "ana"))
    assert authenticate(store, "ana", "wrong-password") is None
    assert store.fetchone("SELECT password_hash FROM users")[0] == old  # a failed login changes nothing
    assert authenticate(store, "ana", PASSWORD) is not None
    new = store.fetchone("SELECT password_hash FROM users")[0]
    assert new != old and not needs_rehash(new)
    assert authenticate(store, "ana", PASSWORD) is not None


def test_disabled_users_cannot_log_in_and_lose_their_sessions(store: Store) -> None:
    ana = add_user(store, "ana", PASSWORD, "analyst")
    token = create_session(store, ana)
    disable_user(store, "ana")
    assert authenticate(store, "ana", PASSWORD) is None
    assert get_user(store, "ana") is None
    assert principal_for_token(store, token) is None
    assert store.fetchone("SELECT count(*) FROM sessions")[0] == 0
    assert list_users(store)[0]["disabled"] is True
    assert _code_of(lambda: disable_user(store, "nobody")) == "unknown_user"


def test_set_password_replaces_it_and_ends_sessions(store: Store) -> None:
    ana = add_user(store, "ana", PASSWORD, "analyst")
    token = create_session(store, ana)
    set_password(store, "ana", "another-secret")
    assert authenticate(store, "ana", PASSWORD) is None
    assert authenticate(store, "ana", "another-secret") == ana
    assert principal_for_token(store, token) is None
    assert _code_of(lambda: set_password(store, "ana", "short")) == "weak_password"
    assert _code_of(lambda: set_password(store, "nobody", "long-enough")) == "unknown_user"


def test_hashes_are_never_listed_or_logged(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="seimon")
    add_user(store, "ana", PASSWORD, "analyst")
    authenticate(store, "ana", PASSWORD)
    set_password(store, "ana", "another-secret")
    stored = store.fetchone("SELECT password_hash FROM users")[0]
    assert stored.startswith("$argon2id$")
    rows = list_users(store)
    assert "password_hash" not in rows[0]
    assert not any(isinstance(v, str) and "$argon2" in v for v in rows[0].values())
    assert "$argon2" not in caplog.text and PASSWORD not in caplog.text and "another-secret" not in caplog.text
    assert "ana" in caplog.text  # the log does say what happened
