"""Releases of enterprise data (数据发布) and the headline period: which 1–N月 period the platform may lead with.

Enterprise reports trickle in through the month; a period read before most enterprises have reported is not a
figure anyone should quote. A statistician *releases* a period (``seimon release 2020-09 --on 2020-10-27``): the
release is recorded with the reporting rate at that moment, submissions approved later for it are revisions
(new vintages, dated when approved), and pages, the API and bulletins lead with the latest released period.
Where nothing has been released, the headline is the latest period whose reporting rate reaches
:data:`HEADLINE_MIN_RATE`; a period below it is never a headline.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass
from typing import Any

from seimon.assess.warnings.base import WarningContext
from seimon.assess.warnings.completeness import expected_enterprises
from seimon.errors import Location, SeimonError
from seimon.periods import Period, parse_period, ytd_key
from seimon.plan import load_plan
from seimon.store import Store

logger = logging.getLogger(__name__)

HEADLINE_MIN_RATE = 0.90
"""Share of the enterprises expected to report that must have reported before a period can lead (90 %)."""
CANDIDATES = 3
"""How many of the newest periods are considered for the headline."""


@dataclass(frozen=True)
class PeriodState:
    """One 1–N月 period as known at a date: how many expected enterprises reported, and whether it is released."""

    year: int
    end_month: int
    reported: int
    expected: int
    released_on: dt.date | None = None

    @property
    def code(self) -> str:
        """The indicator system's code of the period: ``2020-01..09``, ``2020`` for the whole year."""
        return str(self.year) if self.end_month == 12 else f"{self.year}-01..{self.end_month:02d}"

    @property
    def rate(self) -> float:
        return self.reported / self.expected if self.expected else 0.0

    @property
    def basis(self) -> str:
        """``released``, ``complete`` (rate at least the threshold) or ``partial``."""
        if self.released_on is not None:
            return "released"
        return "complete" if self.rate >= HEADLINE_MIN_RATE else "partial"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(
            period=self.code,
            reporting_rate=round(self.rate, 4),
            basis=self.basis,
            released_on=self.released_on.isoformat() if self.released_on else None,
        )
        return out


def _ytd(text: str) -> tuple[int, int]:
    """(year, end month) of a year-to-date period as users write it; a bilingual error for anything else.

    >>> _ytd("2020-09"), _ytd("2020年1-9月"), _ytd("2019")
    ((2020, 9), (2020, 9), (2019, 12))
    """
    period: Period = parse_period(text)
    if period.kind != "point" and (period.kind not in ("quarter", "half") or period.start_month == 1):
        return ytd_key(period)  # a month is read as 1–N月, as everywhere for year-to-date data
    raise SeimonError(
        f"发布的时期须为年内累计期（如 2020-09 或 2020年1-9月）：{text}",
        f"a release is of a year-to-date period (such as 2020-09 or 2020年1-9月): {text}",
        Location(field="period"),
        "bad_period",
    )


def period_state(store: Store, year: int, end_month: int, as_of: dt.date) -> PeriodState:
    """The reporting rate of 1–``end_month``月 ``year`` as known at ``as_of``, and its release, if any."""
    ctx = WarningContext(store, as_of, load_plan())
    expected, _ = expected_enterprises(ctx, year, end_month)
    cutoff = dt.datetime.combine(as_of, dt.time.max)
    rows = store.fetchall(
        "SELECT DISTINCT credit_code FROM reports"
        " WHERE year = ? AND start_month = 1 AND end_month = ? AND vintage <= ?",
        [year, end_month, cutoff],
    )
    reported = sum(1 for (code,) in rows if code in expected)
    released = store.fetchone(
        "SELECT min(released_on) FROM period_releases WHERE year = ? AND end_month = ? AND released_on <= ?",
        [year, end_month, as_of],
    )
    day = released[0] if released else None
    if isinstance(day, dt.datetime):
        day = day.date()
    return PeriodState(year, end_month, reported, len(expected), day)


def release_period(
    store: Store, period: str, *, on: dt.date | None = None, by: str | None = None, force: bool = False
) -> PeriodState:
    """Record that a 1–N月 period is released on ``on`` (today by default); returns its state at that date.

    A period whose reporting rate is below :data:`HEADLINE_MIN_RATE` is refused unless ``force``.
    """
    year, end_month = _ytd(period)
    day = on or dt.date.today()
    end = Period.of_ytd(year, end_month).end_date()
    if day <= end:
        raise SeimonError(
            f"{year}年1-{end_month}月尚未结束，不能于 {day} 发布",
            f"1–{end_month} {year} has not ended: it cannot be released on {day}",
            Location(field="--on"),
            "bad_date",
        )
    state = period_state(store, year, end_month, day)
    if state.expected == 0 or (state.rate < HEADLINE_MIN_RATE and not force):
        raise SeimonError(
            f"{year}年1-{end_month}月报送率 {state.rate:.1%}（{state.reported}/{state.expected}），"
            f"低于 {HEADLINE_MIN_RATE:.0%}，不宜发布；确需发布请加 --force",
            f"1–{end_month} {year}: reporting rate {state.rate:.1%} ({state.reported}/{state.expected}) is below "
            f"{HEADLINE_MIN_RATE:.0%}; add --force to release it anyway",
            Location(field="period"),
            "low_reporting_rate",
        )
    with store.transaction():
        store.execute(
            "INSERT INTO period_releases (period, year, end_month, released_on, enterprises_reported,"
            " enterprises_expected, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [state.code, year, end_month, day, state.reported, state.expected, by, _now()],
        )
    logger.info("released %s on %s (%d of %d reported)", state.code, day, state.reported, state.expected)
    return PeriodState(year, end_month, state.reported, state.expected, day)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def list_releases(store: Store) -> list[dict[str, Any]]:
    """Every recorded release, newest period first."""
    rows = store.fetch_dicts(
        "SELECT period, year, end_month, released_on, enterprises_reported, enterprises_expected, recorded_by,"
        " recorded_at FROM period_releases ORDER BY year DESC, end_month DESC, released_on"
    )
    for r in rows:
        for key in ("released_on", "recorded_at"):
            if r[key] is not None:
                r[key] = r[key].isoformat()
    return rows


def is_released(store: Store, year: int, end_month: int, on: dt.date) -> bool:
    """Whether 1–``end_month``月 ``year`` had been released by ``on`` (an approval after it is a revision)."""
    row = store.fetchone(
        "SELECT count(*) FROM period_releases WHERE year = ? AND end_month = ? AND released_on <= ?",
        [year, end_month, on],
    )
    return bool(row and int(row[0]))


def headline_period(store: Store, as_of: dt.date | None = None) -> PeriodState | None:
    """The period the platform leads with at ``as_of``: the newest released one, else the newest complete one.

    Only the :data:`CANDIDATES` newest periods known at ``as_of`` are considered, newest first; a released period
    wins over a newer unreleased one only when that newer one is still partial.
    """
    day = as_of or dt.date.today()
    cutoff = dt.datetime.combine(day, dt.time.max)
    rows = store.fetchall(
        "SELECT DISTINCT year, end_month FROM reports WHERE start_month = 1 AND vintage <= ?"
        " ORDER BY year DESC, end_month DESC",
        [cutoff],
    )
    ended = [(int(y), int(m)) for y, m in rows if Period.of_ytd(int(y), int(m)).end_date() < day]
    for year, month in ended[:CANDIDATES]:
        state = period_state(store, year, month, day)
        if state.basis != "partial":
            return state
    return None
