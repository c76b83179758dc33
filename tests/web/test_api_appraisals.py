"""``GET /api/v1/appraisals/{year}`` on the demo store: each role's cut, the release to the public, the JSON shape."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from tests.web.conftest import copy_store, login

from seimon.access.demo_accounts import DemoAccount
from seimon.web import Settings, create_app

CITY = "130100"  # the demo city account's region


def get(client: TestClient, headers: dict[str, str], url: str = "/api/v1/appraisals/2019") -> dict:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_admin_sees_everything_with_a_rank_interval_for_every_unit(
    app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    data = get(app_client, headers["admin"])
    assert len(data["units"]) == 13
    for unit in data["units"]:
        assert unit["rank_low"] <= unit["rank"] <= unit["rank_high"]
        assert unit["pillars"] and all("value" in v for v in unit["indicators"].values())
    assert set(data["sensitivity"]["total"]) == {"weights", "normalisation", "aggregation", "missing", "outliers"}


def test_a_city_sees_the_ranking_and_only_its_own_full_profile(
    app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    full = {u["unit"]: u for u in get(app_client, headers["admin"])["units"]}
    data = get(app_client, headers["city"])
    assert [u["unit"] for u in data["units"]] == list(full)  # the whole ranking, same order
    for unit in data["units"]:
        assert unit["rank"] == full[unit["unit"]]["rank"] and unit["rank_low"] == full[unit["unit"]]["rank_low"]
        if unit["unit"] == CITY:
            assert unit["own"] is True and unit["indicators"] == full[CITY]["indicators"]
        else:
            assert "pillars" not in unit and "indicators" not in unit
    assert all("before" not in w for w in data["winsorised"])


def test_the_evaluator_sees_scores_but_no_raw_values_and_an_enterprise_the_ranking(
    app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    data = get(app_client, headers["evaluator"])
    for unit in data["units"]:
        assert unit["pillars"] and all(
            set(v) <= {"score", "missing", "suppressed"} for v in unit["indicators"].values()
        )
    data = get(app_client, headers["enterprise"])
    assert all(set(u) <= {"unit", "name", "name_zh", "name_en", "score", "rank", "rank_median", "rank_low",
                          "rank_high", "sensitivity"} for u in data["units"])  # fmt: skip


def test_departments_come_from_the_registers_and_bad_units_are_bilingual_errors(
    app_client: TestClient, headers: dict[str, dict[str, str]]
) -> None:
    response = app_client.get("/api/v1/appraisals/2019?units=departments", headers=headers["admin"])
    assert response.status_code == 200  # the demo store has task and project registers naming departments
    assert all(u["unit"].startswith("省") for u in response.json()["units"])
    response = app_client.get("/api/v1/appraisals/2019?units=towns", headers=headers["admin"])
    assert response.status_code == 400
    assert response.json()["error"]["message_zh"] and response.json()["error"]["message_en"]


def test_the_public_sees_an_appraisal_only_after_the_admin_released_it(
    demo_store_file: Path, tmp_path: Path, accounts: dict[str, DemoAccount]
) -> None:
    app = create_app(Settings(store=copy_store(demo_store_file, tmp_path), public_enabled=True))
    with TestClient(app) as client:
        assert client.get("/api/v1/appraisals/2019").status_code == 404
        admin = login(client, accounts["admin"])
        released = client.post("/api/v1/appraisals/2019/release", headers=admin)
        assert released.status_code == 200, released.text
        assert released.json()["released_by"] == accounts["admin"].username
        client.cookies.clear()
        data = get(client, {})
        assert len(data["units"]) == 13
        assert all(u["pillars"] and "indicators" not in u for u in data["units"])
        assert client.get("/api/v1/appraisals/2018").status_code == 404  # another year stays unpublished
        audit = client.get("/api/v1/audit", headers=admin).json()
        assert any(e["action"] == "release_appraisal" for e in audit)


def test_bases_and_cities_on_withheld_cells_lose_values_scores_and_pillars_for_roles_without_microdata(
    app_client: TestClient, headers: dict[str, dict[str, str]], demo_store_file: Path
) -> None:
    """Attack: a score is a known function of the value (min-max), so a withheld unit's score and the pillar
    holding it would give its value back from the published units'. Every unit × enterprise indicator whose cell
    the public edition withholds (threshold, dominance, or to protect one) shows neither to the evaluator."""
    from seimon.disclose.outlets import UNIT_TABLES, _deciding
    from seimon.disclose.public import Decisions
    from seimon.disclose.rules import load_rules
    from seimon.indicators.registry import load_registry
    from seimon.store import open_store

    registry = load_registry()
    found = 0
    for kind in ("bases", "cities"):
        full = get(app_client, headers["admin"], f"/api/v1/appraisals/2019?units={kind}")
        seen = {
            u["unit"]: u
            for u in get(app_client, headers["evaluator"], f"/api/v1/appraisals/2019?units={kind}")["units"]
        }
        pillar_of = {i["id"]: i["pillar"] for i in full["indicators"]}
        with open_store(f"duckdb://{demo_store_file}", read_only=True) as store:
            decisions = Decisions(store, registry, load_rules())
            for unit in full["units"]:
                cell = (UNIT_TABLES[kind], (unit["unit"],))
                for spec in full["indicators"]:
                    names = _deciding(registry, spec["source"])
                    if spec["id"] not in unit["indicators"] or not names:
                        continue
                    if any(decisions.withheld(n, (2019, 12), cell) for n in names):
                        found += 1
                        shown = seen[unit["unit"]]
                        assert shown["indicators"][spec["id"]]["score"] is None, (kind, unit["unit"], spec["id"])
                        assert shown["pillars"][pillar_of[spec["id"]]] is None
                        assert shown["score"] is None and shown["rank"] is not None  # no composite to difference
                        assert spec["id"] in shown["suppressed"]
    assert found > 0, "the demo store has withheld bases or cities: the test must see some"


def test_the_appraisal_bulletin_withholds_what_the_api_withholds(demo_store_file: Path) -> None:
    """The bulletin is public: a base or city resting on too few enterprises shows no composite or pillar, and
    the pillar average that would give it back is withheld too; the other units keep their scores."""
    from seimon.appraise import appraise
    from seimon.disclose.outlets import protect_appraisal
    from seimon.report.appraisal import build_appraisal_bulletin
    from seimon.report.content import SUPPRESSED
    from seimon.store import open_store

    seen_withheld = 0
    for kind in ("bases", "cities"):
        with open_store(f"duckdb://{demo_store_file}", read_only=True) as store:
            full = appraise(store, 2019, units=kind, draws=50)
            shown = protect_appraisal(store, full.to_dict())
            bulletin = build_appraisal_bulletin(store, 2019, units=kind, draws=50)
        withheld = {u["unit"] for u in shown["units"] if u.get("suppressed")}
        names = {u.unit: u.name_zh for u in full.units}
        ranking = next(t for s in bulletin.sections for t in s.tables if t.key == "ranking")
        by_name = {row[1]: row for row in ranking.rows}
        for unit in withheld:
            assert by_name[names[unit]][2] == SUPPRESSED, (kind, unit)
            assert bulletin.numbers[f"score_{unit}"] is None
        published = [u for u in full.units if u.unit not in withheld and u.score is not None]
        assert all(by_name[names[u.unit]][2] != SUPPRESSED for u in published)
        if any(u["rank"] is not None for u in shown["units"] if u.get("suppressed")):
            assert any(v is None for v in shown["averages"].values())
        seen_withheld += len(withheld)
    # on this small store (300 enterprises) every unit has some withheld indicator; the larger demo has both
    assert seen_withheld, "the demo store has units resting on few enterprises: the test must see some"
