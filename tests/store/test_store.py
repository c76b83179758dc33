from __future__ import annotations

import pytest

from seimon.errors import SeimonError
from seimon.store import Store, open_store, parse_store_url
from seimon.store.migrate import applied_versions, available_migrations, split_statements
from seimon.store.postgres_backend import to_psycopg


def test_parse_urls() -> None:
    assert parse_store_url("./x.duckdb").path == "./x.duckdb"
    assert parse_store_url("duckdb:///tmp/a.duckdb").path == "/tmp/a.duckdb"
    assert parse_store_url("duckdb:///:memory:").path == ":memory:"
    pg = parse_store_url("postgresql://u@127.0.0.1:5432/test?schema=abc&sslmode=disable")
    assert (pg.backend, pg.schema) == ("postgresql", "abc")
    assert pg.dsn == "postgresql://u@127.0.0.1:5432/test?sslmode=disable"


def test_default_comes_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEIMON_STORE", "duckdb:///tmp/from-env.duckdb")
    assert parse_store_url(None).path == "/tmp/from-env.duckdb"
    monkeypatch.delenv("SEIMON_STORE")
    assert parse_store_url(None).path == "./seimon.duckdb"


@pytest.mark.parametrize("bad", ["mysql://x/y", "postgresql://h/db?schema=a;drop"])
def test_bad_urls_are_bilingual_errors(bad: str) -> None:
    with pytest.raises(SeimonError) as info:
        parse_store_url(bad)
    assert info.value.message_zh and info.value.message_en


def test_placeholders_rewritten_for_psycopg() -> None:
    assert to_psycopg("a = ? AND b LIKE '1%'") == "a = %s AND b LIKE '1%%'"


def test_split_statements_ignores_comments() -> None:
    sql = "-- header; not a statement\nCREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n"
    assert split_statements(sql) == ["CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"]


def test_migrations_applied_once(store: Store) -> None:
    versions = {m.version for m in available_migrations(store.dialect)}
    assert applied_versions(store) == versions
    from seimon.store.migrate import migrate

    assert migrate(store) == []


def test_transaction_rolls_back_everything(store: Store) -> None:
    store.execute("CREATE TABLE t_tx (k VARCHAR PRIMARY KEY, v DOUBLE PRECISION)")
    with store.transaction():
        store.execute("INSERT INTO t_tx VALUES (?, ?)", ("a", 1.0))
    with pytest.raises(RuntimeError), store.transaction():
        store.execute("INSERT INTO t_tx VALUES (?, ?)", ("b", 2.0))
        with store.transaction():  # nested blocks join the outer one
            store.bulk_insert("t_tx", ["k", "v"], [("c", 3.0), ("d", 4.0)])
        raise RuntimeError("interrupted import")
    assert store.fetchall("SELECT k, v FROM t_tx ORDER BY k") == [("a", 1.0)]


def test_bulk_insert_and_dict_rows(store: Store) -> None:
    store.execute("CREATE TABLE t_bulk (k VARCHAR, v DOUBLE PRECISION, n BIGINT)")
    rows = [(f"k{i}", i / 3, i) for i in range(500)]
    assert store.bulk_insert("t_bulk", ["k", "v", "n"], rows) == 500
    assert store.fetchone("SELECT count(*), sum(n) FROM t_bulk") == (500, sum(range(500)))
    got = store.fetch_dicts("SELECT k, n FROM t_bulk WHERE n = ?", (7,))
    assert got == [{"k": "k7", "n": 7}]


def test_duckdb_file_persists(tmp_path) -> None:
    url = f"duckdb://{tmp_path / 'p.duckdb'}"
    with open_store(url) as s:
        s.execute("INSERT INTO store_settings VALUES ('plan', 'hebei')")
    with open_store(url) as s:
        assert s.fetchall("SELECT value FROM store_settings") == [("hebei",)]
