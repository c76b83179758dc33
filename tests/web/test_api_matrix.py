"""The authorisation matrix: every API endpoint, called by every role, answers what the role descriptions allow.

The expected statuses are written by hand from the roles of issue 8, never derived from permissions.yaml:

- admin: users and settings, and everything an analyst may do;
- analyst (province): all data, microdata included; approves submissions;
- city: one region and its counties — its own enterprises' microdata, other regions only as aggregates;
  uploads data and sees its own submissions;
- enterprise: its own records and submissions, and aggregates;
- evaluator: all aggregates and methods, no microdata;
- public: published aggregates only, and only when public access is switched on (off by default).

Where the descriptions leave room, the choice made is written beside the row. ``anonymous`` is a caller without
credentials on the ordinary app (401 wherever anything is needed); ``public`` is the same caller on an app created
with ``Settings(public_enabled=True)``: refused requests are 401 there too (an anonymous visitor is told to log in).
Reads run on the session's shared app; every row that writes (uploads, workflow steps, users, logout) runs on fresh
copies of the demo store, so the other tests never see its effects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import OTHER_CITY, copy_store, login

from seimon.access.demo_accounts import DemoAccount
from seimon.plan import load_plan
from seimon.reference.regions import load_regions
from seimon.store import open_store
from seimon.tracking.responsibilities import duties, read_breakdown
from seimon.web import Settings, create_app

COLUMNS = ("admin", "analyst", "city", "enterprise", "department", "evaluator", "anonymous", "public")
CITY = "130100"  # the demo city account's region (石家庄市)
XINJI = "130181"  # 辛集市: geographically in 石家庄, reported beside the cities — outside the city's scope
DEPARTMENT = "省发展改革委"  # the demo department account's department
ERROR_CODES = {401: {"not_authenticated"}, 403: {"forbidden"}}


def statuses(text: str) -> dict[str, int]:
    """``"200 200 403 …"`` in :data:`COLUMNS` order → {role: status}."""
    values = [int(v) for v in text.split()]
    assert len(values) == len(COLUMNS), text
    return dict(zip(COLUMNS, values, strict=True))


@dataclass(frozen=True)
class Row:
    """One request of the matrix: the OpenAPI route it exercises, the concrete URL, and the answer per role."""

    method: str
    route: str  # the path as app.openapi() lists it
    url: str  # with {placeholders} filled from the demo store's ids
    expect: str  # eight statuses, COLUMNS order
    body: dict[str, Any] | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.url}"


# fmt: off
#                                                                   columns: admin anal city ent dept eval anon public
READ_ROWS = [
    Row("GET", "/api/v1/health", "/api/v1/health",                                  "200 200 200 200 200 200 200 200"),
    Row("GET", "/api/v1/ping", "/api/v1/ping",                                      "200 200 200 200 200 200 200 200"),
    Row("POST", "/api/v1/auth/login", "/api/v1/auth/login",                         "200 200 200 200 200 200 200 200",
        body={"username": "{evaluator_username}", "password": "{evaluator_password}"}),
    Row("GET", "/api/v1/auth/me", "/api/v1/auth/me",                                "200 200 200 200 200 200 401 401"),
    Row("GET", "/api/v1/plan", "/api/v1/plan",                                      "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/plan/items/{item_id}", "/api/v1/plan/items/{target_id}",    "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/plan/bases", "/api/v1/plan/bases",                          "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/plan/projects", "/api/v1/plan/projects",                    "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/plan/industries", "/api/v1/plan/industries",                "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/targets", "/api/v1/targets",                                "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/targets/{target_id}", "/api/v1/targets/{target_id}",        "200 200 200 200 200 200 401 200"),
    # The indicator system is "methods": the public gets published aggregates only.
    Row("GET", "/api/v1/indicators", "/api/v1/indicators",                          "200 200 200 200 200 200 401 401"),
    Row("GET", "/api/v1/indicators/{indicator}", "/api/v1/indicators/sei_va?region=130000&period=2020",
                                                                                    "200 200 200 200 200 200 401 200"),
    # Other regions' aggregates are open to a city.
    Row("GET", "/api/v1/indicators/{indicator}", "/api/v1/indicators/sei_va?region=" + OTHER_CITY + "&period=2020",
                                                                                    "200 200 200 200 200 200 401 200"),
    # Open data: recorded public releases, for everyone who may read aggregates (the public when switched on).
    Row("GET", "/api/v1/open/releases", "/api/v1/open/releases",                    "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/open/releases/{release_id}", "/api/v1/open/releases/999999",
                                                                                    "404 404 404 404 404 404 401 404"),
    # Benchmarking: an enterprise against its peers; admin and analyst name one, other roles have none.
    Row("GET", "/api/v1/benchmark", "/api/v1/benchmark?period=2020",                "400 400 403 200 403 403 401 401"),
    # Warnings are monitoring results for the province, cities and the evaluator; the issue gives an enterprise
    # its own records and aggregates, and the public published aggregates (warnings are not published).
    Row("GET", "/api/v1/warnings", "/api/v1/warnings",                              "200 200 200 403 403 200 401 401"),
    # Which period the pages lead with is as public as the aggregates themselves.
    Row("GET", "/api/v1/releases", "/api/v1/releases",                              "200 200 200 200 200 200 401 200"),
    # The appraisal is aggregates; each role sees its own cut of it (tests/web/test_api_appraisals.py). The public
    # sees an appraisal only once the admin has released it: none is released in the demo store.
    Row("GET", "/api/v1/appraisals/{year}", "/api/v1/appraisals/2019",              "200 200 200 200 200 200 401 404"),
    # Projects are monitoring results for the government side (the audience of the warnings) and name project
    # owners; tasks are the plan's own actions and measures (read_plan).
    Row("GET", "/api/v1/projects", "/api/v1/projects?as_of=2020-12-31&by=city",    "200 200 200 403 200 200 401 401"),
    # A department reads only the projects and tasks it is responsible for (责任单位 on record); another's project
    # is refused like a missing one.
    Row("GET", "/api/v1/projects/{project_id}", "/api/v1/projects/{own_project}",   "200 200 200 403 200 200 401 401"),
    Row("GET", "/api/v1/projects/{project_id}", "/api/v1/projects/{other_project}", "200 200 200 403 403 200 401 401"),
    Row("GET", "/api/v1/projects/{project_id}", "/api/v1/projects/NO-SUCH-1",       "404 404 404 403 403 404 401 401"),
    Row("GET", "/api/v1/tasks", "/api/v1/tasks?as_of=2020-12-31",                   "200 200 200 200 200 200 401 200"),
    # The breakdown of targets is plan data (a department gets the targets it leads or supports).
    Row("GET", "/api/v1/responsibilities", "/api/v1/responsibilities",              "200 200 200 200 200 200 401 200"),
    # A base's profile is plan data; its figures are withheld where few enterprises stand behind them.
    Row("GET", "/api/v1/bases/{base_id}", "/api/v1/bases/national_sjz_bio?as_of=2020-12-31",
                                                                                    "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/bases/{base_id}", "/api/v1/bases/no_such_base",             "404 404 404 404 404 404 401 404"),
    Row("GET", "/api/v1/regions", "/api/v1/regions",                                "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/reference/sei", "/api/v1/reference/sei",                    "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/enterprises", "/api/v1/enterprises",                        "200 200 200 200 403 403 401 401"),
    Row("GET", "/api/v1/enterprises", "/api/v1/enterprises?region=" + CITY,        "200 200 200 403 403 403 401 401"),
    Row("GET", "/api/v1/enterprises", "/api/v1/enterprises?region=" + OTHER_CITY,  "200 200 403 403 403 403 401 401"),
    Row("GET", "/api/v1/enterprises", "/api/v1/enterprises?region=" + XINJI,       "200 200 403 403 403 403 401 401"),
    Row("GET", "/api/v1/enterprises/{credit_code}", "/api/v1/enterprises/{own_code}",
                                                                                    "200 200 200 200 403 403 401 401"),
    Row("GET", "/api/v1/enterprises/{credit_code}", "/api/v1/enterprises/{city_code}",
                                                                                    "200 200 200 403 403 403 401 401"),
    Row("GET", "/api/v1/enterprises/{credit_code}", "/api/v1/enterprises/{other_code}",
                                                                                    "200 200 403 403 403 403 401 401"),
    Row("GET", "/api/v1/enterprises/{credit_code}", "/api/v1/enterprises/{xinji_code}",
                                                                                    "200 200 403 403 403 403 401 401"),
    # A code that is not in the store: the province learns so (404); nobody else learns anything (403).
    Row("GET", "/api/v1/enterprises/{credit_code}", "/api/v1/enterprises/{missing_code}",
                                                                                    "404 404 403 403 403 403 401 401"),
    # Batch metadata (file names, counts) serve the evaluator's appraisal of data quality; no enterprise values.
    Row("GET", "/api/v1/batches", "/api/v1/batches",                                "200 200 403 403 403 200 401 401"),
    Row("GET", "/api/v1/batches/{batch_id}", "/api/v1/batches/1",                   "200 200 403 403 403 200 401 401"),
    Row("GET", "/api/v1/quarantine", "/api/v1/quarantine",                          "200 200 403 403 403 403 401 401"),
    Row("GET", "/api/v1/reports", "/api/v1/reports",                                "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/reports/bulletin", "/api/v1/reports/bulletin?period=2020-09&format=html",
                                                                                    "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/reports/bulletin", "/api/v1/reports/bulletin?period=2020-09&format=html&edition=internal",
                                                                                    "200 200 403 403 403 403 401 401"),
    Row("GET", "/api/v1/reports/evaluation", "/api/v1/reports/evaluation?as_of=2020-12-31&format=html",
                                                                                    "200 200 200 200 200 200 401 200"),
    Row("GET", "/api/v1/users", "/api/v1/users",                                    "200 403 403 403 403 403 401 401"),
    Row("GET", "/api/v1/audit", "/api/v1/audit",                                    "200 403 403 403 403 403 401 401"),
]
# fmt: on


def read_breakdown_of(path: Path) -> dict[str, Any]:
    """Per target its lead and partners in the demo store's breakdown register."""
    with open_store(f"duckdb://{path}", read_only=True) as store:
        return duties(read_breakdown(store))


