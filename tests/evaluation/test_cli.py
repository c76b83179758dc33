"""`seimon evaluation …` end to end on a DuckDB file: one JSON document per command under --json, evidence files
attached from disk, bilingual errors with exit code 2, and the signed report written by `seimon report evaluation`."""

from __future__ import annotations

import io
import json
from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from seimon.access.audit import list_audit
from seimon.access.users import add_user
from seimon.cli.app import app
from seimon.plan import load_plan
from seimon.store import open_store

runner = CliRunner()
ORG = "河北省宏观经济研究院"


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout


def test_the_workflow_from_the_command_line(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 'store.duckdb'}"
    with open_store(url, create=True) as store:
        add_user(store, "eva", "evaluator-password", "evaluator")
    code, out = run("evaluation", "member", "eva", "--organisation", ORG, "--store", url, "--json")
    assert code == 0 and json.loads(out) == {"username": "eva", "organisation": ORG}
    code, out = run("evaluation", "open", "--kind", "final", "--as-of", "2020-12-31", "--store", url, "--json")
    assert code == 0
    eid = str(json.loads(out)["id"])
    code, out = run("evaluation", "assign", eid, "--organisation", ORG, "--store", url, "--json")
    assert code == 0 and json.loads(out)["organisation"] == ORG
    ledger = tmp_path / "公交台账.pdf"
    ledger.write_bytes(b"%PDF-1.4 ledger")
    qualitative = [q.id for q in load_plan().qualitative_targets]
    for target in qualitative:
        code, out = run(
            "evaluation", "judge", eid, target, "--verdict", "partly", "--reason", "部分实现的理由",
            "--as", "eva", "--attach", str(ledger), "--store", url, "--json",
        )  # fmt: skip
        assert code == 0, out
        assert json.loads(out)["files"][0]["filename"] == ledger.name
    code, out = run(
        "evaluation", "judge", eid, qualitative[0], "--verdict", "confirmed", "--reason", "x", "--as", "eva",
        "--store", url, "--json",
    )  # fmt: skip
    assert code == 2 and json.loads(out)["error"]["field"] == "verdict"
    code, out = run(
        "evaluation", "judge", eid, qualitative[0], "--verdict", "partly", "--reason", "x", "--as", "nobody",
        "--store", url,
    )  # fmt: skip
    assert code == 2
    code, out = run("evaluation", "sign", eid, "--signatory", "王评估", "--date", "2021-03-01", "--as", "eva",
                    "--store", url, "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["state"] == "signed"
    code, out = run("evaluation", "show", eid, "--store", url, "--json")
    view = json.loads(out)
    assert code == 0 and view["progress"]["qualitative_judged"] == len(qualitative) and view["may"]["judge"] is False
    code, out = run("evaluation", "list", "--store", url, "--json")
    assert [e["id"] for e in json.loads(out)] == [int(eid)]
    docx = tmp_path / "evaluation.docx"
    code, out = run("report", "evaluation", "--evaluation", eid, "-f", "docx", "-o", str(docx), "--store", url)
    assert code == 0, out
    doc = Document(io.BytesIO(docx.read_bytes()))
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert {"王评估", ORG, "2021-03-01", "部分实现"} <= cells
    with open_store(url) as store:
        actions = [e["action"] for e in list_audit(store) if e["target"] == f"evaluation:{eid}"]
        judges = {e["username"] for e in list_audit(store, action="evaluation_judge")}
    assert actions.count("evaluation_judge") == len(qualitative) and "evaluation_sign" in actions
    assert judges == {"eva"}
