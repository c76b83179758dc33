"""Releases: a period of enterprise data released, a public release under disclosure control published, an
appraisal's ranking made public — each recorded by its stage and audited here, for the web and the CLI alike.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from seimon.access import audit
from seimon.access.events import PublishRelease, ReleaseAppraisal, ReleasePeriod
from seimon.access.roles import Principal
from seimon.appraise import releases as appraisal_releases
from seimon.assess import releases as period_releases
from seimon.disclose import releases as public_releases
from seimon.disclose.rules import Rules
from seimon.store import Store

logger = logging.getLogger(__name__)


def _name(actor: Principal | str) -> str:
    return actor.username if isinstance(actor, Principal) else actor


def release_period(
    store: Store,
    actor: Principal | str,
    period: str,
    *,
    on: dt.date | None = None,
    by: str | None = None,
    force: bool = False,
    ip: str | None = None,
) -> period_releases.PeriodState:
    """Release a 1–N月 period of enterprise data (``by``: who releases, the actor's name by default); audited."""
    with store.transaction():
        state = period_releases.release_period(store, period, on=on, by=by or _name(actor), force=force)
        released_on = (state.released_on or on or dt.date.today()).isoformat()
        audit.record(store, actor, ReleasePeriod(state.code, released_on, force), ip=ip)
    return state


def publish(
    store: Store,
    actor: Principal | str,
    period: str,
    *,
    on: dt.date | None = None,
    indicators: Iterable[str] | None = None,
    rules: Rules | None = None,
    ip: str | None = None,
) -> public_releases.Release:
    """Protect a period's tables and record them as a public release (:func:`seimon.disclose.releases.publish`);
    audited with the number of cells withheld and whether the protection audit passed."""
    release = public_releases.publish(store, period, on=on, indicators=indicators, rules=rules, by=_name(actor))
    withheld = sum(1 for c in release.cells.values() if c.withheld)
    audit.record(store, actor, PublishRelease(release.id, release.period, withheld, release.audit_ok), ip=ip)
    return release


def release_appraisal(
    store: Store, actor: Principal | str, year: int, units: str, *, ip: str | None = None
) -> dt.datetime:
    """Make the appraisal of ``units`` for ``year`` public (the first release is kept); audited."""
    with store.transaction():
        when = appraisal_releases.release(store, year, units, _name(actor))
        audit.record(store, actor, ReleaseAppraisal(units, year), ip=ip)
    return when
