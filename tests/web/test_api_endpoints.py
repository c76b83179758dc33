"""What the API endpoints answer: the plan, targets, indicators, warnings and regions over the demo store, the
submission workflow over HTTP (upload → validation report → submit → approve or return), reports, and errors.

Reads use the session's shared app; the workflow runs on a fresh copy of the demo store of its own.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from tests.web.conftest import copy_store, login

from seimon.access.demo_accounts import DemoAccount
from seimon.indicators.query import query
from seimon.indicators.registry import load_registry
from seimon.reference.regions import load_regions
from seimon.store import open_store
from seimon.web import Settings, create_app

API = "/api/v1"
HEADER = "credit_code,period,revenue,value_added,value_added_prior,profit,rd_expenditure,employees\n"


def get(client: TestClient, url: str, auth: dict[str, str], status: int = 200) -> Any:
    response = client.get(API + url, headers=auth)
    assert response.status_code == status, f"{url}: {response.status_code} {response.text[:300]}"
    return response.json()


# --- plan, targets, indicators, warnings, regions -----------------------------------------------------------------


def test_targets_list_every_plan_target_with_status_and_points(
    app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    targets = get(app_client, "/targets", headers["analyst"])
    assert len(targets) == 35
    assert len({t["target_id"] for t in targets}) == 35
    for t in targets:
        assert t["status"] and t["status_zh"] and t["status_en"], t["target_id"]
        assert isinstance(t["points"], list), t["target_id"]
        for point in t["points"]:
            assert set(point) >= {"t", "period", "value"} and math.isfinite(point["value"]), t["target_id"]
    assert sum(1 for t in targets if len(t["points"]) >= 2) >= 10, "the demo data give many targets a trend"
    assert all(t["latest_value"] is not None for t in targets if t["status"] != "insufficient_data")


def test_target_detail_quotes_the_plan_sentence_with_its_value(
    app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    for t in get(app_client, "/targets", headers["evaluator"]):
        detail = get(app_client, f"/targets/{t['target_id']}", headers["evaluator"])
        item = get(app_client, f"/plan/items/{t['target_id']}", headers["evaluator"])
        assert detail["target_id"] == t["target_id"]
        assert detail["status"] == t["status"]
        assert detail["target_value"] == item["value"]
        assert item["value_text"] and item["value_text"] in detail["sentence"], (t["target_id"], detail["sentence"])
        assert detail["section"], t["target_id"]


def test_unknown_target_is_404(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    body = get(app_client, "/targets/no_such_target", headers["analyst"], status=404)
    assert body["error"]["code"] == "not_found" and body["error"]["message_zh"] and body["error"]["message_en"]


def close(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def test_indicator_values_equal_the_library_query(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    """The API is a shell over :func:`seimon.indicators.query.query`: same store, same rows (analyst: unsuppressed)."""
    served = get(app_client, "/indicators/sei_va_share_above_scale?by=region&period=2020", headers["analyst"])
    store = app_client.app.state.seimon.owner.reader()  # the very store the app serves
    expected = query(
        "sei_va_share_above_scale", store=store, registry=load_registry(), region="130000", period="2020", by="region"
    )
    assert len(expected) >= 11, "every city has a value for 2020"
    assert len(served) == len(expected)
    for got, want in zip(served, expected, strict=True):
        assert got["suppressed"] is False
        assert {k: v for k, v in got.items() if k != "suppressed"}.keys() == want.keys()
        for key, value in want.items():
            assert close(got[key], value), (key, got, want)


def test_indicator_system_lists_definitions(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    listed = get(app_client, "/indicators", headers["evaluator"])
    by_id = {i["id"]: i for i in listed}
    assert "sei_va_share_above_scale" in by_id and "sei_enterprises" in by_id
    for spec in listed:
        assert spec["name_zh"] and spec["name_en"] and "unit" in spec, spec["id"]


def test_indicator_errors_are_bilingual(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    assert get(app_client, "/indicators/no_such_indicator", headers["analyst"], status=404)["error"]["code"]
    for url in ("/indicators/sei_va?by=colour", "/indicators/sei_va?period=someday"):
        error = get(app_client, url, headers["analyst"], status=400)["error"]
        assert error["message_zh"] and error["message_en"], url


def test_warnings_most_severe_first_and_bilingual(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    warnings = get(app_client, "/warnings", headers["evaluator"])
    assert warnings, "the demo data raise warnings (e.g. reporting completeness)"
    order = {"critical": 0, "warning": 1, "info": 2}
    ranks = [order[w["severity"]] for w in warnings]
    assert ranks == sorted(ranks)
    for w in warnings:
        assert w["message_zh"] and w["message_en"] and w["rule_id"]
        assert w["internal"] is False, "the evaluator gets no internal warnings"


def test_plan_bases_projects_industries(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    auth = headers["evaluator"]
    bases = get(app_client, "/plan/bases", auth)
    assert len(bases) == 35 and len({b["id"] for b in bases}) == 35
    assert all(b["source"]["quote"] and b["level"] in ("national", "provincial") for b in bases)
    assert all(b["name_zh"] for b in bases if b["level"] == "national")
    projects = get(app_client, "/plan/projects", auth)
    assert len(projects) == 8 and [p["number"] for p in projects] == list(range(1, 9))
    industries = get(app_client, "/plan/industries", auth)
    assert industries and all(i["name_zh"] and i["name_en"] for i in industries)
    plan = get(app_client, "/plan", auth)
    assert plan["metadata"]["id"] == "hebei_sei_13fyp"
    item = get(app_client, f"/plan/items/{bases[0]['id']}", auth)
    assert item["id"] == bases[0]["id"]


def test_unknown_plan_item_is_404(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    answer = get(app_client, "/plan/items/no_such_item", headers["analyst"], status=404)
    assert answer["error"]["code"] == "unknown_item"


def test_regions_in_both_views(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    auth = headers["evaluator"]
    reporting = {r["code"]: r for r in get(app_client, "/regions", auth)}
    geographic = {r["code"]: r for r in get(app_client, "/regions?view=geographic", auth)}
    cities = [f"13{n:02d}00" for n in range(1, 12)]
    assert set(cities) | {"130000", "130181", "130682"} <= set(reporting)
    assert reporting["130181"]["parent"] == "130000" and geographic["130181"]["parent"] == "130100"
    assert reporting["130682"]["parent"] == "130000" and geographic["130682"]["parent"] == "130600"
    assert reporting["130100"]["name"] == "石家庄市" and reporting["130100"]["name_en"]
    tree = get(app_client, "/regions?tree=true", auth)
    assert tree["code"] == "130000"
    assert {child["code"] for child in tree["children"]} >= set(cities) | {"130181", "130682"}
    assert len(reporting) == len(load_regions().records("reporting"))


def test_unknown_region_view_is_a_bilingual_400(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    response = app_client.get(API + "/regions?view=sideways", headers=headers["evaluator"])
    assert response.status_code == 400, response.text
    assert response.json()["error"]["message_zh"] and response.json()["error"]["message_en"]


def test_sei_classification(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    sei = get(app_client, "/reference/sei", headers["evaluator"])
    assert {c["level"] for c in sei} >= {1, 2}
    assert len([c for c in sei if c["level"] == 1]) == 9, "SEI 2018 has nine industries"
    assert all(c["name_zh"] and c["name_en"] for c in sei)


def test_batches_and_their_detail(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    batches = get(app_client, "/batches", headers["evaluator"])
    assert batches and [b["batch_id"] for b in batches] == sorted((b["batch_id"] for b in batches), reverse=True)
    one = get(app_client, f"/batches/{batches[-1]['batch_id']}", headers["evaluator"])
    assert one
    missing = app_client.get(API + "/batches/999999", headers=headers["evaluator"])
    assert missing.status_code == 404, missing.text


# --- reports ----------------------------------------------------------------------------------------------------


def test_bulletin_html_download(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    response = app_client.get(API + "/reports/bulletin?period=2020-09&format=html", headers=headers["evaluator"])
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert "attachment" in response.headers["content-disposition"]
    assert ".html" in response.headers["content-disposition"]
    assert "<html" in response.text.lower() and "2020" in response.text


def test_internal_bulletin_refused_to_the_evaluator(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    url = API + "/reports/bulletin?period=2020-09&format=html&edition=internal"
    response = app_client.get(url, headers=headers["evaluator"])
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_report_options_are_checked(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    for query_string in ("period=2020-09&format=odt", "period=2020-09&format=html&lang=fr", "period=2020-09&edition=x"):
        response = app_client.get(API + "/reports/bulletin?" + query_string, headers=headers["analyst"])
        assert response.status_code == 400, query_string
        assert response.json()["error"]["message_zh"] and response.json()["error"]["message_en"]
    catalogue = get(app_client, "/reports", headers["evaluator"])
    assert set(catalogue["formats"]) == {"docx", "pdf", "html", "xlsx"}


# --- the submission workflow over HTTP --------------------------------------------------------------------------


class Flow:
    """A fresh app over its own store copy, with the demo accounts' bearer headers."""

    def __init__(self, client: TestClient, accounts: dict[str, DemoAccount]) -> None:
        self.client = client
        self.auth = {role: login(client, account) for role, account in accounts.items()}

    def call(self, role: str, method: str, url: str, status: int, **kwargs: Any) -> Any:
        response = self.client.request(method, API + url, headers=self.auth[role], **kwargs)
        assert response.status_code == status, f"{role} {method} {url}: {response.status_code} {response.text[:400]}"
        return response.json() if response.headers["content-type"].startswith("application/json") else response

    def upload(self, role: str, name: str, text: str, status: int = 200) -> Any:
        files = {"file": (name, text.encode("utf-8"), "text/csv")}
        return self.call(role, "POST", "/submissions", status, data={"kind": "reports"}, files=files)


