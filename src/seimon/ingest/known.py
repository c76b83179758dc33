"""When an imported figure became known: the date every stored row carries as its ``vintage``.

A judgement "as of D" reads only rows whose vintage is on or before D (``migrations/0003_ingest.sql``), so the
vintage must be the date the figure was *published*, never the moment a file was loaded: a history of
2016–2020 imported today would otherwise be invisible to every past date. In order of precedence:

1. a per-row ``发布日期`` / ``published`` column (observations, regional data);
2. the batch's ``--published YYYY-MM-DD`` (every row of the file);
3. the release calendar below — a *first* publication of a fact is assumed known on the usual release date
   of its period, or when it was loaded if that is earlier (data entered before its official release are
   known from entry, and nothing is ever dated in the future);
4. a *revision* (a new value for a fact the store already holds) without a date is known from the time it
   was loaded: nothing says it was known earlier, and dating it earlier would change judgements already made.

The release calendar (``docs/assessment.md`` cites its sources):

* monthly, quarterly, half-year and year-to-date figures (enterprise reports, price indices, monthly
  regional data) — the 27th of the month after the period ends. NBS releases above-scale industrial
  production around the 15th–17th and industrial enterprises' finances around the 27th of the following
  month (1–2月 together, in March); the later date covers both, and the provincial bureau publishes
  within the same days;
* annual figures (``2019``) and year-end stocks (a point in December) — 1 March of the following year: the
  statistical communiqué on national economic and social development (国民经济和社会发展统计公报) of the
  year appears at the end of February;
* the enterprise register — an entry describes the enterprise, not a period: it is known from the
  enterprise's 成立日期 when given, else from :data:`REGISTER_ORIGIN` (valid for all of its history); other
  registers without a period (projects, tasks, bases, target breakdowns) likewise from :data:`REGISTER_ORIGIN`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)

MONTHLY_RELEASE_DAY = 27
"""Day of the month after a monthly/quarterly/year-to-date period on which its figures count as published."""
ANNUAL_RELEASE = (3, 1)
"""(month, day) of the year after an annual period on which its figures count as published."""
REGISTER_ORIGIN = dt.datetime(1900, 1, 1)
"""Known-from date of a register entry without 成立日期: before any period the platform holds."""


def release_date(kind: str, year: int, end_month: int) -> dt.date:
    """The assumed publication date of a period's figures under the release calendar.

    >>> release_date("ytd", 2018, 11), release_date("ytd", 2018, 12), release_date("year", 2018, 12)
    (datetime.date(2018, 12, 27), datetime.date(2019, 1, 27), datetime.date(2019, 3, 1))
    >>> release_date("point", 2018, 12), release_date("point", 2019, 6)
    (datetime.date(2019, 3, 1), datetime.date(2019, 7, 27))
    """
    if kind == "year" or (kind == "point" and end_month == 12):
        return dt.date(year + 1, *ANNUAL_RELEASE)
    if end_month == 12:
        return dt.date(year + 1, 1, MONTHLY_RELEASE_DAY)
    return dt.date(year, end_month + 1, MONTHLY_RELEASE_DAY)


def release_sql(alias: str = "") -> str:
    """SQL of :func:`release_date` over ``period_kind``, ``year`` and ``end_month`` (DuckDB and PostgreSQL).

    >>> "make_date" in release_sql("q.")
    True
    """
    a = alias
    annual = f"{a}period_kind = 'year' OR ({a}period_kind = 'point' AND {a}end_month = 12)"
    return (
        f"CAST(CASE WHEN {annual} THEN make_date({a}year + 1, {ANNUAL_RELEASE[0]}, {ANNUAL_RELEASE[1]})"
        f" WHEN {a}end_month = 12 THEN make_date({a}year + 1, 1, {MONTHLY_RELEASE_DAY})"
        f" ELSE make_date({a}year, {a}end_month + 1, {MONTHLY_RELEASE_DAY}) END AS TIMESTAMP)"
    )


def _timestamp(value: dt.datetime) -> str:
    return f"TIMESTAMP '{value.replace(microsecond=0).isoformat(sep=' ')}'"


@dataclass(frozen=True)
class KnownFrom:
    """How one batch dates its rows: the batch's ``--published`` date, if any, and when it was loaded.

    >>> k = KnownFrom(None, dt.datetime(2026, 12, 7, 9, 30))
    >>> k.explicit, k.default_sql("reports").startswith("least(")
    (False, True)
    >>> KnownFrom(dt.date(2019, 3, 1), dt.datetime(2026, 12, 7)).default_sql("reports")
    "TIMESTAMP '2019-03-01 00:00:00'"
    """

    published: dt.date | None
    loaded: dt.datetime

    @property
    def explicit(self) -> bool:
        """The whole batch carries a stated publication date."""
        return self.published is not None

    @property
    def loaded_sql(self) -> str:
        return _timestamp(self.loaded)

    def default_sql(self, kind: str, alias: str = "", has_period: bool = True) -> str:
        """SQL of the vintage of a first publication without a per-row date, over the staged columns.

        Files without a period (the enterprise register, the project, task and base registers, target
        breakdowns) describe things, not periods: known from 成立日期 for an enterprise, else from
        :data:`REGISTER_ORIGIN`, unless the batch states a date.
        """
        if self.published is not None:
            return _timestamp(dt.datetime(self.published.year, self.published.month, self.published.day))
        if kind == "enterprises":
            return f"COALESCE(CAST({alias}established AS TIMESTAMP), {_timestamp(REGISTER_ORIGIN)})"
        if not has_period:
            return _timestamp(REGISTER_ORIGIN)
        return f"least({release_sql(alias)}, {self.loaded_sql})"


def parse_published(text: str | None) -> dt.date | None:
    """The ``--published`` option as a date (None when not given); a bilingual error otherwise.

    >>> parse_published("2019-03-01"), parse_published(None)
    (datetime.date(2019, 3, 1), None)
    """
    if text is None or not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise SeimonError(
            f"发布日期须为 YYYY-MM-DD：{text}",
            f"the publication date must be YYYY-MM-DD: {text}",
            Location(field="--published"),
            "bad_date",
        ) from None
