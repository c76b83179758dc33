"""Accounts: add, disable, set a password, change one's own — each made and audited in one transaction.

The web API (an administrator) and the CLI (``cli:<os user>``) both call these, so an account change is
audited under the same event name and target (``add_user``, ``user:ana``) from either.

>>> from seimon.store import open_store
>>> from seimon.access.audit import list_audit
>>> store = open_store("duckdb:///:memory:")
>>> add(store, "cli:root", "ana", "a long password", "analyst").username
'ana'
>>> disable(store, "cli:root", "ana")
>>> [(e["action"], e["target"]) for e in list_audit(store)]
[('disable_user', 'user:ana'), ('add_user', 'user:ana')]
"""

from __future__ import annotations

import logging

from seimon.access import audit, users
from seimon.access.events import AddUser, ChangePassword, DisableUser, ResetPassword
from seimon.access.roles import Principal
from seimon.access.sessions import create_session
from seimon.store import Store

logger = logging.getLogger(__name__)


def add(
    store: Store,
    actor: Principal | str,
    username: str,
    password: str,
    role: str,
    *,
    region: str | None = None,
    credit_code: str | None = None,
    display_name: str | None = None,
    department: str | None = None,
    ip: str | None = None,
) -> Principal:
    """Add a user (password hashed with Argon2id) and audit it; returns the new principal."""
    with store.transaction():
        created = users.add_user(
            store,
            username,
            password,
            role,
            region=region,
            credit_code=credit_code,
            display_name=display_name,
            department=department,
        )
        event = AddUser(created.username, created.role.value, created.region, created.credit_code, created.department)
        audit.record(store, actor, event, ip=ip)
    return created


def disable(store: Store, actor: Principal | str, username: str, *, ip: str | None = None) -> None:
    """Disable a user and end their sessions; audited."""
    with store.transaction():
        users.disable_user(store, username)
        audit.record(store, actor, DisableUser(username), ip=ip)


def reset_password(
    store: Store, actor: Principal | str, username: str, password: str, *, ip: str | None = None
) -> None:
    """Set another user's password (ends their sessions); audited."""
    with store.transaction():
        users.set_password(store, username, password)
        audit.record(store, actor, ResetPassword(username), ip=ip)


def change_own_password(
    store: Store, principal: Principal, password: str, *, session_hours: float, ip: str | None = None
) -> str:
    """A user's own new password (the caller has checked the present one): every session of the user ends, a
    fresh one opens for the caller; audited. Returns the new session's token."""
    with store.transaction():
        users.set_password(store, principal.username, password)
        token = create_session(store, principal, hours=session_hours)
        audit.record(store, principal, ChangePassword(principal.username), ip=ip)
    return token
