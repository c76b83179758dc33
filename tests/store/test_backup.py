"""`seimon backup` / `seimon restore`: a store round-trips through one file, every table checked, on DuckDB and
PostgreSQL (and across them); a tampered backup or a non-empty target is refused."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.conftest import PG_DSN
from typer.testing import CliRunner

from seimon.access.demo_accounts import seed_demo_accounts
from seimon.cli.app import app
from seimon.demo import generate_demo
from seimon.errors import SeimonError
from seimon.ingest.directory import load_directory
from seimon.ingest.submissions import create_submission
from seimon.store import open_store
from seimon.store.backup import backup_store, restore_store, store_tables, table_fingerprint

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("backup_demo")
    generate_demo(folder, enterprises=60, years=(2019, 2020), seed=4)
    return folder


@pytest.fixture
def other_pg_url() -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield f"{PG_DSN}?schema={schema}"
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def filled(url: str, demo_files: Path) -> dict[str, tuple[int, str]]:
    """Load the demo files, accounts and a submission (binary content) into ``url``; its tables' fingerprints."""
    with open_store(url) as store:
        load_directory(store, demo_files)
        seed_demo_accounts(store)
        create_submission(store, "deflators", "d.csv", "行业代码,时期,价格指数\n38,2020年1-9月,101.2\n".encode(),
                          submitted_by="city1")  # fmt: skip
        return {t: table_fingerprint(store, t) for t in store_tables(store) if t != "schema_migrations"}


def round_trip(source: str, target: str, demo_files: Path, tmp_path: Path) -> None:
    before = filled(source, demo_files)
    assert before["reports"][0] > 100 and before["submissions"][0] == 1 and before["users"][0] >= 4
    file = tmp_path / "store-backup.zip"
    made = runner.invoke(app, ["backup", str(file), "--store", source, "--json"])
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["tables"] == len(before) + 1
    restored = runner.invoke(app, ["restore", str(file), "--store", target, "--json"])
    assert restored.exit_code == 0, (restored.output, restored.exception)
    answer = json.loads(restored.stdout)
    assert answer["all_match"] and {t["table"] for t in answer["tables"]} == set(before)
    with open_store(target) as store:
        after = {t: table_fingerprint(store, t) for t in store_tables(store) if t != "schema_migrations"}
        assert after == before
        next_batch = store.fetchone("SELECT nextval('batch_id_seq')")
        newest = store.fetchone("SELECT max(batch_id) FROM batches")
        assert next_batch and newest and next_batch[0] > newest[0], "new batches get new ids after a restore"


def test_a_duckdb_store_round_trips(demo_files: Path, tmp_path: Path) -> None:
    round_trip(f"duckdb://{tmp_path / 'a.duckdb'}", f"duckdb://{tmp_path / 'b.duckdb'}", demo_files, tmp_path)


@pytest.mark.postgres
def test_a_postgresql_store_round_trips(pg_url: str, other_pg_url: str, demo_files: Path, tmp_path: Path) -> None:
    round_trip(pg_url, other_pg_url, demo_files, tmp_path)


@pytest.mark.postgres
def test_a_duckdb_backup_restores_into_postgresql(pg_url: str, demo_files: Path, tmp_path: Path) -> None:
    round_trip(f"duckdb://{tmp_path / 'a.duckdb'}", pg_url, demo_files, tmp_path)


def test_a_tampered_backup_or_a_non_empty_target_is_refused(demo_files: Path, tmp_path: Path) -> None:
    source = f"duckdb://{tmp_path / 'a.duckdb'}"
    filled(source, demo_files)
    file = tmp_path / "b.zip"
    with open_store(source) as store:
        backup_store(store, file)
    with pytest.raises(SeimonError) as busy, open_store(source) as store:
        restore_store(store, file)
    assert busy.value.code == "store_not_empty"
    tampered = tmp_path / "t.zip"
    with zipfile.ZipFile(file) as old, zipfile.ZipFile(tampered, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "tables/users.parquet":
                table = pq.read_table(io.BytesIO(data))
                names = table.column("username").to_pylist()
                table = table.set_column(table.schema.get_field_index("username"), "username",
                                         pa.array([n + "x" if i == 0 else n for i, n in enumerate(names)]))  # fmt: skip
                out = io.BytesIO()
                pq.write_table(table, out)
                data = out.getvalue()
            new.writestr(item, data)
    with pytest.raises(SeimonError) as mismatch, open_store(f"duckdb://{tmp_path / 'c.duckdb'}") as store:
        restore_store(store, tampered)
    assert mismatch.value.code == "restore_mismatch" and "users" in mismatch.value.message_en
