"""`seimon reference` and `seimon classify` through the real Typer app."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.errors import SeimonError
from seimon.reference.classify import Enterprise, classify_and_store, stored_classifications
from seimon.reference.decisions import decision_history
from seimon.store import open_store

runner = CliRunner()
A = "91130100MA0000001A"
B = "91130100MA0000002B"
C = "91130100MA0000003C"


def _json(args: list[str], input_text: str | None = None) -> object:
    result = runner.invoke(app, args, input=input_text)
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout)


@pytest.fixture(autouse=True)
def _no_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty directory without $SEIMON_STORE, so lookups fall back to the built-in tables."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SEIMON_STORE", raising=False)


def test_regions_json_in_both_views() -> None:
    reporting = _json(["reference", "regions", "--json"])
    by_code = {r["code"]: r for r in reporting}
    assert by_code["130682"]["parent"] == "130000" and by_code["130682"]["level"] == "county"
    assert "province_administered" in by_code["130682"]["flags"]
    assert by_code["130629"]["groups"] == ["xiongan"]
    geographic = {r["code"]: r for r in _json(["reference", "regions", "--view", "geographic", "--json"])}
    assert geographic["130682"]["parent"] == "130600" and geographic["130181"]["parent"] == "130100"
    assert sum(1 for r in reporting if r["parent"] == "130000") == 13
    assert not Path("seimon.duckdb").exists()  # listings create no store


def test_regions_tree_and_bad_view() -> None:
    result = runner.invoke(app, ["reference", "regions"])
    assert result.exit_code == 0 and "定州市" in result.stdout and "省直管" in result.stdout
    bad = runner.invoke(app, ["reference", "regions", "--view", "map"])
    assert isinstance(bad.exception, SeimonError)


def test_industries_and_sei_listings() -> None:
    data = _json(["reference", "industries", "--json"])
    assert len(data["sections"]) == 20 and len(data["divisions"]) == 97
    assert {"code": "3841", "name": "锂离子电池制造"} in data["classes"]
    sei = _json(["reference", "sei", "--json"])
    assert sum(1 for r in sei if r["level"] == 2) == 40
    assert {r["code"]: r["plan_industry"] for r in sei}["5"] == "nev"
    text = runner.invoke(app, ["reference", "sei"])
    assert text.exit_code == 0 and "新能源汽车整车制造" in text.stdout
    text = runner.invoke(app, ["reference", "industries"])
    assert text.exit_code == 0 and "制造业" in text.stdout


@pytest.mark.parametrize(
    ("code", "items", "automatic"),
    [("3612", ["5.1"], True), ("3973", ["1.2"], True), ("3841", ["1.2", "5.2"], False), ("2761", ["4.1"], True)],
)
def test_sei_lookup_json(code: str, items: list[str], automatic: bool) -> None:
    data = _json(["reference", "sei-lookup", code, "--json"])
    assert data["code"] == code and data["automatic"] is automatic
    assert [c["sei_code"] for c in data["candidates"]] == items
    for cand in data["candidates"]:
        assert cand["sei_name"] and cand["plan_industry"] and cand["reason_zh"] and cand["reason_en"]
        assert isinstance(cand["partial"], bool)


def test_import_fixture_then_lookup_uses_it(duckdb_url: str, reference_dir: Path) -> None:
    fixture = reference_dir / "sei2018_to_gbt4754_thirdparty.csv"
    summary = _json(
        ["--create", "reference", "import", "sei-classification", str(fixture), "--store", duckdb_url, "--json"]
    )
    with fixture.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert summary["rows"] == len(rows)
    assert summary["classes"] == len({r["gb4754_code"] for r in rows})
    lost = [w for w in summary["warnings"] if w["code"] == "missing_level2"]
    assert len(lost) == sum(1 for r in rows if not r["sei_l2_code"]) and all(w["rows"] for w in lost)
    # a class only the imported table knows (the built-in one does not list 2661)
    assert _json(["reference", "sei-lookup", "2661", "--json"])["candidates"] == []
    imported = _json(["reference", "sei-lookup", "2661", "--store", duckdb_url, "--json"])
    expected = sorted({r["sei_l2_code"] or r["sei_l1_code"] for r in rows if r["gb4754_code"] == "2661"})
    assert "3" in expected
    assert sorted(c["sei_code"] for c in imported["candidates"]) == expected
    assert imported["origin"] == fixture.name
    editions = _json(["reference", "editions", "--store", duckdb_url, "--json"])
    assert {(e["register"], e["origin"]) for e in editions} >= {
        ("sei_concordance", "builtin"),
        ("sei_concordance", fixture.name),
    }
    assert {e["edition"] for e in editions if e["register"] == "regions"} == {"NBS-2023"}
    rich = runner.invoke(app, ["reference", "import", "sei-classification", str(fixture), "--store", duckdb_url])
    assert rich.exit_code == 0 and "missing_level2" in rich.stdout


def test_import_industries_cli(duckdb_url: str, tmp_path: Path) -> None:
    path = tmp_path / "classes.csv"
    path.write_text("代码,名称\n0111,稻谷种植\n3841,锂离子电池制造\n", encoding="utf-8")
    data = _json(["--create", "reference", "import", "industries", str(path), "--store", duckdb_url, "--json"])
    assert data["classes"] == 2
    listed = _json(["reference", "industries", "--store", duckdb_url, "--json"])
    assert listed["classes"] == [{"code": "0111", "name": "稻谷种植"}, {"code": "3841", "name": "锂离子电池制造"}]


def test_classify_enterprise_one_off() -> None:
    data = _json(["classify", "enterprise", "--class", "3841", "--products", "动力电池", "--json"])
    assert data["status"] == "assigned" and [a["sei_code"] for a in data["assignments"]] == ["5.2"]
    assert data["assignments"][0]["method"] == "product_rule"
    pending = _json(["classify", "enterprise", "--class", "3841", "--json"])
    assert pending["status"] == "pending" and len(pending["candidates"]) == 2
    text = runner.invoke(app, ["classify", "enterprise", "--class", "3612"])
    assert text.exit_code == 0 and "5.1" in text.stdout


def test_decide_then_reclassification_reuses_it(store_url: str) -> None:
    with open_store(store_url) as store:
        classify_and_store(store, [Enterprise(A, "3841"), Enterprise(B, "3612")])
    data = _json(
        [
            "classify",
            "decide",
            A,
            "5.2",
            "--reason",
            "动力电池为主 / traction cells",
            "--who",
            "王",
            "--store",
            store_url,
            "--json",
        ]
    )
    assert data["decision"]["who"] == "王" and data["decision"]["sei_code"] == "5.2"
    assert data["classification"]["assignments"][0]["method"] == "decision"
    # a later import of the same enterprise reuses the decision
    with open_store(store_url) as store:
        again = classify_and_store(store, [Enterprise(A, "3841")])[0]
        assert again.sei_codes == ["5.2"] and again.decision is not None
        assert [r["method"] for r in stored_classifications(store, A)] == ["decision"]
    # the one-off command reuses it too when given the store and credit code
    one_off = _json(["classify", "enterprise", "--class", "3841", "--credit-code", A, "--store", store_url, "--json"])
    assert one_off["assignments"][0]["sei_code"] == "5.2"
    bad = runner.invoke(app, ["classify", "decide", A, "4.1", "--reason", "x", "--store", store_url])
    assert isinstance(bad.exception, SeimonError) and bad.exception.code == "not_a_candidate"
    unknown = runner.invoke(app, ["classify", "decide", C, "5.2", "--reason", "x", "--store", store_url])
    assert isinstance(unknown.exception, SeimonError) and unknown.exception.code == "unknown_enterprise"


def test_review_flow_driven_with_input(duckdb_url: str) -> None:
    empty = runner.invoke(app, ["--create", "classify", "review", "--store", duckdb_url])
    assert empty.exit_code == 0 and "没有待审核" in empty.stdout
    with open_store(duckdb_url) as store:
        classify_and_store(store, [Enterprise(A, "3841", "隔膜"), Enterprise(B, "3612"), Enterprise(C, "7320", "研发")])
    # A: choose candidate 2 (5.2) with a reason; C: not SEI
    result = runner.invoke(
        app,
        ["classify", "review", "--store", duckdb_url, "--who", "审核员"],
        input="2\n车用动力电池隔膜 / separators for traction cells\nn\n常规研发 / ordinary R&D\n",
    )
    assert result.exit_code == 0, result.output
    assert "待审核企业 / pending: 2" in result.stdout and "剩余 / remaining: 0" in result.stdout
    with open_store(duckdb_url) as store:
        a_rows = stored_classifications(store, A)
        assert [(r["sei_code"], r["method"]) for r in a_rows] == [("5.2", "decision")]
        assert stored_classifications(store, C)[0]["status"] == "not_sei"
        assert decision_history(store, A)[0].who == "审核员"
    again = runner.invoke(app, ["classify", "review", "--store", duckdb_url])
    assert "没有待审核" in again.stdout


def test_review_skip_keeps_pending(duckdb_url: str) -> None:
    with open_store(duckdb_url) as store:
        classify_and_store(store, [Enterprise(A, "3841")])
    result = runner.invoke(app, ["classify", "review", "--store", duckdb_url], input="s\n")
    assert result.exit_code == 0 and "剩余 / remaining: 1" in result.stdout
