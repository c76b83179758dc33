"""Evaluations, judgements, evidence requests and evaluator memberships in the store (migration 0015).

Plain storage: every function checks what the data must satisfy (a known kind, a verdict that fits the
target, a state that allows the step, nothing changing after sign-off) but not who is asking — that is the
workflow's job (:mod:`seimon.services.evaluations`), which also writes the audit log. Rows are returned as
JSON-ready dictionaries (dates as ISO strings).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from seimon.clock import utc_now
from seimon.errors import Location, SeimonError
from seimon.evaluation.model import KINDS, QUALITATIVE_VERDICTS, QUANTITATIVE_VERDICTS, REQUEST_STATES, STATES, label
from seimon.store import Store

logger = logging.getLogger(__name__)

MAX_TEXT = 4000
"""The longest reason, question or answer accepted (characters)."""
MAX_NAME = 200
"""The longest organisation, department or signatory name accepted (characters)."""

_EVALUATION_COLUMNS = (
    "id, kind, as_of, title, organisation, state, opened_at, opened_by, assigned_at, assigned_by, started_at,"
    " signatory, signed_organisation, signed_on, signed_by, signed_at"
)
_JUDGEMENT_COLUMNS = (
    "evaluation_id, target, target_type, verdict, reason, figure_value, figure_unit, figure_period, figure_source,"
    " figure_vintage, figure_status, judged_by, judged_at"
)
_REQUEST_COLUMNS = (
    "id, evaluation_id, target, department, question, due, state, requested_by, requested_at, answer,"
    " answered_by, answered_at"
)


def _error(zh: str, en: str, code: str, field: str | None = None) -> SeimonError:
    return SeimonError(zh, en, Location(field=field), code=code)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _json(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _iso(v) for k, v in row.items()}


def _next(store: Store, sequence: str) -> int:
    row = store.fetchone(f"SELECT nextval('{sequence}')")
    assert row is not None
    return int(row[0])


def clean_text(value: str | None, field: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    """``value`` stripped, if present (when required) and not longer than ``limit``; else a bilingual error.

    >>> clean_text("  公交车辆台账显示 100%  ", "reason")
    '公交车辆台账显示 100%'
    """
    text = (value or "").strip()
    if required and not text:
        raise _error(f"{field} 不能为空", f"{field} must not be empty", "missing_value", field)
    if len(text) > limit:
        raise _error(
            f"{field} 不能超过 {limit} 个字符", f"{field} may have at most {limit} characters", "too_long", field
        )
    return text


def parse_date(value: str | dt.date, field: str) -> dt.date:
    """A date from ``YYYY-MM-DD`` (or a date), else a bilingual error naming the field.

    >>> parse_date("2021-06-30", "as_of")
    datetime.date(2021, 6, 30)
    """
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise _error(
            f"日期应为 YYYY-MM-DD：{value!r}", f"a date must be YYYY-MM-DD: {value!r}", "bad_date", field
        ) from None


# --- evaluator organisations ---------------------------------------------------------------------------------


def set_member(store: Store, username: str, organisation: str, *, by: str) -> dict[str, Any]:
    """Record that evaluator account ``username`` works for ``organisation`` (replacing an earlier one)."""
    org = clean_text(organisation, "organisation", limit=MAX_NAME)
    with store.transaction():
        store.execute("DELETE FROM evaluator_members WHERE username = ?", (username,))
        store.execute(
            "INSERT INTO evaluator_members (username, organisation, added_at, added_by) VALUES (?, ?, ?, ?)",
            (username, org, utc_now(), by),
        )
    return {"username": username, "organisation": org}


def organisation_of(store: Store, username: str) -> str | None:
    """The evaluator organisation ``username`` works for, or None."""
    row = store.fetchone("SELECT organisation FROM evaluator_members WHERE username = ?", (username,))
    return str(row[0]) if row else None


def list_members(store: Store) -> list[dict[str, Any]]:
    """Every evaluator account with its organisation, by organisation and name."""
    rows = store.fetch_dicts(
        "SELECT username, organisation, added_at, added_by FROM evaluator_members ORDER BY organisation, username"
    )
    return [_json(r) for r in rows]


# --- evaluations ---------------------------------------------------------------------------------------------


def create_evaluation(
    store: Store, kind: str, as_of: str | dt.date, *, by: str, title: str | None = None
) -> dict[str, Any]:
    """Open an evaluation of ``kind`` (midterm | final) as of a date; it still needs an organisation."""
    if kind not in KINDS:
        raise _error(
            f"评估类型应为 {'、'.join(KINDS)} 之一：{kind}",
            f"the kind must be one of {', '.join(KINDS)}: {kind}",
            "bad_kind",
            "kind",
        )
    day = parse_date(as_of, "as_of")
    name = clean_text(title, "title", required=False, limit=MAX_NAME) or None
    with store.transaction():
        new_id = _next(store, "evaluation_id_seq")
        store.execute(
            "INSERT INTO evaluations (id, kind, as_of, title, state, opened_at, opened_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (new_id, kind, day, name, "opened", utc_now(), by),
        )
    return get_evaluation(store, new_id)


def get_evaluation(store: Store, evaluation_id: int) -> dict[str, Any]:
    """One evaluation with its state labels, or a ``not_found`` error."""
    rows = store.fetch_dicts(f"SELECT {_EVALUATION_COLUMNS} FROM evaluations WHERE id = ?", (evaluation_id,))
    if not rows:
        raise _error(
            f"没有编号为 {evaluation_id} 的评估", f"no evaluation with id {evaluation_id}", "not_found", "evaluation"
        )
    return _decorate(rows[0])


def _decorate(row: dict[str, Any]) -> dict[str, Any]:
    out = _json(row)
    out["id"] = int(row["id"])
    out["kind_zh"], out["kind_en"] = label(KINDS, row["kind"]), label(KINDS, row["kind"], "en")
    out["state_zh"], out["state_en"] = label(STATES, row["state"]), label(STATES, row["state"], "en")
    return out


def list_evaluations(store: Store, *, organisation: str | None = None) -> list[dict[str, Any]]:
    """Every evaluation (newest first), or those assigned to ``organisation``."""
    where, params = ("WHERE organisation = ?", [organisation]) if organisation is not None else ("", [])
    rows = store.fetch_dicts(f"SELECT {_EVALUATION_COLUMNS} FROM evaluations {where} ORDER BY id DESC", params)
    return [_decorate(r) for r in rows]


def signed_for(store: Store, as_of: dt.date) -> int | None:
    """The latest signed evaluation as of ``as_of`` (the one the evaluation report of that date carries), or None."""
    row = store.fetchone("SELECT max(id) FROM evaluations WHERE state = 'signed' AND as_of = ?", (as_of,))
    return int(row[0]) if row and row[0] is not None else None


def evaluation_stamp(store: Store, evaluation_id: int) -> str:
    """A string that changes whenever anything of the evaluation changes (for caching its report).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     e = create_evaluation(s, "final", "2021-06-30", by="admin")
    ...     evaluation_stamp(s, e["id"]).startswith("opened")
    True
    """
    row = store.fetchone(
        "SELECT e.state, e.assigned_at, e.signed_at,"
        " (SELECT max(judged_at) FROM evaluation_judgements WHERE evaluation_id = e.id),"
        " (SELECT count(*) FROM evaluation_judgements WHERE evaluation_id = e.id),"
        " (SELECT max(coalesce(answered_at, requested_at)) FROM evidence_requests WHERE evaluation_id = e.id),"
        " (SELECT count(*) FROM evidence_requests WHERE evaluation_id = e.id),"
        " (SELECT max(id) FROM evaluation_files WHERE evaluation_id = e.id)"
        " FROM evaluations e WHERE e.id = ?",
        (evaluation_id,),
    )
    return "|".join(str(v) for v in row) if row else "missing"


def check_open(evaluation: dict[str, Any]) -> None:
    """Refuse any change to a signed evaluation: its judgements are frozen."""
    if evaluation["state"] == "signed":
        raise _error(
            f"评估 {evaluation['id']} 已于 {evaluation['signed_on']} 签署，评估意见已冻结，不能再修改",
            f"evaluation {evaluation['id']} was signed on {evaluation['signed_on']}: its judgements are frozen",
            "bad_state",
            "evaluation",
        )


def assign(store: Store, evaluation_id: int, organisation: str, *, by: str) -> dict[str, Any]:
    """Assign the evaluation to an evaluator organisation (again, to correct it, until the evaluator starts)."""
    org = clean_text(organisation, "organisation", limit=MAX_NAME)
    with store.transaction():
        found = get_evaluation(store, evaluation_id)
        check_open(found)
        if found["state"] != "opened" and found["organisation"] != org:
            raise _error(
                f"评估 {evaluation_id} 已由“{found['organisation']}”开展，不能改派",
                f"evaluation {evaluation_id} is under way at {found['organisation']}: it cannot be reassigned",
                "bad_state",
                "organisation",
            )
        store.execute(
            "UPDATE evaluations SET organisation = ?, assigned_at = ?, assigned_by = ? WHERE id = ?",
            (org, utc_now(), by, evaluation_id),
        )
    return get_evaluation(store, evaluation_id)


def start(store: Store, evaluation: dict[str, Any]) -> None:
    """opened → in_progress, on the evaluator's first step (idempotent)."""
    if evaluation["state"] == "opened":
        store.execute(
            "UPDATE evaluations SET state = 'in_progress', started_at = ? WHERE id = ?", (utc_now(), evaluation["id"])
        )


