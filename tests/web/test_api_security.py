"""The security mechanics of the API: log in (cookie and bearer token), wrong passwords, the login rate limit, CSRF,
log out, disabled users, the audit log, internal warnings, upload scope, security headers and the API docs.

Everything runs on fresh copies of the demo store (one per module, and one per test where settings differ), so
logging out, disabling users and approving data never disturb the other tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import OTHER_CITY, copy_store, login

from seimon.access.demo_accounts import DemoAccount
from seimon.store import open_store
from seimon.web import Settings, create_app
from seimon.web.auth import CSRF_HEADER, SESSION_COOKIE

API = "/api/v1"
HEADER = "credit_code,period,revenue,value_added,value_added_prior,profit,rd_expenditure,employees\n"


def started(demo_store_file: Path, folder: Path, **settings: Any) -> TestClient:
    client = TestClient(create_app(Settings(store=copy_store(demo_store_file, folder), **settings)))
    client.__enter__()
    return client


@pytest.fixture(scope="module")
def app(demo_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """This module's own app over a fresh copy of the demo store (the deliberate wrong passwords here stay far
    below its login limit; the limit itself is tested on an app of its own)."""
    client = started(demo_store_file, tmp_path_factory.mktemp("security_app"), login_max_failures=50)
    yield client
    client.__exit__(None, None, None)


@pytest.fixture
def browser(app: TestClient) -> TestClient:
    """A client of the module's app with a cookie jar of its own (a browser)."""
    return TestClient(app.app)


def credentials(account: DemoAccount, password: str | None = None) -> dict[str, str]:
    return {"username": account.username, "password": password if password is not None else account.password}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def bilingual_error(response: Any, code: str) -> dict[str, Any]:
    error = response.json()["error"]
    assert error["code"] == code, response.text
    assert re.search(r"[\u4e00-\u9fff]", error["message_zh"]), "Chinese first"
    assert error["message_en"] and error["message_en"] != error["message_zh"]
    return error


# --- logging in -------------------------------------------------------------------------------------------------


def test_login_sets_a_httponly_samesite_cookie_and_returns_a_bearer_token(
    browser: TestClient, accounts: dict[str, DemoAccount]
) -> None:
    response = browser.post(API + "/auth/login", json=credentials(accounts["analyst"]))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and len(body["token"]) >= 32
    assert body["csrf_token"] and body["user"]["username"] == "analyst" and body["user"]["role"] == "analyst"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}={body['token']};")
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
    assert "httponly" in attributes
    assert attributes["samesite"].lower() in ("samesite=lax", "samesite=strict")
    assert attributes["path"] == "Path=/"
    assert "secure" not in attributes, "Secure only when cookie_secure is set (behind TLS)"
    assert "password" not in response.text and accounts["analyst"].password not in response.text
    # The cookie alone authenticates the browser, the token alone a script.
    assert browser.get(API + "/auth/me").json()["username"] == "analyst"
    browser.cookies.clear()
    assert browser.get(API + "/auth/me").status_code == 401
    assert browser.get(API + "/auth/me", headers=bearer(body["token"])).json()["username"] == "analyst"