@pytest.fixture(scope="module")
def flow(
    demo_store_file: Path, tmp_path_factory: pytest.TempPathFactory, accounts: dict[str, DemoAccount]
) -> Iterator[Flow]:
    url = copy_store(demo_store_file, tmp_path_factory.mktemp("flow_app"))
    with TestClient(create_app(Settings(store=url))) as client:
        yield Flow(client, accounts)


@pytest.fixture(scope="module")
def sei_enterprise(demo_store_file: Path, accounts: dict[str, DemoAccount]) -> dict[str, str]:
    """The enterprise account's enterprise: in the demo city, classified SEI (so it counts in sei_va)."""
    code = accounts["enterprise"].credit_code
    with open_store(f"duckdb://{demo_store_file}") as store:
        row = store.fetchone("SELECT region FROM enterprises WHERE is_current AND credit_code = ?", (code,))
    assert row is not None
    return {"code": str(code), "region": str(row[0])}


def test_upload_with_errors_gets_a_report_of_every_problem(flow: Flow, sei_enterprise: dict[str, str]) -> None:
    code = sei_enterprise["code"]
    text = (
        HEADER
        + f"{code},2021年1-2月,abc,7106.6,9085.5,1734.5,85.8,4371\n"
        + "91130100XXXXXXXXXX,2021年1-2月,100,10,10,1,1,10\n"
        + f"{code},2021年1-3月,53860.3,12535.3,15257.6,2859.8,165.8,4389\n"
    )
    created = flow.upload("city", "with-errors.csv", text)
    assert created["status"] == "validated" and created["validation_status"] == "partial"
    assert (created["rows_read"], created["rows_valid"], created["rows_quarantined"]) == (3, 1, 2)
    problems = {(p["row"], p["field"]) for p in created["report"]["problems"]}
    assert problems == {(2, "revenue"), (3, "credit_code")}
    for problem in created["report"]["problems"]:
        assert problem["message_zh"] and problem["message_en"] and problem["severity"] == "error"
    shown = flow.call("city", "GET", f"/submissions/{created['id']}", 200)
    assert shown["report"]["problems"] == created["report"]["problems"]
    workbook = flow.call("city", "GET", f"/submissions/{created['id']}/report.xlsx", 200)
    assert workbook.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    cells = [
        str(c) for row in load_workbook(io.BytesIO(workbook.content)).active.iter_rows(values_only=True) for c in row
    ]
    assert "revenue" in cells and "credit_code" in cells
    listed = {s["id"]: s for s in flow.call("city", "GET", "/submissions", 200)}
    assert listed[created["id"]]["status"] == "validated" and "report" not in listed[created["id"]]


