"""Small leaks and gaps: no server paths in batches, a password change for every user (API and page), and the
admin command line working while the server owns the store."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from tests.web.conftest import copy_store, login
from tests.web.test_login_hardening import Served

from seimon.access.demo_accounts import DemoAccount
from seimon.web import Settings, create_app

API = "/api/v1"


def test_batches_show_file_names_never_server_paths(
    app_client: TestClient, accounts: dict[str, DemoAccount], demo_data_dir: Path
) -> None:
    headers = login(app_client, accounts["evaluator"])
    listed = app_client.get(API + "/batches", headers=headers)
    assert listed.status_code == 200 and listed.json()
    for batch in listed.json()[:5]:
        one = app_client.get(f"{API}/batches/{batch['batch_id']}", headers=headers)
        for answer in (listed, one):
            assert str(demo_data_dir) not in answer.text and "/tmp/" not in answer.text
        assert one.json()["file_path"] == one.json()["file_name"]


def test_every_user_can_change_their_own_password(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> None:
    client = TestClient(create_app(Settings(store=copy_store(demo_store_file, tmp_path))))
    with client:
        city = accounts["city"]
        old = login(client, city)
        wrong = client.post(
            API + "/auth/password", headers=old, json={"current_password": "nope", "new_password": "n3w-secret-pw"}
        )
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "bad_credentials"
        weak = client.post(
            API + "/auth/password", headers=old, json={"current_password": city.password, "new_password": "x"}
        )
        assert weak.status_code == 400, weak.text
        changed = client.post(
            API + "/auth/password",
            headers=old,
            json={"current_password": city.password, "new_password": "n3w-secret-pw"},
        )
        assert changed.status_code == 200, changed.text
        assert client.get(API + "/auth/me", headers=old).status_code == 401, "the old session ended"
        fresh = {"Authorization": f"Bearer {changed.json()['token']}"}
        assert client.get(API + "/auth/me", headers=fresh).json()["username"] == city.username
        body = {"username": city.username, "password": city.password}
        assert client.post(API + "/auth/login", json=body).status_code == 401
        body["password"] = "n3w-secret-pw"
        assert client.post(API + "/auth/login", json=body).status_code == 200

        page = client.get("/account/password")  # the cookie of that last login
        assert page.status_code == 200 and 'id="password-form"' in page.text and "/static/js/password.js" in page.text
        assert 'href="/account/password"' in page.text
        client.cookies.clear()
        anonymous = client.get("/account/password", follow_redirects=False)
        assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login?next=")


def run_cli(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    return subprocess.run(
        [sys.executable, "-m", "seimon", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_users_passwd_and_disable_work_while_the_server_runs(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> None:
    url = copy_store(demo_store_file, tmp_path)
    analyst = accounts["analyst"]
    with Served(Settings(store=url)) as server:
        owner = server.server.config.app.state.seimon.owner
        owner.announce(server.url)
        marker = Path(str(tmp_path / "store.duckdb") + ".serve.json")
        assert stat.S_IMODE(marker.stat().st_mode) == 0o600, "only the owner may read the admin token"
        changed = run_cli(["users", "passwd", analyst.username, "--store", url], "an0ther-secret\n")
        assert changed.returncode == 0, changed.stdout + changed.stderr
        assert "through the server" in changed.stdout
        login_as = {"username": analyst.username, "password": "an0ther-secret"}
        assert httpx.post(server.url + API + "/auth/login", json=login_as).status_code == 200
        disabled = run_cli(["users", "disable", analyst.username, "--store", url])
        assert disabled.returncode == 0, disabled.stdout + disabled.stderr
        assert httpx.post(server.url + API + "/auth/login", json=login_as).status_code == 401
        unknown = run_cli(["users", "disable", "nobody", "--store", url])
        assert unknown.returncode == 2 and "nobody" in unknown.stdout + unknown.stderr
        forged = httpx.post(
            server.url + API + "/users/nobody/disable", headers={"Authorization": "Bearer not-the-token"}
        )
        assert forged.status_code == 401
