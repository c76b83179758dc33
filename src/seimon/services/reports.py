"""Reports as outputs: the bulletin built and rendered for an order, and every internal edition audited.

An internal edition names enterprises (key-enterprise lists, warnings), so its leaving the system is recorded
under the Statistics Law whoever produced it: the web download and the CLI's ``report --edition internal`` both
go through :func:`audit_output`.

>>> order = BulletinOrder("2020年1-9月", edition="internal", format="xlsx")
>>> order.cache_key(), order.filename()
(('bulletin', (2020, 9), 'xlsx', 'internal', 'zh', None), 'bulletin-2020-09-internal-zh.xlsx')
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from seimon.access import audit
from seimon.access.events import DownloadInternalReport
from seimon.access.roles import Principal
from seimon.indicators.query import ytd_key_for
from seimon.report import build_bulletin, render
from seimon.store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BulletinOrder:
    """What a caller asks for: the bulletin of ``period`` in one edition, language and format, as of a date."""

    period: str
    edition: str = "public"
    lang: str = "zh"
    format: str = "pdf"
    as_of: dt.date | None = None

    def cache_key(self) -> tuple[Any, ...]:
        """ "2020-09" and "2020年1-9月" are one period: one cache entry."""
        return ("bulletin", ytd_key_for(self.period), self.format, self.edition, self.lang, self.as_of)

    def filename(self) -> str:
        year, end_month = ytd_key_for(self.period)
        suffix = f"-as-of-{self.as_of.isoformat()}" if self.as_of else ""
        return f"bulletin-{year}-{end_month:02d}-{self.edition}-{self.lang}{suffix}.{self.format}"


def audit_output(
    store: Store,
    actor: Principal | str | None,
    order: BulletinOrder,
    *,
    ip: str | None = None,
    output: str | None = None,
) -> None:
    """Record that an internal edition left the system (nothing for the public edition)."""
    if order.edition != "internal":
        return
    event = DownloadInternalReport("bulletin", order.period, order.format, order.lang, output)
    audit.record(store, actor, event, ip=ip)


def render_bulletin(store: Store, order: BulletinOrder) -> bytes:
    """The bulletin's bytes (no audit: callers that hand them out call :func:`audit_output`)."""
    report = build_bulletin(store, order.period, order.edition, order.lang, as_of=order.as_of)  # type: ignore[arg-type]
    return render(report, order.format)


def bulletin(store: Store, actor: Principal | str | None, order: BulletinOrder, *, output: str | None = None) -> bytes:
    """Build and render the bulletin, then audit it if it is the internal edition (the CLI's road)."""
    data = render_bulletin(store, order)
    audit_output(store, actor, order, output=output)
    return data
