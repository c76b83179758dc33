"""Which services enterprises are above scale: the NBS annual-revenue thresholds, by sector.

Why a packaged table: the services half of SEI statistics (issue 19) covers 规模以上服务业 only, and the
threshold differs by sector — 2000万元 for transport, information and software, water and environment and health;
1000万元 for leasing and business services, scientific research and technical services, education and four
real-estate classes; 500万元 for residents' services, culture, sports and entertainment and social work
(``resources/reference/services_thresholds.csv`` names the NBS source). Sectors outside that list (wholesale and
retail, accommodation and catering, finance, real-estate development …) are surveyed otherwise and have no
threshold here. The most specific code wins: class, then division, then section.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from seimon.reference.industries import divisions
from seimon.reference.packaged import packaged_table

logger = logging.getLogger(__name__)

TABLE = "services_thresholds.csv"


@dataclass(frozen=True)
class ServicesThreshold:
    """The above-scale threshold that applies to a class: the code it was found under and the 万元 amount."""

    code: str
    name_zh: str
    threshold: float


@cache
def _rows() -> dict[str, ServicesThreshold]:
    return {
        r["code"]: ServicesThreshold(r["code"], r["name_zh"], float(r["threshold_wan_yuan"]))
        for r in packaged_table(TABLE).rows
    }


@cache
def _section_of() -> dict[str, str]:
    return {d.code: d.parent or "" for d in divisions()}


def services_threshold(class_code: str) -> ServicesThreshold | None:
    """The above-scale threshold of a GB/T 4754 class, or None when the class is not in the services scope.

    >>> services_threshold("6520").threshold, services_threshold("7320").threshold, services_threshold("8710").threshold
    (2000.0, 1000.0, 500.0)
    >>> services_threshold("7020").name_zh, services_threshold("7010"), services_threshold("3841")
    ('物业管理', None, None)
    """
    rows = _rows()
    division = class_code[:2]
    for code in (class_code, division, _section_of().get(division, "")):
        if code in rows:
            return rows[code]
    return None


def threshold_source() -> str:
    """The public source the thresholds are taken from (the table's ``# source:`` line)."""
    return packaged_table(TABLE).source


__all__ = ["ServicesThreshold", "services_threshold", "threshold_source"]
