"""The evaluation API beyond the role matrix: organisations, frozen judgements, drafts kept from the public report,
upload limits and the audit trail — on a fresh copy of the demo store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import copy_store, login

from seimon.access.demo_accounts import DemoAccount
from seimon.evaluation.files import MAX_FILE_BYTES
from seimon.plan import load_plan
from seimon.web import Settings, create_app

ORG = "河北省宏观经济研究院"
QUALITATIVE = [q.id for q in load_plan().qualitative_targets]


@pytest.fixture(scope="module")
def client(demo_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = copy_store(demo_store_file, tmp_path_factory.mktemp("evaluations_app"))
    with TestClient(create_app(Settings(store=url))) as opened:
        yield opened


@pytest.fixture(scope="module")
def auth(client: TestClient, accounts: dict[str, DemoAccount]) -> dict[str, dict[str, str]]:
    found = {role: login(client, account) for role, account in accounts.items()}
    created = client.post(
        "/api/v1/users",
        json={"username": "rival-eva", "password": "rival-password", "role": "evaluator"},
        headers=found["admin"],
    )
    assert created.status_code == 201, created.text
    found["rival"] = login(client, DemoAccount("rival-eva", "rival-password", "evaluator"))
    for name, org in ((accounts["evaluator"].username, ORG), ("rival-eva", "另一评估机构")):
        r = client.post(
            "/api/v1/evaluations/members", json={"username": name, "organisation": org}, headers=found["admin"]
        )
        assert r.status_code == 200, r.text
    return found


def opened(client: TestClient, auth: dict[str, dict[str, str]]) -> int:
    r = client.post(
        "/api/v1/evaluations", json={"kind": "final", "as_of": "2020-12-31", "organisation": ORG}, headers=auth["admin"]
    )
    assert r.status_code == 200, r.text
    return int(r.json()["id"])


def test_another_organisations_evaluator_is_refused(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    eid = opened(client, auth)
    assert client.get(f"/api/v1/evaluations/{eid}", headers=auth["rival"]).status_code == 403
    judged = client.put(
        f"/api/v1/evaluations/{eid}/judgements/{QUALITATIVE[0]}",
        json={"verdict": "achieved", "reason": "x"},
        headers=auth["rival"],
    )
    assert judged.status_code == 403 and judged.json()["error"]["message_en"]
    assert eid not in [e["id"] for e in client.get("/api/v1/evaluations", headers=auth["rival"]).json()]
    assert eid in [e["id"] for e in client.get("/api/v1/evaluations", headers=auth["evaluator"]).json()]
    view = client.get(f"/api/v1/evaluations/{eid}", headers=auth["evaluator"]).json()
    assert view["may"]["judge"] is True and len(view["targets"]) == len(load_plan().targets) + len(QUALITATIVE)
    quantitative = [t for t in view["targets"] if t["type"] == "quantitative" and t["figure"]["value"] is not None]
    assert quantitative and all(t["figure"]["source"] and t["figure"]["vintage"] for t in quantitative)


def test_bad_input_is_a_located_bilingual_error(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    eid = opened(client, auth)
    wrong = client.put(
        f"/api/v1/evaluations/{eid}/judgements/{QUALITATIVE[0]}",
        json={"verdict": "confirmed", "reason": "x"},
        headers=auth["evaluator"],
    )
    assert wrong.status_code == 400 and wrong.json()["error"]["location"] == {"field": "verdict"}
    unknown = client.post(
        f"/api/v1/evaluations/{eid}/requests",
        json={"target": QUALITATIVE[0], "department": "不存在的部门", "question": "?"},
        headers=auth["evaluator"],
    )
    assert unknown.status_code == 400 and "省科技厅" in unknown.json()["error"]["message_zh"]
    big = client.post(
        f"/api/v1/evaluations/{eid}/judgements/{QUALITATIVE[0]}/files",
        files={"file": ("big.pdf", b"x" * (MAX_FILE_BYTES + 1), "application/pdf")},
        headers=auth["evaluator"],
    )
    assert big.status_code == 413 and big.json()["error"]["code"] == "too_large"
    assert client.get(f"/api/v1/evaluations/{eid + 1000}", headers=auth["admin"]).status_code == 404


def test_a_draft_stays_out_of_the_public_report_and_the_signed_one_goes_in(
    client: TestClient, auth: dict[str, dict[str, str]]
) -> None:
    eid = opened(client, auth)
    for target in QUALITATIVE:
        r = client.put(
            f"/api/v1/evaluations/{eid}/judgements/{target}",
            json={"verdict": "partly", "reason": f"{target} 部分形成"},
            headers=auth["evaluator"],
        )
        assert r.status_code == 200, r.text
    url = f"/api/v1/reports/evaluation?evaluation={eid}&format=html"
    assert client.get(url, headers=auth["city"]).status_code == 403  # a draft: not for the public report's readers
    draft = client.get(url, headers=auth["analyst"])
    assert draft.status_code == 200 and "草稿" in draft.text and "签署人" not in draft.text
    signed = client.post(
        f"/api/v1/evaluations/{eid}/sign",
        json={"signatory": "王评估", "signed_on": "2021-03-01"},
        headers=auth["evaluator"],
    )
    assert signed.status_code == 200, signed.text
    again = client.put(
        f"/api/v1/evaluations/{eid}/judgements/{QUALITATIVE[0]}",
        json={"verdict": "achieved", "reason": "改判"},
        headers=auth["evaluator"],
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "bad_state"
    public = client.get(url, headers=auth["city"])
    assert public.status_code == 200
    for text in ("第三方评估意见", "部分实现", "签署页", "王评估", ORG, "2021-03-01"):
        assert text in public.text, text
    by_date = client.get("/api/v1/reports/evaluation?as_of=2020-12-31&format=html", headers=auth["enterprise"])
    assert by_date.status_code == 200 and "王评估" in by_date.text  # the signed evaluation of that date
    other_date = client.get("/api/v1/reports/evaluation?as_of=2020-12-30&format=html", headers=auth["enterprise"])
    assert "第三方评估意见" not in other_date.text
    events = client.get("/api/v1/audit?action=evaluation_sign", headers=auth["admin"]).json()
    assert any(e["target"] == f"evaluation:{eid}" and e["detail"]["signatory"] == "王评估" for e in events)