def sign(
    store: Store, evaluation_id: int, *, signatory: str, organisation: str, signed_on: dt.date, by: str
) -> dict[str, Any]:
    """Sign the evaluation off; from now on nothing of it changes."""
    name = clean_text(signatory, "signatory", limit=MAX_NAME)
    with store.transaction():
        found = get_evaluation(store, evaluation_id)
        check_open(found)
        as_of = dt.date.fromisoformat(found["as_of"])
        if signed_on < as_of:
            raise _error(
                f"签署日期 {signed_on} 早于评估基准日 {as_of}",
                f"the signing date {signed_on} is before the as-of date {as_of}",
                "bad_date",
                "signed_on",
            )
        store.execute(
            "UPDATE evaluations SET state = 'signed', signatory = ?, signed_organisation = ?, signed_on = ?,"
            " signed_by = ?, signed_at = ? WHERE id = ?",
            (name, organisation, signed_on, by, utc_now(), evaluation_id),
        )
    return get_evaluation(store, evaluation_id)


# --- judgements ----------------------------------------------------------------------------------------------


def check_verdict(target_type: str, verdict: str) -> None:
    """The verdict must fit the target: achieved/partly/not_achieved for a qualitative one, confirmed/disputed else.

    >>> check_verdict("qualitative", "partly")
    """
    allowed = QUALITATIVE_VERDICTS if target_type == "qualitative" else QUANTITATIVE_VERDICTS
    if verdict not in allowed:
        kind_zh = "定性目标" if target_type == "qualitative" else "定量目标"
        raise _error(
            f"{kind_zh}的评估结论应为 {'、'.join(allowed)} 之一：{verdict}",
            f"a {target_type} target's verdict must be one of {', '.join(allowed)}: {verdict}",
            "bad_verdict",
            "verdict",
        )


