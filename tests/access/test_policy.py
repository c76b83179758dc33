"""The authorisation policy: the declared matrix, the hand-written table of sensitive actions, scopes, file errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from seimon.access.policy import (
    ACTIONS,
    Forbidden,
    MicrodataScope,
    NotAuthenticated,
    allowed,
    authorize,
    load_permissions,
    microdata_scope,
)
from seimon.access.roles import PUBLIC_PRINCIPAL, Principal, Role
from seimon.errors import SeimonError
from seimon.resources import resource_path
from seimon.store import Store

PACKAGED = resource_path("access", "permissions.yaml")
CODE = "91130100MA0000001X"  # only compared, never validated here

PRINCIPALS = {
    Role.ADMIN: Principal("root", Role.ADMIN),
    Role.ANALYST: Principal("ana", Role.ANALYST),
    Role.CITY: Principal("baoding", Role.CITY, region="130600"),
    Role.ENTERPRISE: Principal("ent", Role.ENTERPRISE, credit_code=CODE),
    Role.DEPARTMENT: Principal("kjt", Role.DEPARTMENT, department="省科技厅"),
    Role.EVALUATOR: Principal("eva", Role.EVALUATOR),
    Role.PUBLIC: PUBLIC_PRINCIPAL,
}

# Written by hand from the issue, not from the YAML: who may take the actions that expose respondents' data
# or control the platform. Public is judged with public access switched on.
SENSITIVE: dict[str, set[Role]] = {
    "read_microdata": {Role.ADMIN, Role.ANALYST, Role.CITY, Role.ENTERPRISE},
    "approve": {Role.ADMIN, Role.ANALYST},
    "manage_users": {Role.ADMIN},
    "read_audit": {Role.ADMIN},
    "read_quarantine": {Role.ADMIN, Role.ANALYST},
    "read_internal_warnings": {Role.ADMIN, Role.ANALYST},
    "download_internal_report": {Role.ADMIN, Role.ANALYST},
    # the registers: the government side reads the projects; cities and departments edit their own (issue 16)
    "read_projects": {Role.ADMIN, Role.ANALYST, Role.CITY, Role.DEPARTMENT, Role.EVALUATOR},
    "edit_registers": {Role.ADMIN, Role.ANALYST, Role.CITY, Role.DEPARTMENT},
    "read_warnings": {Role.ADMIN, Role.ANALYST, Role.CITY, Role.EVALUATOR},
    # an enterprise against its peers: the enterprise itself; province users name one (issue 18)
    "benchmark_enterprise": {Role.ADMIN, Role.ANALYST, Role.ENTERPRISE},
    # third-party evaluation (issue 20): the admin opens and assigns, the evaluator judges and signs, the province
    # answers evidence requests for the departments, a department those addressed to it; reading is limited to the
    # evaluation's own organisation.
    "manage_evaluations": {Role.ADMIN},
    "evaluate": {Role.EVALUATOR},
    "answer_evidence": {Role.ADMIN, Role.ANALYST, Role.DEPARTMENT},
    "read_evaluations": {Role.ADMIN, Role.ANALYST, Role.DEPARTMENT, Role.EVALUATOR},
}


def test_every_role_and_action_follows_the_yaml() -> None:
    raw = yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))
    assert tuple(raw["actions"]) == ACTIONS
    assert set(raw["roles"]) == {r.value for r in Role}
    for role, principal in PRINCIPALS.items():
        granted = set(raw["roles"][role.value]["actions"])
        for action in ACTIONS:
            assert allowed(principal, action, public_enabled=True) == (action in granted), (role, action)


@pytest.mark.parametrize("action", sorted(SENSITIVE))
def test_sensitive_actions_match_the_hand_written_table(action: str) -> None:
    for role, principal in PRINCIPALS.items():
        assert allowed(principal, action, public_enabled=True) == (role in SENSITIVE[action]), (role, action)


def test_contract_actions_are_declared_with_both_languages() -> None:
    contract = {
        "read_plan",
        "read_aggregates",
        "read_methods",
        "read_microdata",
        "read_warnings",
        "read_internal_warnings",
        "upload",
        "approve",
        "read_batches",
        "read_quarantine",
        "download_public_report",
        "download_internal_report",
        "manage_users",
        "read_audit",
        "read_projects",
        "edit_registers",
        "benchmark_enterprise",
    }
    assert contract <= set(ACTIONS)
    perms = load_permissions()
    for spec in perms.actions.values():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in spec.zh) and spec.en.isascii()
    assert {a for a, s in perms.actions.items() if s.microdata} == {"read_microdata", "upload"}
    assert {a for a, s in perms.actions.items() if s.registers} == {"read_projects", "edit_registers"}


def test_role_relations_from_the_issue() -> None:
    perms = load_permissions()
    assert perms.actions_of(Role.ANALYST) < perms.actions_of(Role.ADMIN)  # admin: everything analyst can, and more
    assert perms.actions_of(Role.PUBLIC) == {"read_plan", "read_aggregates", "download_public_report"}
    evaluator = perms.actions_of(Role.EVALUATOR)
    assert {"read_aggregates", "read_methods", "read_warnings", "read_batches", "download_public_report"} <= evaluator
    assert perms.actions_of(Role.CITY) >= {"upload", "read_microdata"}
    assert "upload" in perms.actions_of(Role.ENTERPRISE)


def test_public_access_is_off_by_default() -> None:
    for action in ACTIONS:
        assert not allowed(None, action)
        assert not allowed(PUBLIC_PRINCIPAL, action)
    assert allowed(None, "read_aggregates", public_enabled=True)
    assert not allowed(None, "read_methods", public_enabled=True)


def test_unknown_action_is_an_error_not_a_silent_no() -> None:
    with pytest.raises(SeimonError) as info:
        allowed(PRINCIPALS[Role.ADMIN], "read_everything")
    assert info.value.code == "unknown_action"


def test_authorize_maps_refusals_to_401_and_403() -> None:
    with pytest.raises(NotAuthenticated) as anon:
        authorize(None, "read_aggregates")
    assert anon.value.code == "not_authenticated" and anon.value.message_en
    assert authorize(None, "read_aggregates", public_enabled=True) == PUBLIC_PRINCIPAL
    with pytest.raises(NotAuthenticated):  # anonymous and public may not: log in, not "forbidden"
        authorize(None, "read_microdata", public_enabled=True)
    with pytest.raises(Forbidden) as denied:
        authorize(PRINCIPALS[Role.EVALUATOR], "read_microdata")
    assert denied.value.code == "forbidden"
    assert "read_microdata" in denied.value.message_en and "evaluator" in denied.value.message_zh
    assert authorize(PRINCIPALS[Role.ANALYST], "approve") is PRINCIPALS[Role.ANALYST]


def test_authorize_checks_the_scope_of_microdata_actions() -> None:
    city, enterprise = PRINCIPALS[Role.CITY], PRINCIPALS[Role.ENTERPRISE]
    assert authorize(city, "read_microdata", region="130602") is city  # 竞秀区, under 保定
    assert authorize(city, "upload", region="130600") is city
    for outside in ("130682", "130100", "999999"):  # 定州 is reported apart from 保定
        with pytest.raises(Forbidden):
            authorize(city, "read_microdata", region=outside)
    with pytest.raises(Forbidden):  # a credit code alone does not place a record in a city's scope
        authorize(city, "read_microdata", credit_code=CODE)
    assert authorize(enterprise, "read_microdata", credit_code=CODE) is enterprise
    with pytest.raises(Forbidden):
        authorize(enterprise, "upload", credit_code="91130100MA0000002Y")
    assert authorize(PRINCIPALS[Role.ANALYST], "read_microdata", region="130682", credit_code=CODE)
    # non-microdata actions ignore the record: aggregates of other regions are open to a city
    assert authorize(city, "read_aggregates", region="130100") is city


def test_city_scope_follows_the_reporting_view() -> None:
    baoding = microdata_scope(PRINCIPALS[Role.CITY])
    assert not baoding.everything and not baoding.credit_codes
    assert {"130600", "130602", "130681", "130671"} <= baoding.regions  # city, district, 涿州, a zone
    assert "130682" not in baoding.regions  # 定州 is its own reporting unit
    assert all(code.startswith("1306") for code in baoding.regions)
    shijiazhuang = microdata_scope(Principal("sjz", Role.CITY, region="130100"))
    assert "130102" in shijiazhuang.regions and "130181" not in shijiazhuang.regions
    assert microdata_scope(Principal("xj", Role.CITY, region="130181")).regions == {"130181"}
    assert microdata_scope(Principal("dz", Role.CITY, region="130682")).regions == {"130682"}
    assert microdata_scope(Principal("broken", Role.CITY, region=None)) == MicrodataScope(
        False, frozenset(), frozenset()
    )


def test_scopes_of_the_other_roles() -> None:
    for role in (Role.ADMIN, Role.ANALYST):
        assert microdata_scope(PRINCIPALS[role]).everything
    assert microdata_scope(PRINCIPALS[Role.ENTERPRISE]) == MicrodataScope(False, frozenset(), frozenset({CODE}))
    for role in (Role.EVALUATOR, Role.PUBLIC):
        scope = microdata_scope(PRINCIPALS[role])
        assert not scope.everything and not scope.regions and not scope.credit_codes
        assert not scope.allows("130600", CODE)


def test_scope_sql_selects_exactly_the_allowed_rows(store: Store) -> None:
    store.execute("CREATE TABLE records (region VARCHAR, credit_code VARCHAR)")
    rows = [("130602", "A1"), ("130682", "A2"), ("130100", CODE), ("130600", "A3")]
    store.executemany("INSERT INTO records VALUES (?, ?)", rows)

    def selected(scope: MicrodataScope) -> set[tuple[str, str]]:
        condition, params = scope.sql("region", "credit_code")
        found = store.fetchall(f"SELECT region, credit_code FROM records WHERE {condition}", params)
        assert {tuple(r) for r in found} == {r for r in rows if scope.allows(*r)}
        return {tuple(r) for r in found}

    assert selected(microdata_scope(PRINCIPALS[Role.ANALYST])) == set(rows)
    assert selected(microdata_scope(PRINCIPALS[Role.CITY])) == {("130602", "A1"), ("130600", "A3")}
    assert selected(microdata_scope(PRINCIPALS[Role.ENTERPRISE])) == {("130100", CODE)}
    assert selected(microdata_scope(PRINCIPALS[Role.EVALUATOR])) == set()
    both = MicrodataScope(False, frozenset({"130682"}), frozenset({CODE}))
    assert selected(both) == {("130682", "A2"), ("130100", CODE)}


def _broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the packaged file with ``old`` replaced once; the line of the change."""
    text = PACKAGED.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    changed = text.replace(old, new, 1)
    path = tmp_path / "permissions.yaml"
    path.write_text(changed, encoding="utf-8")
    return path, changed[: changed.index(new)].count("\n") + 1


