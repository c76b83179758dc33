"""A login rate limiter: after too many failed logins for one key, refuse further tries for a while.

Argon2 makes each guess expensive for the attacker's hardware but also for ours; counting failures per key
(the web layer uses the username and the client address as separate keys) stops online password guessing
and keeps one client from tying up the server. :meth:`LoginRateLimiter.begin` counts an attempt *before* the
password is checked, so thirty concurrent guesses cannot all pass the check while none has failed yet; and a
user name that is locked stays open from an address with no failures, so an attacker who locks the account
(the administrator's, say) does not lock its owner out. It lives in memory: a restart forgets it, which is fine
for a control meant to slow guessing down, not to keep records (the audit log does that).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from seimon.errors import SeimonError

logger = logging.getLogger(__name__)

MAX_KEYS = 10_000  # when more keys than this are tracked, expired ones are swept out


@dataclass
class TooManyAttempts(SeimonError):
    """Too many failed logins: try again after ``retry_after`` seconds (the web layer answers HTTP 429)."""

    code: str = "rate_limited"
    retry_after: float = 0.0


class LoginRateLimiter:
    """At most ``max_failures`` failures per key within any ``window_seconds`` (a sliding window).

    ``clock`` is injectable so that tests can move time without sleeping.

    >>> now = [0.0]
    >>> limiter = LoginRateLimiter(max_failures=2, window_seconds=60, clock=lambda: now[0])
    >>> limiter.failure("ana"); limiter.failure("ana")
    >>> try:
    ...     limiter.check("ana")
    ... except TooManyAttempts as err:
    ...     err.retry_after
    60.0
    >>> now[0] = 60.0; limiter.check("ana")
    """

    def __init__(
        self, max_failures: int = 5, window_seconds: float = 300.0, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_failures < 1 or window_seconds <= 0:
            raise ValueError("max_failures must be at least 1 and window_seconds positive")
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._pending: dict[str, int] = {}
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float] | None:
        """Drop the failures of ``key`` older than the window (caller holds the lock)."""
        times = self._failures.get(key)
        if times is None:
            return None
        while times and times[0] <= now - self.window_seconds:
            times.popleft()
        if not times:
            del self._failures[key]
            return None
        return times

    def check(self, key: str) -> None:
        """Raise :class:`TooManyAttempts` while ``key`` has used up its failures in the window."""
        with self._lock:
            now = self._clock()
            times = self._prune(key, now)
            if times is None or len(times) < self.max_failures:
                return
            # at most max_failures are kept: a slot frees when the oldest of them leaves the window
            wait = max(0.0, times[0] + self.window_seconds - now)
        logger.warning("login attempts refused for %s for %.0f s", key, wait)
        minutes = max(1, math.ceil(wait / 60))
        raise TooManyAttempts(
            f"登录失败次数过多，请约 {minutes} 分钟后再试",
            f"too many failed logins; try again in about {minutes} minute(s)",
            retry_after=wait,
        )

    def failure(self, key: str) -> None:
        """Count one failed login for ``key``."""
        with self._lock:
            now = self._clock()
            if len(self._failures) >= MAX_KEYS:
                for other in list(self._failures):
                    self._prune(other, now)
            times = self._prune(key, now)
            if times is None:
                times = self._failures[key] = deque()
            times.append(now)
            if len(times) > self.max_failures:
                times.popleft()

    def success(self, key: str) -> None:
        """A successful login clears the failures of ``key``."""
        with self._lock:
            self._failures.pop(key, None)

    def _used(self, key: str, now: float) -> int:
        """Failures in the window plus attempts under way (caller holds the lock)."""
        times = self._prune(key, now)
        return (len(times) if times else 0) + self._pending.get(key, 0)

    def begin(self, user: str, address: str) -> None:
        """Reserve one login attempt for ``user`` from ``address``, atomically, or raise :class:`TooManyAttempts`.

        The address is refused once its failures (and attempts under way) reach the limit; the user name
        only for an address that has failed or is trying already. Every ``begin`` is followed by one
        :meth:`end`.

        >>> limiter = LoginRateLimiter(max_failures=1, window_seconds=60, clock=lambda: 0.0)
        >>> limiter.begin("user:ana", "ip:a"); limiter.end("user:ana", "ip:a", ok=False)
        >>> try:
        ...     limiter.begin("user:ana", "ip:a")
        ... except TooManyAttempts:
        ...     print("refused from the failing address")
        refused from the failing address
        >>> limiter.begin("user:ana", "ip:b"); limiter.end("user:ana", "ip:b", ok=True)
        """
        with self._lock:
            now = self._clock()
            if len(self._failures) >= MAX_KEYS:
                for other in list(self._failures):
                    self._prune(other, now)
            by_address = self._used(address, now)
            refused = address if by_address >= self.max_failures else None
            if refused is None and by_address > 0 and self._used(user, now) >= self.max_failures:
                refused = user
            if refused is None:
                for key in (user, address):
                    self._pending[key] = self._pending.get(key, 0) + 1
                return
            times = self._failures.get(refused)
            full = times is not None and len(times) >= self.max_failures
            # a slot frees when the oldest failure leaves the window, or (attempts under way) in a moment
            wait = max(0.0, times[0] + self.window_seconds - now) if full and times else 1.0
        logger.warning("login attempts refused for %s for %.0f s", refused, wait)
        minutes = max(1, math.ceil(wait / 60))
        raise TooManyAttempts(
            f"登录失败次数过多，请约 {minutes} 分钟后再试",
            f"too many failed logins; try again in about {minutes} minute(s)",
            retry_after=wait,
        )

    def end(self, user: str, address: str, *, ok: bool) -> None:
        """Close an attempt opened by :meth:`begin`: a failure counts for both keys, a success clears them."""
        with self._lock:
            now = self._clock()
            for key in (user, address):
                left = self._pending.get(key, 0) - 1
                if left > 0:
                    self._pending[key] = left
                else:
                    self._pending.pop(key, None)
                if ok:
                    self._failures.pop(key, None)
                    continue
                times = self._prune(key, now)
                if times is None:
                    times = self._failures[key] = deque()
                times.append(now)
                if len(times) > self.max_failures:
                    times.popleft()