def save_judgement(
    store: Store,
    evaluation_id: int,
    target: str,
    *,
    target_type: str,
    verdict: str,
    reason: str,
    figure: dict[str, Any],
    by: str,
) -> dict[str, Any]:
    """Record (or revise) the judgement of one target, with the platform's figure the evaluator saw."""
    check_verdict(target_type, verdict)
    text = clean_text(reason, "reason")
    values = (
        target_type,
        verdict,
        text,
        figure.get("value"),
        figure.get("unit"),
        figure.get("period"),
        figure.get("source"),
        figure.get("vintage"),
        figure.get("status"),
        by,
        utc_now(),
    )
    with store.transaction():
        found = get_evaluation(store, evaluation_id)
        check_open(found)
        exists = store.fetchone(
            "SELECT 1 FROM evaluation_judgements WHERE evaluation_id = ? AND target = ?", (evaluation_id, target)
        )
        if exists:
            store.execute(
                "UPDATE evaluation_judgements SET target_type = ?, verdict = ?, reason = ?, figure_value = ?,"
                " figure_unit = ?, figure_period = ?, figure_source = ?, figure_vintage = ?, figure_status = ?,"
                " judged_by = ?, judged_at = ? WHERE evaluation_id = ? AND target = ?",
                (*values, evaluation_id, target),
            )
        else:
            store.execute(
                f"INSERT INTO evaluation_judgements ({_JUDGEMENT_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (evaluation_id, target, *values),
            )
        start(store, found)
    return judgements(store, evaluation_id)[target]