def test_cookie_is_secure_when_configured(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> None:
    client = started(demo_store_file, tmp_path, cookie_secure=True, session_hours=2)
    try:
        response = client.post(API + "/auth/login", json=credentials(accounts["evaluator"]))
        cookie = response.headers["set-cookie"].lower()
        assert "; secure" in cookie and "max-age=7200" in cookie
    finally:
        client.__exit__(None, None, None)


def test_wrong_password_is_a_bilingual_401(app: TestClient, accounts: dict[str, DemoAccount]) -> None:
    wrong = app.post(API + "/auth/login", json=credentials(accounts["evaluator"], "not-the-password"))
    assert wrong.status_code == 401
    assert "set-cookie" not in wrong.headers
    assert wrong.headers["www-authenticate"] == "Bearer"
    error = bilingual_error(wrong, "bad_credentials")
    unknown = app.post(API + "/auth/login", json={"username": "nobody-here", "password": "not-the-password"})
    assert unknown.status_code == 401
    assert unknown.json()["error"] == error, "an unknown user and a wrong password are told apart by nothing"


def test_requests_without_or_with_a_bad_token_are_401(app: TestClient) -> None:
    for auth in ({}, bearer("made-up-token"), {"Authorization": "Basic YWRtaW46YWRtaW4="}):
        response = app.get(API + "/targets", headers=auth)
        assert response.status_code == 401, auth
        bilingual_error(response, "not_authenticated")
    app.cookies.set(SESSION_COOKIE, "made-up-token")
    try:
        assert app.get(API + "/targets").status_code == 401
    finally:
        app.cookies.clear()


def test_login_rate_limit(demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]) -> None:
    """After ``login_max_failures`` failures: 429 with Retry-After, and even the right password is refused."""
    client = started(demo_store_file, tmp_path, login_max_failures=3, login_window_seconds=600)
    try:
        account = accounts["analyst"]
        for _ in range(3):
            assert client.post(API + "/auth/login", json=credentials(account, "guess")).status_code == 401
        limited = client.post(API + "/auth/login", json=credentials(account, "guess"))
        assert limited.status_code == 429, limited.text
        bilingual_error(limited, "rate_limited")
        retry_after = int(limited.headers["retry-after"])
        assert 0 < retry_after <= 601
        right = client.post(API + "/auth/login", json=credentials(account))
        assert right.status_code == 429, "the right password does not get through while limited"
        assert "set-cookie" not in right.headers and "token" not in right.text
    finally:
        client.__exit__(None, None, None)


# --- CSRF -------------------------------------------------------------------------------------------------------


def cookie_login(client: TestClient, account: DemoAccount) -> str:
    """Log the client in with the session cookie only; returns the CSRF token."""
    response = client.post(API + "/auth/login", json=credentials(account))
    assert response.status_code == 200
    return str(response.json()["csrf_token"])


def test_cookie_authenticated_change_needs_the_csrf_token(
    browser: TestClient, accounts: dict[str, DemoAccount]
) -> None:
    csrf = cookie_login(browser, accounts["admin"])
    new = {"password": "a-good-password", "role": "evaluator"}
    missing = browser.post(API + "/users", json={"username": "csrf-missing", **new})
    assert missing.status_code == 403
    bilingual_error(missing, "csrf")
    forged = browser.post(API + "/users", json={"username": "csrf-forged", **new}, headers={CSRF_HEADER: "0" * 64})
    assert forged.status_code == 403 and forged.json()["error"]["code"] == "csrf"
    allowed = browser.post(API + "/users", json={"username": "csrf-ok", **new}, headers={CSRF_HEADER: csrf})
    assert allowed.status_code == 201, allowed.text
    names = {u["username"] for u in browser.get(API + "/users").json()}
    assert "csrf-ok" in names and not names & {"csrf-missing", "csrf-forged"}, "refused requests changed nothing"
    # A browser form sends the token as a field instead of a header.
    upload = {"file": ("r.csv", b"a,b\n1,2\n", "text/csv")}
    refused = browser.post(API + "/submissions", data={"kind": "reports"}, files=upload)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf"
    accepted = browser.post(API + "/submissions", data={"kind": "reports", "csrf_token": csrf}, files=upload)
    assert accepted.status_code == 200, accepted.text


def test_csrf_token_of_another_session_is_refused(app: TestClient, accounts: dict[str, DemoAccount]) -> None:
    first, second = TestClient(app.app), TestClient(app.app)
    cookie_login(first, accounts["admin"])
    other = cookie_login(second, accounts["admin"])
    body = {"username": "csrf-cross", "password": "a-good-password", "role": "evaluator"}
    response = first.post(API + "/users", json=body, headers={CSRF_HEADER: other})
    assert response.status_code == 403 and response.json()["error"]["code"] == "csrf"


