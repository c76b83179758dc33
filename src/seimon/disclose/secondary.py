"""Secondary suppression by optimisation: the cheapest set of cells to withhold so that every withheld cell
is protected, over all the linked tables of a release at once.

The model (Fischetti & Salazar's, as τ-Argus's "optimal" method, written over atoms,
:mod:`seimon.disclose.cells`): a binary ``x_c`` per cell (1 = withheld) and, for every sensitive cell ``s``
and each direction, a copy of the atom deviations ``d`` that an attacker could add to the true values:

- every atom stays at least zero: ``d_a ≥ −value_a``; it moves up by at most the protection level sought;
- a published cell does not move: ``−value_c · x_c ≤ Σ_{a∈c} d_a ≤ P · x_c``;
- the copy proves the protection: ``Σ_{a∈s} d_a ≥ P_s`` (up) or ``≤ −P_s`` (down).

A pattern is feasible exactly when each sensitive cell can move by its protection level both ways while
every published cell keeps its value; the objective is the information lost, the total value withheld
(plus a small charge per cell). Solved as a MIP with HiGHS (``scipy.optimize.milp``). Cells with identical
atoms (承德 in both views, a field with one item) are one variable: they are published or withheld together.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import time
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, milp
from scipy.sparse import coo_matrix, csr_matrix

from seimon.disclose.audit import insider_atoms, lower_bound
from seimon.disclose.cells import CellId, Table

logger = logging.getLogger(__name__)

DISP = False
MIP_GAP = 0.02
"""Stop when the pattern is proven within 2 % of the least information loss (protection is exact either way)."""
CELL_CHARGE = 1e-4
"""Loss per withheld cell beside its value (as a share of the largest cell): of two equal patterns, the one
withholding fewer cells wins."""
ROUNDING = 1e-7
"""A class the LP relaxation withholds by more than this is rounded up to withheld."""


@contextmanager
def solver_output_to_stderr() -> Iterator[None]:
    """Send what the solver's C++ code prints to stderr: with ``--json`` stdout is one JSON document only."""
    libc = ctypes.CDLL(None)
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        libc.fflush(None)
        os.dup2(saved, 1)
        os.close(saved)


def _classes(table: Table) -> dict[tuple[int, ...], list[CellId]]:
    groups: dict[tuple[int, ...], list[CellId]] = defaultdict(list)
    for cid, cell in table.cells.items():
        groups[tuple(cell.atoms)].append(cid)
    return groups


