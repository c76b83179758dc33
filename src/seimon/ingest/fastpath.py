"""The fast path for large report files: DuckDB reads the CSV, SQL sorts the plain rows from the odd ones.

Checking five million report rows one Python object at a time is far slower than the database can
read them. So for a large, plainly laid-out CSV (header on line 1, UTF-8, one line per row) on DuckDB,
the file is staged with DuckDB's own ``read_csv`` (all columns as text) into a TEMP table inside the
import's transaction, and a SQL predicate compiled from the same rule file marks the rows that are
plainly fine: numbers written as plain decimals, a period written ``2020年1-9月`` or ``2020-01..09``,
a credit code whose check characters are right, and every row rule passed. Those rows go straight
into the typed staging table. Every other row — anything unusual, and every row that breaks or warns
on a rule — is handed to the Python converter and validator, so its errors are exactly those of the
row-by-row path. The plain-row predicate only decides *who checks*, never *what is wrong*.

If the file does not fit (blank lines or line breaks inside cells, which would shift row numbers; more
cells than header columns), the path raises :class:`FastPathUnavailable` and the import starts over on
the row-by-row path.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from seimon.ingest.cells import MISSING_TOKENS
from seimon.ingest.credit_code import CHARSET, ORG_WEIGHTS, WEIGHTS
from seimon.ingest.headers import HeaderMap
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
from seimon.store import Store

logger = logging.getLogger(__name__)

FAST_MIN_BYTES = 8 * 1024 * 1024
"""Files smaller than this take the row-by-row path unless the fast path is forced."""

STAGE = "seimon_import_raw"
_UTF8 = frozenset({"utf-8", "utf-8-sig", "ascii", "utf_8", "utf_8_sig"})
_ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SUPPORTED = (RequiredRule, CreditCodeRule, YtdConventionRule, NoFuturePeriodRule, RangeRule, ComparisonRule)

StageRows = Callable[[list[RawRow]], int]


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
) -> int | None:
    """Stage a report CSV set-based; returns rows read, or None when the file is not for this path."""
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
    staged = store.fetchone(f"SELECT count(*) FROM {STAGE}")
    if staged is None or int(staged[0]) + 1 != _count_lines(path):
        logger.info("%s: blank lines or multi-line cells; importing row by row", path)
        raise FastPathUnavailable("row numbers would shift")
    _stage_sql(store, path, info, header, context, rules, names)
    return _stage_odd_rows(store, info, names, stage_rows, progress)


def _stage_sql(  # noqa: PLR0917 - private helper of stage_fast
    store: Store,
    path: Path,
    info: TableInfo,
    header: HeaderMap,
    context: ValidationContext,
    rules: list[object],
    names: list[str],
) -> None:
    """Type the plain rows in SQL and append them to the typed staging table."""
    trimmed = {n: f"NULLIF(trim({n}), '')" for n in names}
    missing = ", ".join(_lit(t) for t in sorted(MISSING_TOKENS) if t)
    typed: dict[str, str] = {}
    ok: list[str] = []
    column_of = {c.spec.name: names[info.columns.index(c.source)] for c in header.columns}
    credit_rule = next((r for r in rules if isinstance(r, CreditCodeRule)), None)
    for spec_name, col in column_of.items():
        col_spec = header.column_for(spec_name)
        assert col_spec is not None
        t = f"t_{col}"
        kind = col_spec.spec.type
        if kind in ("money", "count", "number"):
            factor = col_spec.factor if kind != "number" else 1.0
            typed[spec_name] = f"(TRY_CAST({t} AS DOUBLE) * {float(factor)!r})"
            # plain decimals only: "-1234.5"
            ok.append(f"({t} IS NULL OR regexp_full_match({t}, '-?[0-9]+(\\.[0-9]+)?'))")
        elif kind == "period":
            ok.append(f"({t} IS NULL OR p_y IS NOT NULL)")
            typed[spec_name] = "(CAST(p_y AS VARCHAR) || '-01..' || lpad(CAST(p_m AS VARCHAR), 2, '0'))"
        elif kind == "credit_code":
            typed[spec_name] = t
            check_org = credit_rule.check_org_code if credit_rule else False
            ok.append(f"({t} IS NULL OR {credit_code_ok_sql(t, check_org)})")
        else:
            typed[spec_name] = t
            ok.append(f"({t} IS NULL OR {t} NOT IN ({missing}))")
    for spec_col in (s for s in header.columns if s.spec.name in ("revenue_prior", "profit_prior", "name")):
        ok.append(f"{typed[spec_col.spec.name]} IS NOT NULL")  # an empty extra field is left out of extra_json
    for name in (
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
    ):
        typed.setdefault(name, "NULL")
    period_col = column_of.get("period")
    p_t = f"t_{period_col}" if period_col else "NULL"
    limit = _month_limit(context.as_of)
    period_index = "(p_y * 12 + p_m)"
    ok += [_rule_sql(r, typed, period_index, limit) for r in rules]
    extras = [(c, f"t_{names[info.columns.index(c)]}") for c in header.extras]
    extras += [(n, typed[n]) for n in ("revenue_prior", "profit_prior", "name") if typed[n] != "NULL"]
    extra_sql = "json_object(" + ", ".join(f"{_lit(k)}, {v}" for k, v in extras) + ")" if extras else "NULL"
    raw_sql = "json_object(" + ", ".join(f"{_lit(c)}, t_{n}" for c, n in zip(info.columns, names, strict=True)) + ")"
    # 2020-01..09 (our code) and 2020年1-9月 (as releases write it): the plain year-to-date periods
    code_re, zh_re = r"([0-9]{4})-01\.\.([0-9]{2})", "([0-9]{4})年1-([0-9]{1,2})月"
    # rowids of a table are consecutive in insertion (file) order; the first data row is line 2
    cells = ", ".join(f"{trimmed[n]} AS t_{n}" for n in names)
    parsed = f"SELECT CAST(rowid - (SELECT min(rowid) FROM {STAGE}) + 2 AS INTEGER) AS row_number, {cells} FROM {STAGE}"
    periods = (
        f"SELECT *, CASE WHEN m_y BETWEEN 1900 AND 2100 AND m_m BETWEEN 2 AND 12 THEN m_y END AS p_y,"
        f" m_m AS p_m FROM (SELECT *,"
        f" TRY_CAST(coalesce(NULLIF(regexp_extract({p_t}, '^{code_re}$', 1), ''),"
        f" NULLIF(regexp_extract({p_t}, '^{zh_re}$', 1), ''))"
        f" AS INTEGER) AS m_y,"
        f" TRY_CAST(coalesce(NULLIF(regexp_extract({p_t}, '^{code_re}$', 2), ''),"
        f" NULLIF(regexp_extract({p_t}, '^{zh_re}$', 2), '')) AS INTEGER) AS m_m FROM ({parsed}) r) q"
    )
    store.execute(f"DROP TABLE IF EXISTS {STAGE}_typed")
    store.execute(
        f"CREATE TEMP TABLE {STAGE}_typed AS SELECT row_number, ({' AND '.join(ok)}) AS plain, "
        + ", ".join(f"{expr} AS v_{name}" for name, expr in typed.items())
        + f", p_y, p_m, {extra_sql} AS extra_json, {raw_sql} AS raw_json,"
        + " ("
        + " AND ".join(f"t_{n} IS NULL" for n in names)
        + ") AS blank,"
        + f" {', '.join(f't_{n}' for n in names)}, coalesce({', '.join(f't_{n}' for n in names)}) AS first_cell"
        + f" FROM ({periods}) x"
    )
    store.execute(
        f"INSERT INTO {TYPED} (row_number, credit_code, period, period_kind, year, start_month, end_month,"
        " revenue, value_added, value_added_prior, revenue_prior, profit, profit_prior, rd_expenditure, employees,"
        " name, extra_json, raw_json, err, unchanged, new_current)"
        " SELECT row_number, v_credit_code, v_period, 'ytd', p_y, 1, p_m, v_revenue, v_value_added,"
        " v_value_added_prior, v_revenue_prior, v_profit, v_profit_prior, v_rd_expenditure, v_employees, v_name,"
        f" CAST(extra_json AS VARCHAR), CAST(raw_json AS VARCHAR), FALSE, FALSE, FALSE FROM {STAGE}_typed"
        " WHERE plain AND NOT blank ORDER BY row_number"
    )
    logger.info("%s: plain rows staged in SQL", path)


def _stage_odd_rows(
    store: Store, info: TableInfo, names: list[str], stage_rows: StageRows, progress: Callable[[int], None] | None
) -> int:
    """Hand the rows SQL did not pass to the Python path; skip blank rows and trailing footnotes."""
    plain = store.fetchone(f"SELECT count(*) FROM {STAGE}_typed WHERE plain AND NOT blank")
    read = int(plain[0]) if plain else 0
    footnote = _FOOTNOTE.pattern.replace("\\d", "[0-9]")
    last = store.fetchone(
        f"SELECT max(row_number) FROM {STAGE}_typed WHERE NOT blank"
        f" AND NOT coalesce(regexp_matches(first_cell, {_lit(footnote)}), FALSE)"
    )
    last_data = int(last[0]) if last and last[0] is not None else 0
    odd_sql = (
        f"SELECT row_number, {', '.join(f't_{n}' for n in names)} FROM {STAGE}_typed"
        f" WHERE NOT plain AND NOT blank AND row_number <= {last_data} ORDER BY row_number"
    )
    total_odd = 0
    offset = 0
    while True:
        rows = store.fetchall(f"{odd_sql} LIMIT {DEFAULT_CHUNK_SIZE} OFFSET {offset}")
        if not rows:
            break
        offset += len(rows)
        chunk = [RawRow(int(r[0]), dict(zip(info.columns, r[1:], strict=True))) for r in rows]
        total_odd += stage_rows(chunk)
        if progress is not None:
            progress(read + total_odd)
    store.execute(f"DROP TABLE IF EXISTS {STAGE}_typed")
    store.execute(f"DROP TABLE IF EXISTS {STAGE}")
    if progress is not None:
        progress(read + total_odd)
    return read + total_odd


__all__ = ["FAST_MIN_BYTES", "FastPathUnavailable", "credit_code_ok_sql", "stage_fast"]
