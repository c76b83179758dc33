"""Argon2id hashes: salted, verified, upgraded when the parameters change."""

from __future__ import annotations

from argon2 import PasswordHasher

from seimon.access.passwords import hash_password, needs_rehash, verify_password


def test_hash_is_salted_argon2id_and_verifies() -> None:
    first, second = hash_password("correct horse battery"), hash_password("correct horse battery")
    assert first.startswith("$argon2id$") and first != second
    assert "correct horse" not in first
    assert verify_password(first, "correct horse battery") and verify_password(second, "correct horse battery")
    assert not verify_password(first, "correct horse batterY")
    assert not verify_password(first, "")


def test_malformed_hashes_never_verify() -> None:
    for junk in ("", "plain text", "$argon2id$v=19$m=1,t=1,p=1$xx$yy", "$2b$12$abcdefghijklmnopqrstuv"):
        assert not verify_password(junk, "plain text")
        assert needs_rehash(junk)


def test_hashes_made_with_other_parameters_need_a_rehash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("correct horse battery")
    assert verify_password(weak, "correct horse battery")  # still accepted at login ...
    assert needs_rehash(weak)  # ... and then replaced
    assert not needs_rehash(hash_password("correct horse battery"))