def test_valid_upload_submit_approve_lands_the_data(flow: Flow, sei_enterprise: dict[str, str]) -> None:
    code, county = sei_enterprise["code"], sei_enterprise["region"]
    before = flow.call("analyst", "GET", f"/indicators/sei_va?region={county}&period=2021-02", 200)
    assert before == [], "no 2021 data before the approval"
    created = flow.upload("city", "valid.csv", HEADER + f"{code},2021年1-2月,30386.1,7106.6,9085.5,1734.5,85.8,4371\n")
    sid = created["id"]
    assert created["validation_status"] == "loaded" and created["report"]["problems"] == []
    assert created["batch_id"] is None

    # Only a submitted submission can be decided; only a validated one submitted.
    for action, body in (("approve", None), ("return", {"reason": "太早 / too early"})):
        refused = flow.client.post(f"{API}/submissions/{sid}/{action}", headers=flow.auth["analyst"], json=body)
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "bad_state", refused.text
    submitted = flow.call("city", "POST", f"/submissions/{sid}/submit", 200)
    assert submitted["status"] == "submitted" and submitted["submitted_at"]
    assert flow.call("city", "POST", f"/submissions/{sid}/submit", 409)["error"]["code"] == "bad_state"

    approved = flow.call("analyst", "POST", f"/submissions/{sid}/approve", 200)
    assert approved["status"] == "approved" and approved["decided_by"] == "analyst"
    batch_id = approved["batch_id"]
    assert isinstance(batch_id, int)
    assert batch_id in [b["batch_id"] for b in flow.call("analyst", "GET", "/batches", 200)]
    assert flow.call("city", "GET", f"/submissions/{sid}", 200)["batch_id"] == batch_id

    record = flow.call("city", "GET", f"/enterprises/{code}", 200)
    landed = [r for r in record["reports"] if r["year"] == 2021 and r["end_month"] == 2]
    assert [(r["value_added"], r["batch_id"]) for r in landed] == [(7106.6, batch_id)]
    after = flow.call("analyst", "GET", f"/indicators/sei_va?region={county}&period=2021-02", 200)
    assert [round(r["value"], 1) for r in after] == [7106.6], "the approved data are queryable at once"

    for action, body in (("approve", None), ("return", {"reason": "again"})):
        refused = flow.client.post(f"{API}/submissions/{sid}/{action}", headers=flow.auth["admin"], json=body)
        assert refused.status_code == 409, (action, refused.text)
    assert flow.call("city", "POST", f"/submissions/{sid}/submit", 409)["error"]["code"] == "bad_state"