def fill(value: Any, ids: dict[str, str]) -> Any:
    """``value`` with ``{placeholders}`` in every string replaced from ``ids``."""
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def ids(demo_store_file: Path, accounts: dict[str, DemoAccount]) -> dict[str, str]:
    """Real identifiers from the demo store: enterprises inside and outside the city's scope, a target, …"""
    register = load_regions()
    city_units = set(register.within(CITY))
    other_units = set(register.within(OTHER_CITY))
    with open_store(f"duckdb://{demo_store_file}") as store:
        rows = store.fetchall("SELECT credit_code, region FROM enterprises WHERE is_current ORDER BY credit_code")
        projects = store.fetchall("SELECT project_id, region, department FROM projects WHERE is_current ORDER BY 1")
        tasks = store.fetchall("SELECT task_id, department FROM task_assignments WHERE is_current ORDER BY 1")
    breakdown = read_breakdown_of(demo_store_file)
    own = accounts["enterprise"].credit_code
    assert own is not None
    missing = "91130100MA0000001X"
    assert missing not in {code for code, _ in rows}
    return {
        "own_code": own,
        "city_code": next(code for code, region in rows if region in city_units and code != own),
        "other_code": next(code for code, region in rows if region in other_units),
        "xinji_code": next(code for code, region in rows if region == XINJI),
        "missing_code": missing,
        "target_id": "sei_va_share_gdp",
        # the department's own project outside the city, another's inside the city, another's outside both
        "own_project": next(p for p, r, d in projects if d == DEPARTMENT and r not in city_units),
        "city_project": next(p for p, r, d in projects if d != DEPARTMENT and r in city_units),
        "other_project": next(p for p, r, d in projects if d != DEPARTMENT and r not in city_units),
        "own_task": next(t for t, d in tasks if d == DEPARTMENT),
        "other_task": next(t for t, d in tasks if d != DEPARTMENT),
        "own_target": next(t for t, d in breakdown.items() if d.lead == DEPARTMENT),
        "evaluator_username": accounts["evaluator"].username,
        "evaluator_password": accounts["evaluator"].password,
    }


