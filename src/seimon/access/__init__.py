"""Access control for the web platform: accounts, sessions, roles and the one authorisation policy.

Enterprise microdata are confidential under the Statistics Law (docs/domain.md §5), so who may see which
records is decided in exactly one place, :mod:`seimon.access.policy`, from the declared
``resources/access/permissions.yaml``. The rest of this package supplies what that decision needs: the
roles (:mod:`.roles`), Argon2 password hashes (:mod:`.passwords`), accounts (:mod:`.users`), login sessions
(:mod:`.sessions`), the audit log (:mod:`.audit`) and a login rate limiter (:mod:`.ratelimit`).
Layer: after ``report``, before ``web``; it uses only the store, the reference registers and the credit code
checker.
"""

from __future__ import annotations

from seimon.access.audit import list_audit, record
from seimon.access.passwords import hash_password, needs_rehash, verify_password
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
from seimon.access.ratelimit import LoginRateLimiter, TooManyAttempts
from seimon.access.roles import PUBLIC_PRINCIPAL, Principal, Role
from seimon.access.sessions import SESSION_HOURS, create_session, principal_for_token, revoke_session
from seimon.access.users import (
    add_user,
    authenticate,
    disable_user,
    get_user,
    list_users,
    set_password,
)

__all__ = [
    "ACTIONS",
    "PUBLIC_PRINCIPAL",
    "SESSION_HOURS",
    "Forbidden",
    "LoginRateLimiter",
    "MicrodataScope",
    "NotAuthenticated",
    "Principal",
    "Role",
    "TooManyAttempts",
    "add_user",
    "allowed",
    "authenticate",
    "authorize",
    "create_session",
    "disable_user",
    "get_user",
    "hash_password",
    "list_audit",
    "list_users",
    "load_permissions",
    "microdata_scope",
    "needs_rehash",
    "principal_for_token",
    "record",
    "revoke_session",
    "set_password",
    "verify_password",
]
