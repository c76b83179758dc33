"""`seimon disclosure publish|show|list|audit` and public answers from a release."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from seimon.cli.app import app
from seimon.disclose.rules import load_rules
from seimon.errors import SeimonError
from seimon.store import open_store

from .conftest import done_when_firms, load_firms


def _store(tmp_path: Path) -> str:
    url = f"duckdb://{tmp_path / 'store.duckdb'}"
    with open_store(url) as store:
        load_firms(store, done_when_firms())
    return url


def _json(args: list[str]) -> object:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_publish_records_the_pattern_and_the_audit_and_public_answers_come_from_it(tmp_path: Path) -> None:
    url = _store(tmp_path)
    summary = _json(
        ["disclosure", "publish", "2019", "--on", "2020-03-01", "--indicators", "sei_va", "--store", url, "--json"]
    )
    assert summary["audit_ok"] is True and summary["withheld"] > 0 and summary["released_on"] == "2020-03-01"
    shown = _json(["disclosure", "show", str(summary["id"]), "--store", url, "--json"])
    withheld = [c for c in shown["cell_list"] if c["suppressed"]]
    cities = {c["key"][0]: c for c in withheld if c["table"] == "region:reporting"}
    assert {"130800", "130700"} <= set(cities)
    for cell in withheld:  # the audit: every withheld cell has its feasible interval, the sensitive ones wide enough
        assert cell["value"] is None and cell["lower"] is not None and cell["protected"] is not False
    assert cities["130800"]["status"] == "threshold" and cities["130700"]["status"] == "dominance"
    assert _json(["disclosure", "list", "--store", url, "--json"])[0]["id"] == summary["id"]
    # a late report changes a published city; the public answer for the released period stays the release's
    before = {r["region"]: r for r in _json(["query", "sei_va", "--period", "2019", "--by", "region", "--edition",
                                             "public", "--json", "--store", url])}  # fmt: skip
    published = [c for c, r in before.items() if not r["suppressed"]]
    firms = done_when_firms()
    city_of = {f.region: f.region if f.region in ("130682", "130181") else f.region[:4] + "00" for f in firms}
    late = next(i for i, f in enumerate(firms) if city_of[f.region] in published)
    with open_store(url) as store:
        store.execute(
            f"UPDATE reports SET value_added = value_added + 1000 WHERE credit_code = '91130000MA{late:07d}Y'"
        )
    internal = {r["region"]: r for r in _json(["query", "sei_va", "--period", "2019", "--by", "region", "--json",
                                               "--store", url])}  # fmt: skip
    after = {r["region"]: r for r in _json(["query", "sei_va", "--period", "2019", "--by", "region", "--edition",
                                            "public", "--json", "--store", url])}  # fmt: skip
    changed = [c for c in after if not after[c]["suppressed"] and internal[c]["value"] != before[c]["value"]]
    assert changed, "the late report changed a published city"
    assert all(after[c]["value"] == before[c]["value"] for c in changed)


def test_audit_prints_one_json_document_and_a_bad_edition_is_refused(tmp_path: Path) -> None:
    url = _store(tmp_path)
    out = _json(["disclosure", "audit", "2019", "--indicators", "sei_va", "--store", url, "--json"])
    assert out[0]["indicator"] == "sei_va" and out[0]["audit_ok"] is True
    assert {w["status"] for w in out[0]["withheld"]} >= {"threshold", "dominance"}
    result = CliRunner().invoke(app, ["query", "sei_va", "--edition", "open", "--store", url])
    assert result.exit_code != 0


def test_a_rule_file_error_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("min_contributors: 3\ndominance:\n  p: 10\n  n: 2\nprotection_percent: 10\n", encoding="utf-8")
    try:
        load_rules(bad)
    except SeimonError as err:
        assert err.location.file == str(bad) and err.location.line == 2
    else:
        raise AssertionError("p and n together must be refused")


def test_a_release_round_trips_on_both_stores(store_url: str) -> None:
    """The release tables (migration 0011) on DuckDB and PostgreSQL: publish, then read back the same cells."""
    from seimon.disclose.releases import latest_release, publish

    with open_store(store_url) as store:
        load_firms(store, done_when_firms())
        release = publish(store, "2019", indicators=["sei_va"])
        again = latest_release(store, (2019, 12))
    assert again is not None and again.id == release.id and again.audit_ok
    assert {k: (c.value, c.status) for k, c in again.cells.items()} == {
        k: (c.value, c.status) for k, c in release.cells.items()
    }
    assert again.cells[("sei_va", ("region:reporting", ("130800",)))].status == "threshold"