@pytest.fixture(scope="module")
def public_client(
    demo_store_file: Path, tmp_path_factory: pytest.TempPathFactory, app_client: TestClient
) -> Iterator[TestClient]:
    """An app with public access switched on, over its own copy of the demo store.

    It shares the session app's result cache, so the reports (tens of seconds each) are built once: both apps serve
    identical copies of the demo store and no cache key names the caller, so the bytes are the same either way —
    while every access decision, the subject here, is still taken by this app's own routes and settings.
    """
    url = copy_store(demo_store_file, tmp_path_factory.mktemp("public_app"))
    app = create_app(Settings(store=url, public_enabled=True))
    app.state.seimon.cache = app_client.app.state.seimon.cache
    with TestClient(app) as client:
        yield client


def check(response: httpx.Response, expected: int, what: str) -> str | None:
    """None when the answer is as expected, else a one-line description of what went wrong."""
    if response.status_code != expected:
        return f"{what}: expected {expected}, got {response.status_code}: {response.text[:300]}"
    if expected in ERROR_CODES:
        error = response.json().get("error", {})
        if error.get("code") not in ERROR_CODES[expected] or not error.get("message_zh") or not error.get("message_en"):
            return f"{what}: {expected} without the bilingual error body: {response.text[:300]}"
    return None


def test_public_access_is_off_by_default() -> None:
    assert Settings(store="duckdb:///:memory:").public_enabled is False


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("row", READ_ROWS, ids=lambda r: r.id)
def test_read_matrix(
    row: Row,
    column: str,
    *,
    ids: dict[str, str],
    app_client: TestClient,
    public_client: TestClient,
    headers: dict[str, dict[str, str]],
) -> None:
    client, auth = (public_client, {}) if column == "public" else (app_client, headers[column])
    try:
        response = client.request(row.method, fill(row.url, ids), headers=auth, json=fill(row.body, ids))
    finally:
        client.cookies.clear()  # the login row sets a session cookie: no later request may ride on it
    problem = check(response, statuses(row.expect)[column], f"{column} {row.id}")
    assert problem is None, problem


# --- rows that write: each runs on fresh copies of the demo store ------------------------------------------------


