"""`load_directory`: a manifest's files imported in dependency order through the normal import."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from seimon.errors import SeimonError
from seimon.ingest.directory import load_directory
from seimon.reference.credit_code import generate_codes
from seimon.store import Store

CODES = list(generate_codes("130100", 2, seed=3))


def test_load_directory_in_dependency_order(store: Store, tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text(
        "统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值\n"
        + "".join(f"{c},2020年1-3月,1000,200,190\n" for c in CODES),
        encoding="utf-8",
    )
    (tmp_path / "e.csv").write_text(
        "统一社会信用代码,企业名称,地区代码,行业代码\n" + "".join(f"{c},企业,130100,3841\n" for c in CODES),
        encoding="utf-8",
    )
    (tmp_path / "d.csv").write_text("行业代码,时期,价格指数\n38,2020年1-3月,101\n", encoding="utf-8")
    manifest = {
        "files": [
            {"kind": "reports", "file": "r.csv"},
            {"kind": "deflators", "file": "d.csv"},
            {"kind": "enterprises", "file": "e.csv"},
        ]
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    calls: list[tuple[int, int, str, bool]] = []
    summaries = load_directory(
        store, tmp_path, as_of=dt.date(2021, 1, 1), progress=lambda i, n, name, s: calls.append((i, n, name, s is None))
    )
    assert [(s.kind, s.status, s.rows_loaded) for s in summaries] == [
        ("enterprises", "loaded", 2),
        ("deflators", "loaded", 1),
        ("reports", "loaded", 2),
    ]
    assert calls[0] == (0, 3, "e.csv", True) and calls[-1] == (3, 3, "r.csv", False)
    assert [s.status for s in load_directory(store, tmp_path)] == ["unchanged"] * 3


def test_manifest_errors_are_located(store: Store, tmp_path: Path) -> None:
    with pytest.raises(SeimonError, match="manifest"):
        load_directory(store, tmp_path)
    (tmp_path / "manifest.json").write_text('{"files": [{"kind": "sales", "file": "x.csv"}]}', encoding="utf-8")
    with pytest.raises(SeimonError) as info:
        load_directory(store, tmp_path)
    assert info.value.location.row == 1