def test_an_undeclared_action_in_a_role_names_file_and_line(tmp_path: Path) -> None:
    path, line = _broken(
        tmp_path, "      - edit_registers\n      - upload\n", "      - edit_registers\n      - uplaod\n"
    )
    with pytest.raises(SeimonError) as info:
        load_permissions(path)
    err = info.value
    assert (err.location.file, err.location.line) == (str(path), line + 1)
    assert "uplaod" in err.message_zh and "uplaod" in err.message_en and err.code == "permissions"
    assert str(path) in str(err) and f"line {line + 1}" in str(err)


def test_an_unknown_role_names_file_and_line(tmp_path: Path) -> None:
    path, line = _broken(tmp_path, "  evaluator:\n", "  auditor:\n")
    with pytest.raises(SeimonError) as info:
        load_permissions(path)
    assert (info.value.location.file, info.value.location.line) == (str(path), line)
    assert "auditor" in info.value.message_en


def test_other_mistakes_in_the_file_are_located(tmp_path: Path) -> None:
    path, line = _broken(tmp_path, "    microdata: true\n", "    microdata: maybe\n")
    with pytest.raises(SeimonError) as info:
        load_permissions(path)
    assert info.value.location.line == line and info.value.location.field == "actions.read_microdata.microdata"

    path, line = _broken(tmp_path, "    en: read the audit log\n", "    en: read the audit log\n    level: 3\n")
    with pytest.raises(SeimonError) as info:
        load_permissions(path)
    assert info.value.location.line == line + 1

    text = PACKAGED.read_text(encoding="utf-8")
    cut = text[: text.index("  public:\n")]
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(SeimonError) as info:
        load_permissions(path)
    assert "public" in info.value.message_en and info.value.location.field == "roles"

    path, line = _broken(tmp_path, "      - read_audit\n", "      - read_audit\n      - read_audit\n")
    with pytest.raises(SeimonError) as info:
        load_permissions(path)
    assert "twice" in info.value.message_en and info.value.location.line == line + 1

    path.write_text("roles: [unclosed\n", encoding="utf-8")
    with pytest.raises(SeimonError) as info:
        load_permissions(path)
    assert info.value.location.line is not None and "YAML" in info.value.message_en


def test_the_packaged_file_loads_and_a_copy_loads_the_same(tmp_path: Path) -> None:
    copy = tmp_path / "same.yaml"
    copy.write_text(PACKAGED.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_permissions(copy) == load_permissions()
