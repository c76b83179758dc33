"""With ``--json`` stdout is exactly one JSON document, whatever is logged (issue 15): the installed console
script is run in a subprocess, as a user's ``seimon … --json | jq`` would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEIMON = Path(sys.executable).with_name("seimon")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SEIMON), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("content", ["", "not,a,report\n1,2,3\n"])
def test_a_rejected_import_prints_only_json_on_stdout(tmp_path: Path, content: str) -> None:
    (tmp_path / "bad.csv").write_text(content, encoding="utf-8")
    store = f"duckdb:///{tmp_path / 's.duckdb'}"
    assert run("init", "--store", store, cwd=tmp_path).returncode == 0
    done = run("import", "reports", "bad.csv", "--store", store, "--json", cwd=tmp_path)
    assert done.returncode == 2
    assert json.loads(done.stdout)["status"] == "rejected"
    assert "rejected" in done.stderr  # the log line went to stderr


def test_an_error_is_one_bilingual_line_on_stderr_and_a_json_document_on_stdout(tmp_path: Path) -> None:
    store = f"duckdb:///{tmp_path / 's.duckdb'}"
    missing = run("release", "2020-09", "--store", store, "--json", cwd=tmp_path)
    assert missing.returncode == 2 and json.loads(missing.stdout)["error"]["code"] == "store_missing"
    assert run("init", "--store", store, cwd=tmp_path).returncode == 0
    done = run("release", "2020Q3", "--store", store, "--json", cwd=tmp_path)
    assert done.returncode == 2 and json.loads(done.stdout)["error"]["field"] == "period"
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "错误" in lines[0] and "Error" in lines[0] and "Traceback" not in done.stderr
    plain = run("release", "2020Q3", "--store", store, cwd=tmp_path)
    assert plain.returncode == 2 and plain.stdout == ""