def judgements(store: Store, evaluation_id: int) -> dict[str, dict[str, Any]]:
    """The evaluation's judgements by target id, with verdict labels."""
    rows = store.fetch_dicts(
        f"SELECT {_JUDGEMENT_COLUMNS} FROM evaluation_judgements WHERE evaluation_id = ? ORDER BY target",
        (evaluation_id,),
    )
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = _json(row)
        item["evaluation_id"] = int(row["evaluation_id"])
        table = QUALITATIVE_VERDICTS if row["target_type"] == "qualitative" else QUANTITATIVE_VERDICTS
        item["verdict_zh"], item["verdict_en"] = label(table, row["verdict"]), label(table, row["verdict"], "en")
        out[str(row["target"])] = item
    return out


# --- evidence requests ---------------------------------------------------------------------------------------


def create_request(
    store: Store,
    evaluation_id: int,
    target: str,
    *,
    department: str,
    question: str,
    due: dt.date,
    by: str,
) -> dict[str, Any]:
    """Ask ``department`` for evidence on ``target`` by ``due``."""
    dept = clean_text(department, "department", limit=MAX_NAME)
    text = clean_text(question, "question")
    with store.transaction():
        found = get_evaluation(store, evaluation_id)
        check_open(found)
        new_id = _next(store, "evidence_request_id_seq")
        store.execute(
            f"INSERT INTO evidence_requests ({_REQUEST_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_id, evaluation_id, target, dept, text, due, "requested", by, utc_now(), None, None, None),
        )
        start(store, found)
    return get_request(store, evaluation_id, new_id)


def answer_request(store: Store, evaluation_id: int, request_id: int, answer: str, *, by: str) -> dict[str, Any]:
    """The department's answer to an evidence request (once; a further answer is a new request)."""
    text = clean_text(answer, "answer")
    with store.transaction():
        check_open(get_evaluation(store, evaluation_id))
        found = get_request(store, evaluation_id, request_id)
        if found["state"] == "answered":
            raise _error(
                f"证据请求 {request_id} 已于 {found['answered_at'][:10]} 答复",
                f"evidence request {request_id} was answered on {found['answered_at'][:10]}",
                "bad_state",
                "request",
            )
        store.execute(
            "UPDATE evidence_requests SET state = 'answered', answer = ?, answered_by = ?, answered_at = ?"
            " WHERE id = ? AND evaluation_id = ?",
            (text, by, utc_now(), request_id, evaluation_id),
        )
    return get_request(store, evaluation_id, request_id)


def _request_view(row: dict[str, Any], today: dt.date) -> dict[str, Any]:
    item = _json(row)
    item["id"], item["evaluation_id"] = int(row["id"]), int(row["evaluation_id"])
    shown = row["state"]
    if shown == "requested" and row["due"] is not None and _as_date(row["due"]) < today:
        shown = "overdue"
    item["status"] = shown
    item["status_zh"], item["status_en"] = label(REQUEST_STATES, shown), label(REQUEST_STATES, shown, "en")
    return item


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def get_request(store: Store, evaluation_id: int, request_id: int, today: dt.date | None = None) -> dict[str, Any]:
    """One evidence request of the evaluation, or ``not_found``."""
    rows = store.fetch_dicts(
        f"SELECT {_REQUEST_COLUMNS} FROM evidence_requests WHERE id = ? AND evaluation_id = ?",
        (request_id, evaluation_id),
    )
    if not rows:
        raise _error(
            f"评估 {evaluation_id} 没有编号为 {request_id} 的证据请求",
            f"evaluation {evaluation_id} has no evidence request {request_id}",
            "not_found",
            "request",
        )
    return _request_view(rows[0], today or dt.date.today())


def list_requests(store: Store, evaluation_id: int, today: dt.date | None = None) -> list[dict[str, Any]]:
    """The evaluation's evidence requests, oldest first; ``status`` says requested, overdue (by ``today``) or answered.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     e = create_evaluation(s, "final", "2021-06-30", by="admin")
    ...     r = create_request(
    ...         s, e["id"], "t", department="省交通运输厅", question="请提供台账", due=dt.date(2021, 7, 15), by="ev"
    ...     )
    ...     [x["status"] for x in list_requests(s, e["id"], today=dt.date(2021, 8, 1))]
    ['overdue']
    """
    rows = store.fetch_dicts(
        f"SELECT {_REQUEST_COLUMNS} FROM evidence_requests WHERE evaluation_id = ? ORDER BY id", (evaluation_id,)
    )
    day = today or dt.date.today()
    return [_request_view(r, day) for r in rows]
