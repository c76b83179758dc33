"""``/api/v1/projects`` and ``/api/v1/tasks`` over a small store holding the example registers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from seimon.access.demo_accounts import DemoAccount, seed_demo_accounts
from seimon.access.users import add_user
from seimon.ingest.pipeline import import_file
from seimon.reference.credit_code import generate_codes
from seimon.store import open_store
from seimon.web import Settings, create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    folder = tmp_path_factory.mktemp("api")
    url = f"duckdb://{folder / 'store.duckdb'}"
    code = next(generate_codes("130100", 1, seed=16))
    (folder / "e.csv").write_text(
        f"统一社会信用代码,企业名称,地区代码,行业代码\n{code},甲公司,130102,3841\n", encoding="utf-8"
    )
    with open_store(url) as store:
        assert import_file(store, "enterprises", folder / "e.csv").status == "loaded"
        for kind in ("projects", "project-progress", "tasks", "task-reports"):
            assert import_file(store, kind, EXAMPLES / f"{kind}.csv").status == "loaded"
        accounts = {a.role: a for a in seed_demo_accounts(store)}
        add_user(store, "firm", "firm-password-2020", "enterprise", credit_code=code)
        accounts["enterprise"] = DemoAccount("firm", "firm-password-2020", "enterprise", credit_code=code)
    with TestClient(create_app(Settings(store=url))) as c:
        headers = {}
        for role in ("analyst", "city", "enterprise"):
            r = c.post(
                "/api/v1/auth/login", json={"username": accounts[role].username, "password": accounts[role].password}
            )
            assert r.status_code == 200, r.text
            headers[role] = {"Authorization": f"Bearer {r.json()['token']}"}
        c.cookies.clear()
        yield c, headers


def test_projects_as_of_and_grouped(client: tuple[TestClient, dict[str, dict[str, str]]]) -> None:
    c, auth = client
    doc = c.get("/api/v1/projects?as_of=2020-03-31&by=department", headers=auth["city"]).json()
    assert {p["id"]: p["completion_rate"] for p in doc["projects"]} == {
        "HB2017-001": 1.0,
        "HB2017-002": 0.7,
        "HB2019-003": 0.4,
    }
    assert doc["totals"]["overdue"] == 1 and len(doc["groups"]) == 3
    assert [w["numbers"]["project"] for w in doc["warnings"]] == ["HB2017-002"]
    only = c.get("/api/v1/projects?as_of=2020-03-31&overdue=true", headers=auth["analyst"]).json()
    assert [p["id"] for p in only["projects"]] == ["HB2017-002"]
    assert c.get("/api/v1/projects", headers=auth["enterprise"]).status_code == 403
    bad = c.get("/api/v1/projects?by=planet", headers=auth["analyst"])
    assert bad.status_code == 400 and bad.json()["error"]["message_en"]


def test_one_project_history(client: tuple[TestClient, dict[str, dict[str, str]]]) -> None:
    c, auth = client
    doc = c.get("/api/v1/projects/HB2019-003?as_of=2020-04-30", headers=auth["analyst"]).json()
    assert [(r["period"], r["completion_rate"]) for r in doc["reports"]] == [
        ("2019-12", 0.25),
        ("2020-02", 0.4),
        ("2020-03", 0.6),
    ]
    assert doc["project"]["completion_rate"] == 0.6
    earlier = c.get("/api/v1/projects/HB2019-003?as_of=2020-03-31", headers=auth["analyst"]).json()
    assert len(earlier["reports"]) == 2
    assert c.get("/api/v1/projects/XX-404", headers=auth["analyst"]).status_code == 404


def test_tasks(client: tuple[TestClient, dict[str, dict[str, str]]]) -> None:
    c, auth = client
    doc = c.get("/api/v1/tasks?as_of=2020-03-31&overdue=true", headers=auth["enterprise"]).json()
    assert [t["id"] for t in doc["tasks"]] == ["box_01_2", "measure_finance"]
    assert doc["totals"]["tasks"] == 45


def test_a_city_submits_the_registers_of_its_own_projects(client: tuple[TestClient, dict[str, dict[str, str]]]) -> None:
    c, auth = client
    header = "项目编号,时期,累计完成投资(万元),状态,报送日期\n"

    def upload(kind: str, text: str) -> int:
        files = {"file": ("f.csv", text.encode("utf-8"), "text/csv")}
        r = c.post("/api/v1/submissions", data={"kind": kind}, files=files, headers=auth["city"])
        return r.status_code

    assert upload("project-progress", header + "HB2017-002,2020年1月,36000,在建,2020-02-10\n") == 200  # 石家庄
    assert upload("project-progress", header + "HB2017-001,2020年1月,100000,竣工,2020-02-10\n") == 403  # 保定
    assert upload("project-progress", header + "XX-9,2020年1月,1,在建,2020-02-10\n") == 403  # not registered
    register = (EXAMPLES / "projects.csv").read_text(encoding="utf-8").splitlines()
    assert upload("projects", "\n".join([register[0], register[2]]) + "\n") == 200
    assert upload("projects", "\n".join(register) + "\n") == 403  # rows of 保定 and 定州 too
    assert upload("tasks", (EXAMPLES / "tasks.csv").read_text(encoding="utf-8")) == 403  # province-level