def test_bearer_change_needs_no_csrf_token(app: TestClient, accounts: dict[str, DemoAccount]) -> None:
    auth = login(app, accounts["admin"])
    body = {"username": "by-script", "password": "a-good-password", "role": "evaluator"}
    response = app.post(API + "/users", json=body, headers=auth)
    assert response.status_code == 201, response.text


def test_logout_needs_csrf_by_cookie_and_ends_the_session(
    browser: TestClient, accounts: dict[str, DemoAccount]
) -> None:
    csrf = cookie_login(browser, accounts["city"])
    refused = browser.post(API + "/auth/logout")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf"
    assert browser.get(API + "/auth/me").status_code == 200, "a refused logout leaves the session alone"
    done = browser.post(API + "/auth/logout", headers={CSRF_HEADER: csrf})
    assert done.status_code == 200
    assert SESSION_COOKIE in done.headers["set-cookie"] and "max-age=0" in done.headers["set-cookie"].lower()
    assert browser.get(API + "/auth/me").status_code == 401


# --- sessions that end ------------------------------------------------------------------------------------------


def test_logout_revokes_the_bearer_token(app: TestClient, accounts: dict[str, DemoAccount]) -> None:
    auth = login(app, accounts["evaluator"])
    assert app.get(API + "/targets", headers=auth).status_code == 200
    assert app.post(API + "/auth/logout", headers=auth).status_code == 200
    assert app.get(API + "/auth/me", headers=auth).status_code == 401
    assert app.get(API + "/targets", headers=auth).status_code == 401


def test_disabled_users_token_stops_working(app: TestClient, accounts: dict[str, DemoAccount]) -> None:
    admin = login(app, accounts["admin"])
    new = {"username": "leaving-analyst", "password": "leaving-password", "role": "analyst"}
    assert app.post(API + "/users", json=new, headers=admin).status_code == 201
    token = app.post(API + "/auth/login", json={"username": new["username"], "password": new["password"]})
    app.cookies.clear()
    user = bearer(token.json()["token"])
    assert app.get(API + "/enterprises?limit=1", headers=user).status_code == 200
    assert app.post(API + f"/users/{new['username']}/disable", headers=admin).status_code == 200
    assert app.get(API + "/enterprises?limit=1", headers=user).status_code == 401
    assert app.get(API + "/auth/me", headers=user).status_code == 401
    again = app.post(API + "/auth/login", json={"username": new["username"], "password": new["password"]})
    assert again.status_code == 401
    listed = {u["username"]: u for u in app.get(API + "/users", headers=admin).json()}
    assert listed[new["username"]]["disabled"] is True
    assert not any("hash" in key for user_row in listed.values() for key in user_row), "no password hashes served"


# --- the audit log, and data approved through the platform ------------------------------------------------------


@pytest.fixture(scope="module")
def approved(app: TestClient, accounts: dict[str, DemoAccount]) -> dict[str, Any]:
    """The city reads its enterprises, uploads a report of one with a sharp fall, submits it; the analyst approves."""
    city, analyst = login(app, accounts["city"]), login(app, accounts["analyst"])
    code = accounts["enterprise"].credit_code
    listed = app.get(API + "/enterprises?limit=5", headers=city)
    assert listed.status_code == 200
    record = app.get(API + f"/enterprises/{code}", headers=city)
    assert record.status_code == 200
    # Value added a ninth of the same period a year before: an internal "sharp drop" warning names the enterprise.
    text = HEADER + f"{code},2021年1-2月,5000.0,1000.0,9000.0,10.0,1.0,4000\n"
    created = app.post(
        API + "/submissions",
        headers=city,
        data={"kind": "reports"},
        files={"file": ("drop.csv", text.encode(), "text/csv")},
    )
    assert created.status_code == 200 and created.json()["validation_status"] == "loaded", created.text
    sid = created.json()["id"]
    assert app.post(API + f"/submissions/{sid}/submit", headers=city).status_code == 200
    decision = app.post(API + f"/submissions/{sid}/approve", headers=analyst)
    assert decision.status_code == 200 and decision.json()["batch_id"], decision.text
    return {"submission": sid, "batch_id": decision.json()["batch_id"], "code": code, "name": record.json()["name"]}


