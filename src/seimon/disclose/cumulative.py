"""Cumulative periods protected jointly: 1–N月 and 1–M月 of one year, and the months between them.

Why: Chinese enterprise statistics are year-to-date (1–8月, 1–9月, …). A city's 1–9月 value minus its 1–8月
value is its September; a release of 1–9月 and one of 1–8月 (or a monthly and a year-to-date release of the
same year) together publish every month's figure by subtraction. A month may rest on fewer enterprises than
its cumulative cells, or one enterprise may dominate it; and a cell withheld in one release may be given away
by the other release and the month between.

How: the enterprises' year-to-date values at the released months M₁ < M₂ < … are split into *layers* — the
value at M₁, then each increment M₁→M₂, … — and each enterprise's layer is an atom piece that counts in every
cumulative cell from its month on and in the increment cell of its span (:func:`layered_table`). Cumulative
cells are ``(table@M, key)``, increments ``(table@M₁..M₂, key)``. The increments are never published, and the
threshold and dominance rules apply to them as to any cell, so the suppression and the audit
(:mod:`seimon.disclose.secondary`, :mod:`seimon.disclose.audit`) protect the months the releases imply too.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from seimon.disclose.cells import Cell, CellId, Table, cells_of
from seimon.indicators.contributions import Contribution

logger = logging.getLogger(__name__)


def at(cell: CellId, month: int) -> CellId:
    """The cumulative cell of ``month``: ``("total", ("130000",))`` → ``("total@9", ("130000",))``."""
    return (f"{cell[0]}@{month}", cell[1])


def between(cell: CellId, start: int, end: int) -> CellId:
    """The increment cell of the months after ``start`` up to ``end``: ``("total@8..9", ("130000",))``."""
    return (f"{cell[0]}@{start}..{end}", cell[1])


def untag(cell: CellId) -> tuple[CellId, str]:
    """``("total@8..9", k)`` → ``(("total", k), "8..9")``.

    >>> untag(("region:reporting@9", ("130800",)))
    (('region:reporting', ('130800',)), '9')
    """
    table, _, tag = cell[0].partition("@")
    return (table, cell[1]), tag


def layered_table(  # noqa: PLR0912 - one pass over enterprises and months
    by_month: Mapping[int, Iterable[Contribution]], tables: Sequence[str]
) -> Table:
    """Cells of every released month and of every increment between consecutive months, over layer atoms.

    >>> c = lambda code, v: Contribution(code, v, "130100", "130100", {})
    >>> t = layered_table({8: [c("a", 8.0), c("b", 8.0)], 9: [c("a", 9.0), c("b", 20.0)]}, ["total"])
    >>> t.cells[("total@9", ("130000",))].value, t.cells[("total@8..9", ("130000",))].value
    (29.0, 13.0)
    >>> t.cells[("total@8..9", ("130000",))].top  # b's September alone is 12 of 13: dominated
    [12.0, 1.0]
    """
    months = sorted(by_month)
    values: dict[int, dict[str, Contribution]] = {m: {c.credit_code: c for c in by_month[m]} for m in months}
    codes = sorted({code for m in months for code in values[m]})
    cells: dict[CellId, Cell] = {}
    atom_of: dict[frozenset[CellId], int] = {}
    atom_values: list[float] = []
    for code in codes:
        previous = 0.0
        for k, month in enumerate(months):
            here = values[month].get(code)
            now = here.value if here is not None else 0.0
            layer = now - previous
            ids: list[CellId] = []
            for later in months[k:]:
                found = values[later].get(code)
                if found is not None:
                    ids.extend(at(cid, later) for cid in cells_of(found, tables))
            if k > 0 and here is not None:
                span = [between(cid, months[k - 1], month) for cid in cells_of(here, tables)]
                ids.extend(span)
                for cid in span:
                    cells.setdefault(cid, Cell(cid)).add(layer)
            if here is not None:
                for cid in cells_of(here, tables):
                    cells.setdefault(at(cid, month), Cell(at(cid, month))).add(now)
            previous = now
            if not ids or layer == 0.0:
                continue
            signature = frozenset(ids)
            if signature not in atom_of:
                atom_of[signature] = len(atom_values)
                atom_values.append(0.0)
            atom_values[atom_of[signature]] += layer
    members: dict[CellId, list[int]] = defaultdict(list)
    for signature, atom in atom_of.items():
        for cid in signature:
            members[cid].append(atom)
    for cid, cell in cells.items():
        cell.atoms = sorted(members[cid])
    logger.debug("layered table: %d months, %d cells over %d atoms", len(months), len(cells), len(atom_values))
    return Table(cells, atom_values)
