"""Login sessions: a random bearer token for the browser, only its SHA-256 in the store.

Keeping the digest rather than the token means a copy of the store (a backup, a read-only analyst
connection) cannot be replayed as someone's login. Each lookup re-reads the user, so disabling an account,
changing its role or its region takes effect on the next request, not at the next login.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

from seimon.access.roles import Principal
from seimon.clock import utc_now
from seimon.store import Store

logger = logging.getLogger(__name__)

SESSION_HOURS = 8
"""A working day: a session opened in the morning ends in the evening."""

MAX_TOKEN_LENGTH = 256  # token_urlsafe(32) is 43 characters; anything far longer is not ours


def token_digest(token: str) -> str:
    """The SHA-256 hex digest under which a session token is stored.

    >>> token_digest("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_session(store: Store, principal: Principal, *, hours: float = SESSION_HOURS) -> str:
    """Open a session for ``principal`` lasting ``hours``; the new token (shown once, never stored).

    Expired sessions are swept out on the way, so the table does not grow without bound.

    >>> from seimon.store import open_store
    >>> from seimon.access.users import add_user
    >>> store = open_store("duckdb:///:memory:")
    >>> token = create_session(store, add_user(store, "ana", "s3cret-pass", "analyst"))
    >>> len(token) >= 43, principal_for_token(store, token).username
    (True, 'ana')
    """
    token = secrets.token_urlsafe(32)
    now = utc_now()
    with store.transaction():
        store.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))
        store.execute(
            "INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)",
            (token_digest(token), principal.username, now, now + dt.timedelta(hours=hours)),
        )
    logger.debug("session opened for %s for %s hours", principal.username, hours)
    return token


def principal_for_token(store: Store, token: str) -> Principal | None:
    """The user a session token belongs to; None when unknown, expired, revoked, or the user is disabled.

    >>> from seimon.store import open_store
    >>> principal_for_token(open_store("duckdb:///:memory:"), "made-up") is None
    True
    """
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    rows = store.fetch_dicts(
        "SELECT u.username, u.role, u.region, u.credit_code, u.display_name, u.department FROM sessions s "
        "JOIN users u ON u.username = s.username "
        "WHERE s.token_hash = ? AND s.expires_at > ? AND NOT u.disabled",
        (token_digest(token), utc_now()),
    )
    if not rows:
        return None
    return Principal.from_row(rows[0])


def revoke_session(store: Store, token: str) -> None:
    """End the session of ``token`` (logout); an unknown token is already ended, so nothing happens.

    >>> from seimon.store import open_store
    >>> revoke_session(open_store("duckdb:///:memory:"), "made-up")
    """
    if isinstance(token, str) and token and len(token) <= MAX_TOKEN_LENGTH:
        store.execute("DELETE FROM sessions WHERE token_hash = ?", (token_digest(token),))