def test_return_with_reason(flow: Flow, sei_enterprise: dict[str, str]) -> None:
    created = flow.upload("city", "wrong.csv", HEADER + f"{sei_enterprise['code']},2021年1-3月,1,1,1,1,1,1\n")
    sid = created["id"]
    flow.call("city", "POST", f"/submissions/{sid}/submit", 200)
    empty = flow.call("analyst", "POST", f"/submissions/{sid}/return", 400, json={"reason": "  "})
    assert empty["error"]["message_zh"] and empty["error"]["message_en"]
    returned = flow.call(
        "analyst", "POST", f"/submissions/{sid}/return", 200, json={"reason": "数值明显有误 / implausible"}
    )
    assert returned["status"] == "returned" and returned["decision_note"] == "数值明显有误 / implausible"
    assert returned["batch_id"] is None
    assert flow.call("admin", "POST", f"/submissions/{sid}/approve", 409)["error"]["code"] == "bad_state"
    assert flow.call("city", "POST", f"/submissions/{sid}/submit", 409)["error"]["code"] == "bad_state"
    listed = flow.call("city", "GET", "/submissions?status=returned", 200)
    assert [s["id"] for s in listed] == [sid]


def test_file_rejected_whole_cannot_be_submitted(flow: Flow) -> None:
    created = flow.upload("city", "not-a-report.csv", "甲,乙\n1,2\n")
    assert created["validation_status"] == "rejected"
    assert created["report"]["message_zh"] and created["report"]["message_en"]
    assert flow.call("city", "POST", f"/submissions/{created['id']}/submit", 409)["error"]["code"] == "bad_state"


def test_submitters_see_only_their_own_submissions(flow: Flow, sei_enterprise: dict[str, str]) -> None:
    theirs = flow.upload("city", "city.csv", HEADER + f"{sei_enterprise['code']},2021年1-5月,1,1,1,1,1,1\n")
    mine = flow.upload("enterprise", "own.csv", HEADER + f"{sei_enterprise['code']},2021年1-4月,1,1,1,1,1,1\n")
    assert mine["submitted_by"] == "enterprise" and mine["credit_code"] == sei_enterprise["code"]
    assert [s["id"] for s in flow.call("enterprise", "GET", "/submissions", 200)] == [mine["id"]]
    city_ids = {s["id"] for s in flow.call("city", "GET", "/submissions", 200)}
    assert theirs["id"] in city_ids and mine["id"] not in city_ids  # the city's own, whatever ran before
    everything = {s["id"] for s in flow.call("analyst", "GET", "/submissions", 200)}
    assert everything == city_ids | {mine["id"]}
    assert flow.call("city", "GET", f"/submissions/{mine['id']}", 403)["error"]["code"] == "forbidden"
    missing = flow.call("city", "GET", "/submissions/999999", 403)
    assert missing == flow.call("city", "GET", f"/submissions/{mine['id']}", 403), "no hint that it exists"
    assert flow.call("analyst", "GET", "/submissions/999999", 404)["error"]["code"] == "not_found"


def test_upload_options_are_checked(flow: Flow) -> None:
    files = {"file": ("x.csv", b"a,b\n1,2\n", "text/csv")}
    bad_kind = flow.call("city", "POST", "/submissions", 400, data={"kind": "gossip"}, files=files)
    assert bad_kind["error"]["message_zh"] and bad_kind["error"]["message_en"]
    assert flow.call("city", "GET", "/submissions?status=lost", 400)["error"]["message_en"]