def suppress(  # noqa: PLR0915 - one model, built row by row
    table: Table,
    sensitive: Iterable[CellId],
    protection_percent: float,
    *,
    forced: Collection[CellId] = (),
    known: Collection[CellId] = (),
    time_limit: float = 30.0,
    method: str = "lp",
) -> set[CellId]:
    """The cells to withhold: the ``sensitive`` ones, the ``forced`` ones and the fewest others that protect them.

    ``known`` cells were published before (an earlier release of the period): they count as published
    whatever this pattern says. The attacker of each copy also knows the figure of every
    enterprise alone in a cell outside the protected one (:func:`~seimon.disclose.audit.insider_atoms`: a
    respondent knows its own figure — τ-Argus's singleton problem, two withheld single-enterprise cells whose
    sum is published). A pattern of the solver's best incumbent is returned at the time limit (it is protected,
    perhaps not the cheapest).

    >>> from seimon.disclose.cells import build_table
    >>> from seimon.disclose.rules import Rules
    >>> from seimon.indicators.contributions import Contribution
    >>> data = [(5.0, "a"), (7.0, "b"), (1.0, "b"), (9.0, "c"), (2.0, "c"), (30.0, "d"), (3.0, "d")]
    >>> cs = [Contribution(str(i), v, r, r, {}) for i, (v, r) in enumerate(data)]
    >>> t = build_table(cs, Rules(tables=["total", "region:reporting"]))
    >>> sorted(k[0] for _, k in suppress(t, [("region:reporting", ("a",))], 10))  # a and the cheapest other
    ['a', 'b']
    """
    started = time.perf_counter()
    must = set(sensitive) | set(forced)
    if not must:
        return set()
    classes = _classes(table)
    keys = list(classes)
    index = {cid: i for i, key in enumerate(keys) for cid in classes[key]}
    known_classes = {index[c] for c in known if c in index}
    m, n = len(keys), len(table.atom_values)
    # everything in units of the largest cell: values near 1 keep the solver's tolerances meaningful
    biggest = max([abs(c.value) for c in table.cells.values()] + [1e-9])
    values = np.array([table.cells[classes[k][0]].value for k in keys]) / biggest
    atom_values = [v / biggest for v in table.atom_values]
    cost = np.array([sum(abs(table.cells[c].value) for c in classes[k]) / biggest + CELL_CHARGE for k in keys])
    targets = sorted({index[c] for c in sensitive} - known_classes)
    copies = [(t, sign) for t in targets for sign in (1.0, -1.0)]
    insiders = insider_atoms(table)
    total = m + len(copies) * n
    rows, cols, data = [], [], []
    lower, upper = [], []
    row = 0

    def add(entries: list[tuple[int, float]], lo: float, hi: float) -> None:
        nonlocal row
        for col, val in entries:
            rows.append(row)
            cols.append(col)
            data.append(val)
        lower.append(lo)
        upper.append(hi)
        row += 1

    var_lo = np.zeros(total)
    var_hi = np.ones(total)
    for t in {*targets, *(index[c] for c in forced if c in index)}:
        var_lo[t] = 1.0  # sensitive and forced cells are withheld (only the sensitive ones need protection)
    for j, (t, sign) in enumerate(copies):
        base = m + j * n
        level = protection_percent / 100 * abs(values[t])
        own = set(keys[t])
        for a, v in enumerate(atom_values):
            known_atom = a in insiders and a not in own
            var_lo[base + a] = 0.0 if known_atom else lower_bound(v)
            var_hi[base + a] = 0.0 if known_atom else level
        for i, key in enumerate(keys):
            atoms = [(base + a, 1.0) for a in key]
            if i == t:
                if sign > 0:
                    add(atoms, level, np.inf)
                else:
                    add(atoms, -np.inf, -level)
            elif i in known_classes:
                add(atoms, 0.0, 0.0)
            else:
                add([*atoms, (i, -level)], -np.inf, 0.0)  # Σd ≤ P·x
                add([*atoms, (i, max(values[i], 0.0))], 0.0, np.inf)  # Σd ≥ −value·x
    matrix = coo_matrix((data, (rows, cols)), shape=(row, total)).tocsr()
    incidence = coo_matrix(
        (
            np.ones(sum(len(k) for k in keys)),
            ([i for i, k in enumerate(keys) for _ in k], [a for k in keys for a in k]),
        ),
        shape=(m, n),
    ).tocsr()
    model = _Model(
        matrix, np.array(lower), np.array(upper), var_lo, var_hi, cost, m,
        n=n, incidence=incidence, values=values, known=known_classes,
        copies=[(t, sign, protection_percent / 100 * abs(values[t])) for t, sign in copies],
    )  # fmt: skip
    x, how = solve_pattern(model, method=method, time_limit=time_limit)
    chosen = {cid for i, key in enumerate(keys) if x[i] > 0.5 for cid in classes[key]}
    logger.info(
        "secondary suppression (%s): %d sensitive, %d withheld of %d cells (%d atoms, %d copies) in %.2f s: %s",
        method,
        len(targets),
        len(chosen),
        len(table.cells),
        n,
        len(copies),
        time.perf_counter() - started,
        how,
    )
    return chosen | must


