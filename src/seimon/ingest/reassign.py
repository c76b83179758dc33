"""Enterprises moved to another city by a file: a warning of their own in the validation report.

An ``enterprises`` row may give a registered enterprise a new region. Within one city that is an ordinary
correction; across cities it moves the enterprise — and who may see and submit its data — from one city's
statisticians to another's. The web layer lets only province users submit such a row (the region *on record*
decides scope); this module makes the move visible to the reviewer before anything lands.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from seimon.ingest.subjects import file_subjects
from seimon.reference.regions import load_regions
from seimon.store import Store

logger = logging.getLogger(__name__)

RULE = "region_reassigned"


def _city_of(region: str) -> str:
    """The reporting unit at city level a region counts under (the region itself when it is not known)."""
    regions = load_regions()
    return regions.ancestor_at(region, "city") if region in regions else region


def reassignment_warnings(
    store: Store, kind: str, path: Path | str, *, sheet: str | None = None
) -> list[dict[str, Any]]:
    """One warning (a validation-report problem) per ``enterprises`` row that moves an enterprise to another city.

    >>> import tempfile, pathlib
    >>> from seimon.store import open_store
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "e.csv"
    >>> _ = f.write_text("统一社会信用代码,企业名称,地区代码,行业代码\\n91130100MA07LDTK1X,甲,130102,3841\\n")
    >>> reassignment_warnings(open_store("duckdb:///:memory:"), "enterprises", f)
    []
    """
    if kind != "enterprises":
        return []
    found = []
    for s in file_subjects(store, kind, path, sheet=sheet):
        if not (s.region and s.recorded_region) or _city_of(s.region) == _city_of(s.recorded_region):
            continue
        found.append(
            {
                "row": s.row,
                "field": "region",
                "rule": RULE,
                "severity": "warning",
                "message_zh": f"企业 {s.credit_code} 登记在 {s.recorded_region}，本行将其改划到另一地市 {s.region}："
                "须由省级分析员确认（改划后其数据归新地市报送和查看）",
                "message_en": f"enterprise {s.credit_code} is registered in {s.recorded_region}; this row moves it to "
                f"another city ({s.region}): a province analyst's decision (its data then belong to the new city)",
                "value": s.region,
            }
        )
    return found


__all__ = ["RULE", "reassignment_warnings"]
