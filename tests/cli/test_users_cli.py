"""`seimon users` and `seimon audit` through a real Typer app, real stores and piped standard input."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from seimon.access.users import authenticate
from seimon.cli.users import app as users_app
from seimon.cli.users import audit_command, parse_since
from seimon.errors import SeimonError
from seimon.reference.credit_code import generate_codes
from seimon.store import open_store

runner = CliRunner()
CODE = next(generate_codes("130600", 1, seed=3))

root = typer.Typer()
root.add_typer(users_app, name="users")
root.command("audit")(audit_command)


def _run(args: list[str], stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(root, args, input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def test_add_list_disable_passwd_and_audit(store_url: str) -> None:
    code, out = _run(["users", "add", "ana", "--role", "analyst", "--store", store_url], "first-secret\n")
    assert code == 0 and "ana" in out and "first-secret" not in out
    code, _ = _run(
        [
            "users",
            "add",
            "baoding",
            "--role",
            "city",
            "--region",
            "130600",
            "--display-name",
            "保定市统计局",
            "--store",
            store_url,
        ],
        "second-secret\r\n",
    )
    assert code == 0
    code, _ = _run(
        ["users", "add", "ent1", "--role", "enterprise", "--credit-code", CODE, "--store", store_url], "third-secret"
    )
    assert code == 0

    code, out = _run(["users", "list", "--json", "--store", store_url])
    users = json.loads(out)
    assert [(u["username"], u["role"], u["region"], u["credit_code"]) for u in users] == [
        ("ana", "analyst", None, None),
        ("baoding", "city", "130600", None),
        ("ent1", "enterprise", None, CODE),
    ]
    assert users[1]["display_name"] == "保定市统计局" and users[1]["disabled"] is False
    assert "$argon2" not in out and "password" not in out
    code, out = _run(["users", "list", "--store", store_url])
    assert code == 0 and "users (3)" in out and "130600" in out and "baoding" in out

    with open_store(store_url) as opened:  # the line ending is not part of the password
        assert authenticate(opened, "baoding", "second-secret") is not None
        assert authenticate(opened, "ent1", "third-secret") is not None

    code, _ = _run(["users", "passwd", "ana", "--store", store_url], "changed-secret\n")
    assert code == 0
    code, _ = _run(["users", "disable", "baoding", "--store", store_url])
    assert code == 0
    with open_store(store_url) as opened:
        assert authenticate(opened, "ana", "first-secret") is None
        assert authenticate(opened, "ana", "changed-secret") is not None
        assert authenticate(opened, "baoding", "second-secret") is None

    code, out = _run(["audit", "--json", "--store", store_url])
    events = json.loads(out)
    assert [(e["action"], e["target"]) for e in events] == [
        ("disable_user", "user:baoding"),
        ("reset_password", "user:ana"),
        ("add_user", "user:ent1"),
        ("add_user", "user:baoding"),
        ("add_user", "user:ana"),
    ]
    assert all(e["username"].startswith("cli:") for e in events)
    assert events[3]["detail"] == {"role": "city", "region": "130600"}
    assert "secret" not in out
    code, out = _run(["audit", "--action", "add_user", "--limit", "1", "--json", "--store", store_url])
    assert [e["target"] for e in json.loads(out)] == ["user:ent1"]
    code, out = _run(["audit", "--action", "user_add", "--json", "--store", store_url])  # the old name still reads
    assert len(json.loads(out)) == 3
    code, out = _run(["audit", "--since", "2999-01-01", "--json", "--store", store_url])
    assert json.loads(out) == []
    code, out = _run(["audit", "--user", "nobody", "--store", store_url])
    assert code == 0 and "(0)" in out
    code, out = _run(["audit", "--store", store_url])
    assert code == 0 and "audit log (5)" in out


def test_errors_are_bilingual_and_change_nothing(duckdb_url: str) -> None:
    _run(["users", "add", "ana", "--role", "analyst", "--store", duckdb_url], "first-secret\n")
    cases = [
        (["users", "add", "Ana", "--role", "admin"], "another-secret\n", "duplicate_user"),
        (["users", "add", "user-x1", "--role", "city", "--region", "130602"], "another-secret\n", "invalid_region"),
        (
            ["users", "add", "user-x2", "--role", "enterprise", "--credit-code", CODE[:-1] + "0"],
            "another-secret\n",
            "invalid_credit_code",
        ),
        (["users", "add", "user-x3", "--role", "analyst"], "short\n", "weak_password"),
        (["users", "add", "user-x4", "--role", "analyst"], "", "missing_password"),
        (["users", "disable", "nobody"], None, "unknown_user"),
        (["users", "passwd", "nobody"], "long-enough-1\n", "unknown_user"),
        (["audit", "--since", "yesterday"], None, "bad_option"),
    ]
    for args, stdin, expected in cases:
        with pytest.raises(SeimonError) as info:
            _run([*args, "--store", duckdb_url], stdin)
        assert info.value.code == expected, args
        assert info.value.message_zh and info.value.message_en
    _, out = _run(["users", "list", "--json", "--store", duckdb_url])
    assert [u["username"] for u in json.loads(out)] == ["ana"]
    _, out = _run(["audit", "--json", "--store", duckdb_url])
    assert [e["action"] for e in json.loads(out)] == ["add_user"]  # failed commands leave no audit event


def test_parse_since() -> None:
    assert parse_since(None) is None
    assert parse_since(" 2024-05-01 ").isoformat() == "2024-05-01T00:00:00"
