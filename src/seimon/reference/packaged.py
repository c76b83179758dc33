"""Read the reference tables we ship under ``resources/reference``.

Each packaged table is a UTF-8 CSV whose leading ``#`` lines name its official source and edition, so the
provenance travels with the data; this module strips those lines and exposes them separately.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache

from seimon.resources import resource_path

# "# source: 国家统计局 ..." -> ("source", "国家统计局 ...")
_HEADER_FIELD = re.compile(r"^#\s*([a-z_]+):\s*(.*)$")


@dataclass(frozen=True)
class PackagedTable:
    """Rows of a packaged table plus the ``# key: value`` fields of its header (``source``, ``edition``)."""

    name: str
    rows: tuple[dict[str, str], ...]
    meta: dict[str, str]

    @property
    def source(self) -> str:
        return self.meta.get("source", "")

    @property
    def edition(self) -> str:
        return self.meta.get("edition", "")


@cache
def packaged_table(name: str) -> PackagedTable:
    """Load ``resources/reference/<name>`` once.

    >>> table = packaged_table("sei2018_categories.csv")
    >>> table.edition, table.rows[0]["code"]
    ('SEI-2018', '1')
    """
    text = resource_path("reference", name).read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            match = _HEADER_FIELD.match(line)
            if match and match.group(1) not in meta:
                meta[match.group(1)] = match.group(2).strip()
            continue
        if line.strip():
            body.append(line)
    reader = csv.DictReader(io.StringIO("\n".join(body)))
    rows = tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)
    return PackagedTable(name=name, rows=rows, meta=meta)
