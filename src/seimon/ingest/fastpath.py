"""The fast path for large report files: DuckDB reads the CSV, SQL sorts the plain rows from the odd ones.

Checking five million report rows one Python object at a time is far slower than the database can
read them. So for a large, plainly laid-out CSV (header on line 1, UTF-8, one line per row) on DuckDB,
the file is read once with DuckDB's own ``read_csv`` (all columns as text) into a TEMP table inside the
import's transaction, and one ``INSERT … SELECT`` types the rows that are plainly fine and writes them
straight into ``reports`` under the batch's id (:meth:`seimon.ingest.staging.Staging.direct`): numbers
written as plain decimals (a short regex per cell), a period written ``2020年1-9月`` or ``2020-01..09``
and a credit code whose check characters are right (both judged once per *distinct* value — a file
repeats each enterprise and period many times — and written into the SQL as literals, so that no join
scatters the rows and they are written in file order without a sort). The row rules (required fields,
ranges, comparisons, no future period) are judged in the same statement on the typed values, each
cell cast once; a row that breaks or warns on a rule is not written. Group and store rules then run
over the written rows; rows that earn an error or are unchanged are deleted again before the commit.

Every other row — anything unusual, and every row that breaks or warns on a rule — is handed to the
Python converter and validator, so its errors are exactly those of the row-by-row path. The plain-row
test only decides *who checks*, never *what is wrong*: it is stricter than the Python reader (a cell
with blanks around it is not plain), never looser.

Rows that load carry no raw JSON: the raw cells stay in the TEMP table until the import ends, and the
raw row of any row that later earns a problem (duplicates, year-to-date, unknown enterprise, jumps) is
rebuilt from them (:meth:`seimon.ingest.staging.Staging.keep_raw`), identical to the row path's JSON.

If the file does not fit (blank lines or line breaks inside cells, which would shift row numbers; more
cells than header columns), the path raises :class:`FastPathUnavailable` and the import starts over on
the row-by-row path.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from seimon.ingest.cells import MISSING_TOKENS
from seimon.ingest.headers import HeaderMap
from seimon.ingest.known import KnownFrom
from seimon.ingest.readers import _FOOTNOTE, DEFAULT_CHUNK_SIZE, RawRow, TableInfo
from seimon.ingest.rules import (
    ComparisonRule,
    CreditCodeRule,
    NoFuturePeriodRule,
    RangeRule,
    RequiredRule,
    ValidationContext,
    YtdConventionRule,
)
from seimon.ingest.staging import TYPED, Staging
from seimon.reference.credit_code import CHARSET, ORG_WEIGHTS, WEIGHTS
from seimon.store import Store

logger = logging.getLogger(__name__)

FAST_MIN_BYTES = 8 * 1024 * 1024
"""Files smaller than this take the row-by-row path unless the fast path is forced."""

STAGE = "seimon_import_raw"
CODES = "seimon_import_codes"
PERIODS = "seimon_import_periods"
ODD = "seimon_import_odd"
_UTF8 = frozenset({"utf-8", "utf-8-sig", "ascii", "utf_8", "utf_8_sig"})
_ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SUPPORTED = (RequiredRule, CreditCodeRule, YtdConventionRule, NoFuturePeriodRule, RangeRule, ComparisonRule)

StageRows = Callable[[list[RawRow]], int]

_REPORT_FIELDS = (
    "credit_code",
    "period",
    "revenue",
    "value_added",
    "value_added_prior",
    "profit",
    "rd_expenditure",
    "employees",
    "revenue_prior",
    "profit_prior",
    "name",
)


class FastPathUnavailable(Exception):
    """The file cannot take the fast path; the caller rolls back and imports row by row."""


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _count_lines(path: Path) -> int:
    """Lines in the file (a last line without a newline counts)."""
    count, last = 0, b"\n"
    with path.open("rb") as fh:
        while block := fh.read(1 << 24):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (0 if last == b"\n" else 1)


def credit_code_ok_sql(col: str, check_org_code: bool) -> str:
    """SQL that is true when ``col`` is an upper-case unified social credit code with right check characters.

    >>> "strpos" in credit_code_ok_sql("x", True)
    True
    """
    total = " + ".join(f"(strpos('{CHARSET}', substr({col}, {i + 1}, 1)) - 1) * {w}" for i, w in enumerate(WEIGHTS))
    check = f"substr({col}, 18, 1) = substr('{CHARSET}', ((31 - ({total}) % 31) % 31) + 1, 1)"
    # 18 characters of the GB 32100 set: "9144030071526726XG"
    parts = [f"regexp_full_match({col}, '[0-9A-HJ-NP-RTUWXY]{{18}}')", check]
    if check_org_code:
        org = " + ".join(
            f"(strpos('{_ORG_CHARS}', substr({col}, {9 + j}, 1)) - 1) * {w}" for j, w in enumerate(ORG_WEIGHTS)
        )
        expected = f"(11 - ({org}) % 11)"
        parts.append(
            f"substr({col}, 17, 1) = CASE {expected} WHEN 10 THEN 'X' WHEN 11 THEN '0'"
            f" ELSE CAST({expected} AS VARCHAR) END"
        )
    return "(" + " AND ".join(parts) + ")"


def _skip_sql(values: list[str], strategy: str) -> str:
    nulls = [f"{v} IS NULL" for v in values]
    if strategy == "skip_if_any_missing":
        return " OR ".join(nulls)
    if strategy == "skip_if_all_missing":
        return " AND ".join(nulls)
    return "FALSE"


def _rule_sql(rule: object, typed: dict[str, str], period_index: str, limit: int) -> str:
    """SQL true when a row passes ``rule`` (in terms of typed expressions)."""
    if isinstance(rule, RequiredRule):
        return " AND ".join(f"{typed[f]} IS NOT NULL" for f in rule.fields)
    if isinstance(rule, CreditCodeRule | YtdConventionRule):
        return "TRUE"  # guaranteed by the plain-cell tests
    if isinstance(rule, NoFuturePeriodRule):
        return f"({period_index} IS NULL OR {period_index} <= {limit})"
    if isinstance(rule, RangeRule):
        v = typed[rule.field]
        bounds = []
        if rule.min is not None:
            bounds.append(f"coalesce({v}, 0) >= {float(rule.min)!r}")
        if rule.max is not None:
            bounds.append(f"coalesce({v}, 0) <= {float(rule.max)!r}")
        return f"(({_skip_sql([v], rule.missing)}) OR ({' AND '.join(bounds)}))"
    assert isinstance(rule, ComparisonRule)
    left = typed[rule.left]
    right = typed[rule.right] if isinstance(rule.right, str) else repr(float(rule.right))
    operands = [left] + ([right] if isinstance(rule.right, str) else [])
    op = {"==": "="}.get(rule.operator, rule.operator)
    cmp = f"coalesce({left}, 0) {op} {float(rule.factor)!r} * coalesce({right}, 0)"
    return f"(({_skip_sql(operands, rule.missing)}) OR ({cmp}))"


def _month_limit(as_of: dt.date) -> int:
    """The last year*12+month a period may end in, given the as-of date."""
    nxt = as_of + dt.timedelta(days=1)
    last_day = nxt.month != as_of.month
    return as_of.year * 12 + as_of.month - (0 if last_day else 1)


def stage_fast(
    store: Store,
    staging: Staging,
    path: Path,
    *,
    info: TableInfo,
    header: HeaderMap,
    context: ValidationContext,
    stage_rows: StageRows,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    batch_id: int | None = None,
    known: KnownFrom | None = None,
) -> int | None:
    """Stage a report CSV set-based; returns rows read, or None when the file is not for this path.

    DuckDB reads the file once into a TEMP table of text cells; that table stays until the import
    ends, so the raw row of any row that later earns a problem is rebuilt from it (rows that load
    carry no raw JSON). Plain rows are typed and checked in one ``INSERT … SELECT``; the rest go
    through ``stage_rows`` (the row-by-row converter and validator). With ``batch_id`` (and the
    batch's :class:`~seimon.ingest.known.KnownFrom`) the plain rows are written once, straight into the fact table
    (:meth:`Staging.direct`); without it they go to the staging table.

    >>> import tempfile, pathlib
    >>> from seimon.store import open_store
    >>> from seimon.ingest.pipeline import import_file
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "r.csv"
    >>> _ = f.write_text("统一社会信用代码,时期,营业收入,工业增加值,上年同期工业增加值\\n"
    ...                  "91130100MA0000001X,2020年1-9月,10,1,1\\n", encoding="utf-8")
    >>> with open_store("duckdb:///:memory:") as store:
    ...     s = import_file(store, "reports", f, fast=True)
    >>> s.fast_path, s.rows_read
    (True, 1)
    """
    rules = context.rules.for_kind("reports") if context.rules else []
    eligible = (
        store.dialect == "duckdb"
        and staging.spec.kind == "reports"
        and info.format == "csv"
        and info.header_row == 1
        and info.header_rows == 1
        and (info.encoding or "").lower().replace("-", "_") in {e.replace("-", "_") for e in _UTF8}
        and all(isinstance(r, _SUPPORTED) for r in rules)
        and (force or path.stat().st_size >= FAST_MIN_BYTES)
    )
    if not eligible:
        return None
    with path.open("r", encoding="utf-8-sig") as fh:
        first = fh.readline()
    delim = max((",", "\t", ";", "|"), key=lambda d: (first.count(d), d == ","))
    width = len(info.columns)
    names = [f"c{i}" for i in range(width)]
    cols_sql = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    # the lines are counted in a thread while DuckDB reads the file (it releases the GIL meanwhile)
    with ThreadPoolExecutor(max_workers=1) as pool:
        lines = pool.submit(_count_lines, path)
        try:
            store.execute(f"DROP TABLE IF EXISTS {STAGE}")
            store.execute(
                f"CREATE TEMP TABLE {STAGE} AS SELECT * FROM read_csv({_lit(str(path))}, header = false, skip = 1,"
                f" delim = {_lit(delim)}, quote = '\"', escape = '\"', columns = {cols_sql}, null_padding = true,"
                " auto_detect = false, strict_mode = true)"
            )
        except Exception as exc:
            logger.info("%s: fast path unavailable (%s); importing row by row", path, exc)
            raise FastPathUnavailable(str(exc)) from None
        line_count = lines.result()
    staged = store.fetchone(f"SELECT count(*), min(rowid) FROM {STAGE}")
    if staged is None or int(staged[0]) + 1 != line_count:
        logger.info("%s: blank lines or multi-line cells; importing row by row", path)
        raise FastPathUnavailable("row numbers would shift")
    # rowids of a table are consecutive in insertion (file) order; the first data row is line 2
    offset = int(staged[1] or 0) - 2
    trimmed = {n: f"NULLIF(trim(s.{n}), '')" for n in names}
    staging.keep_raw(
        f"{STAGE} s",
        f"s.rowid - {offset}",
        "CAST(json_object("
        + ", ".join(f"{_lit(c)}, {trimmed[n]}" for c, n in zip(info.columns, names, strict=True))
        + ") AS VARCHAR)",
    )
    target = None
    if batch_id is not None:
        known = known or KnownFrom(None, dt.datetime.now())
        table, columns = staging.direct(batch_id)
        target = (table, columns, batch_id, known.default_sql("reports", "q."))
    plain = _stage_sql(store, path, info, header, context, rules, names, offset, target)
    return _stage_odd_rows(store, info, names, offset, int(staged[0]), stage_rows, progress, plain_rows=plain)


INLINE_LIMIT = 64
"""At most this many distinct bad credit codes, or periods, are written into the SQL as literals (else: a join)."""


def _code_table(store: Store, col: str, check_org: bool) -> str | None:
    """The distinct credit codes of the file, each checked once (a file repeats each code many times).

    Returns the test of a code cell ``s.{col}`` that needs no join — "not one of the few bad codes" —
    or None when there are too many bad codes to list: then :data:`CODES` holds the good codes to join.
    A join would cost the order of the rows (see :func:`_stage_sql`); a file has few bad codes.
    """
    store.execute(f"DROP TABLE IF EXISTS {CODES}")
    # materialised first: a filter on the check would be pushed below DISTINCT and run on every row
    store.execute(f"CREATE TEMP TABLE {CODES} AS SELECT DISTINCT {col} AS code FROM {STAGE} WHERE {col} <> ''")
    bad = store.fetchall(
        f"SELECT code FROM {CODES} WHERE NOT {credit_code_ok_sql('code', check_org)} LIMIT {INLINE_LIMIT + 1}"
    )
    if len(bad) <= INLINE_LIMIT:
        return f"NOT list_contains([{', '.join(_lit(b) for (b,) in bad)}]::VARCHAR[], s.{col})" if bad else "TRUE"
    store.execute(f"DELETE FROM {CODES} WHERE NOT {credit_code_ok_sql('code', check_org)}")
    return None


def _period_table(store: Store, col: str) -> None:
    """The distinct period cells of the file, parsed once: year ``p_y``, last month ``p_m`` and our code."""
    # 2020-01..09 (our code) and 2020年1-9月 (as releases write it): the plain year-to-date periods
    code_re, zh_re = r"([0-9]{4})-01\.\.([0-9]{2})", "([0-9]{4})年1-([0-9]{1,2})月"
    parts = (
        "SELECT text,"
        f" TRY_CAST(coalesce(NULLIF(regexp_extract(text, '^{code_re}$', 1), ''),"
        f" NULLIF(regexp_extract(text, '^{zh_re}$', 1), '')) AS INTEGER) AS m_y,"
        f" TRY_CAST(coalesce(NULLIF(regexp_extract(text, '^{code_re}$', 2), ''),"
        f" NULLIF(regexp_extract(text, '^{zh_re}$', 2), '')) AS INTEGER) AS m_m"
        f" FROM (SELECT DISTINCT {col} AS text FROM {STAGE} WHERE {col} <> '') d"
    )
    store.execute(f"DROP TABLE IF EXISTS {PERIODS}")
    store.execute(
        f"CREATE TEMP TABLE {PERIODS} AS SELECT text, p_y, m_m AS p_m,"
        " CAST(p_y AS VARCHAR) || '-01..' || lpad(CAST(m_m AS VARCHAR), 2, '0') AS code FROM"
        f" (SELECT *, CASE WHEN m_y BETWEEN 1900 AND 2100 AND m_m BETWEEN 2 AND 12 THEN m_y END AS p_y"
        f" FROM ({parts}) q) p"
    )


def _period_sql(store: Store, col: str) -> tuple[str, str, str, str, str]:
    """SQL of a period cell ``s.{col}``: (our code, year, end month, test that it is plain, join).

    A file has few distinct periods: the plain ones are written into the SQL as maps from cell to code
    and to end month, and the others as a list, which keeps the rows in file order (a join does not)
    and looks each cell up no more than twice; with too many, :data:`PERIODS` is joined as ``pr``.
    """
    _period_table(store, col)
    found = store.fetchall(f"SELECT text, code, p_m FROM {PERIODS} WHERE p_y IS NOT NULL LIMIT {INLINE_LIMIT + 1}")
    bad = store.fetchall(f"SELECT text FROM {PERIODS} WHERE p_y IS NULL LIMIT {INLINE_LIMIT + 1}")
    if len(found) > INLINE_LIMIT or len(bad) > INLINE_LIMIT:
        return "pr.code", "pr.p_y", "pr.p_m", "pr.p_y IS NOT NULL", f" LEFT JOIN {PERIODS} pr ON pr.text = s.{col}"
    if not found:
        return "NULL::VARCHAR", "NULL::INTEGER", "NULL::INTEGER", "FALSE", ""
    # MAP {'2020年1-9月': '2020-01..09'}[s.c1] → '2020-01..09'; MAP {'2020年1-9月': 9}[s.c1] → 9
    code = f"MAP {{{', '.join(f'{_lit(t)}: {_lit(c)}' for t, c, _ in found)}}}[s.{col}]"
    month = f"MAP {{{', '.join(f'{_lit(t)}: {int(m)}' for t, _, m in found)}}}[s.{col}]"
    plain = f"NOT list_contains([{', '.join(_lit(t) for (t,) in bad)}]::VARCHAR[], s.{col})" if bad else "TRUE"
    # both plain forms (2020年1-9月, 2020-01..09) begin with the four digits of the year
    return code, f"CAST(left(s.{col}, 4) AS INTEGER)", month, plain, ""


def _plain_numbers_sql(cols: list[str]) -> str:
    """True when every cell of ``cols`` is empty or a plain decimal, one short regex per cell.

    Matching each cell on its own is cheaper than one regex over the cells joined with ``|``:
    DuckDB builds the joined text twice (once for a range pre-check it derives from the pattern).

    >>> _plain_numbers_sql(["a", "b"]).count("regexp_full_match(s.")
    2
    """
    # plain decimals only: "-1234.5"; an empty cell is allowed (missing)
    plain = _lit(r"-?[0-9]+(\.[0-9]+)?")
    return " AND ".join(f"(coalesce(s.{c}, '') = '' OR regexp_full_match(s.{c}, {plain}))" for c in cols)


def _column_sql(
    store: Store, info: TableInfo, header: HeaderMap, rules: list[object], names: list[str]
) -> tuple[dict[str, str], list[str], list[str], set[str], str, bool]:
    """Per column: the typed expression, the plain-cell tests, number columns, as-written columns, joins.

    The typed expressions include ``year`` and ``end_month`` (of the period). The last item says
    whether the tests keep file order (no join and no ``IN (SELECT …)``).
    """
    raw = {n: f"NULLIF(s.{n}, '')" for n in names}
    trimmed = {n: f"NULLIF(trim(s.{n}), '')" for n in names}
    missing = ", ".join(_lit(t) for t in sorted(MISSING_TOKENS) if t)
    typed: dict[str, str] = {}
    ok: list[str] = []
    numbers: list[str] = []
    joins = ""
    in_order = True
    column_of = {c.spec.name: names[info.columns.index(c.source)] for c in header.columns}
    credit_rule = next((r for r in rules if isinstance(r, CreditCodeRule)), None)
    typed_cols: set[str] = set()
    for spec_name, col in column_of.items():
        col_spec = header.column_for(spec_name)
        assert col_spec is not None
        kind = col_spec.spec.type
        if kind in ("money", "count", "number"):
            factor = col_spec.factor if kind != "number" else 1.0
            cast = f"TRY_CAST(s.{col} AS DOUBLE)"
            typed[spec_name] = cast if factor == 1 else f"({cast} * {float(factor)!r})"  # 亿元 → 万元: × 10000
            numbers.append(col)
            typed_cols.add(col)
        elif kind == "period":
            typed[spec_name], typed["year"], typed["end_month"], plain, join = _period_sql(store, col)
            joins += join
            in_order = in_order and not join
            ok.append(f"({raw[col]} IS NULL OR {plain})")
            typed_cols.add(col)
        elif kind == "credit_code":
            good = _code_table(store, col, credit_rule.check_org_code if credit_rule else False)
            if good is None:
                good, in_order = f"s.{col} IN (SELECT code FROM {CODES})", False  # a semi-join
            typed[spec_name] = raw[col]
            ok.append(f"({raw[col]} IS NULL OR {good})")
            typed_cols.add(col)
        else:
            typed[spec_name] = trimmed[col]
            ok.append(f"({trimmed[col]} IS NULL OR {trimmed[col]} NOT IN ({missing}))")
    if "period" not in column_of:
        typed["year"] = typed["end_month"] = "NULL::INTEGER"
    return typed, ok, numbers, typed_cols, joins, in_order


def _stage_sql(  # noqa: PLR0917 - private helper of stage_fast
    store: Store,
    path: Path,
    info: TableInfo,
    header: HeaderMap,
    context: ValidationContext,
    rules: list[object],
    names: list[str],
    offset: int,
    target: tuple[str, list[str], int, str] | None = None,
) -> str:
    """Type the plain rows in SQL and append them to the typed staging table, in one pass over the file.

    Code, period and number cells must be plain *as written* (no surrounding blanks): such a cell is
    its own trimmed value, so no per-cell ``trim`` is needed; anything else goes to the Python path.
    With a ``target`` (fact table, its stored columns, batch id, SQL of the vintage) the plain rows that pass
    every row rule are written there instead, current, in file order: each row is written once.
    Returns a relation of the plain rows' ``row_number``.
    """
    raw = {n: f"NULLIF(s.{n}, '')" for n in names}
    trimmed = {n: f"NULLIF(trim(s.{n}), '')" for n in names}
    typed, ok, numbers, typed_cols, joins, in_order = _column_sql(store, info, header, rules, names)
    empty: list[str] = []
    if numbers:
        ok.append(_plain_numbers_sql(numbers))
    for n in names:
        empty.append(f"{raw[n]} IS NULL" if n in typed_cols else f"{trimmed[n]} IS NULL")
    # the row rules are judged afterwards on the staged, typed columns (each cell cast once)
    staged = {name: name if name in typed else "NULL" for name in _REPORT_FIELDS}
    passes = [f"{n} IS NOT NULL" for n in ("revenue_prior", "profit_prior", "name") if n in typed]
    passes += [_rule_sql(r, staged, "(year * 12 + end_month)", _month_limit(context.as_of)) for r in rules]
    for name in _REPORT_FIELDS:
        typed.setdefault(name, "NULL")
    ok.append(f"NOT ({' AND '.join(empty)})")
    extras = [(c, trimmed[names[info.columns.index(c)]]) for c in header.extras]
    extras += [(n, typed[n]) for n in ("revenue_prior", "profit_prior", "name") if typed[n] != "NULL"]
    extra_sql = (
        "CAST(json_object(" + ", ".join(f"{_lit(k)}, {v}" for k, v in extras) + ") AS VARCHAR)" if extras else "NULL"
    )
    select = (
        f"SELECT CAST(s.rowid - {offset} AS INTEGER) AS row_number, {typed['credit_code']} AS credit_code,"
        f" {typed['period']} AS period, 'ytd' AS period_kind, {typed['year']} AS year, 1 AS start_month,"
        f" {typed['end_month']} AS end_month,"
        f" {typed['revenue']} AS revenue, {typed['value_added']} AS value_added,"
        f" {typed['value_added_prior']} AS value_added_prior, {typed['revenue_prior']} AS revenue_prior,"
        f" {typed['profit']} AS profit, {typed['profit_prior']} AS profit_prior,"
        f" {typed['rd_expenditure']} AS rd_expenditure, {typed['employees']} AS employees, {typed['name']} AS name,"
        f" {extra_sql} AS extra_json, s.rowid AS file_order"
        f" FROM {STAGE} s{joins} WHERE {' AND '.join(ok)}"
    )
    # an empty extra field is left out of extra_json, so such a row is not plain; nor is a row that
    # breaks or warns on a rule: it is one of the odd rows
    passing = f"coalesce(({' AND '.join(passes) or 'TRUE'}), FALSE)"
    if target is not None:
        table, columns, batch_id, vintage_sql = target
        # without joins DuckDB inserts in scan (file) order; a join spreads the rows over threads,
        # and only sorting the whole batch (which spills under the memory cap) restores the order
        order = "" if in_order else " ORDER BY q.file_order"
        store.execute(
            f"INSERT INTO {table} ({', '.join(columns)}, extra_json, batch_id, row_number, vintage, is_current)"
            f" SELECT {', '.join(f'q.{c}' for c in columns)}, q.extra_json, {int(batch_id)}, q.row_number,"
            f" {vintage_sql}, TRUE FROM ({select}) q WHERE {passing}{order}"
        )
        plain = f"(SELECT row_number FROM {table} WHERE batch_id = {int(batch_id)})"
    else:
        store.execute(
            f"INSERT INTO {TYPED} (row_number, credit_code, period, period_kind, year, start_month, end_month,"
            " revenue, value_added, value_added_prior, revenue_prior, profit, profit_prior, rd_expenditure,"
            " employees, name, extra_json, raw_json, err, unchanged, new_current)"
            " SELECT row_number, credit_code, period, period_kind, year, start_month, end_month, revenue,"
            " value_added, value_added_prior, revenue_prior, profit, profit_prior, rd_expenditure, employees, name,"
            f" extra_json, NULL, FALSE, FALSE, FALSE FROM ({select}) q WHERE {passing}"
        )
        plain = TYPED
    store.execute(f"DROP TABLE IF EXISTS {CODES}")
    store.execute(f"DROP TABLE IF EXISTS {PERIODS}")
    logger.info("%s: plain rows %s in SQL", path, "written" if target is not None else "staged")
    return plain


def _stage_odd_rows(  # noqa: PLR0917 - private helper of stage_fast
    store: Store,
    info: TableInfo,
    names: list[str],
    offset: int,
    total: int,
    stage_rows: StageRows,
    progress: Callable[[int], None] | None,
    plain_rows: str = TYPED,
) -> int:
    """Hand the rows SQL did not pass to the Python path; skip blank rows and trailing footnotes.

    Rows after the last row that is neither blank nor a footnote are not data (as on the row path).
    Only the few odd rows, and plain rows after the first trailing footnote, are tested for that.
    ``plain_rows`` is a relation of the plain rows' ``row_number`` (the staging table by default).
    """
    plain = store.fetchone(f"SELECT count(*) FROM {plain_rows}")
    read = int(plain[0]) if plain else 0
    if read == total:  # every row was plain
        if progress is not None:
            progress(read)
        return read
    cells = ", ".join(f"NULLIF(trim(s.{n}), '') AS t_{n}" for n in names)
    store.execute(f"DROP TABLE IF EXISTS {ODD}")
    # the row ids first (an anti-join on integers), then the cells of just those rows
    store.execute(
        f"CREATE TEMP TABLE {ODD} AS SELECT rowid AS id FROM {STAGE}"
        f" EXCEPT SELECT row_number + {offset} FROM {plain_rows}"
    )
    store.execute(
        f"CREATE OR REPLACE TEMP TABLE {ODD} AS SELECT CAST(s.rowid - {offset} AS INTEGER) AS row_number, {cells}"
        f" FROM {STAGE} s WHERE s.rowid IN (SELECT id FROM {ODD})"
    )
    footnote = _FOOTNOTE.pattern.replace("\\d", "[0-9]")
    t_cols = [f"t_{n}" for n in names]
    is_note = f"coalesce(regexp_matches(coalesce({', '.join(t_cols)}), {_lit(footnote)}), FALSE)"
    blank = " AND ".join(f"{c} IS NULL" for c in t_cols)
    last = store.fetchone(f"SELECT max(row_number) FROM {ODD} WHERE NOT ({blank}) AND NOT {is_note}")
    last_data = int(last[0]) if last and last[0] is not None else 0
    first = store.fetchone(f"SELECT min(row_number) FROM {ODD} WHERE NOT ({blank}) AND row_number > {last_data}")
    if first and first[0] is not None:
        # footnotes after the last odd data row: they are data only if a plain data row follows them
        notes = ", ".join(f"NULLIF(trim(s.{n}), '')" for n in names)
        plain_note = f"coalesce(regexp_matches(coalesce({notes}), {_lit(footnote)}), FALSE)"
        last_plain = store.fetchone(
            f"SELECT max(t.row_number) FROM {plain_rows} t JOIN {STAGE} s ON s.rowid - {offset} = t.row_number"
            f" WHERE t.row_number > {int(first[0])} AND NOT {plain_note}"
        )
        if last_plain and last_plain[0] is not None:
            last_data = int(last_plain[0])
    odd_sql = (
        f"SELECT row_number, {', '.join(t_cols)} FROM {ODD}"
        f" WHERE NOT ({blank}) AND row_number <= {last_data} ORDER BY row_number"
    )
    total_odd = 0
    offset_rows = 0
    while True:
        rows = store.fetchall(f"{odd_sql} LIMIT {DEFAULT_CHUNK_SIZE} OFFSET {offset_rows}")
        if not rows:
            break
        offset_rows += len(rows)
        chunk = [RawRow(int(r[0]), dict(zip(info.columns, r[1:], strict=True))) for r in rows]
        total_odd += stage_rows(chunk)
        if progress is not None:
            progress(read + total_odd)
    store.execute(f"DROP TABLE IF EXISTS {ODD}")
    if progress is not None:
        progress(read + total_odd)
    return read + total_odd


__all__ = ["FAST_MIN_BYTES", "FastPathUnavailable", "credit_code_ok_sql", "stage_fast"]