def test_microdata_reads_and_writes_are_in_the_audit_log(
    app: TestClient, accounts: dict[str, DemoAccount], approved: dict[str, Any]
) -> None:
    admin = login(app, accounts["admin"])
    user = {"username": "audited-user", "password": "audited-password", "role": "evaluator"}
    assert app.post(API + "/users", json=user, headers=admin).status_code == 201
    assert app.post(API + "/users/audited-user/disable", headers=admin).status_code == 200
    entries = app.get(API + "/audit?limit=1000", headers=admin).json()

    def find(user: str, action: str, target: str) -> dict[str, Any]:
        hits = [e for e in entries if e["username"] == user and e["action"] == action and e["target"] == target]
        assert hits, f"no audit entry {user} {action} {target}"
        return hits[0]

    listing = find("sjz", "read_microdata", "enterprises")
    assert listing["role"] == "city" and listing["detail"]["returned"] == 5 and listing["ip"]
    find("sjz", "read_microdata", f"enterprise:{approved['code']}")
    upload = find("sjz", "upload", f"submission:{approved['submission']}")
    assert upload["detail"]["kind"] == "reports" and upload["detail"]["file"] == "drop.csv"
    find("sjz", "submit", f"submission:{approved['submission']}")
    approval = find("analyst", "approve", f"submission:{approved['submission']}")
    assert approval["detail"]["batch_id"] == approved["batch_id"]
    assert find("admin", "add_user", "user:audited-user")["detail"] == {"role": "evaluator"}
    find("admin", "disable_user", "user:audited-user")
    assert {"login"} <= {e["action"] for e in entries if e["username"] == "sjz"}
    # Filters narrow the log; quarantine reads (raw enterprise values) are recorded too.
    assert app.get(API + "/quarantine", headers=admin).status_code == 200
    mine = app.get(API + "/audit?user=sjz&action=upload", headers=admin).json()
    assert mine and {(e["username"], e["action"]) for e in mine} == {("sjz", "upload")}
    assert app.get(API + "/audit?action=read_quarantine&limit=5", headers=admin).json()[0]["username"] == "admin"
    for secret in (accounts["city"].password, "audited-password"):
        assert not any(secret in str(e) for e in entries), "no password is ever logged"


def test_failed_logins_are_audited(app: TestClient, accounts: dict[str, DemoAccount]) -> None:
    app.post(API + "/auth/login", json={"username": "evaluator", "password": "wrong-for-audit"})
    admin = login(app, accounts["admin"])
    failed = app.get(API + "/audit?action=login_failed", headers=admin).json()
    assert failed and failed[0]["username"] == "evaluator"
    assert "wrong-for-audit" not in str(failed)


def test_internal_warnings_name_enterprises_only_for_the_province(
    app: TestClient, accounts: dict[str, DemoAccount], approved: dict[str, Any], demo_store_file: Path
) -> None:
    """The approved sharp fall makes an internal warning naming the enterprise: analysts see it, nobody else."""
    analyst = app.get(API + "/warnings", headers=login(app, accounts["analyst"])).json()
    internal = [w for w in analyst if w["internal"]]
    assert any(approved["code"] in str(w) for w in internal), "the sharp fall is warned internally"
    with open_store(f"duckdb://{demo_store_file}") as store:
        identifiers = [x for row in store.fetchall("SELECT credit_code, name FROM enterprises") for x in row]
    for role in ("city", "evaluator"):
        response = app.get(API + "/warnings", headers=login(app, accounts[role]))
        assert response.status_code == 200
        assert not [w for w in response.json() if w["internal"]], role
        leaked = [x for x in identifiers if x in response.text]
        assert leaked == [], f"{role} sees enterprises named in warnings: {leaked[:5]}"


