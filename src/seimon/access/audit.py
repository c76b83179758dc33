"""The audit log: who did what, when and from where, appended and never edited.

The Statistics Law makes the office answerable for every release of a respondent's data, so every look at
microdata, download of an internal report, approval, login and user change is recorded here by its caller
(the service layer, the web layer). Events are typed (:mod:`seimon.access.events`: one class per event, one
registry of names such as ``login``, ``add_user``, ``download_internal_report``); the detail is a small JSON
object. A bare name is accepted if it is registered, and names an event replaced are read back under the new
name. Values under secret-looking keys
(password, token, hash) are replaced before they are written, so a careless caller cannot leak them here.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from seimon.access.events import AuditEvent, aliases_of, canonical_action
from seimon.access.roles import Principal
from seimon.clock import utc_now
from seimon.errors import Location, SeimonError
from seimon.store import Store

logger = logging.getLogger(__name__)

SECRET_KEYS = ("password", "passwd", "token", "hash", "secret")
"""Detail keys containing any of these words are written as ``[redacted]``."""
MAX_LIMIT = 10_000


def _redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            str(k): "[redacted]" if any(s in str(k).lower() for s in SECRET_KEYS) else _redact(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_redact(v) for v in value]
    return value


def record(
    store: Store,
    actor: Principal | str | None,
    action: AuditEvent | str,
    *,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
) -> None:
    """Append one event. ``actor`` is a principal, a bare name (e.g. ``"cli:root"``) or None (anonymous).

    ``action`` is an :class:`~seimon.access.events.AuditEvent` (its target and detail are used unless given
    here) or a registered event name. Works inside a caller's transaction (it joins it, and is rolled back with
    it) or on its own.

    >>> from seimon.access.events import AddUser
    >>> from seimon.store import open_store
    >>> store = open_store("duckdb:///:memory:")
    >>> record(store, "cli:root", AddUser("ana", "analyst"))
    >>> record(store, "cli:root", "user_add", target="eva", detail={"role": "analyst", "password": "x"})
    >>> [(e["action"], e["target"], e["detail"]) for e in list_audit(store)]
    [('add_user', 'eva', {'password': '[redacted]', 'role': 'analyst'}), ('add_user', 'user:ana', {'role': 'analyst'})]
    """
    if isinstance(action, AuditEvent):
        target = action.target() if target is None else target
        detail = action.detail() if detail is None else detail
        action = action.name
    if not isinstance(action, str) or not action.strip():
        raise SeimonError("审计事件须有名称", "an audit event needs an action name", Location(field="action"))
    action = canonical_action(action)
    if isinstance(actor, Principal):
        username, role = actor.username, actor.role.value
    else:
        username, role = actor, None
    text = json.dumps(_redact(detail), ensure_ascii=False, sort_keys=True, default=str) if detail else None
    with store.transaction():
        row = store.fetchone("SELECT nextval('audit_id_seq')")
        assert row is not None
        store.execute(
            'INSERT INTO audit_log (id, "at", username, role, action, target, detail, ip) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (int(row[0]), utc_now(), username, role, action, target, text, ip),
        )
    logger.debug("audit: %s %s %s", username, action, target)


def _read_action(stored: str) -> str:
    """The registered name of a stored action (an old alias read under its new name; unknown kept as is)."""
    try:
        return canonical_action(stored)
    except SeimonError:
        return stored


def _stored_names(action: str) -> tuple[str, ...]:
    """The names an action filter matches: the event's and its aliases, or the text itself if unregistered."""
    try:
        return aliases_of(action)
    except SeimonError:
        return (action,)


def _naive_utc(moment: dt.datetime | dt.date) -> dt.datetime:
    """The store keeps naive UTC: convert an aware time, take a bare date as its midnight."""
    if not isinstance(moment, dt.datetime):
        return dt.datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is not None:
        return moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def list_audit(
    store: Store,
    *,
    user: str | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Events newest first, optionally for one user, one action, and from ``since`` (naive = UTC) on.

    >>> from seimon.store import open_store
    >>> store = open_store("duckdb:///:memory:")
    >>> record(store, None, "login_failed", target="ana", ip="10.0.0.1")
    >>> [(e["action"], e["username"], e["ip"]) for e in list_audit(store, action="login_failed")]
    [('login_failed', None, '10.0.0.1')]
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise SeimonError(
            f"条数须在 1 到 {MAX_LIMIT} 之间：{limit}",
            f"limit must be between 1 and {MAX_LIMIT}: {limit}",
            Location(field="limit"),
            code="invalid_value",
        )
    where: list[str] = []
    params: list[Any] = []
    if user is not None:
        where.append("username = ?")
        params.append(user)
    if action is not None:
        names = _stored_names(action)  # and rows written under a name the event replaced
        where.append(f"action IN ({', '.join('?' for _ in names)})")
        params.extend(names)
    if since is not None:
        where.append('"at" >= ?')
        params.append(_naive_utc(since))
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = store.fetch_dicts(
        f'SELECT id, "at", username, role, action, target, detail, ip FROM audit_log{clause} '
        f"ORDER BY id DESC LIMIT {int(limit)}",
        params,
    )
    for row in rows:
        row["id"] = int(row["id"])
        row["detail"] = json.loads(row["detail"]) if row["detail"] else None
        row["action"] = _read_action(row["action"])
    return rows
