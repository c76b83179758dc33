"""Uploads under attack: scope decided by the register, limits on what a file may hold, the event loop kept free,
quotas per submitter, rejected originals not kept forever, and no server path shown to the user."""

from __future__ import annotations

import io
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import OTHER_CITY, LiveServer, copy_store, login

from seimon.access.demo_accounts import DemoAccount
from seimon.store import open_store
from seimon.web import Settings, create_app

API = "/api/v1"
ENTERPRISE_HEADER = "统一社会信用代码,企业名称,地区代码,行业代码\n"


def started(demo_store_file: Path, folder: Path, **settings: Any) -> TestClient:
    client = TestClient(create_app(Settings(store=copy_store(demo_store_file, folder), **settings)))
    client.__enter__()
    return client


@pytest.fixture(scope="module")
def app(demo_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    client = started(demo_store_file, tmp_path_factory.mktemp("upload_hardening"), login_max_failures=50)
    yield client
    client.__exit__(None, None, None)


def foreign_enterprise(demo_store_file: Path) -> tuple[str, str, str]:
    """(credit code, name, industry) of a registered enterprise of another city than the demo city account's."""
    with open_store(f"duckdb://{demo_store_file}") as store:
        row = store.fetchone(
            "SELECT credit_code, name, industry FROM enterprises WHERE is_current AND region LIKE ?"
            " ORDER BY credit_code LIMIT 1",
            (OTHER_CITY[:4] + "%",),
        )
    assert row is not None
    return str(row[0]), str(row[1]), str(row[2])


def upload(client: TestClient, headers: dict[str, str], kind: str, name: str, content: bytes) -> httpx.Response:
    return client.post(API + "/submissions", headers=headers, data={"kind": kind}, files={"file": (name, content)})


def test_a_city_cannot_take_another_citys_enterprise_by_writing_its_own_region(
    app: TestClient, accounts: dict[str, DemoAccount], demo_store_file: Path
) -> None:
    """The region on record decides: 石家庄 writing 130102 for a 唐山 enterprise is refused, not approved."""
    code, name, industry = foreign_enterprise(demo_store_file)
    city = accounts["city"]
    assert city.region and not city.region.startswith(OTHER_CITY[:4])
    text = ENTERPRISE_HEADER + f"{code},{name},{city.region[:4]}02,{industry}\n"
    response = upload(app, login(app, city), "enterprises", "takeover.csv", text.encode())
    assert response.status_code == 403, response.text
    error = response.json()["error"]
    assert error["code"] == "forbidden" and error["location"]["row"] == 2


def test_an_analyst_moving_an_enterprise_to_another_city_gets_its_own_warning(
    app: TestClient, accounts: dict[str, DemoAccount], demo_store_file: Path
) -> None:
    code, name, industry = foreign_enterprise(demo_store_file)
    text = ENTERPRISE_HEADER + f"{code},{name},130102,{industry}\n"
    response = upload(app, login(app, accounts["analyst"]), "enterprises", "move.csv", text.encode())
    assert response.status_code == 200, response.text
    created = response.json()
    moved = [p for p in created["report"]["problems"] if p["rule"] == "region_reassigned"]
    assert [(p["row"], p["severity"], p["value"]) for p in moved] == [(2, "warning", "130102")]
    assert created["rows_warned"] >= 1 and "另一地市" in created["report"]["message_zh"]


def xlsx_bomb(rows: int) -> bytes:
    """A small XLSX whose one sheet unpacks to many times its size (repetitive rows compress very well)."""
    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/')
    sheet.write('spreadsheetml/2006/main"><sheetData>')
    sheet.write('<row><c t="inlineStr"><is><t>x</t></is></c></row>' * rows)
    sheet.write("</sheetData></worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())
    return out.getvalue()


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused_before_it_is_read(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> None:
    client = started(demo_store_file, tmp_path, max_upload_unpacked_mb=1)
    try:
        bomb = xlsx_bomb(40_000)
        assert len(bomb) < 50_000
        response = upload(client, login(client, accounts["analyst"]), "reports", "bomb.xlsx", bomb)
        assert response.status_code == 413, response.text
        error = response.json()["error"]
        assert error["code"] == "too_large" and "bomb.xlsx" in error["message_en"]
        assert "unpacks to" in error["message_en"]
    finally:
        client.__exit__(None, None, None)


def test_rows_and_columns_beyond_the_limits_are_refused(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> None:
    client = started(demo_store_file, tmp_path, max_upload_rows=100, max_upload_columns=20)
    try:
        headers = login(client, accounts["analyst"])
        many = "行业代码,时期,价格指数\n" + "38,2020年1-9月,101.2\n" * 101
        response = upload(client, headers, "deflators", "many.csv", many.encode())
        assert response.status_code == 413 and "more than 100 data rows" in response.json()["error"]["message_en"]
        wide = ",".join(f"c{i}" for i in range(21)) + "\n" + ",".join("1" * 21) + "\n"
        response = upload(client, headers, "deflators", "wide.csv", wide.encode())
        assert response.status_code == 413 and "21 columns" in response.json()["error"]["message_en"]
        hundred = "行业代码,时期,价格指数\n" + "38,2020年1-9月,101.2\n" * 100
        fits = upload(client, headers, "deflators", "fits.csv", hundred.encode())
        assert fits.status_code == 200, fits.text
    finally:
        client.__exit__(None, None, None)


def test_health_answers_while_a_large_upload_is_validated(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> None:
    """Validation runs in a worker: the event loop keeps answering /health while a big file is checked."""
    rows = "".join(f"91130100MA{i:07d}X,2020年1-9月,{i},1,1,1,1,10\n" for i in range(40_000))
    header = "credit_code,period,revenue,value_added,value_added_prior,profit,rd_expenditure,employees\n"
    text = (header + rows).encode()
    with LiveServer(Settings(store=copy_store(demo_store_file, tmp_path))) as server:
        token = httpx.post(
            server.url + API + "/auth/login",
            json={"username": accounts["analyst"].username, "password": accounts["analyst"].password},
        ).json()["token"]
        done: dict[str, Any] = {}

        def send() -> None:
            done["response"] = httpx.post(
                server.url + API + "/submissions",
                headers={"Authorization": f"Bearer {token}"},
                data={"kind": "reports"},
                files={"file": ("big.csv", text)},
                timeout=600,
            )

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(0.5)
        answered_during = 0
        while sender.is_alive():
            health = httpx.get(server.url + API + "/health", timeout=5)
            assert health.status_code == 200
            if sender.is_alive():
                answered_during += 1
            time.sleep(0.2)
        sender.join()
        assert done["response"].status_code == 200, done["response"].text
        assert answered_during >= 3, "health did not answer while the upload was validated"


def test_quota_per_submitter_and_rejected_originals_kept_only_up_to_the_limit(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> None:
    client = started(demo_store_file, tmp_path, keep_rejected_files=2, submitter_quota_mb=0.01)
    try:
        headers = login(client, accounts["analyst"])
        ids = []
        for i in range(4):  # rejected whole: no recognisable header
            response = upload(client, headers, "reports", f"junk{i}.csv", f"foo,bar\n{i},2\n".encode())
            assert response.status_code == 200 and response.json()["validation_status"] == "rejected"
            ids.append(response.json()["id"])
        listed = {s["id"]: s for s in client.get(API + "/submissions", headers=headers).json()}
        dropped = [i for i in ids if listed[i]["content_dropped_at"] is not None]
        assert dropped == ids[:2], "only the 2 newest rejected originals keep their bytes"
        for i in ids:  # metadata and report always kept
            one = client.get(f"{API}/submissions/{i}", headers=headers).json()
            assert one["size"] > 0 and one["sha256"] and one["report"]["status"] == "rejected"
        big = b"foo,bar\n" + b"1,2\n" * 3000  # 12 KB > the 10 KB quota
        response = upload(client, headers, "reports", "big.csv", big)
        assert response.status_code == 413 and response.json()["error"]["code"] == "quota_exceeded", response.text
    finally:
        client.__exit__(None, None, None)


def test_validation_messages_never_show_the_servers_temporary_paths(
    app: TestClient, accounts: dict[str, DemoAccount]
) -> None:
    headers = login(app, accounts["analyst"])
    for name, content in (("bad.xlsx", b"PK\x03\x04 not really a workbook"), ("empty.csv", b"")):
        response = upload(app, headers, "reports", name, content)
        assert "/tmp" not in response.text and "seimon-upload-" not in response.text, response.text
