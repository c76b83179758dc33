"""The third-party evaluation workflow (plan 五(八) 第三方评估): open → assign → judge / request evidence → sign.

Every step here is the one code path the web API, the pages and the CLI take. Each step

1. asks the policy (:func:`seimon.access.policy.authorize`) whether the caller's role may take it
   (``manage_evaluations``: the admin; ``evaluate``: the evaluator; ``answer_evidence``: a department the requests
   addressed to it, the province on a department's behalf; ``read_evaluations``);
2. for an evaluator, checks that the evaluation is assigned to the evaluator's own organisation — another
   organisation's evaluation is refused (403) without saying whether it exists;
3. does the step in one transaction with its audit-log entry (``evaluation_open``, ``evaluation_assign``,
   ``evaluator_member``, ``evaluation_judge``, ``evaluation_attach``, ``evidence_request``, ``evidence_answer``,
   ``evaluation_sign``, ``evaluation_file``), so that no step happens unrecorded.

Example (the CLI's local administrator opens an evaluation)::

    >>> from seimon.access.roles import Principal, Role
    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     e = open_evaluation(s, Principal("cli:root", Role.ADMIN), "final", "2021-06-30")
    >>> e["state"], e["kind_zh"]
    ('opened', '总结评估')
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from seimon.access import audit
from seimon.access.policy import Forbidden, allowed, authorize
from seimon.access.roles import Principal, Role
from seimon.access.users import get_user
from seimon.assess.report import assess_plan
from seimon.errors import Location, SeimonError
from seimon.evaluation import files as evidence_files
from seimon.evaluation import records
from seimon.evaluation.workspace import figure_of, target_types, workspace
from seimon.plan import Plan, load_plan
from seimon.store import Store
from seimon.tracking.responsibilities import departments, read_breakdown

logger = logging.getLogger(__name__)

DEFAULT_DUE_DAYS = 15
"""An evidence request is due this many days after it is made unless the evaluator names a date."""


def _target(evaluation_id: int) -> str:
    return f"evaluation:{evaluation_id}"


def _refused() -> Forbidden:
    return Forbidden("无权访问该评估", "not allowed to access this evaluation", code="forbidden")


def _department(principal: Principal) -> str | None:
    """The department of a department user (it answers the requests addressed to it), else None."""
    return principal.department if principal.role is Role.DEPARTMENT else None


def _scoped(principal: Principal) -> bool:
    """Whether the caller sees only some evaluations: an evaluator its organisation's, a department those with an
    evidence request addressed to it (the province — managers and answerers on a department's behalf — all)."""
    if _department(principal) is not None:
        return True
    return not (allowed(principal, "manage_evaluations") or allowed(principal, "answer_evidence"))


def _addressed(store: Store, evaluation_id: int, department: str) -> bool:
    """Whether an evaluation has an evidence request addressed to ``department``."""
    return any(r["department"] == department for r in records.list_requests(store, evaluation_id))


def _evaluation(store: Store, principal: Principal, evaluation_id: int) -> dict[str, Any]:
    """The evaluation, if the caller may see it: an evaluator its organisation's only, a department only one with
    a request addressed to it (403 otherwise, the same as for a missing one)."""
    if not _scoped(principal):
        return records.get_evaluation(store, evaluation_id)
    try:
        found = records.get_evaluation(store, evaluation_id)
    except SeimonError:
        raise _refused() from None
    department = _department(principal)
    if department is not None:
        if not _addressed(store, evaluation_id, department):
            raise _refused()
        return found
    own = records.organisation_of(store, principal.username)
    if own is None or found["organisation"] != own:
        raise _refused()
    return found


def _as_evaluator(store: Store, principal: Principal, evaluation_id: int) -> dict[str, Any]:
    """An evaluator's step: the role may ``evaluate`` and the evaluation is its organisation's."""
    authorize(principal, "evaluate")
    found = _evaluation(store, principal, evaluation_id)
    if found["organisation"] is None or records.organisation_of(store, principal.username) != found["organisation"]:
        raise _refused()
    return found


# --- the admin ----------------------------------------------------------------------------------------------


def add_member(
    store: Store, principal: Principal, username: str, organisation: str, *, ip: str | None = None
) -> dict[str, Any]:
    """Record that an evaluator account works for an evaluator organisation (the admin's step)."""
    authorize(principal, "manage_evaluations")
    user = get_user(store, username)
    if user is None or user.role is not Role.EVALUATOR:
        raise SeimonError(
            f"{username} 不是第三方评估账户（角色须为 evaluator）",
            f"{username} is not an evaluator account (its role must be evaluator)",
            Location(field="username"),
            code="not_evaluator",
        )
    with store.transaction():
        member = records.set_member(store, username, organisation, by=principal.username)
        audit.record(store, principal, "evaluator_member", target=f"user:{username}", detail=member, ip=ip)
    return member


def members(store: Store, principal: Principal) -> list[dict[str, Any]]:
    """Every evaluator account with its organisation."""
    authorize(principal, "manage_evaluations")
    return records.list_members(store)


def open_evaluation(
    store: Store,
    principal: Principal,
    kind: str,
    as_of: str | dt.date,
    *,
    organisation: str | None = None,
    title: str | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    """Open a mid-term or final evaluation as of a date, optionally assigning it at once."""
    authorize(principal, "manage_evaluations")
    with store.transaction():
        created = records.create_evaluation(store, kind, as_of, by=principal.username, title=title)
        audit.record(
            store,
            principal,
            "evaluation_open",
            target=_target(created["id"]),
            detail={"kind": kind, "as_of": created["as_of"], "title": created["title"]},
            ip=ip,
        )
        if organisation:
            created = _assign(store, principal, created["id"], organisation, ip)
    return created


def _assign(
    store: Store, principal: Principal, evaluation_id: int, organisation: str, ip: str | None
) -> dict[str, Any]:
    done = records.assign(store, evaluation_id, organisation, by=principal.username)
    audit.record(
        store,
        principal,
        "evaluation_assign",
        target=_target(evaluation_id),
        detail={"organisation": organisation},
        ip=ip,
    )
    return done


def assign(
    store: Store, principal: Principal, evaluation_id: int, organisation: str, *, ip: str | None = None
) -> dict[str, Any]:
    """Assign an evaluation to an evaluator organisation (the admin's step)."""
    authorize(principal, "manage_evaluations")
    with store.transaction():
        return _assign(store, principal, evaluation_id, organisation, ip)


# --- reading ------------------------------------------------------------------------------------------------


def visible(store: Store, principal: Principal, evaluation_id: int) -> dict[str, Any]:
    """The evaluation, if the caller may read it (an evaluator: its organisation's only), else 403 / not found."""
    authorize(principal, "read_evaluations")
    return _evaluation(store, principal, evaluation_id)


def report_access(store: Store, principal: Principal | None, evaluation_id: int) -> dict[str, Any]:
    """The evaluation a report is asked to carry: a signed one is public with the report; a draft only for those
    who may read the evaluation (the province, its own evaluator organisation)."""
    found = records.get_evaluation(store, evaluation_id)
    if found["state"] == "signed":
        return found
    if principal is None:
        authorize(None, "read_evaluations")  # an anonymous visitor is told to log in
    assert principal is not None
    return visible(store, principal, evaluation_id)


def list_for(store: Store, principal: Principal) -> list[dict[str, Any]]:
    """The evaluations the caller may see: all for the province, its organisation's for an evaluator."""
    authorize(principal, "read_evaluations")
    if not _scoped(principal):
        return records.list_evaluations(store)
    department = _department(principal)
    if department is not None:
        return [e for e in records.list_evaluations(store) if _addressed(store, int(e["id"]), department)]
    own = records.organisation_of(store, principal.username)
    return records.list_evaluations(store, organisation=own) if own else []


def show(
    store: Store,
    principal: Principal,
    evaluation_id: int,
    *,
    plan: Plan | None = None,
    figures: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The workspace: the evaluation, every target with figures, judgements, files and evidence requests.

    ``may`` tells a page which forms to offer (the API checks again on every step).
    """
    authorize(principal, "read_evaluations")
    found = _evaluation(store, principal, evaluation_id)
    view = workspace(store, evaluation_id, plan=plan, figures=figures)
    open_ = found["state"] != "signed"
    own = records.organisation_of(store, principal.username)
    evaluator = allowed(principal, "evaluate") and own is not None and own == found["organisation"]
    view["may"] = {
        "judge": open_ and evaluator,
        "sign": open_ and evaluator,
        "assign": open_ and allowed(principal, "manage_evaluations"),
        "answer": open_ and allowed(principal, "answer_evidence"),
    }
    department = _department(principal)
    if department is not None:  # its own requests only; the evaluator's opinions stay with the evaluation
        view["requests"] = [r for r in view["requests"] if r["department"] == department]
        own = {r["id"] for r in view["requests"]}
        for target in view["targets"]:
            target.update(judgement=None, files=[], requests=[i for i in target["requests"] if i in own])
    return view


def download(
    store: Store, principal: Principal, evaluation_id: int, file_id: int, *, ip: str | None = None
) -> tuple[dict[str, Any], bytes]:
    """An evidence file's metadata and bytes; each download is audited (evidence may name people and firms)."""
    authorize(principal, "read_evaluations")
    _evaluation(store, principal, evaluation_id)
    meta, content = evidence_files.file_content(store, evaluation_id, file_id)
    department = _department(principal)
    if department is not None:  # only the files of the requests addressed to it
        own = {str(r["id"]) for r in records.list_requests(store, evaluation_id) if r["department"] == department}
        if meta["owner"] != "request" or str(meta["owner_key"]) not in own:
            raise _refused()
    with store.transaction():
        audit.record(
            store,
            principal,
            "evaluation_file",
            target=_target(evaluation_id),
            detail={"file": file_id, "name": meta["filename"]},
            ip=ip,
        )
    return meta, content


# --- the evaluator ------------------------------------------------------------------------------------------


def _check_target(plan: Plan, target: str) -> str:
    kinds = target_types(plan)
    if target not in kinds:
        raise SeimonError(
            f"规划中没有目标：{target}",
            f"no such target in the plan: {target}",
            Location(field="target"),
            "unknown_target",
        )
    return kinds[target]


def judge(
    store: Store,
    principal: Principal,
    evaluation_id: int,
    target: str,
    verdict: str,
    *,
    reason: str,
    plan: Plan | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    """Record the evaluator's judgement of one target (revisable until sign-off).

    A qualitative target is judged achieved / partly / not_achieved; a quantitative one confirmed or disputed,
    and the platform's figure as of the evaluation date (value, period, source, vintage, status) is kept with it.
    """
    found = _as_evaluator(store, principal, evaluation_id)
    records.check_open(found)
    plan = plan or load_plan()
    kind = _check_target(plan, target)
    records.check_verdict(kind, verdict)
    figure: dict[str, Any] = {}
    if kind == "quantitative":
        as_of = dt.date.fromisoformat(found["as_of"])
        figure = figure_of(assess_plan(store, plan, as_of=as_of, target_ids=[target])[0])
    with store.transaction():
        saved = records.save_judgement(
            store,
            evaluation_id,
            target,
            target_type=kind,
            verdict=verdict,
            reason=reason,
            figure=figure,
            by=principal.username,
        )
        audit.record(
            store,
            principal,
            "evaluation_judge",
            target=_target(evaluation_id),
            detail={"target": target, "verdict": verdict, "reason": saved["reason"], "figure": figure or None},
            ip=ip,
        )
    return saved


def attach(
    store: Store,
    principal: Principal,
    evaluation_id: int,
    target: str,
    filename: str,
    *,
    content: bytes,
    plan: Plan | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    """Keep an evidence file with the evaluator's judgement of ``target``."""
    _as_evaluator(store, principal, evaluation_id)
    _check_target(plan or load_plan(), target)
    with store.transaction():
        meta = evidence_files.add_file(
            store, evaluation_id, "judgement", target, filename=filename, content=content, by=principal.username
        )
        audit.record(
            store,
            principal,
            "evaluation_attach",
            target=_target(evaluation_id),
            detail={"target": target, "file": meta["id"], "name": meta["filename"], "bytes": meta["size"]},
            ip=ip,
        )
    return meta


def request_evidence(
    store: Store,
    principal: Principal,
    evaluation_id: int,
    target: str,
    department: str,
    *,
    question: str,
    due: str | dt.date | None = None,
    plan: Plan | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    """Ask a responsible department (as the responsibilities register names it) for evidence on a target."""
    found = _as_evaluator(store, principal, evaluation_id)
    records.check_open(found)
    _check_target(plan or load_plan(), target)
    known = departments(read_breakdown(store))
    name = (department or "").strip()
    if name not in known:
        shown = "、".join(sorted(known)[:12]) or "（目标分解台账为空 / the register is empty）"
        raise SeimonError(
            f"“{name}”不是目标分解台账中的责任部门；可选：{shown}",
            f"{name!r} is not a responsible department of the responsibilities register; known: {shown}",
            Location(field="department"),
            code="unknown_department",
        )
    day = records.parse_date(due, "due") if due else dt.date.today() + dt.timedelta(days=DEFAULT_DUE_DAYS)
    with store.transaction():
        made = records.create_request(
            store, evaluation_id, target, department=name, question=question, due=day, by=principal.username
        )
        audit.record(
            store,
            principal,
            "evidence_request",
            target=_target(evaluation_id),
            detail={"request": made["id"], "target": target, "department": name, "due": made["due"]},
            ip=ip,
        )
    return made


def answer_evidence(
    store: Store,
    principal: Principal,
    evaluation_id: int,
    request_id: int,
    answer: str,
    *,
    attachments: list[tuple[str, bytes]] | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    """The responsible department's answer (text and files): by the department itself (only a request addressed
    to it), or by a province user on its behalf."""
    authorize(principal, "answer_evidence")
    found = _evaluation(store, principal, evaluation_id)
    records.check_open(found)
    request = records.get_request(store, evaluation_id, request_id)
    department = _department(principal)
    if department is not None and request["department"] != department:
        raise _refused()
    with store.transaction():
        done = records.answer_request(store, evaluation_id, request_id, answer, by=principal.username)
        metas = [
            evidence_files.add_file(
                store, evaluation_id, "request", str(request_id), filename=name, content=data, by=principal.username
            )
            for name, data in attachments or []
        ]
        audit.record(
            store,
            principal,
            "evidence_answer",
            target=_target(evaluation_id),
            detail={
                "request": request_id,
                "department": request["department"],
                "on_behalf": department is None,
                "files": [m["filename"] for m in metas],
            },
            ip=ip,
        )
    done["files"] = metas
    return done


def sign(
    store: Store,
    principal: Principal,
    evaluation_id: int,
    signatory: str,
    *,
    signed_on: str | dt.date | None = None,
    plan: Plan | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    """Sign the evaluation off for the evaluator organisation; its judgements are frozen from then on.

    Every qualitative target must have a judgement first (the platform cannot compute those); quantitative
    targets left without one are reported as "not judged" beside the platform's figure.
    """
    found = _as_evaluator(store, principal, evaluation_id)
    records.check_open(found)
    plan = plan or load_plan()
    given = records.judgements(store, evaluation_id)
    missing = [q.id for q in plan.qualitative_targets if q.id not in given]
    if missing:
        raise SeimonError(
            f"尚有 {len(missing)} 项定性目标未评判，不能签署：{'、'.join(missing)}",
            f"{len(missing)} qualitative targets are not judged yet, so it cannot be signed: {', '.join(missing)}",
            Location(field="judgements"),
            code="bad_state",
        )
    day = records.parse_date(signed_on, "signed_on") if signed_on else dt.date.today()
    with store.transaction():
        done = records.sign(
            store,
            evaluation_id,
            signatory=signatory,
            organisation=str(found["organisation"]),
            signed_on=day,
            by=principal.username,
        )
        audit.record(
            store,
            principal,
            "evaluation_sign",
            target=_target(evaluation_id),
            detail={
                "signatory": done["signatory"],
                "organisation": done["signed_organisation"],
                "signed_on": done["signed_on"],
                "judgements": len(given),
            },
            ip=ip,
        )
    return done
