"""Every internal edition that leaves the system is audited, whichever shell produced it (services.reports)."""

from __future__ import annotations

from seimon.access.audit import list_audit
from seimon.services.reports import BulletinOrder, bulletin
from seimon.store import Store


def test_internal_bulletin_is_audited_public_is_not(report_store: Store) -> None:
    before = len(list_audit(report_store, action="download_internal_report"))
    public = bulletin(report_store, "cli:tester", BulletinOrder("2020-09", edition="public", format="html"))
    assert len(list_audit(report_store, action="download_internal_report")) == before
    internal = bulletin(
        report_store, "cli:tester", BulletinOrder("2020年1-9月", edition="internal", format="html"), output="b.html"
    )
    assert internal != public  # the internal edition holds what the public one withholds
    (event,) = list_audit(report_store, action="download_internal_report", limit=1)
    assert (event["username"], event["target"]) == ("cli:tester", "bulletin:2020年1-9月")
    assert event["detail"] == {"format": "html", "lang": "zh", "output": "b.html"}
