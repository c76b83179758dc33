"""The audit (as τ-Argus's): the feasible interval of every withheld cell, by linear programming.

An attacker knows every published cell of the release (and of earlier releases of the period), and that
each atom — the enterprises falling in exactly the same cells (:mod:`seimon.disclose.cells`) — is at least
zero. The smallest and largest value a withheld cell can take under those equations is its feasible
interval; the cell is protected when the interval reaches ``protection_percent`` % of its value below and
above it. Solved with HiGHS (``scipy.optimize.linprog``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from seimon.disclose.cells import CellId, Table

logger = logging.getLogger(__name__)

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Interval:
    """What an attacker can tell of a withheld cell: ``lower`` ≤ value ≤ ``upper`` (``upper`` may be inf)."""

    cell: CellId
    value: float
    lower: float
    upper: float
    protection: float

    @property
    def protected(self) -> bool:
        slack = TOLERANCE * max(1.0, abs(self.value))
        return self.lower <= self.value - self.protection + slack and self.upper >= self.value + self.protection - slack

    def to_dict(self) -> dict[str, object]:
        return {
            "table": self.cell[0],
            "key": list(self.cell[1]),
            "lower": self.lower,
            "upper": None if math.isinf(self.upper) else self.upper,
            "protection": self.protection,
            "protected": self.protected,
        }


def lower_bound(value: float) -> float:
    """How far below its value an atom may go: to zero (values added up are not negative; a negative one is
    taken as known from below, the cautious side)."""
    return -max(value, 0.0)


def insider_atoms(table: Table) -> set[int]:
    """Atoms that are one enterprise alone in a cell: that enterprise knows the atom's figure.

    A cell with one contributor has one atom of one enterprise. Protecting a cell against everyone who knows
    such a figure (outside the cell itself; inside, the dominance rule applies) also protects it against
    each of them alone.
    """
    return {cell.atoms[0] for cell in table.cells.values() if cell.contributors == 1 and len(cell.atoms) == 1}


def audit(
    table: Table,
    withheld: Collection[CellId],
    protection_percent: float,
    known: Collection[CellId] = (),
    sensitive: Collection[CellId] | None = None,
) -> list[Interval]:
    """Feasible intervals of the ``withheld`` cells given every other cell (and the ``known`` ones) published.

    A sensitive cell is audited against an attacker who also knows every :func:`insider_atoms` figure
    outside it. The protection level is ``protection_percent`` % of the value for the ``sensitive`` cells
    (default: every withheld cell) and zero for the others: a cell withheld only to protect another (secondary) rests on
    enough enterprises to be published itself, so its interval is shown but not required to be wide (as in
    τ-Argus; requiring it would withhold the province total to protect a complement of 100 000).

    >>> from seimon.disclose.cells import build_table
    >>> from seimon.disclose.rules import Rules
    >>> from seimon.indicators.contributions import Contribution
    >>> data = [(2.0, "a"), (3.0, "a"), (3.0, "b"), (4.0, "b"), (9.0, "c"), (1.0, "c")]
    >>> cs = [Contribution(str(i), v, r, r, {}) for i, (v, r) in enumerate(data)]
    >>> t = build_table(cs, Rules(tables=["total", "region:reporting"]))
    >>> [(i.lower, i.upper) for i in audit(t, [("region:reporting", ("a",))], 10)]  # the total gives it away
    [(5.0, 5.0)]
    >>> [(i.lower, i.upper) for i in audit(t, [("region:reporting", ("a",)), ("region:reporting", ("b",))], 10)]
    [(0.0, 12.0), (0.0, 12.0)]
    """
    hidden = set(withheld) - set(known)
    published = [cid for cid in table.cells if cid not in hidden]
    n = len(table.atom_values)
    rows, cols = [], []
    for r, cid in enumerate(published):
        for a in table.cells[cid].atoms:
            rows.append(r)
            cols.append(a)
    a_eq = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(published), n)) if published else None
    b_eq = np.zeros(len(published)) if published else None
    bounds = [(lower_bound(v), None) for v in table.atom_values]
    insiders = insider_atoms(table)
    out = []
    ends_of: dict[tuple[tuple[int, ...], bool], list[float]] = {}  # cells with the same atoms have the same interval
    for cid in withheld:
        if cid in known:  # published before: already out, nothing to audit
            continue
        cell = table.cells[cid]
        needs = sensitive is None or cid in sensitive
        atoms = tuple(cell.atoms)
        if (atoms, needs) not in ends_of:
            fixed = insiders - set(atoms) if needs else set()
            these = [(0.0, 0.0) if a in fixed else b for a, b in enumerate(bounds)]
            c = np.zeros(n)
            c[cell.atoms] = 1.0
            ends = []
            for sign in (1.0, -1.0):
                res = linprog(sign * c, A_eq=a_eq, b_eq=b_eq, bounds=these, method="highs")
                if res.status == 3:  # unbounded
                    ends.append(-math.inf if sign > 0 else math.inf)
                elif res.status != 0:
                    raise RuntimeError(f"audit LP failed for {cid}: {res.message}")
                else:
                    ends.append(sign * res.fun)
            ends_of[(atoms, needs)] = ends
        ends = ends_of[(atoms, needs)]
        protection = protection_percent / 100 * abs(cell.value) if needs else 0.0
        out.append(Interval(cid, cell.value, cell.value + ends[0], cell.value + ends[1], protection))
    return out
