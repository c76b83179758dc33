"""The cube compiled to SQL once per indicator system and dialect, and kept: in the process and in the store.

Why: building and compiling the cube's Ibis plan costs seconds whatever the size of the data (≈ 2–3 s on
this project's machines) — more than computing an appended month. The plan depends only on the indicator
specs, the cuts and the SQL dialect; the periods of a run are the only literals, so the plan is compiled
with placeholder periods (year 9000: no real data) and each run writes its own period codes in their place
(an ``IN`` list of integers, which lets the engines skip whole blocks of the reports by their min/max —
a semi-join with a table of periods measured 2–3 × slower on DuckDB). The indicator lists are array
literals and every intermediate table has a fixed name. The SQL is stored in ``indicator_cube_plans`` under
a key naming everything it depends on (specs, cuts, dialect, the compiler's source, seimon, Ibis and SQLGlot
versions): a changed indicator file, compiler or library gives a new key, hence a fresh compile.

    >>> from seimon.indicators.registry import load_registry
    >>> plan = compile_cube_sql(load_registry(), "duckdb")
    >>> [name for name, _ in plan.steps][:2]
    ['seimon_cube_step_0', 'seimon_cube_step_1']
    >>> "201909" in plan.render([(2019, 9)], [(2019, 9)])[1]
    True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import logging
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import sqlglot
from ibis.formats.pandas import PandasData, PandasType

import seimon
from seimon.indicators.compile import Cut, compile_cube, unbound_tables
from seimon.indicators.cubecuts import CUBE_TABLE, cube_cuts
from seimon.indicators.registry import Registry
from seimon.periods import YtdKey
from seimon.store import Store

logger = logging.getLogger(__name__)

PLANS_TABLE = "indicator_cube_plans"
STEP_PREFIX = "seimon_cube_step_"
_FORMAT = 2  # bump when the shape of a stored plan changes
# placeholder periods, far from any data so that each list is unique in the SQL: (9000, 9071) is code 909071
COMPUTE_PLACEHOLDER: tuple[YtdKey, ...] = ((9000, 9071), (9000, 9072))
WRITE_PLACEHOLDER: tuple[YtdKey, ...] = ((9100, 9081), (9100, 9082))
PRIOR_PLACEHOLDER: tuple[YtdKey, ...] = ((9200, 9091), (9200, 9092))
NO_PERIOD: tuple[YtdKey, ...] = ((0, 0),)  # an IN list matching nothing (SQL has no empty IN list)
# dialects whose engine runs inside the store, where the final query may read the stored cube rows
IN_STORE_DIALECTS: tuple[str, ...] = ("duckdb", "postgres")
# the stored cube's columns (cube.CUBE_COLUMNS), as the compiler reads them
_STORED_COLUMNS = {
    **dict.fromkeys(("indicator", "view", "level", "region", "dimension", "dimension_value"), "string"),
    "year": "int32",
    "end_month": "int32",
    "period": "string",
    **dict.fromkeys(("value", "value_prior_year", "yoy", "value_prior_period", "pop"), "float64"),
    "unit": "string",
    "computed_at": "timestamp",
}
_MEMORY: dict[str, CubeSQL] = {}
_LOCK = threading.Lock()


@dataclasses.dataclass(frozen=True)
class CubeSQL:
    """A compiled cube: statements materialising the intermediate tables in order, then the final query.

    ``columns`` are the final query's (name, Ibis type) pairs, so every engine's result gets the same types.
    ``register`` names the steps computed from the register alone (:attr:`CubePlan.register`);
    ``final_stored`` is the final query reading the periods compared with from the stored cube
    (:attr:`CubePlan.expr_stored`; in-store dialects only, else empty).
    """

    key: str
    dialect: str
    steps: tuple[tuple[str, str], ...]
    final: str
    columns: tuple[tuple[str, str], ...]
    register: tuple[str, ...] = ()
    final_stored: str = ""

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> CubeSQL:
        data = json.loads(text)
        return cls(
            key=data["key"],
            dialect=data["dialect"],
            steps=tuple((str(n), str(q)) for n, q in data["steps"]),
            final=data["final"],
            columns=tuple((str(n), str(t)) for n, t in data["columns"]),
            register=tuple(str(n) for n in data.get("register", ())),
            final_stored=str(data.get("final_stored", "")),
        )

    @property
    def schema(self) -> ibis.Schema:
        return ibis.schema(dict(self.columns))

    def render(
        self,
        periods: Sequence[YtdKey],
        write: Sequence[YtdKey],
        *,
        reuse: Mapping[str, str] | None = None,
        prior: Sequence[YtdKey] = (),
    ) -> tuple[list[tuple[str, str]], str]:
        """The steps and the final query with the placeholder periods replaced by ``periods`` and ``write``.

        ``reuse`` maps steps to tables that already hold their result (a register step kept in the store):
        those steps are left out and the other statements read the table named instead. ``prior``: periods
        the written ones compare with, read from the stored cube (:attr:`final_stored`) instead of computed.
        """
        if prior and not self.final_stored:
            raise ValueError(f"a {self.dialect} cube cannot read stored cube rows")
        swaps = [
            pair
            for marks, real in (
                (widened(COMPUTE_PLACEHOLDER), widened(periods)),
                (COMPUTE_PLACEHOLDER, periods),
                (WRITE_PLACEHOLDER, write),
                (PRIOR_PLACEHOLDER, prior or NO_PERIOD),
            )
            for pair in zip(_in_lists(marks), _in_lists(real), strict=True)
        ]

        swaps += [(_quoted(step, self.dialect), _quoted(table, self.dialect)) for step, table in (reuse or {}).items()]

        def fill(sql: str) -> str:
            for old, new in swaps:
                sql = sql.replace(old, new)
            return sql

        steps = [(name, fill(sql)) for name, sql in self.steps if name not in (reuse or {})]
        return steps, fill(self.final_stored if prior else self.final)


def _quoted(name: str, dialect: str) -> str:
    """A table name as the compiled SQL writes it.

    >>> _quoted("seimon_cube_step_0", "pyspark")
    '`seimon_cube_step_0`'
    """
    return f"`{name}`" if dialect == "pyspark" else f'"{name}"'


def widened(periods: Sequence[YtdKey]) -> list[YtdKey]:
    """The periods and the same periods a year earlier (what entries and exits compare with).

    >>> widened([(2019, 9)])
    [(2018, 9), (2019, 9)]
    """
    return sorted({(y - k, m) for y, m in periods for k in (0, 1)})


def _in_lists(periods: Sequence[YtdKey]) -> tuple[str, str, str]:
    """The ``IN`` lists the compiler writes for ``periods``: codes, years, months.

    >>> _in_lists([(2018, 9), (2019, 9)])
    ('(201809, 201909)', '(2018, 2019)', '(9)')
    """

    def text(values: set[int]) -> str:
        return "(" + ", ".join(str(v) for v in sorted(values)) + ")"

    return (
        text({y * 100 + m for y, m in periods}),
        text({y for y, _ in periods}),
        text({m for _, m in periods}),
    )


@functools.cache
def _compiler_source() -> str:
    """A hash of the compiler's own source: a changed compiler (same version, e.g. a git checkout) recompiles."""
    from seimon.indicators import compile as compiler

    digest = hashlib.sha256()
    for module in (compiler, sys.modules[__name__]):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


