"""The department role over the example registers: it sees and edits its own projects, tasks and targets only,
every edit is a new vintage known from the edit time, audited, and a department's file submissions are checked
against the register on record.

Example registers (examples/): HB2017-001 省发展改革委 (保定), HB2017-002 省工业和信息化厅 (石家庄), HB2019-003 省科技厅
(定州); tasks box_01_1 省科技厅, box_01_2 省工业和信息化厅, box_12_4 省发展改革委, measure_finance 省财政厅; the target
enterprise_tech_centres is led by 省发展改革委 with 省工业和信息化厅、省科技厅 as partners.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from seimon.access.audit import list_audit
from seimon.access.users import add_user, list_users
from seimon.cli.app import app as cli
from seimon.ingest.pipeline import import_file
from seimon.store import open_store
from seimon.tracking.projects import project_states
from seimon.web import Settings, create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
USERS = {
    "kjt": ("department", {"department": "省科技厅"}),
    "gxt": ("department", {"department": "省工业和信息化厅"}),
    "fgw": ("department", {"department": "省发展改革委"}),
    "sjz": ("city", {"region": "130100"}),
    "ana": ("analyst", {}),
}
PASSWORD = "scope-password-2020"

Client = tuple[TestClient, dict[str, dict[str, str]], str]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    """A fresh store with the example registers and one account per actor; bearer headers by username."""
    url = f"duckdb://{tmp_path / 'store.duckdb'}"
    with open_store(url) as store:
        for kind in ("projects", "project-progress", "tasks", "task-reports", "responsibilities"):
            assert import_file(store, kind, EXAMPLES / f"{kind}.csv").status == "loaded", kind
        for name, (role, scope) in USERS.items():
            add_user(store, name, PASSWORD, role, **scope)
    with TestClient(create_app(Settings(store=url))) as c:
        headers = {}
        for name in USERS:
            r = c.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
            assert r.status_code == 200, r.text
            headers[name] = {"Authorization": f"Bearer {r.json()['token']}"}
        c.cookies.clear()
        yield c, headers, url


def test_a_department_sees_only_its_projects_and_tasks(client: Client) -> None:
    c, auth, _ = client
    doc = c.get("/api/v1/projects?as_of=2020-03-31", headers=auth["kjt"]).json()
    assert [p["id"] for p in doc["projects"]] == ["HB2019-003"]
    assert doc["totals"]["projects"] == 1 and doc["totals"]["investment_completion_rate"] == 0.4
    assert [p["id"] for p in c.get("/api/v1/projects", headers=auth["gxt"]).json()["projects"]] == ["HB2017-002"]
    assert len(c.get("/api/v1/projects", headers=auth["ana"]).json()["projects"]) == 3
    own = c.get("/api/v1/projects/HB2019-003?as_of=2020-04-30", headers=auth["kjt"])
    assert own.status_code == 200 and len(own.json()["reports"]) == 3
    other = c.get("/api/v1/projects/HB2017-002", headers=auth["kjt"])
    missing = c.get("/api/v1/projects/XX-404", headers=auth["kjt"])
    assert other.status_code == missing.status_code == 403
    assert other.json()["error"]["message_en"].replace("HB2017-002", "X") == missing.json()["error"][
        "message_en"
    ].replace("XX-404", "X"), "another's project is refused exactly like a missing one"
    tasks = c.get("/api/v1/tasks?as_of=2020-03-31", headers=auth["kjt"]).json()
    assert [t["id"] for t in tasks["tasks"]] == ["box_01_1"] and tasks["totals"]["tasks"] == 1
    assert len(c.get("/api/v1/tasks", headers=auth["ana"]).json()["tasks"]) > 40
    breakdown = c.get("/api/v1/responsibilities", headers=auth["kjt"]).json()
    assert set(breakdown["duties"]) == {"enterprise_tech_centres", "hitech_enterprises"}  # supports, leads
    assert (
        c.get("/api/v1/responsibilities", headers=auth["fgw"]).json()["duties"]["enterprise_tech_centres"]["lead"]
        == "省发展改革委"
    )


def test_a_department_edits_its_own_project_as_a_new_vintage_and_not_anothers(client: Client) -> None:
    c, auth, _ = client
    body = {"period": "2020年4月", "completed_investment": 130000, "status": "在建", "note": "主体封顶"}
    made = c.post("/api/v1/projects/HB2019-003/progress", json=body, headers=auth["kjt"])
    assert made.status_code == 200, made.text
    assert made.json()["status"] == "loaded" and made.json()["row"]["published"] == dt.date.today().isoformat()
    now = c.get("/api/v1/projects/HB2019-003", headers=auth["kjt"]).json()
    assert now["project"]["completion_rate"] == 0.65 and now["project"]["note"] == "主体封顶"
    # known from today: an earlier date still reads what was known then
    before = c.get("/api/v1/projects/HB2019-003?as_of=2020-04-30", headers=auth["kjt"]).json()
    assert before["project"]["completion_rate"] == 0.6
    refused = c.post("/api/v1/projects/HB2017-002/progress", json=body, headers=auth["kjt"])
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    edit = {
        "name": "定州新能源汽车零部件项目（二期）",
        "industry": "新能源汽车",
        "region": "130682",
        "department": "省科技厅",
        "total_investment": 210000,
        "planned_start": "2019-01-01",
        "planned_finish": "2021-06-30",
    }
    assert c.put("/api/v1/projects/HB2019-003", json=edit, headers=auth["kjt"]).status_code == 200
    handed = c.put("/api/v1/projects/HB2019-003", json=edit | {"department": "省财政厅"}, headers=auth["kjt"])
    assert handed.status_code == 403, "a department cannot hand its project to another"
    assert c.put("/api/v1/projects/HB2017-002", json=edit, headers=auth["kjt"]).status_code == 403
    bad = c.put("/api/v1/projects/HB2019-003", json=edit | {"industry": "纺织"}, headers=auth["kjt"])
    assert bad.status_code == 400 and bad.json()["error"]["location"]["field"] == "industry"
    store = c.app.state.seimon.owner.reader()  # the server's own connection to the store
    rows = store.fetchall("SELECT name, is_current FROM projects WHERE project_id = 'HB2019-003' ORDER BY vintage")
    assert rows == [("定州新能源汽车零部件项目", False), ("定州新能源汽车零部件项目（二期）", True)]
    as_of_2020 = {s.id: s for s in project_states(store, dt.date(2020, 3, 31))}
    assert as_of_2020["HB2019-003"].name == "定州新能源汽车零部件项目"  # history is not rewritten
    events = [(e["username"], e["action"], e["target"]) for e in list_audit(store)]
    assert ("kjt", "edit_register", "project-progress:HB2019-003") in events
    assert ("kjt", "edit_register", "projects:HB2019-003") in events
    assert not any((t or "").startswith("projects:HB2017") for _, _, t in events)


def test_a_city_edits_the_projects_of_its_region_only(client: Client) -> None:
    c, auth, _ = client
    body = {"period": "2020年4月", "completed_investment": 36000, "status": "在建"}
    assert c.post("/api/v1/projects/HB2017-002/progress", json=body, headers=auth["sjz"]).status_code == 200
    assert c.post("/api/v1/projects/HB2019-003/progress", json=body, headers=auth["sjz"]).status_code == 403
    new = {
        "project_id": "HB2020-101",
        "name": "石家庄新建项目",
        "industry": "生物",
        "region": "130104",
        "department": "省发展改革委",
        "total_investment": 5000,
        "planned_start": "2020-06-01",
        "planned_finish": "2021-12-31",
    }
    assert c.post("/api/v1/projects", json=new, headers=auth["sjz"]).status_code == 201
    assert c.post("/api/v1/projects", json=new, headers=auth["sjz"]).status_code == 409
    elsewhere = new | {"project_id": "HB2020-102", "region": "130602"}
    assert c.post("/api/v1/projects", json=elsewhere, headers=auth["sjz"]).status_code == 403
    assert c.put("/api/v1/tasks/box_01_1", json={"department": "省科技厅", "deadline": "2020-12-31"},
                 headers=auth["sjz"]).status_code == 403  # fmt: skip


def test_task_reports_with_evidence_are_the_departments_own(client: Client) -> None:
    c, auth, _ = client
    made = c.post(
        "/api/v1/tasks/box_01_1/reports",
        data={"status": "已完成", "progress": "专项验收通过"},
        files={"file": ("验收 报告.pdf", b"%PDF-1.4 evidence", "application/pdf")},
        headers=auth["kjt"],
    )
    assert made.status_code == 200, made.text
    ref = made.json()["evidence"]
    assert ref.startswith("evidence:") and ref.endswith("/验收_报告.pdf")
    evidence_id = ref.split(":")[1].split("/")[0]
    task = c.get("/api/v1/tasks", headers=auth["kjt"]).json()["tasks"][0]
    assert task["status"] == "已完成" and task["attachments"][-1] == ref and task["progress"] == "专项验收通过"
    got = c.get(f"/api/v1/evidence/{evidence_id}", headers=auth["kjt"])
    assert got.status_code == 200 and got.content == b"%PDF-1.4 evidence"
    assert got.headers["content-type"] == "application/pdf" and "attachment" in got.headers["content-disposition"]
    assert c.get(f"/api/v1/evidence/{evidence_id}", headers=auth["gxt"]).status_code == 403
    assert c.get(f"/api/v1/evidence/{evidence_id}", headers=auth["ana"]).status_code == 200
    other = c.post("/api/v1/tasks/box_01_2/reports", data={"status": "进行中", "progress": "x"}, headers=auth["kjt"])
    assert other.status_code == 403
    html = c.post(
        "/api/v1/tasks/box_01_1/reports",
        data={"status": "进行中", "progress": "x"},
        files={"file": ("a.html", b"<script>alert(1)</script>", "text/html")},
        headers=auth["kjt"],
    )
    assert html.status_code == 400 and html.json()["error"]["location"]["field"] == "attachment"
    # assignments are the province's decision
    assign = {"department": "省科技厅", "deadline": "2021-12-31"}
    assert c.put("/api/v1/tasks/box_01_1", json=assign, headers=auth["kjt"]).status_code == 403
    assert c.put("/api/v1/tasks/box_01_1", json=assign, headers=auth["ana"]).status_code == 200


def test_the_lead_department_edits_a_breakdown_a_partner_does_not(client: Client) -> None:
    c, auth, _ = client
    row = {"target": "enterprise_tech_centres", "region": "130100", "year": 2019, "value": 70}
    assert c.put("/api/v1/responsibilities", json=row, headers=auth["fgw"]).status_code == 200
    assert c.put("/api/v1/responsibilities", json=row, headers=auth["kjt"]).status_code == 403
    handed = c.put("/api/v1/responsibilities", json=row | {"lead": "省科技厅"}, headers=auth["fgw"])
    assert handed.status_code == 403
    rows = c.get("/api/v1/responsibilities", headers=auth["fgw"]).json()["rows"]
    assert {"target": "enterprise_tech_centres", "region": "130100", "year": 2019, "value": 70.0} in [
        {k: r[k] for k in ("target", "region", "year", "value")} for r in rows
    ]


def test_a_cookie_edit_needs_the_csrf_token(client: Client) -> None:
    c, _, _ = client
    c.post("/api/v1/auth/login", json={"username": "kjt", "password": PASSWORD})
    body = {"period": "2020年4月", "completed_investment": 1, "status": "在建"}
    refused = c.post("/api/v1/projects/HB2019-003/progress", json=body)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf"
    c.cookies.clear()


def test_department_submissions_are_checked_on_record(client: Client) -> None:
    c, auth, _ = client
    own = "项目编号,时期,累计完成投资,状态\nHB2019-003,2020年4月,130000,在建\n"
    ok = c.post(
        "/api/v1/submissions",
        data={"kind": "project-progress"},
        files={"file": ("p.csv", own.encode(), "text/csv")},
        headers=auth["kjt"],
    )
    assert ok.status_code == 200, ok.text
    other = own + "HB2017-002,2020年4月,36000,在建\n"
    refused = c.post(
        "/api/v1/submissions",
        data={"kind": "project-progress"},
        files={"file": ("p.csv", other.encode(), "text/csv")},
        headers=auth["kjt"],
    )
    assert refused.status_code == 403 and refused.json()["error"]["location"]["row"] == 3
    reports = "任务编号,报送日期,状态,进展情况\nbox_01_1,2020-04-01,进行中,x\nmeasure_finance,2020-04-01,进行中,y\n"
    refused = c.post(
        "/api/v1/submissions",
        data={"kind": "task-reports"},
        files={"file": ("t.csv", reports.encode(), "text/csv")},
        headers=auth["kjt"],
    )
    assert refused.status_code == 403 and refused.json()["error"]["location"]["row"] == 3
    register = "项目编号,项目名称\nX,y\n"
    kind = c.post(
        "/api/v1/submissions",
        data={"kind": "projects"},
        files={"file": ("r.csv", register.encode(), "text/csv")},
        headers=auth["kjt"],
    )
    assert kind.status_code == 403


def test_users_add_a_department_account_from_the_command_line(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 'u.duckdb'}"
    open_store(url).close()  # the command works on an existing store
    runner = CliRunner()
    args = ["users", "add", "kjt", "--role", "department", "--department", "省科技厅", "--store", url]
    result = runner.invoke(cli, args, input="department-pass-1\n")
    assert result.exit_code == 0, result.output
    missing = runner.invoke(cli, ["users", "add", "x1x", "--role", "department", "--store", url], input="passw0rd-1\n")
    assert missing.exit_code != 0 and getattr(missing.exception, "code", None) == "missing_department"
    wrong = runner.invoke(
        cli,
        ["users", "add", "x2x", "--role", "city", "--region", "130100", "--department", "省科技厅", "--store", url],
        input="passw0rd-1\n",
    )  # fmt: skip
    assert wrong.exit_code != 0 and getattr(wrong.exception, "code", None) == "unexpected_department"
    with open_store(url, read_only=True) as store:
        assert [(u["username"], u["role"], u["department"]) for u in list_users(store)] == [
            ("kjt", "department", "省科技厅")
        ]
