"""`seimon import`, `seimon quarantine` and `seimon batches` through a real Typer app and real stores."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from seimon.cli.imports import batches_app, import_app, quarantine_app
from seimon.errors import SeimonError
from seimon.reference.credit_code import generate_codes

runner = CliRunner()
CODES = list(generate_codes("130100", 3, seed=21))
HEADER = "统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值"

root = typer.Typer()
root.add_typer(import_app, name="import")
root.add_typer(quarantine_app, name="quarantine")
root.add_typer(batches_app, name="batches")


def _run(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(root, args)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def _files(folder: Path) -> tuple[Path, Path, Path]:
    ents = folder / "e.csv"
    ents.write_text(
        "统一社会信用代码,企业名称,地区代码,行业代码\n" + "".join(f"{c},企业,130100,3841\n" for c in CODES),
        encoding="utf-8",
    )
    good = folder / "good.csv"
    good.write_text(f"{HEADER}\n{CODES[0]},2020年1-3月,1000,200,190\n", encoding="utf-8")
    mixed = folder / "mixed.csv"
    mixed.write_text(
        f"{HEADER}\n{CODES[1]},2020年1-3月,1000,200,190\n{CODES[2]},2020年1-3月,100,200,190\n", encoding="utf-8"
    )
    return ents, good, mixed


def test_import_exit_codes_and_json_summary(store_url: str, tmp_path: Path) -> None:
    ents, good, mixed = _files(tmp_path)
    code, out = _run(["import", "enterprises", str(ents), "--store", store_url, "--json"])
    assert code == 0, out
    code, out = _run(["import", "reports", str(good), "--store", store_url, "--json", "--user", "李四"])
    summary = json.loads(out)
    assert code == 0
    assert {"batch_id", "kind", "rows_read", "rows_loaded", "rows_quarantined", "status", "errors"} <= summary.keys()
    assert (summary["status"], summary["rows_loaded"], summary["errors"]) == ("loaded", 1, [])
    code, out = _run(["import", "reports", str(good), "--store", store_url, "--json"])
    assert (code, json.loads(out)["status"]) == (0, "unchanged")

    report = tmp_path / "errors.xlsx"
    code, out = _run(["import", "reports", str(mixed), "--store", store_url, "--json", "--report", str(report)])
    summary = json.loads(out)
    assert (code, summary["status"], summary["rows_quarantined"]) == (3, "partial", 1)
    error = summary["errors"][0]
    assert (error["row"], error["field"], error["rule"]) == (3, "value_added", "va_le_revenue")
    assert error["message_zh"].startswith("工业增加值不能大于营业收入") and error["message_en"]
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert rows[0][-5:] == ("行号/row", "字段/field", "规则/rule", "错误说明/message_zh", "message (en)")
    assert rows[1][0] == CODES[2] and rows[1][5] == 3

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out = _run(["import", "reports", str(empty), "--store", store_url, "--json"])
    summary = json.loads(out)
    assert (code, summary["status"]) == (2, "rejected")
    assert "empty.csv" in summary["errors"][0]["message_zh"]

    code, out = _run(["import", "reports", str(mixed), "--store", store_url])
    assert code == 0  # same content as the partial batch: unchanged
    assert "无变化" in out


def test_quarantine_and_batches_commands(store_url: str, tmp_path: Path) -> None:
    ents, _, mixed = _files(tmp_path)
    _run(["import", "enterprises", str(ents), "--store", store_url])
    code, out = _run(["import", "reports", str(mixed), "--store", store_url, "--json"])
    batch = json.loads(out)["batch_id"]
    code, out = _run(["quarantine", "list", "--batch", str(batch), "--store", store_url, "--json"])
    listed = json.loads(out)
    assert [(q["row_number"], q["rule"]) for q in listed] == [(3, "va_le_revenue")]
    export = tmp_path / "q.csv"
    code, _ = _run(["quarantine", "export", "--batch", str(batch), "-o", str(export), "--store", store_url])
    assert code == 0 and "va_le_revenue" in export.read_text(encoding="utf-8-sig")

    fixed = tmp_path / "fixed.csv"
    fixed.write_text(f"{HEADER},行号/row\n{CODES[2]},2020年1-3月,1000,200,190,3\n", encoding="utf-8")
    code, out = _run(["quarantine", "retry", str(fixed), "--batch", str(batch), "--store", store_url, "--json"])
    retry = json.loads(out)
    assert (code, retry["status"], retry["rows_loaded"]) == (0, "loaded", 1)
    code, out = _run(["quarantine", "list", "--batch", str(batch), "--store", store_url, "--json"])
    assert json.loads(out)[0]["resolved_by_batch"] == retry["batch_id"]

    code, out = _run(["batches", "list", "--store", store_url, "--json"])
    assert [b["status"] for b in json.loads(out)][:2] == ["loaded", "partial"]
    code, out = _run(["batches", "show", str(batch), "--store", store_url, "--json"])
    shown = json.loads(out)
    assert (shown["file_name"], shown["rows_quarantined"], shown["problems"][0]["resolved"]) == ("mixed.csv", 1, 1)
    result = runner.invoke(root, ["batches", "show", "999", "--store", store_url])
    assert isinstance(result.exception, SeimonError)  # the app's main() prints it bilingually and exits 2
    assert "999" in result.exception.message_zh