def plan_key(registry: Registry, cuts: Sequence[Cut], dialect: str) -> str:
    """What a compiled cube depends on, hashed: the specs, the cuts, the dialect, the compiler's source and versions.

    >>> from seimon.indicators.registry import load_registry
    >>> len(plan_key(load_registry(), [Cut()], "duckdb"))
    64
    """
    specs = sorted(s.model_dump_json() for s in registry)
    parts = [
        str(_FORMAT),
        seimon.__version__,
        _compiler_source(),
        ibis.__version__,
        sqlglot.__version__,
        dialect,
        json.dumps([[list(c.regions), c.extra] for c in cuts]),
        *specs,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def definition_key(registry: Registry) -> str:
    """What the cube's values depend on, whichever engine computes them: :func:`plan_key` without the dialect.

    A cube run logs it; a run under another key recomputes every period instead of trusting stored rows.

    >>> from seimon.indicators.registry import load_registry
    >>> definition_key(load_registry()) == definition_key(load_registry())
    True
    """
    return plan_key(registry, cube_cuts(), "")


def compile_cube_sql(registry: Registry, dialect: str, cuts: Sequence[Cut] | None = None) -> CubeSQL:
    """Compile the cube for ``dialect`` (``duckdb``, ``postgres``, ``pyspark``) into stand-alone SQL."""
    cuts = list(cuts or cube_cuts())
    steps: list[tuple[str, Any]] = []

    def placeholder(t: Any) -> Any:
        name = f"{STEP_PREFIX}{len(steps)}"
        steps.append((name, t))
        return ibis.table(t.schema(), name=name)

    in_store = dialect in IN_STORE_DIALECTS
    plan = compile_cube(
        registry,
        cuts,
        unbound_tables(),
        periods=COMPUTE_PLACEHOLDER,
        write=WRITE_PLACEHOLDER,
        materialise=placeholder,
        stored=ibis.table(ibis.schema(_STORED_COLUMNS), name=CUBE_TABLE) if in_store else None,
        prior=PRIOR_PLACEHOLDER,
    )
    if dialect == "pyspark":
        _ = ibis.pyspark  # the pyspark compiler registers itself when the backend module is first touched
    compiled = CubeSQL(
        key=plan_key(registry, cuts, dialect),
        dialect=dialect,
        steps=tuple((name, str(ibis.to_sql(t, dialect=dialect))) for name, t in steps),
        final=str(ibis.to_sql(plan.expr, dialect=dialect)),
        columns=tuple((n, str(t)) for n, t in plan.expr.schema().items()),
        register=tuple(t.get_name() for t in plan.register),
        final_stored=str(ibis.to_sql(plan.expr_stored, dialect=dialect)) if plan.expr_stored is not None else "",
    )
    for name in compiled.register:  # a compiler that quotes names differently must fail here, loudly
        if not any(_quoted(name, dialect) in sql for sql in (*(q for _, q in compiled.steps), compiled.final)):
            raise RuntimeError(f"register step {name} not found as {_quoted(name, dialect)} in the compiled cube")
    text = "\n".join([*(sql for _, sql in compiled.steps), compiled.final])
    marked = [widened(COMPUTE_PLACEHOLDER), COMPUTE_PLACEHOLDER, WRITE_PLACEHOLDER]
    if in_store:
        text += "\n" + compiled.final_stored
        marked.append(PRIOR_PLACEHOLDER)
    for marks in marked:
        for mark in _in_lists(marks):  # a compiler that writes IN lists differently must fail here, loudly
            if mark not in text:
                raise RuntimeError(f"placeholder periods {mark} not found in the compiled {dialect} cube")
    return compiled


def cube_sql(registry: Registry, dialect: str, store: Store | None = None) -> tuple[CubeSQL, str]:
    """The compiled cube for ``dialect``: from memory, from ``store``, or compiled now (and kept in both).

    Returns the plan and where it came from: ``memory``, ``store`` or ``compiled``.
    """
    key = plan_key(registry, cube_cuts(), dialect)
    with _LOCK:
        if key in _MEMORY:
            return _MEMORY[key], "memory"
    source = "compiled"
    plan: CubeSQL | None = None
    if store is not None:
        row = store.fetchone(
            f"SELECT plan_json FROM {PLANS_TABLE} WHERE plan_key = ? ORDER BY created_at DESC LIMIT 1", [key]
        )
        if row:
            plan, source = CubeSQL.from_json(str(row[0])), "store"
    if plan is None:
        plan = compile_cube_sql(registry, dialect)
        if store is not None:
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            with store.transaction():
                store.execute(f"DELETE FROM {PLANS_TABLE} WHERE dialect = ?", [dialect])
                store.execute(
                    f"INSERT INTO {PLANS_TABLE} (plan_key, dialect, plan_json, created_at) VALUES (?, ?, ?, ?)",
                    [key, dialect, plan.to_json(), now],
                )
    with _LOCK:
        _MEMORY[key] = plan
    logger.info("cube plan %s… for %s: %s", key[:12], dialect, source)
    return plan, source


@contextmanager
def prepared(
    eng: Any,
    plan: CubeSQL,
    periods: Sequence[YtdKey],
    write: Sequence[YtdKey],
    *,
    reuse: Mapping[str, str] | None = None,
    prior: Sequence[YtdKey] = (),
) -> Iterator[str]:
    """Materialise the plan's steps on ``eng`` for ``periods``; yield the final query (``write`` periods).

    The steps are dropped when the block ends. The engine adapter only creates and drops tables
    (``create_temp``, ``drop_temp``); the SQL is the same on every run but for the period codes and, with
    ``reuse``, the tables read instead of register steps, and the ``prior`` periods read from the stored
    cube (:meth:`CubeSQL.render`).
    """
    steps, final = plan.render(periods, write, reuse=reuse, prior=prior)
    made: list[str] = []
    try:
        for name, sql in steps:
            eng.create_temp(name, sql)
            made.append(name)
        yield final
    finally:
        for name in reversed(made):
            try:
                eng.drop_temp(name)
            except Exception:  # an aborted transaction refuses the drop; its rollback removes the table anyway
                logger.debug("cube step %s not dropped", name, exc_info=True)


def run_cube_sql(eng: Any, plan: CubeSQL, periods: Sequence[YtdKey], write: Sequence[YtdKey]) -> pd.DataFrame:
    """Execute a compiled cube on engine ``eng`` for ``periods`` (computed) and return the ``write`` periods."""
    if not periods or not write:
        return PandasData.convert_table(pd.DataFrame(columns=[n for n, _ in plan.columns]), plan.schema)
    with prepared(eng, plan, periods, write) as final:
        frame = eng.fetch(final)
    frame.columns = [n for n, _ in plan.columns]
    return typed(frame, plan.schema)


def typed(frame: pd.DataFrame, schema: ibis.Schema) -> pd.DataFrame:
    """``frame`` with the pandas types of ``schema``; columns that have them already are kept as they are.

    Why not ``PandasData.convert_table`` alone: it converts every column, and re-typing a million strings
    that are strings already costs ≈ 0.1 s, a twentieth of the whole cube on DuckDB.

    >>> typed(pd.DataFrame({"y": [2019], "v": [1]}), ibis.schema({"y": "int32", "v": "float64"})).dtypes.tolist()
    [dtype('int32'), dtype('float64')]
    """
    columns: dict[str, pd.Series] = {}
    for name, dtype in schema.items():
        column = frame[name]
        same = column.dtype == PandasType.from_ibis(dtype)
        if same or (dtype.is_string() and isinstance(column.dtype, pd.StringDtype)):
            columns[name] = column
        else:
            columns[name] = PandasData.convert_column(column, dtype)
    return pd.DataFrame(columns, copy=False)


__all__ = [
    "PLANS_TABLE",
    "CubeSQL",
    "compile_cube_sql",
    "cube_sql",
    "definition_key",
    "plan_key",
    "prepared",
    "run_cube_sql",
    "widened",
]
