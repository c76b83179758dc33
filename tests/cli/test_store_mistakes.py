"""Store mistakes on the command line: a missing store is an error (not a new empty one), a file that is not a
store is a clear error (not a traceback), and only `seimon init` or `--create` make a new store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.errors import SeimonError
from seimon.store import open_store
from seimon.store.migrate import available_migrations

runner = CliRunner()


def refusal(args: list[str]) -> str:
    """What the command says when it refuses (exit code 2: a located, bilingual error)."""
    result = runner.invoke(app, args)
    if isinstance(result.exception, SeimonError):  # a command that leaves the error to the console entry point
        return str(result.exception)
    assert result.exit_code == 2, (result.output, result.exception)
    return " ".join(result.output.split())


def test_a_missing_store_is_an_error_and_nothing_is_created(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "s.duckdb"
    said = refusal(["assess", "--store", f"duckdb://{target}", "--json"])
    assert "不存在" in said and "does not exist" in said and "seimon init" in said
    assert "does not exist either" in said, "the missing folder is named"
    assert not (tmp_path / "no").exists(), "no folder was made"
    said = refusal(["users", "list", "--store", str(tmp_path / "typo.duckdb")])
    assert "does not exist" in said and not (tmp_path / "typo.duckdb").exists()


def test_init_or_create_makes_the_store_and_then_it_opens(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 's.duckdb'}"
    made = runner.invoke(app, ["init", "--store", url, "--json"])
    assert made.exit_code == 0, made.output
    newest = max(m.version for m in available_migrations("duckdb"))
    assert json.loads(made.stdout) == {"store": url, "created": True, "schema_version": newest}
    again = runner.invoke(app, ["init", "--store", url, "--json"])
    assert json.loads(again.stdout)["created"] is False
    assert runner.invoke(app, ["users", "list", "--store", url, "--json"]).exit_code == 0
    other = tmp_path / "other.duckdb"
    assert runner.invoke(app, ["--create", "users", "list", "--store", str(other), "--json"]).exit_code == 0
    assert other.exists()
    with open_store(f"duckdb://{tmp_path / 'library.duckdb'}") as store:  # the library still creates on open
        assert store.table_exists("schema_migrations")


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    csv = tmp_path / "reports.csv"
    csv.write_text("统一社会信用代码,时期\n91130100MA0000001A,2020年1-9月\n", encoding="utf-8")
    said = refusal(["assess", "--store", str(csv)])
    assert "不是 SEI Monitor 数据库" in said and "reports.csv is not a SEI Monitor store" in said
    assert csv.read_text(encoding="utf-8").startswith("统一社会信用代码"), "the file is left as it was"
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\x00\x01 not a database at all " * 100)
    cli = subprocess.run(
        [sys.executable, "-m", "seimon", "warnings", "--store", f"duckdb://{junk}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert cli.returncode == 2
    assert "Traceback" not in cli.stderr and "not a SEI Monitor store" in cli.stderr + cli.stdout
    assert len((cli.stderr + cli.stdout).strip().splitlines()) <= 3
    assert "is a folder" in refusal(["assess", "--store", str(tmp_path)])