@dataclass
class _Model:
    """The suppression model: constraints over [x (m cell classes) | the copies' atom deviations]."""

    matrix: csr_matrix
    lower: np.ndarray
    upper: np.ndarray
    var_lo: np.ndarray
    var_hi: np.ndarray
    cost: np.ndarray
    m: int
    n: int = 0
    incidence: csr_matrix | None = None  # class × atom
    values: np.ndarray | None = None  # class values (scaled)
    known: set[int] = field(default_factory=set)
    copies: list[tuple[int, float, float]] = field(default_factory=list)  # (target class, direction, level)

    def deviations(self, x: np.ndarray, j: int) -> np.ndarray:
        """Copy ``j``'s atom deviations within a full solution vector ``x``."""
        base = self.m + j * self.n
        return x[base : base + self.n]

    def copy_feasible(self, j: int, pattern: np.ndarray) -> np.ndarray | None:
        """Copy ``j`` alone under ``pattern``: a deviation proving its target protected, or None (one small LP
        whose rows are the class × atom incidence; only their bounds change with the pattern)."""
        assert self.incidence is not None and self.values is not None
        t, sign, level = self.copies[j]
        base = self.m + j * self.n
        withheld = (pattern > 0.5) & ~np.isin(np.arange(self.m), list(self.known))
        lo = np.where(withheld, -np.maximum(self.values, 0.0), 0.0)
        hi = np.where(withheld, level, 0.0)
        lo[t], hi[t] = (level, np.inf) if sign > 0 else (-np.inf, -level)
        res = milp(
            np.zeros(self.n),
            constraints=LinearConstraint(self.incidence, lo, hi),
            bounds=Bounds(self.var_lo[base : base + self.n], self.var_hi[base : base + self.n]),
        )
        return res.x if res.status == 0 else None

    def objective(self) -> np.ndarray:
        return np.concatenate([self.cost, np.zeros(len(self.var_lo) - self.m)])

    def run(self, lo: np.ndarray, hi: np.ndarray, *, integral: bool, time_limit: float) -> OptimizeResult:
        integrality = np.zeros(len(lo))
        if integral:
            integrality[: self.m] = 1
        with solver_output_to_stderr():
            return milp(
                self.objective(),
                constraints=LinearConstraint(self.matrix, self.lower, self.upper),
                integrality=integrality,
                bounds=Bounds(lo, hi),
                options={"time_limit": time_limit, "mip_rel_gap": MIP_GAP, "disp": DISP},
            )

    def protects(self, pattern: np.ndarray) -> bool:
        """Whether withholding ``pattern`` (0/1 per class) protects every sensitive cell: one LP, exact."""
        lo, hi = self.var_lo.copy(), self.var_hi.copy()
        lo[: self.m] = hi[: self.m] = pattern
        return self.run(lo, hi, integral=False, time_limit=60.0).status == 0


def solve_pattern(model: _Model, *, method: str = "lp", time_limit: float = 30.0) -> tuple[np.ndarray, str]:
    """The 0/1 pattern per cell class, and how it was found.

    ``lp`` (the default): the LP relaxation, every class it withholds at all rounded up to withheld — rounding
    up only loosens a published cell's constraint, so every copy stays feasible and the pattern is protected
    — then pruned: the rounded-up classes, dearest first, are published again whenever one LP shows the rest
    still protects every sensitive cell. Seconds where the MIP takes minutes on city × industry tables.
    ``optimal``: that pattern, then the MIP (stopping within :data:`MIP_GAP` or at ``time_limit``) when it
    finds a cheaper one. Either way the audit checks the result (:mod:`seimon.disclose.audit`).
    """
    m = model.m
    relaxed = model.run(model.var_lo, model.var_hi, integral=False, time_limit=time_limit)
    if relaxed.x is None:
        logger.warning(
            "secondary suppression: the relaxation has no solution (%s): every cell withheld", relaxed.message
        )
        return np.ones(m), "infeasible"
    pattern = (relaxed.x[:m] > ROUNDING).astype(float)
    pattern = np.maximum(pattern, model.var_lo[:m])
    free = [i for i in range(m) if pattern[i] > 0.5 and model.var_lo[i] < 0.5]
    found = [model.deviations(relaxed.x, j).copy() for j in range(len(model.copies))]
    assert model.incidence is not None
    for i in sorted(free, key=lambda i: -model.cost[i]):
        pattern[i] = 0.0
        row = model.incidence[i]
        # only the copies that move class i must be solved again: the others stay feasible as they are
        moved = [j for j, d in enumerate(found) if abs(float((row @ d)[0])) > 1e-9]
        redone = {}
        for j in moved:
            d = model.copy_feasible(j, pattern)
            if d is None:
                pattern[i] = 1.0
                break
            redone[j] = d
        else:
            for j, d in redone.items():
                found[j] = d
    how = f"LP relaxation {relaxed.fun:.4g}, rounded and pruned {float(model.cost @ pattern):.4g}"
    if method == "optimal":
        res = model.run(model.var_lo, model.var_hi, integral=True, time_limit=time_limit)
        if res.x is not None and float(model.cost @ np.round(res.x[:m])) < float(model.cost @ pattern):
            pattern = np.round(res.x[:m])
            how += f"; MIP {res.fun:.4g} ({res.message})"
        else:
            how += f"; MIP kept the LP pattern ({res.message})"
    return pattern, how
