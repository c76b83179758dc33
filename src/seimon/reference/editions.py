"""Editions of the code lists: which version of each register the data were coded against.

Code lists change (GB/T 4754 was amended in 2019; NBS revises the division codes every year), and a
classification is only meaningful together with the edition it used. Built-in registers carry fixed
edition ids; tables imported by a user are recorded in the store table ``ref_editions`` and win over
the built-in ones from then on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from seimon.clock import utc_now
from seimon.store import Store

logger = logging.getLogger(__name__)

INDUSTRY_EDITION = "GB/T 4754-2017+2019修改单"
SEI_EDITION = "SEI-2018"
REGION_EDITION = "NBS-2023"

REGISTER_REGIONS = "regions"
REGISTER_INDUSTRIES = "industries"
REGISTER_SEI = "sei"
REGISTER_CONCORDANCE = "sei_concordance"

BUILTIN = "builtin"


@dataclass(frozen=True)
class Edition:
    """One edition of one register and where its rows came from (``builtin`` or the imported file)."""

    register: str
    edition: str
    origin: str
    source: str
    row_count: int
    imported_at: datetime | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "register": self.register,
            "edition": self.edition,
            "origin": self.origin,
            "source": self.source,
            "row_count": self.row_count,
            "imported_at": self.imported_at.isoformat() if self.imported_at else None,
        }


def record_edition(store: Store, register: str, edition: str, *, origin: str, source: str, row_count: int) -> Edition:
    """Record (or replace) the imported ``edition`` of ``register`` as the current one.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     _ = record_edition(s, "industries", INDUSTRY_EDITION, origin="c.xlsx", source="GB/T 4754", row_count=1382)
    ...     current_edition(s, "industries").row_count
    1382
    """
    when = utc_now()
    with store.transaction():
        store.execute("DELETE FROM ref_editions WHERE register = ? AND edition = ?", (register, edition))
        store.execute(
            "INSERT INTO ref_editions (register, edition, origin, source, row_count, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (register, edition, origin, source, row_count, when),
        )
    logger.info("recorded %s edition %s (%d rows from %s)", register, edition, row_count, origin)
    return Edition(register, edition, origin, source, row_count, when)


def stored_editions(store: Store, register: str | None = None) -> list[Edition]:
    """Imported editions in the store, newest first."""
    sql = "SELECT register, edition, origin, source, row_count, imported_at FROM ref_editions"
    params: tuple[str, ...] = ()
    if register:
        sql += " WHERE register = ?"
        params = (register,)
    rows = store.fetchall(sql + " ORDER BY imported_at DESC, edition DESC", params)
    return [Edition(r[0], r[1], r[2], r[3] or "", int(r[4]), r[5]) for r in rows]


def current_edition(store: Store | None, register: str) -> Edition | None:
    """The newest imported edition of ``register``, or ``None`` when the built-in one applies.

    >>> current_edition(None, "sei_concordance") is None
    True
    """
    if store is None:
        return None
    found = stored_editions(store, register)
    return found[0] if found else None


_BUILTIN_TABLES = {
    REGISTER_REGIONS: ("regions_hebei.csv",),
    REGISTER_INDUSTRIES: ("gbt4754_sections.csv", "gbt4754_divisions.csv", "gbt4754_classes_sei.csv"),
    REGISTER_SEI: ("sei2018_categories.csv",),
    REGISTER_CONCORDANCE: ("sei2018_concordance.csv",),
}


def builtin_editions() -> list[Edition]:
    """The editions of the tables shipped with the product, read from their headers.

    >>> {e.register: e.edition for e in builtin_editions()}["sei"]
    'SEI-2018'
    """
    from seimon.reference.packaged import packaged_table

    out = []
    for register, names in _BUILTIN_TABLES.items():
        tables = [packaged_table(n) for n in names]
        out.append(Edition(register, tables[0].edition, BUILTIN, tables[0].source, sum(len(t.rows) for t in tables)))
    return out


def all_editions(store: Store | None) -> list[Edition]:
    """Every register's built-in edition, then the editions imported into ``store`` (newest first)."""
    return builtin_editions() + (stored_editions(store) if store is not None else [])