class Fresh:
    """A fresh app over its own copy of the demo store, with the demo accounts logged in on demand."""

    def __init__(self, client: TestClient, accounts: dict[str, DemoAccount]) -> None:
        self.client = client
        self.accounts = accounts
        self._headers: dict[str, dict[str, str]] = {}

    def auth(self, role: str) -> dict[str, str]:
        if role in ("anonymous", "public"):
            return {}
        if role not in self._headers:
            self._headers[role] = login(self.client, self.accounts[role])
        return self._headers[role]

    def call(self, role: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.client.request(method, url, headers=self.auth(role), **kwargs)
        finally:
            self.client.cookies.clear()

    def ok(self, role: str, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        response = self.call(role, method, url, **kwargs)
        assert response.status_code in (200, 201), f"setup {role} {method} {url}: {response.text[:300]}"
        return response.json()


def report_csv(credit_code: str) -> bytes:
    """One valid enterprise report row (a new period, so it lands as new data when approved)."""
    return (
        "credit_code,period,revenue,value_added,value_added_prior,profit,rd_expenditure,employees\n"
        f"{credit_code},2021年1-2月,30386.1,7106.6,9085.5,1734.5,85.8,4371\n"
    ).encode()


def upload_kwargs(ids: dict[str, str]) -> dict[str, Any]:
    return {"data": {"kind": "reports"}, "files": {"file": ("reports.csv", report_csv(ids["own_code"]), "text/csv")}}


def city_submission(app: Fresh, ids: dict[str, str], *, submitted: bool) -> int:
    """A submission uploaded (and optionally submitted) by the city user; returns its id."""
    created = app.ok("city", "POST", "/api/v1/submissions", **upload_kwargs(ids))
    if submitted:
        app.ok("city", "POST", f"/api/v1/submissions/{created['id']}/submit")
    return int(created["id"])


Prepare = Callable[[Fresh, str, dict[str, str]], tuple[str, dict[str, Any]]]


def plain(url: str) -> Prepare:
    return lambda app, role, ids: (url, {})


def upload(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    return "/api/v1/submissions", upload_kwargs(ids)


def on_city_submission(suffix: str, *, submitted: bool, body: dict[str, Any] | None = None) -> Prepare:
    def prepare(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
        sid = city_submission(app, ids, submitted=submitted)
        return f"/api/v1/submissions/{sid}{suffix}", ({"json": body} if body is not None else {})

    return prepare


def city_upload_progress(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """The progress of an upload the city user sent without waiting (``wait=false``)."""
    kwargs = upload_kwargs(ids)
    response = app.call("city", "POST", "/api/v1/submissions", data={**kwargs["data"], "wait": "false"},
                        files=kwargs["files"])  # fmt: skip
    assert response.status_code == 202, response.text[:300]
    return response.json()["progress_url"], {}


def submission_list(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    city_submission(app, ids, submitted=False)
    return "/api/v1/submissions", {}


def new_user(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    body = {"username": f"new-{role}", "password": "new-password-2020", "role": "evaluator"}
    return "/api/v1/users", {"json": body}


def own_password(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    current = app.accounts[role].password if role in app.accounts else "none"
    return "/api/v1/auth/password", {"json": {"current_password": current, "new_password": "changed-password-2020"}}


def victims_password(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    url, _ = victim(app, role, ids)
    return url.replace("/disable", "/password"), {"json": {"password": "reset-password-2020"}}


def victim(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    name = f"victim-{role}"
    app.ok("admin", "POST", "/api/v1/users", json={"username": name, "password": "victim-password", "role": "analyst"})
    return f"/api/v1/users/{name}/disable", {}


def new_project(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """A new project in the city's region under the department's responsibility (one id per role)."""
    body = {
        "project_id": f"WEB-{role}",
        "name": f"网上新建项目 {role}",
        "industry": "新能源",
        "region": "130102",
        "department": DEPARTMENT,
        "total_investment": 12000,
        "planned_start": "2020-03-01",
        "planned_finish": "2022-12-31",
    }
    return "/api/v1/projects", {"json": body}


def project_body(app: Fresh, project_id: str) -> dict[str, Any]:
    """The project's register row as the analyst reads it, renamed: an edit of every field the form sends."""
    p = app.ok("analyst", "GET", f"/api/v1/projects/{project_id}?as_of=2020-12-31")["project"]
    return {
        "name": p["name"] + "（调整）",
        "industry": p["subfield"] or p["industry"],
        "base": p["base"],
        "unit_code": p["unit_code"],
        "annual_investment": p["annual_investment"],
        "region": p["region"],
        "department": p["department"],
        "total_investment": p["planned_investment"] + 1,
        "planned_start": p["planned_start"],
        "planned_finish": p["planned_finish"],
    }


def edit_project(which: str) -> Prepare:
    def prepare(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
        return f"/api/v1/projects/{ids[which]}", {"json": project_body(app, ids[which])}

    return prepare


def progress(which: str) -> Prepare:
    def prepare(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
        p = app.ok("analyst", "GET", f"/api/v1/projects/{ids[which]}?as_of=2020-12-31")["project"]
        body = {"period": "2020年12月", "completed_investment": p["completed_investment"], "status": p["status"]}
        return f"/api/v1/projects/{ids[which]}/progress", {"json": body}

    return prepare


def assignment(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    return f"/api/v1/tasks/{ids['own_task']}", {"json": {"department": DEPARTMENT, "deadline": "2020-12-31"}}


def task_report(which: str) -> Prepare:
    def prepare(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
        data = {"status": "进行中", "progress": f"网上报送 {role}"}
        return f"/api/v1/tasks/{ids[which]}/reports", {"data": data}

    return prepare


def breakdown(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    body = {"target": ids["own_target"], "region": CITY, "year": 2019, "value": 7}
    return "/api/v1/responsibilities", {"json": body}


def evidence_of(which: str) -> Prepare:
    def prepare(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
        made = app.ok(
            "analyst",
            "POST",
            f"/api/v1/tasks/{ids[which]}/reports",
            data={"status": "进行中", "progress": "附佐证材料"},
            files={"file": ("验收报告.pdf", b"%PDF-1.4 evidence", "application/pdf")},
        )
        evidence_id = made["evidence"].split(":", 1)[1].split("/", 1)[0]
        return f"/api/v1/evidence/{evidence_id}", {}

    return prepare


EVALUATOR_ORG = "河北省宏观经济研究院"
QUALITATIVE = [q.id for q in load_plan().qualitative_targets]


def evaluation_of_the_demo_evaluator(app: Fresh) -> int:
    """A final evaluation assigned (by the admin) to the organisation the demo evaluator account works for."""
    app.ok("admin", "POST", "/api/v1/evaluations/members",
           json={"username": app.accounts["evaluator"].username, "organisation": EVALUATOR_ORG})  # fmt: skip
    created = app.ok("admin", "POST", "/api/v1/evaluations",
                     json={"kind": "final", "as_of": "2020-12-31", "organisation": EVALUATOR_ORG})  # fmt: skip
    return int(created["id"])


def on_evaluation(suffix: str, body: dict[str, Any] | None = None, *, judged: bool = False) -> Prepare:
    """Each role acts on its own evaluation of the demo evaluator's organisation (``judged``: every qualitative
    target judged first, so that it may be signed)."""

    def prepare(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
        eid = evaluation_of_the_demo_evaluator(app)
        for target in QUALITATIVE if judged else []:
            app.ok("evaluator", "PUT", f"/api/v1/evaluations/{eid}/judgements/{target}",
                   json={"verdict": "achieved", "reason": "材料齐全"})  # fmt: skip
        return f"/api/v1/evaluations/{eid}{suffix}", ({"json": body} if body is not None else {})

    return prepare


def on_evidence_request(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    eid = evaluation_of_the_demo_evaluator(app)
    made = app.ok("evaluator", "POST", f"/api/v1/evaluations/{eid}/requests",
                  json={"target": QUALITATIVE[0], "department": DEPARTMENT, "question": "请提供台账"})  # fmt: skip
    return f"/api/v1/evaluations/{eid}/requests/{made['id']}/answer", {"data": {"answer": "见附件"}}


def addressed_to_the_department(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """An evaluation with an evidence request to the demo department: that department may read it."""
    eid = evaluation_of_the_demo_evaluator(app)
    app.ok("evaluator", "POST", f"/api/v1/evaluations/{eid}/requests",
           json={"target": QUALITATIVE[0], "department": DEPARTMENT, "question": "请提供台账"})  # fmt: skip
    return f"/api/v1/evaluations/{eid}", {}


def on_evidence_file(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    eid = evaluation_of_the_demo_evaluator(app)
    meta = app.ok("evaluator", "POST", f"/api/v1/evaluations/{eid}/judgements/{QUALITATIVE[0]}/files",
                  files={"file": ("台账.pdf", b"%PDF-1.4 ledger", "application/pdf")})  # fmt: skip
    return f"/api/v1/evaluations/{eid}/files/{meta['id']}", {}


def evaluation_list(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    evaluation_of_the_demo_evaluator(app)
    return "/api/v1/evaluations", {}


def new_evaluation(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    return "/api/v1/evaluations", {"json": {"kind": "midterm", "as_of": "2018-12-31"}}


def new_member(app: Fresh, role: str, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    return "/api/v1/evaluations/members", {
        "json": {"username": app.accounts["evaluator"].username, "organisation": EVALUATOR_ORG}
    }


@dataclass(frozen=True)
class WriteRow:
    method: str
    route: str
    expect: str
    prepare: Prepare = field(compare=False)

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}"


# fmt: off
#                                                                   columns: admin anal city ent dept eval anon public
WRITE_ROWS = [
    WriteRow("POST", "/api/v1/auth/logout",                                           "200 200 200 200 200 200 200 200",
             plain("/api/v1/auth/logout")),
    # The upload is a report of the enterprise account's own enterprise (inside the city too).
    WriteRow("POST", "/api/v1/submissions",                                           "200 200 200 200 403 403 401 401",
             upload),
    WriteRow("GET", "/api/v1/submissions",                                            "200 200 200 200 200 403 401 401",
             submission_list),
    # One submission of the city user: the province and the city see it, nobody else.
    WriteRow("GET", "/api/v1/submissions/{submission_id}",                            "200 200 200 403 403 403 401 401",
             on_city_submission("", submitted=False)),
    # How far the city user's upload has got: its submitter and the province, as for the submission itself.
    WriteRow("GET", "/api/v1/submissions/uploads/{upload_id}",                        "200 200 200 403 403 403 401 401",
             city_upload_progress),
    WriteRow("GET", "/api/v1/submissions/{submission_id}/report.xlsx",                "200 200 200 403 403 403 401 401",
             on_city_submission("/report.xlsx", submitted=False)),
    WriteRow("POST", "/api/v1/submissions/{submission_id}/submit",                    "200 200 200 403 403 403 401 401",
             on_city_submission("/submit", submitted=False)),
    WriteRow("POST", "/api/v1/submissions/{submission_id}/approve",                   "200 200 403 403 403 403 401 401",
             on_city_submission("/approve", submitted=True)),
    WriteRow("POST", "/api/v1/submissions/{submission_id}/return",                    "200 200 403 403 403 403 401 401",
             on_city_submission("/return", submitted=True, body={"reason": "列错位 / columns shifted"})),
    # Releasing an appraisal to the public is the admin's decision (manage_users: users and settings).
    WriteRow("POST", "/api/v1/appraisals/{year}/release",                             "200 403 403 403 403 403 401 401",
             plain("/api/v1/appraisals/2019/release")),
    WriteRow("POST", "/api/v1/users",                                                 "201 403 403 403 403 403 401 401",
             new_user),
    WriteRow("POST", "/api/v1/users/{username}/disable",                              "200 403 403 403 403 403 401 401",
             victim),
    WriteRow("POST", "/api/v1/users/{username}/password",                             "200 403 403 403 403 403 401 401",
             victims_password),
    # Editing the registers: admin and analyst everything, a city the projects of its region, a department its own
    # projects, tasks and the targets it leads; the evaluator and enterprises nothing. Task assignments (who, by
    # when) are the province's.
    WriteRow("POST", "/api/v1/projects",                                         "201 201 201 403 201 403 401 401",
             new_project),
    WriteRow("PUT", "/api/v1/projects/{project_id}",                             "200 200 403 403 200 403 401 401",
             edit_project("own_project")),
    WriteRow("PUT", "/api/v1/projects/{project_id}",                             "200 200 200 403 403 403 401 401",
             edit_project("city_project")),
    WriteRow("PUT", "/api/v1/projects/{project_id}",                             "200 200 403 403 403 403 401 401",
             edit_project("other_project")),
    WriteRow("POST", "/api/v1/projects/{project_id}/progress",                   "200 200 403 403 200 403 401 401",
             progress("own_project")),
    WriteRow("POST", "/api/v1/projects/{project_id}/progress",                   "200 200 200 403 403 403 401 401",
             progress("city_project")),
    WriteRow("POST", "/api/v1/projects/{project_id}/progress",                   "200 200 403 403 403 403 401 401",
             progress("other_project")),
    WriteRow("PUT", "/api/v1/tasks/{task_id}",                                   "200 200 403 403 403 403 401 401",
             assignment),
    WriteRow("POST", "/api/v1/tasks/{task_id}/reports",                          "200 200 403 403 200 403 401 401",
             task_report("own_task")),
    WriteRow("POST", "/api/v1/tasks/{task_id}/reports",                          "200 200 403 403 403 403 401 401",
             task_report("other_task")),
    WriteRow("PUT", "/api/v1/responsibilities",                                  "200 200 403 403 200 403 401 401",
             breakdown),
    # Evidence of a task report: the government side; a department only that of its own tasks.
    WriteRow("GET", "/api/v1/evidence/{evidence_id}",                            "200 200 200 403 200 200 401 401",
             evidence_of("own_task")),
    WriteRow("GET", "/api/v1/evidence/{evidence_id}",                            "200 200 200 403 403 200 401 401",
             evidence_of("other_task")),
    # Third-party evaluation (issue 20): the admin opens and assigns and records evaluator organisations; the
    # province reads every evaluation and answers evidence requests for the departments; the evaluator reads,
    # judges, requests evidence and signs its own organisation's evaluations only (tests/web/test_api_evaluations.py
    # shows another organisation's evaluator refused).
    WriteRow("GET", "/api/v1/evaluations",                                            "200 200 403 403 200 200 401 401",
             evaluation_list),
    WriteRow("POST", "/api/v1/evaluations",                                           "200 403 403 403 403 403 401 401",
             new_evaluation),
    WriteRow("GET", "/api/v1/evaluations/members",                                    "200 403 403 403 403 403 401 401",
             plain("/api/v1/evaluations/members")),
    WriteRow("POST", "/api/v1/evaluations/members",                                   "200 403 403 403 403 403 401 401",
             new_member),
    WriteRow("GET", "/api/v1/evaluations/{evaluation_id}",                            "200 200 403 403 403 200 401 401",
             on_evaluation("")),
    WriteRow("GET", "/api/v1/evaluations/{evaluation_id}",                            "200 200 403 403 200 200 401 401",
             addressed_to_the_department),
    WriteRow("POST", "/api/v1/evaluations/{evaluation_id}/assign",                    "200 403 403 403 403 403 401 401",
             on_evaluation("/assign", {"organisation": EVALUATOR_ORG})),
    WriteRow("PUT", "/api/v1/evaluations/{evaluation_id}/judgements/{target}",        "403 403 403 403 403 200 401 401",
             on_evaluation(f"/judgements/{QUALITATIVE[0]}", {"verdict": "partly", "reason": "县域未全覆盖"})),
    WriteRow("POST", "/api/v1/evaluations/{evaluation_id}/judgements/{target}/files", "403 403 403 403 403 200 401 401",
             lambda app, role, ids: (on_evaluation(f"/judgements/{QUALITATIVE[0]}/files")(app, role, ids)[0],
                                     {"files": {"file": ("台账.pdf", b"%PDF-1.4", "application/pdf")}})),
    WriteRow("POST", "/api/v1/evaluations/{evaluation_id}/requests",                  "403 403 403 403 403 200 401 401",
             on_evaluation("/requests", {"target": QUALITATIVE[0], "department": "省科技厅", "question": "台账"})),
    WriteRow("POST", "/api/v1/evaluations/{evaluation_id}/requests/{request_id}/answer",
                                                                                      "200 200 403 403 200 403 401 401",
             on_evidence_request),
    WriteRow("GET", "/api/v1/evaluations/{evaluation_id}/files/{file_id}",            "200 200 403 403 403 200 401 401",
             on_evidence_file),
    WriteRow("POST", "/api/v1/evaluations/{evaluation_id}/sign",                      "403 403 403 403 403 200 401 401",
             on_evaluation("/sign", {"signatory": "王评估", "signed_on": "2021-01-20"}, judged=True)),
    # Every logged-in role changes its own password.
    WriteRow("POST", "/api/v1/auth/password",                                         "200 200 200 200 200 200 401 401",
             own_password),
]
# fmt: on


@pytest.fixture
def fresh_apps(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> Iterator[Callable[[bool], Fresh]]:
    """Factory of fresh apps (function scope): ``fresh_apps(public)`` copies the demo store and starts an app."""
    opened: list[TestClient] = []

    def make(public: bool) -> Fresh:
        folder = tmp_path / f"app{len(opened)}"
        folder.mkdir()
        client = TestClient(create_app(Settings(store=copy_store(demo_store_file, folder), public_enabled=public)))
        client.__enter__()
        opened.append(client)
        return Fresh(client, accounts)

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.mark.parametrize("row", WRITE_ROWS, ids=lambda r: r.id)
def test_write_matrix(row: WriteRow, ids: dict[str, str], fresh_apps: Callable[[bool], Fresh]) -> None:
    """Each role acts on its own prepared object, so one role's success cannot change another's answer."""
    ordinary, public = fresh_apps(False), fresh_apps(True)
    expected = statuses(row.expect)
    problems = []
    for column in COLUMNS:
        app = public if column == "public" else ordinary
        url, kwargs = row.prepare(app, column, ids)
        response = app.call(column, row.method, url, **kwargs)
        problem = check(response, expected[column], f"{column} {row.method} {url}")
        if problem:
            problems.append(problem)
    assert problems == []


def test_matrix_covers_every_route(app_client: TestClient) -> None:
    """A new endpoint without a row in the matrix fails here."""
    documented = {
        (method.upper(), path)
        for path, operations in app_client.app.openapi()["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    covered = {(r.method, r.route) for r in READ_ROWS} | {(r.method, r.route) for r in WRITE_ROWS}
    assert documented - covered == set(), "endpoints without a row in the authorisation matrix"
    assert covered - documented == set(), "matrix rows for endpoints that no longer exist"


# --- microdata scope: who sees which enterprises ------------------------------------------------------------------


def test_city_lists_exactly_the_enterprises_of_its_city(
    app_client: TestClient, headers: dict[str, dict[str, str]], demo_store_file: Path
) -> None:
    units = set(load_regions().within(CITY))
    assert XINJI not in units
    with open_store(f"duckdb://{demo_store_file}") as store:
        rows = store.fetchall("SELECT credit_code, region FROM enterprises WHERE is_current")
    expected = {code for code, region in rows if region in units}
    assert 0 < len(expected) < len(rows)
    response = app_client.get("/api/v1/enterprises?limit=1000", headers=headers["city"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert {item["credit_code"] for item in body["items"]} == expected
    assert body["total"] == len(expected)
    assert {item["region"] for item in body["items"]} <= units


def test_city_may_narrow_to_its_counties_but_not_beyond(
    app_client: TestClient, headers: dict[str, dict[str, str]], ids: dict[str, str]
) -> None:
    city = app_client.get("/api/v1/enterprises?limit=1000", headers=headers["city"]).json()["items"]
    county = next(item["region"] for item in city if item["credit_code"] == ids["city_code"])
    narrowed = app_client.get(f"/api/v1/enterprises?region={county}&limit=1000", headers=headers["city"])
    assert narrowed.status_code == 200
    items = narrowed.json()["items"]
    assert items and {item["region"] for item in items} == {county}
    assert {item["credit_code"] for item in items} == {i["credit_code"] for i in city if i["region"] == county}
    for region in (OTHER_CITY, XINJI, "130000"):
        refused = app_client.get(f"/api/v1/enterprises?region={region}", headers=headers["city"])
        assert refused.status_code == 403, (region, refused.text)


def test_out_of_scope_enterprise_is_indistinguishable_from_a_missing_one(
    app_client: TestClient, headers: dict[str, dict[str, str]], ids: dict[str, str]
) -> None:
    """The refusal must not tell an outsider that the enterprise exists, nor where it is."""
    for role in ("city", "enterprise"):
        existing = app_client.get(f"/api/v1/enterprises/{ids['other_code']}", headers=headers[role])
        missing = app_client.get(f"/api/v1/enterprises/{ids['missing_code']}", headers=headers[role])
        assert existing.status_code == missing.status_code == 403
        assert existing.json() == missing.json(), f"{role}: the 403 for an existing enterprise differs"
        assert ids["other_code"] not in existing.text


def test_enterprise_user_sees_only_its_own_record(
    app_client: TestClient, headers: dict[str, dict[str, str]], ids: dict[str, str]
) -> None:
    listed = app_client.get("/api/v1/enterprises?limit=1000", headers=headers["enterprise"])
    assert listed.status_code == 200
    assert listed.json()["total"] == 1
    assert [item["credit_code"] for item in listed.json()["items"]] == [ids["own_code"]]
    searched = app_client.get(f"/api/v1/enterprises?q={ids['city_code']}", headers=headers["enterprise"])
    assert searched.status_code == 200 and searched.json() == {"total": 0, "items": []}
    own = app_client.get(f"/api/v1/enterprises/{ids['own_code']}", headers=headers["enterprise"])
    assert own.status_code == 200
    assert own.json()["credit_code"] == ids["own_code"] and own.json()["reports"]
    neighbour = app_client.get(f"/api/v1/enterprises/{ids['city_code']}", headers=headers["enterprise"])
    assert neighbour.status_code == 403


# --- no microdata in aggregate answers ----------------------------------------------------------------------------

AGGREGATE_URLS = (
    "/api/v1/targets",
    "/api/v1/targets/{target_id}",
    "/api/v1/indicators/sei_va?region=130000&period=2020&by=region",
    "/api/v1/indicators/sei_va?region=130000&period=2020&by=sei_item",
    "/api/v1/indicators/sei_va?region=" + CITY + "&period=2020&by=base",
    "/api/v1/indicators/sei_va_share_above_scale?period=2020&by=region",
    "/api/v1/plan",
    "/api/v1/plan/bases",
    "/api/v1/plan/projects",
    "/api/v1/plan/industries",
    "/api/v1/regions",
    "/api/v1/reports/bulletin?period=2020-09&format=html",
    "/api/v1/reports/evaluation?as_of=2020-12-31&format=html",
)


@pytest.fixture(scope="module")
def identifiers(demo_store_file: Path) -> list[str]:
    """Every credit code and enterprise name in the demo store."""
    with open_store(f"duckdb://{demo_store_file}") as store:
        rows = store.fetchall("SELECT DISTINCT credit_code, name FROM enterprises")
    found = sorted({value for row in rows for value in row})
    assert len(found) >= 600
    return found


def leaked(text: str, identifiers: list[str]) -> list[str]:
    return [value for value in identifiers if value in text]


@pytest.mark.parametrize("url", AGGREGATE_URLS)
def test_aggregate_answers_name_no_enterprise(
    url: str,
    *,
    ids: dict[str, str],
    identifiers: list[str],
    app_client: TestClient,
    public_client: TestClient,
    headers: dict[str, dict[str, str]],
) -> None:
    """For the roles without microdata (and the aggregates every role gets), no credit code, no enterprise name."""
    callers = [(role, app_client, headers[role]) for role in ("evaluator", "city", "enterprise")]
    callers.append(("public", public_client, {}))
    for role, client, auth in callers:
        response = client.get(fill(url, ids), headers=auth)
        assert response.status_code == 200, (role, response.text[:300])
        assert leaked(response.text, identifiers) == [], f"{role} {url} names enterprises"


def test_warnings_name_no_enterprise_for_roles_without_internal_warnings(
    identifiers: list[str], app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    for role in ("city", "evaluator"):
        response = app_client.get("/api/v1/warnings", headers=headers[role])
        assert response.status_code == 200 and response.json(), role
        assert leaked(response.text, identifiers) == [], role
        assert not any(w["internal"] for w in response.json()), role


def test_the_leak_check_finds_names_where_they_belong(
    identifiers: list[str], app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    """The internal bulletin lists key enterprises by name: the scan above is able to see them."""
    url = "/api/v1/reports/bulletin?period=2020-09&format=html&edition=internal"
    response = app_client.get(url, headers=headers["analyst"])
    assert response.status_code == 200
    assert leaked(response.text, identifiers)


# --- primary and secondary suppression of small cells -----------------------------------------------------------

SMALL = 3  # fewer enterprises than this: the cell is not published (docs/domain.md §5)


def cells(client: TestClient, auth: dict[str, str], indicator: str, region: str, by: str | None) -> dict[Any, Any]:
    """{cell: row} of one indicator for 2020, keyed by the breakdown's column (the region when by=region)."""
    url = f"/api/v1/indicators/{indicator}?region={region}&period=2020" + (f"&by={by}" if by else "")
    response = client.get(url, headers=auth)
    assert response.status_code == 200, response.text
    column = "region" if by in (None, "region") else by
    return {row[column]: row for row in response.json()}


@pytest.mark.parametrize("by", ["region", "sei_item", "size"])
def test_small_cells_are_suppressed_for_roles_without_all_microdata(
    by: str, app_client: TestClient, public_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    counts = {k: r["value"] for k, r in cells(app_client, headers["analyst"], "sei_enterprises", "130000", by).items()}
    full = cells(app_client, headers["analyst"], "sei_va", "130000", by)
    assert not any(r["suppressed"] for r in full.values())
    assert cells(app_client, headers["admin"], "sei_va", "130000", by) == full
    small = {k for k, n in counts.items() if n < SMALL and k in full}
    large = {k for k, n in counts.items() if n >= SMALL and k in full}
    assert large, "the breakdown has publishable cells"
    if by != "size":
        assert small, f"the demo store has small cells by {by}"
    viewers = [(role, app_client, headers[role]) for role in ("evaluator", "city", "enterprise")]
    viewers.append(("public", public_client, {}))
    for role, client, auth in viewers:
        shown = cells(client, auth, "sei_va", "130000", by)
        assert shown.keys() == full.keys(), role
        for key in small:
            assert shown[key]["suppressed"] is True and shown[key]["value"] is None, (role, key, shown[key])
        hidden_large = {key for key in large if shown[key]["suppressed"]}
        for key in large - hidden_large:
            assert shown[key]["value"] == full[key]["value"], (role, key)
        for key in hidden_large:  # dominated cells and complements chosen by the MIP (seimon.disclose)
            assert shown[key]["value"] is None, (role, key)
        assert len(hidden_large) < len(large), (role, "a breakdown must not be withheld entirely")


@pytest.mark.parametrize(("region", "by"), [("130000", "sei_field"), ("130000", "size"), (CITY, "sei_field")])
def test_suppressed_cells_cannot_be_recomputed_from_the_total(
    region: str, by: str, app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    """Secondary suppression (docs/domain.md §5): total minus the published cells must not reveal fewer than three
    enterprises. Checked where the breakdown adds up (every enterprise in exactly one cell)."""
    counts = {k: r["value"] for k, r in cells(app_client, headers["analyst"], "sei_enterprises", region, by).items()}
    total_count = cells(app_client, headers["analyst"], "sei_enterprises", region, None)[region]["value"]
    assert sum(counts.values()) == total_count, "this breakdown is additive"
    total = cells(app_client, headers["evaluator"], "sei_va", region, None)[region]
    shown = cells(app_client, headers["evaluator"], "sei_va", region, by)
    hidden = [k for k, row in shown.items() if row["suppressed"]]
    if total["suppressed"] or not hidden:
        return
    behind = sum(counts[k] for k in hidden)
    recovered = total["value"] - sum(row["value"] for row in shown.values() if not row["suppressed"])
    assert behind >= SMALL, (
        f"the evaluator recomputes {hidden} (together {behind:g} enterprise(s)) as total minus the published cells:"
        f" {recovered:.1f}"
    )


@pytest.mark.parametrize("role", ["evaluator", "city"])
def test_warnings_name_a_withheld_cell_not_its_value(
    role: str, app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    """A warning on a cell the public edition withholds keeps its region and period, never its numbers; the
    analyst (all microdata) sees them."""
    full = app_client.get("/api/v1/warnings", headers=headers["analyst"]).json()
    shown = app_client.get("/api/v1/warnings", headers=headers[role]).json()
    assert len(full) == len(shown) and not any(w.get("suppressed") for w in full)
    withheld_2020 = {r for r, row in cells(app_client, headers[role], "sei_va", "130000", "region").items()
                     if row["suppressed"]}  # fmt: skip
    redacted = [w for w in shown if w["suppressed"]]
    assert redacted, "the small demo store has warnings on withheld cells"
    for w in redacted:
        assert w["numbers"] == {} and w["region"] and w["period"]
        original = next(
            f for f in full if (f["rule_id"], f["region"], f["period"]) == (w["rule_id"], w["region"], w["period"])
        )
        value = original["numbers"].get("value")
        if isinstance(value, float):
            assert f"{value:.1f}" not in w["message_zh"] + w["message_en"]
    on_withheld = [w for w in shown if w["region"] in withheld_2020 and w["period"] in ("2020", "2020-12")]
    assert all(w["suppressed"] for w in on_withheld)


def test_batch_metadata_names_no_enterprise(
    identifiers: list[str], app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    """The evaluator reads import batches (provenance, counts of problems by rule), never the rows behind them."""
    batches = app_client.get("/api/v1/batches", headers=headers["evaluator"])
    assert batches.status_code == 200 and batches.json()
    texts = [batches.text]
    for batch in batches.json():
        one = app_client.get(f"/api/v1/batches/{batch['batch_id']}", headers=headers["evaluator"])
        assert one.status_code == 200
        texts.append(one.text)
    assert any(b["rows_quarantined"] for b in batches.json()), "the demo data have quarantined rows"
    assert [leaked(text, identifiers) for text in texts] == [[]] * len(texts)
