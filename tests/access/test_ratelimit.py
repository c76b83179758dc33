"""The login rate limiter with an injected clock: sliding window, reset on success, safe under threads."""

from __future__ import annotations

import sys
import threading

import pytest

from seimon.access.ratelimit import LoginRateLimiter, TooManyAttempts


class Clock:
    """A hand-moved clock (seconds), injected instead of time.monotonic."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_blocks_after_max_failures_until_the_window_slides() -> None:
    clock = Clock()
    limiter = LoginRateLimiter(max_failures=3, window_seconds=300, clock=clock)
    for offset in (0, 10, 20):
        clock.now = 1000.0 + offset
        limiter.check("ana")
        limiter.failure("ana")
    with pytest.raises(TooManyAttempts) as info:
        limiter.check("ana")
    err = info.value
    assert err.code == "rate_limited" and err.retry_after == pytest.approx(280.0)
    assert "5 分钟" in err.message_zh and "5 minute" in err.message_en
    limiter.check("bob")  # other keys are unaffected
    clock.now = 1299.0
    with pytest.raises(TooManyAttempts) as info:
        limiter.check("ana")
    assert info.value.retry_after == pytest.approx(1.0)
    clock.now = 1300.0  # the first failure has left the window: one more try is allowed
    limiter.check("ana")
    limiter.failure("ana")
    with pytest.raises(TooManyAttempts) as info:
        limiter.check("ana")
    assert info.value.retry_after == pytest.approx(10.0)  # until the failure at 1010 leaves
    clock.now = 1620.0
    limiter.check("ana")


def test_success_clears_the_failures() -> None:
    clock = Clock()
    limiter = LoginRateLimiter(max_failures=2, window_seconds=60, clock=clock)
    limiter.failure("ana")
    limiter.success("ana")
    limiter.failure("ana")
    limiter.check("ana")
    limiter.failure("ana")
    with pytest.raises(TooManyAttempts):
        limiter.check("ana")


def test_defaults_and_arguments() -> None:
    limiter = LoginRateLimiter()
    assert (limiter.max_failures, limiter.window_seconds) == (5, 300.0)
    for _ in range(4):
        limiter.failure("k")
    limiter.check("k")
    limiter.failure("k")
    with pytest.raises(TooManyAttempts):
        limiter.check("k")
    with pytest.raises(ValueError):
        LoginRateLimiter(max_failures=0)


def test_concurrent_failures_are_all_counted() -> None:
    """Eight threads fail on the same fresh keys at once; a lost update would leave some key below the limit.

    A tiny switch interval makes the interpreter swap threads between almost every bytecode, which reliably
    loses counts when the limiter is not locked (checked by hand while writing this test).
    """
    clock = Clock()
    threads_n, keys_n = 8, 2000
    limiter = LoginRateLimiter(max_failures=threads_n, window_seconds=60, clock=clock)
    start = threading.Barrier(threads_n)

    def hammer() -> None:
        start.wait()
        for n in range(keys_n):
            limiter.failure(f"user{n}")

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=hammer) for _ in range(threads_n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    blocked = 0
    for n in range(keys_n):
        try:
            limiter.check(f"user{n}")
        except TooManyAttempts:
            blocked += 1
    assert blocked == keys_n
