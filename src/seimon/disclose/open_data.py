"""Open data: what a recorded public release offers anyone — published values, withheld cells marked, metadata.

Why here: open data are a release's published cells and nothing else (no audit intervals, no contributor
counts), so this is the one place that decides what of a release leaves the platform.
"""

from __future__ import annotations

import logging
from typing import Any

from seimon.disclose.releases import Release
from seimon.indicators.registry import Registry, load_registry

logger = logging.getLogger(__name__)

OPEN_COLUMNS: tuple[str, ...] = (
    "indicator",
    "name_zh",
    "name_en",
    "unit",
    "period",
    "table",
    "key",
    "value",
    "suppressed",
)


def open_records(release: Release, registry: Registry | None = None) -> list[dict[str, Any]]:
    """The release's cells as open-data rows: ``value`` None and ``suppressed`` True where withheld.

    >>> import datetime as dt
    >>> from seimon.disclose.releases import ReleasedCell
    >>> cell = ReleasedCell("sei_va", "region:reporting", ("130800",), None, "threshold", 0.0, 9.0, 1.0, True)
    >>> rel = Release(1, "2019", 2019, 12, dt.date(2020, 3, 1), dt.datetime(2020, 3, 1), None, ["sei_va"], {}, True)
    >>> rel.cells[("sei_va", ("region:reporting", ("130800",)))] = cell
    >>> row = open_records(rel)[0]
    >>> row["value"], row["suppressed"], "lower" in row
    (None, True, False)
    """
    registry = registry or load_registry()
    out = []
    for (indicator, (table, key)), cell in sorted(release.cells.items()):
        spec = registry[indicator] if indicator in registry else None  # noqa: SIM401 - a Registry has no get
        out.append(
            {
                "indicator": indicator,
                "name_zh": spec.name_zh if spec else indicator,
                "name_en": spec.name_en if spec else indicator,
                "unit": spec.unit if spec else "",
                "period": release.period,
                "table": table,
                "key": "|".join(key),
                "value": None if cell.withheld else cell.value,
                "suppressed": cell.withheld,
            }
        )
    return out


def open_metadata(release: Release, registry: Registry | None = None) -> dict[str, Any]:
    """Definitions, units, release date and the disclosure rules of a release (what a download carries)."""
    registry = registry or load_registry()
    return {
        "release": release.id,
        "period": release.period,
        "released_on": release.released_on.isoformat(),
        "revision_of": release.revision_of,
        "rules": {k: release.rules.get(k) for k in ("min_contributors", "dominance", "protection_percent")},
        "indicators": [
            {
                "id": i,
                "name_zh": registry[i].name_zh,
                "name_en": registry[i].name_en,
                "unit": registry[i].unit,
                "definition": registry[i].definition,
            }
            for i in release.indicators
            if i in registry
        ],
        "note_zh": "空值为依法不予公布的数据（《统计法》第九条、第二十五条）；见 docs/disclosure.md",
        "note_en": "Empty values are withheld by law (Statistics Law arts. 9, 25); see docs/disclosure.md",
    }
