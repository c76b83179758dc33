"""Every error is the documented JSON error: integers out of the store's range stop at the edge (422), and an
unforeseen exception is a JSON 500, never a plain-text one or a traceback."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import login

from seimon.access.demo_accounts import DemoAccount

API = "/api/v1"
HUGE = "9" * 95


@pytest.mark.parametrize(
    "path",
    [
        f"/enterprises?offset={HUGE}",
        f"/quarantine?batch={HUGE}",
        f"/batches/{HUGE}",
        f"/submissions/{HUGE}",
        f"/submissions/{HUGE}/report.xlsx",
        "/batches/9223372036854775808",
        "/enterprises?offset=-1",
    ],
)
def test_integers_out_of_range_are_a_json_422(
    path: str, app_client: TestClient, accounts: dict[str, DemoAccount]
) -> None:
    response = app_client.get(API + path, headers=login(app_client, accounts["admin"]))
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "bad_request"


def test_the_largest_store_integer_is_accepted(app_client: TestClient, accounts: dict[str, DemoAccount]) -> None:
    response = app_client.get(API + "/batches/9223372036854775807", headers=login(app_client, accounts["admin"]))
    assert response.status_code == 404, response.text


def test_an_unexpected_exception_is_the_json_error(app_client: TestClient) -> None:
    app = app_client.app

    def broken() -> None:
        raise IndexError("list index out of range")

    app.add_api_route(API + "/_test_broken", broken, include_in_schema=False)  # type: ignore[attr-defined]
    client = TestClient(app, raise_server_exceptions=False)
    response = client.get(API + "/_test_broken")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "internal_error" and "服务器内部错误" in error["message_zh"]
    assert "IndexError" not in response.text and "Traceback" not in response.text
