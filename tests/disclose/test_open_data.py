"""The open data service: a recorded release as JSON, CSV and XLSX with metadata and caching headers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from seimon.disclose.releases import publish
from seimon.store import open_store
from seimon.web.app import create_app
from seimon.web.settings import Settings

from .conftest import done_when_firms, load_firms


def test_a_release_downloads_with_metadata_and_caching_headers(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 'store.duckdb'}"
    with open_store(url) as store:
        load_firms(store, done_when_firms())
        release = publish(store, "2019", on=dt.date(2020, 3, 1), indicators=["sei_va"])
    client = TestClient(create_app(Settings(store=url, public_enabled=True)))
    listing = client.get("/api/v1/open/releases")
    assert listing.status_code == 200 and listing.json()[0]["id"] == release.id
    got = client.get(f"/api/v1/open/releases/{release.id}")
    assert got.status_code == 200 and "public" in got.headers["cache-control"]
    body = got.json()
    assert body["metadata"]["released_on"] == "2020-03-01" and body["metadata"]["indicators"][0]["unit"] == "万元"
    cells = {(r["table"], r["key"]): r for r in body["data"]}
    assert (
        cells[("region:reporting", "130800")]["value"] is None and cells[("region:reporting", "130800")]["suppressed"]
    )
    assert not any("lower" in r or "contributors" in r for r in body["data"])  # no audit interval leaves
    again = client.get(f"/api/v1/open/releases/{release.id}", headers={"If-None-Match": got.headers["etag"]})
    assert again.status_code == 304
    text = client.get(f"/api/v1/open/releases/{release.id}?format=csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(body["data"]) and next(r for r in rows if r["key"] == "130800")["value"] == ""
    book = load_workbook(io.BytesIO(client.get(f"/api/v1/open/releases/{release.id}?format=xlsx").content))
    assert book.sheetnames == ["data", "metadata"] and book["data"].max_row == len(rows) + 1