# --- uploads stay within the uploader's scope -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["city", "enterprise"])
def test_upload_of_records_outside_ones_scope_is_refused(
    role: str, app: TestClient, accounts: dict[str, DemoAccount], demo_store_file: Path
) -> None:
    """A city may report for its own enterprises, an enterprise for itself: not for anybody else.

    Refused either whole (403) or row by row (the rows are problems of the validation report and nothing valid is
    left to submit).
    """
    with open_store(f"duckdb://{demo_store_file}") as store:
        row = store.fetchone(
            "SELECT min(credit_code) FROM enterprises WHERE is_current AND region LIKE ?", (OTHER_CITY[:4] + "%",)
        )
    assert row is not None
    foreign = str(row[0])
    text = HEADER + f"{foreign},2021年1-2月,100.0,10.0,10.0,1.0,1.0,10\n"
    response = app.post(
        API + "/submissions",
        headers=login(app, accounts[role]),
        data={"kind": "reports"},
        files={"file": ("foreign.csv", text.encode(), "text/csv")},
    )
    if response.status_code == 403:
        bilingual_error(response, "forbidden")
        return
    assert response.status_code == 200, response.text
    created = response.json()
    assert created["rows_valid"] == 0, f"{role} may upload a report of {foreign} (outside its scope): {created}"
    assert any(p["field"] == "credit_code" and p["row"] == 2 for p in created["report"]["problems"])


# --- headers and the API documentation --------------------------------------------------------------------------


def security_headers_problems(response: Any) -> list[str]:
    problems = []
    csp = response.headers.get("content-security-policy", "")
    if "default-src 'self'" not in csp:
        problems.append(f"CSP without default-src 'self': {csp!r}")
    if "frame-ancestors 'none'" not in csp:
        problems.append("CSP allows framing")
    if re.search(r"https?:|\*", csp):
        problems.append(f"CSP allows another origin: {csp!r}")
    if response.headers.get("x-frame-options") != "DENY":
        problems.append("no X-Frame-Options: DENY")
    if response.headers.get("x-content-type-options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    return problems


def test_security_headers_on_every_answer(app_client: TestClient, headers: dict[str, dict[str, str]]) -> None:
    requests = [
        ("GET", API + "/health", {}, None),
        ("GET", API + "/plan", headers["evaluator"], None),
        ("GET", API + "/targets", {}, None),  # 401
        ("GET", API + "/enterprises", headers["evaluator"], None),  # 403
        ("GET", API + "/indicators/no_such_indicator", headers["analyst"], None),  # 404
        ("GET", API + "/enterprises?limit=0", headers["analyst"], None),  # 422
        ("POST", API + "/auth/login", {}, {"username": "nobody-here", "password": "x"}),  # 401
        ("GET", API + "/docs", {}, None),
        ("GET", API + "/openapi.json", {}, None),
        ("GET", "/static/api-docs.js", {}, None),
        ("GET", "/no/such/page", {}, None),
        ("GET", "/", {}, None),
    ]
    problems = []
    for method, url, auth, body in requests:
        response = app_client.request(method, url, headers=auth, json=body, follow_redirects=False)
        problems += [f"{method} {url} ({response.status_code}): {p}" for p in security_headers_problems(response)]
    app_client.cookies.clear()
    assert problems == []


class References(HTMLParser):
    """Every URL an HTML page loads or links to (src and href attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def test_api_docs_are_served_from_this_server_only(app_client: TestClient) -> None:
    page = app_client.get(API + "/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    parser = References()
    parser.feed(page.text)
    assert parser.urls, "the docs page loads its scripts and styles"
    assert all(url.startswith("/static/") for url in parser.urls), parser.urls
    assert 'data-openapi="/api/v1/openapi.json"' in page.text
    missing = [url for url in parser.urls if app_client.get(url).status_code != 200]
    assert missing == [], f"the docs page needs files this server does not serve: {missing}"
    spec = app_client.get(API + "/openapi.json")
    assert spec.status_code == 200
    assert spec.json()["info"]["title"] and "/api/v1/targets" in spec.json()["paths"]
