"""The third-party evaluation workflow on real stores (DuckDB and PostgreSQL): roles, organisations, frozen
judgements after sign-off, evidence requests tracked like tasks, evidence files within limits, and the audit log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from seimon.access.audit import list_audit
from seimon.access.policy import Forbidden
from seimon.access.roles import Principal, Role
from seimon.access.users import add_user
from seimon.errors import SeimonError
from seimon.evaluation import files as evidence_files
from seimon.evaluation.records import list_requests
from seimon.ingest.pipeline import import_file
from seimon.plan import load_plan
from seimon.services import evaluations as service
from seimon.store import Store

ADMIN = Principal("admin", Role.ADMIN)
ANALYST = Principal("analyst", Role.ANALYST)
CITY = Principal("sjz", Role.CITY, region="130100")
EVALUATOR = Principal("eva", Role.EVALUATOR)
RIVAL = Principal("rival", Role.EVALUATOR)
ORG = "河北省宏观经济研究院 / Hebei Academy of Macroeconomic Research"
QUALITATIVE = [q.id for q in load_plan().qualitative_targets]
QUANTITATIVE = "enterprise_tech_centres"
BREAKDOWN = (
    "目标,地区代码,年度,分解目标,单位,牵头单位,配合单位\n"
    "enterprise_tech_centres,130000,2020,600,家,省发展改革委,省工业和信息化厅、省科技厅\n"
)


@pytest.fixture
def ready(store: Store, tmp_path: Path) -> Store:
    """Two evaluator accounts of different organisations and a responsibilities register."""
    for p in (EVALUATOR, RIVAL):
        add_user(store, p.username, "evaluator-password", "evaluator")
    service.add_member(store, ADMIN, "eva", ORG)
    service.add_member(store, ADMIN, "rival", "另一评估机构 / another firm")
    (tmp_path / "resp.csv").write_text(BREAKDOWN, encoding="utf-8")
    assert import_file(store, "responsibilities", tmp_path / "resp.csv").status == "loaded"
    return store


def opened(store: Store) -> int:
    return int(service.open_evaluation(store, ADMIN, "final", "2021-06-30", organisation=ORG)["id"])


def test_only_the_admin_opens_and_assigns(ready: Store) -> None:
    for who in (ANALYST, CITY, EVALUATOR):
        with pytest.raises(Forbidden):
            service.open_evaluation(ready, who, "final", "2021-06-30")
    with pytest.raises(SeimonError, match="kind"):
        service.open_evaluation(ready, ADMIN, "annual", "2021-06-30")
    with pytest.raises(SeimonError, match="YYYY-MM-DD"):
        service.open_evaluation(ready, ADMIN, "final", "30/06/2021")
    found = service.open_evaluation(ready, ADMIN, "midterm", "2018-12-31")
    assert (found["state"], found["organisation"]) == ("opened", None)
    with pytest.raises(Forbidden):
        service.assign(ready, ANALYST, found["id"], ORG)
    assert service.assign(ready, ADMIN, found["id"], ORG)["organisation"] == ORG


def test_a_member_must_be_an_evaluator_account(ready: Store) -> None:
    add_user(ready, "ana2", "analyst-password", "analyst")
    with pytest.raises(SeimonError, match="evaluator"):
        service.add_member(ready, ADMIN, "ana2", ORG)
    with pytest.raises(Forbidden):
        service.add_member(ready, ANALYST, "eva", ORG)


def test_evaluators_see_and_act_only_on_their_organisations_evaluations(ready: Store) -> None:
    ev = opened(ready)
    assert [e["id"] for e in service.list_for(ready, EVALUATOR)] == [ev]
    assert service.list_for(ready, RIVAL) == []
    assert [e["id"] for e in service.list_for(ready, ANALYST)] == [ev]
    with pytest.raises(Forbidden):
        service.show(ready, RIVAL, ev)
    with pytest.raises(Forbidden):  # a missing evaluation looks the same as another organisation's
        service.show(ready, RIVAL, ev + 99)
    with pytest.raises(Forbidden):
        service.judge(ready, RIVAL, ev, QUALITATIVE[0], "achieved", reason="理由")
    with pytest.raises(Forbidden):  # the province reads it but does not judge
        service.judge(ready, ANALYST, ev, QUALITATIVE[0], "achieved", reason="理由")
    with pytest.raises(Forbidden):
        service.show(ready, CITY, ev)


def test_verdicts_fit_the_target_and_keep_the_platforms_figure(ready: Store) -> None:
    ev = opened(ready)
    with pytest.raises(SeimonError, match="verdict"):
        service.judge(ready, EVALUATOR, ev, QUALITATIVE[0], "confirmed", reason="理由")
    with pytest.raises(SeimonError, match="verdict"):
        service.judge(ready, EVALUATOR, ev, QUANTITATIVE, "partly", reason="理由")
    with pytest.raises(SeimonError, match="reason"):
        service.judge(ready, EVALUATOR, ev, QUALITATIVE[0], "achieved", reason="   ")
    with pytest.raises(SeimonError, match="no such target"):
        service.judge(ready, EVALUATOR, ev, "no_such_target", "achieved", reason="理由")
    first = service.judge(ready, EVALUATOR, ev, QUALITATIVE[0], "partly", reason="县域公交尚未全覆盖")
    assert (first["verdict"], first["verdict_zh"]) == ("partly", "部分实现")
    revised = service.judge(ready, EVALUATOR, ev, QUALITATIVE[0], "achieved", reason="交通运输厅台账：全部覆盖")
    assert revised["verdict"] == "achieved"
    quantitative = service.judge(ready, EVALUATOR, ev, QUANTITATIVE, "disputed", reason="口径含省级以下中心")
    assert quantitative["target_type"] == "quantitative" and quantitative["figure_status"] is not None
    view = service.show(ready, EVALUATOR, ev)
    assert view["evaluation"]["state"] == "in_progress"
    assert view["progress"]["qualitative_judged"] == 1 and view["progress"]["quantitative_judged"] == 1
    row = next(t for t in view["targets"] if t["target"] == QUANTITATIVE)
    assert row["lead"] == "省发展改革委" and row["judgement"]["verdict"] == "disputed"
    assert view["may"] == {"judge": True, "sign": True, "assign": False, "answer": False}


def test_evidence_requests_are_tracked_like_tasks(ready: Store) -> None:
    ev = opened(ready)
    with pytest.raises(SeimonError, match="responsible department"):
        service.request_evidence(ready, EVALUATOR, ev, QUANTITATIVE, "省交通运输厅", question="请提供台账")
    made = service.request_evidence(
        ready, EVALUATOR, ev, QUANTITATIVE, "省发展改革委", question="请提供认定文件", due=dt.date(2021, 7, 15)
    )
    assert made["status"] in ("overdue", "requested")
    assert [r["status"] for r in list_requests(ready, ev, today=dt.date(2021, 7, 1))] == ["requested"]
    assert [r["status"] for r in list_requests(ready, ev, today=dt.date(2021, 7, 16))] == ["overdue"]
    with pytest.raises(Forbidden):
        service.answer_evidence(ready, EVALUATOR, ev, made["id"], "答复")
    answered = service.answer_evidence(
        ready, ANALYST, ev, made["id"], "见附件认定文件", attachments=[("认定文件.pdf", b"%PDF-1.4 evidence")]
    )
    assert answered["state"] == "answered" and [f["filename"] for f in answered["files"]] == ["认定文件.pdf"]
    assert [r["status"] for r in list_requests(ready, ev, today=dt.date(2021, 8, 1))] == ["answered"]
    with pytest.raises(SeimonError, match="answered"):
        service.answer_evidence(ready, ANALYST, ev, made["id"], "再答复")


def test_evidence_files_are_kept_as_sent_within_limits(ready: Store) -> None:
    ev = opened(ready)
    meta = service.attach(ready, EVALUATOR, ev, QUALITATIVE[0], "C:\\扫描件\\公交台账.pdf", content=b"%PDF-1.4 ledger")
    assert meta["filename"] == "公交台账.pdf" and meta["size"] == len(b"%PDF-1.4 ledger")
    got_meta, content = service.download(ready, ANALYST, ev, meta["id"])
    assert content == b"%PDF-1.4 ledger" and got_meta["sha256"] == meta["sha256"]
    with pytest.raises(SeimonError) as big:
        service.attach(
            ready, EVALUATOR, ev, QUALITATIVE[0], "big.pdf", content=b"x" * (evidence_files.MAX_FILE_BYTES + 1)
        )
    assert big.value.code == "too_large"
    with pytest.raises(SeimonError) as empty:
        service.attach(ready, EVALUATOR, ev, QUALITATIVE[0], "empty.pdf", content=b"")
    assert empty.value.code == "empty_file"
    with pytest.raises(Forbidden):
        service.download(ready, RIVAL, ev, meta["id"])


def test_signing_needs_every_qualitative_judgement_and_freezes_everything(ready: Store) -> None:
    ev = opened(ready)
    service.judge(ready, EVALUATOR, ev, QUALITATIVE[0], "achieved", reason="台账显示全覆盖")
    with pytest.raises(SeimonError, match="qualitative targets are not judged"):
        service.sign(ready, EVALUATOR, ev, "张三")
    for target in QUALITATIVE[1:]:
        service.judge(ready, EVALUATOR, ev, target, "partly", reason="部分形成")
    with pytest.raises(SeimonError, match="before the as-of date"):
        service.sign(ready, EVALUATOR, ev, "张三", signed_on="2021-01-01")
    with pytest.raises(Forbidden):
        service.sign(ready, ADMIN, ev, "张三")
    request = service.request_evidence(ready, EVALUATOR, ev, QUANTITATIVE, "省发展改革委", question="请提供认定文件")
    done = service.sign(ready, EVALUATOR, ev, "张三 / Zhang San", signed_on="2021-07-20")
    assert (done["state"], done["signatory"], done["signed_organisation"], done["signed_on"]) == (
        "signed",
        "张三 / Zhang San",
        ORG,
        "2021-07-20",
    )
    frozen = [
        lambda: service.judge(ready, EVALUATOR, ev, QUALITATIVE[0], "not_achieved", reason="改判"),
        lambda: service.attach(ready, EVALUATOR, ev, QUALITATIVE[0], "late.pdf", content=b"late"),
        lambda: service.request_evidence(ready, EVALUATOR, ev, QUANTITATIVE, "省发展改革委", question="再请"),
        lambda: service.answer_evidence(ready, ANALYST, ev, request["id"], "迟到的答复"),
        lambda: service.sign(ready, EVALUATOR, ev, "李四"),
        lambda: service.assign(ready, ADMIN, ev, "另一评估机构 / another firm"),
    ]
    for step in frozen:
        with pytest.raises(SeimonError) as err:
            step()
        assert err.value.code == "bad_state", err.value
    view = service.show(ready, EVALUATOR, ev)
    assert view["targets"][0]["judgement"]["verdict"] == "achieved"
    assert view["may"] == {"judge": False, "sign": False, "assign": False, "answer": False}


def test_every_step_is_audited(ready: Store) -> None:
    ev = opened(ready)
    service.judge(ready, EVALUATOR, ev, QUALITATIVE[0], "achieved", reason="台账")
    meta = service.attach(ready, EVALUATOR, ev, QUALITATIVE[0], "a.pdf", content=b"%PDF")
    req = service.request_evidence(ready, EVALUATOR, ev, QUANTITATIVE, "省发展改革委", question="请提供")
    service.answer_evidence(ready, ANALYST, ev, req["id"], "已提供")
    service.download(ready, ADMIN, ev, meta["id"])
    for target in QUALITATIVE[1:]:
        service.judge(ready, EVALUATOR, ev, target, "not_achieved", reason="未形成")
    service.sign(ready, EVALUATOR, ev, "张三")
    events = [(e["action"], e["username"]) for e in reversed(list_audit(ready)) if e["target"] == f"evaluation:{ev}"]
    expected_order = [
        ("evaluation_open", "admin"),
        ("evaluation_assign", "admin"),
        ("evaluation_judge", "eva"),
        ("evaluation_attach", "eva"),
        ("evidence_request", "eva"),
        ("evidence_answer", "analyst"),
        ("evaluation_file", "admin"),
    ]
    assert events[: len(expected_order)] == expected_order
    assert events[-1] == ("evaluation_sign", "eva")
    assert sum(1 for e in events if e[0] == "evaluation_judge") == len(QUALITATIVE)
    sign_entry = list_audit(ready, action="evaluation_sign")[0]
    assert sign_entry["detail"]["signatory"] == "张三" and sign_entry["detail"]["organisation"] == ORG
    members = [e["target"] for e in list_audit(ready, action="evaluator_member")]
    assert sorted(members) == ["user:eva", "user:rival"]


def test_a_failed_step_leaves_no_audit_entry(ready: Store) -> None:
    ev = opened(ready)
    before = len(list_audit(ready, action="evaluation_judge"))
    with pytest.raises(SeimonError):
        service.judge(ready, EVALUATOR, ev, QUALITATIVE[0], "achieved", reason="")
    assert len(list_audit(ready, action="evaluation_judge")) == before


def test_a_department_sees_and_answers_only_the_requests_addressed_to_it(ready: Store) -> None:
    lead = Principal("fgw", Role.DEPARTMENT, department="省发展改革委")
    partner = Principal("kjt", Role.DEPARTMENT, department="省科技厅")
    ev = opened(ready)
    assert service.list_for(ready, lead) == []
    with pytest.raises(Forbidden):
        service.show(ready, lead, ev)
    service.judge(ready, EVALUATOR, ev, QUALITATIVE[0], "partly", reason="县域未全覆盖")
    made = service.request_evidence(ready, EVALUATOR, ev, QUANTITATIVE, "省发展改革委", question="请提供认定文件")
    assert [e["id"] for e in service.list_for(ready, lead)] == [ev]
    assert service.list_for(ready, partner) == []
    view = service.show(ready, lead, ev)
    assert [r["id"] for r in view["requests"]] == [made["id"]]
    assert all(t["judgement"] is None for t in view["targets"])  # the evaluator's opinions are not its business
    assert view["may"]["answer"] and not view["may"]["judge"]
    with pytest.raises(Forbidden):
        service.answer_evidence(ready, partner, ev, made["id"], "不是本部门")
    answered = service.answer_evidence(
        ready, lead, ev, made["id"], "见认定文件", attachments=[("认定文件.pdf", b"%PDF-1.4 evidence")]
    )
    assert answered["state"] == "answered"
    _meta, content = service.download(ready, lead, ev, answered["files"][0]["id"])
    assert content == b"%PDF-1.4 evidence"
    entry = next(e for e in list_audit(ready) if e["action"] == "evidence_answer")
    assert (entry["username"], entry["detail"]["on_behalf"]) == ("fgw", False)
