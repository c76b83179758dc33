"""The cells of one release's linked tables, and the atoms they are sums of.

Why atoms: tables overlap in ways that are not one hierarchy — 定州 is a reporting unit of its own and part of
保定 in the geographic view; an enterprise in two SEI items counts in both items and once in their field. An
*atom* is the set of enterprises that fall in exactly the same cells; every cell is a sum of atoms, so the
whole of what a release publishes is a set of linear equations in the atoms (non-negative). The suppression
model and the audit (:mod:`seimon.disclose.secondary`, :mod:`seimon.disclose.audit`) are written over atoms
and so cover every overlap at once, across views, trees and cross-tables.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from seimon.disclose.rules import CROSS_PREFIX, Rules
from seimon.indicators.contributions import Contribution
from seimon.reference.regions import PROVINCE_CODE

logger = logging.getLogger(__name__)

CellId = tuple[str, tuple[str, ...]]
"""(table, key): ("region:reporting", ("130800",)), ("sei_field", ("5",)),
("region:reporting×sei_field", ("130100", "5"))."""


@dataclass
class Cell:
    """One published (or withheld) cell: its total, contributors and the largest two contributions."""

    id: CellId
    value: float = 0.0
    contributors: int = 0
    top: list[float] = field(default_factory=list)
    atoms: list[int] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.value += value
        self.contributors += 1
        self.top = sorted([*self.top, value], reverse=True)[:2]


@dataclass
class Table:
    """Cells and atoms of a release of one indicator and period: ``atom_values[i]`` is atom i's total."""

    cells: dict[CellId, Cell]
    atom_values: list[float]


def cells_of(contribution: Contribution, tables: Iterable[str]) -> list[CellId]:
    """The cells an enterprise's value counts in, for the tables of a release.

    >>> c = Contribution("x", 1.0, "130682", "130600", {"sei_field": ("1", "5"), "division": ("38",)})
    >>> cells_of(c, ["total", "region:reporting", "region:geographic", "sei_field"])  # doctest: +NORMALIZE_WHITESPACE
    [('total', ('130000',)), ('region:reporting', ('130682',)), ('region:geographic', ('130600',)),
     ('sei_field', ('1',)), ('sei_field', ('5',))]
    """
    out: list[CellId] = []
    for table in tables:
        if table == "total":
            out.append((table, (PROVINCE_CODE,)))
        elif table == "region:reporting":
            out.append((table, (contribution.reporting,)))
        elif table == "region:geographic":
            out.append((table, (contribution.geographic,)))
        elif table.startswith(CROSS_PREFIX):
            dim = table.removeprefix(CROSS_PREFIX)
            out.extend((table, (contribution.reporting, v)) for v in contribution.groups.get(dim, ()))
        else:
            out.extend((table, (v,)) for v in contribution.groups.get(table, ()))
    return out


def build_table(contributions: Iterable[Contribution], rules: Rules, tables: Iterable[str] | None = None) -> Table:
    """Cells (with contributors and largest contributions) and atoms of ``tables`` (default: the rules').

    >>> from seimon.disclose.rules import Rules
    >>> cs = [Contribution(str(i), v, r, r, {}) for i, (v, r) in enumerate([(5.0, "130100"), (7.0, "130200")])]
    >>> t = build_table(cs, Rules(tables=["total", "region:reporting"]))
    >>> t.cells[("total", ("130000",))].value, len(t.atom_values)
    (12.0, 2)
    """
    names = list(tables if tables is not None else rules.tables)
    cells: dict[CellId, Cell] = {}
    atom_of: dict[frozenset[CellId], int] = {}
    atom_values: list[float] = []
    for c in contributions:
        ids = cells_of(c, names)
        signature = frozenset(ids)
        if signature not in atom_of:
            atom_of[signature] = len(atom_values)
            atom_values.append(0.0)
        atom = atom_of[signature]
        atom_values[atom] += c.value
        for cid in ids:
            cell = cells.setdefault(cid, Cell(cid))
            cell.add(c.value)
    members: dict[CellId, list[int]] = defaultdict(list)
    for signature, atom in atom_of.items():
        for cid in signature:
            members[cid].append(atom)
    for cid, cell in cells.items():
        cell.atoms = sorted(members[cid])
    logger.debug("%d cells over %d atoms", len(cells), len(atom_values))
    return Table(cells, atom_values)
