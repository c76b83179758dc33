"""The typed staging table: where one import's rows wait, inside its transaction, until they are written.

Rows of a file are converted and checked row by row (in Python chunks, or in SQL on the fast path of
:mod:`seimon.ingest.fastpath`) and appended to a temporary table. What needs the whole file or the
store is then done set-based over that table, so memory stays bounded whatever the file size:

* group rules (duplicates within the file, year-to-date values that fall) — SQL finds the few keys
  that can break a rule, and the same validator as the row-by-row check judges exactly those rows,
  so both import paths give the same :class:`~seimon.ingest.rules.RowError` (rule id and messages);
* ``unknown_enterprise``: a report for a credit code not in the current enterprise register;
* jumps against the enterprise's own history in the store (warnings);
* the write: a row identical to the current stored row is unchanged (skipped); a changed row becomes
  the current vintage and the old one is kept with ``is_current`` false.

On the DuckDB fast path the plain rows of a large file skip the staging table: they are written once,
straight into the fact table under the batch's id (:meth:`Staging.direct`), and only the odd rows are
staged. Every check then reads both through one view (:attr:`Staging.rows`); rows that earn an error
or turn out unchanged are deleted from the fact table again before the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from seimon.ingest.headers import Problem, Record
from seimon.ingest.known import KnownFrom
from seimon.ingest.loaders import KindSpec
from seimon.ingest.memory import no_gc_pauses
from seimon.ingest.outliers import jump_outliers
from seimon.ingest.rules import RowError, RuleFile, ValidationContext, validate_rows
from seimon.periods import parse_period
from seimon.store import Store

logger = logging.getLogger(__name__)

TYPED = "seimon_import_typed"
MARKS = "seimon_import_marks"
DIRECT_ERR = "seimon_import_direct_err"
FLAGGED = "seimon_import_flagged"  # groups a group rule flags (duplicate keys)
YTD_SERIES = "seimon_import_ytd_series"  # (group, year) series that may fall or have two rows for a month
ROWS = "seimon_import_rows"
SERIES = "seimon_import_series"
GROUP_RULE_TYPES = frozenset({"duplicate", "ytd_non_decreasing"})

JUMP_FIELDS = ("revenue", "value_added")
"""Report fields checked for jumps against the enterprise's own history."""
JUMP_MIN_POINTS = 5
"""Fewest points of a series in which :func:`~seimon.ingest.outliers.jump_outliers` can flag one."""


def _lit(text: str | None) -> str:
    """A SQL string literal (for values the engines cannot type as parameters in a SELECT list)."""
    return "NULL" if text is None else "'" + text.replace("'", "''") + "'"


def key_expr(columns: Sequence[str], alias: str = "t") -> str:
    """SQL text of a row key: values joined by ``|`` (NULL when a part is missing).

    >>> key_expr(["credit_code", "period"])
    "CAST(t.credit_code AS VARCHAR) || '|' || CAST(t.period AS VARCHAR)"
    """
    return " || '|' || ".join(f"CAST({alias}.{c} AS VARCHAR)" for c in columns)


def row_key(values: dict[str, Any], columns: Sequence[str]) -> str | None:
    """The key of a staged row as text, or None when a part is missing.

    >>> row_key({"credit_code": "X", "period": "2020-01..09"}, ["credit_code", "period"])
    'X|2020-01..09'
    """
    parts = [values.get(c) for c in columns]
    return None if any(p is None for p in parts) else "|".join(str(p) for p in parts)


class Staging:
    """The typed staging table of one import (a TEMP table, dropped at the end)."""

    def __init__(self, store: Store, spec: KindSpec) -> None:
        self.store = store
        self.spec = spec
        self.columns = spec.staging_columns()
        self.names = [c for c, _ in self.columns]
        store.execute(f"DROP TABLE IF EXISTS {TYPED}")
        store.execute(f"DROP TABLE IF EXISTS {MARKS}")
        cols = ", ".join(f"{name} {sqltype}" for name, sqltype in self.columns)
        store.execute(f"CREATE TEMP TABLE {TYPED} ({cols})")
        store.execute(f"CREATE TEMP TABLE {MARKS} (row_number INTEGER)")
        self._raw: tuple[str, str, str] | None = None
        self._direct: int | None = None
        self.rows = TYPED
        """What the checks read: the staging table, or a view of it and the rows written directly."""
        self._ytd_series: tuple[tuple[str, ...], tuple[str, ...], bool] | None = None
        self.unique_periods = False
        """True once an error rule on duplicate (credit_code, period) has run: the rows left are one per key."""

    def direct(self, batch_id: int) -> tuple[str, list[str]]:
        """Take rows written straight into the fact table as ``batch_id`` as staged.

        Writing five million plain rows into a staging table and then copying them into the fact table
        costs a second write of every row, and under the import's memory cap the staging table spills
        to disk. So the fast path inserts its plain rows into the fact table itself, current, inside the
        import's transaction; the odd rows still go to the staging table. Both are read through the view
        :attr:`rows`; errors of direct rows are kept in a table of row numbers, and :meth:`write` deletes
        direct rows that earned an error or are unchanged before it writes the odd rows. Returns the
        fact table and its columns in :attr:`KindSpec.stored` order (the caller inserts into them).
        """
        store, spec = self.store, self.spec
        store.execute(f"DROP TABLE IF EXISTS {DIRECT_ERR}")
        store.execute(f"CREATE TEMP TABLE {DIRECT_ERR} (row_number INTEGER)")
        self._direct = int(batch_id)
        back = {src: dst for dst, src in spec.stored}
        fixed = {"row_number": "c.row_number", "vintage": "c.vintage", "extra_json": "c.extra_json"}
        fixed |= {"unchanged": "FALSE", "new_current": "FALSE"}
        fixed["err"] = f"c.row_number IN (SELECT row_number FROM {DIRECT_ERR})"
        direct_cols = [
            f"{fixed[n]} AS {n}" if n in fixed else f"c.{back[n]} AS {n}" if n in back else f"CAST(NULL AS {t}) AS {n}"
            for n, t in self.columns
        ]
        store.execute(
            f"CREATE OR REPLACE TEMP VIEW {ROWS} AS SELECT {', '.join(self.names)} FROM {TYPED}"
            f" UNION ALL SELECT {', '.join(direct_cols)} FROM {spec.table} c WHERE c.batch_id = {int(batch_id)}"
        )
        self.rows = ROWS
        return spec.table, [dst for dst, _ in spec.stored]

    def _mark_direct_errors(self) -> None:
        """Rows in the marks table that were written directly now count as rejected too."""
        if self._direct is not None:
            self.store.execute(f"INSERT INTO {DIRECT_ERR} SELECT row_number FROM {MARKS}")

    def keep_raw(self, source: str, row_number: str, raw_json: str) -> None:
        """Rebuild raw rows from ``source`` (aliased ``s``) for staged rows that carry no ``raw_json``.

        The fast path stages rows that load without their raw JSON (building it for every row would
        cost as much as the checks); a row that later earns a problem gets it from the raw cells,
        matched on ``row_number`` (an expression over ``s``). ``source`` is a TEMP table the staging
        table owns from now on: :meth:`drop` drops it.
        """
        self._raw = (source, row_number, raw_json)

    def _raw_sql(self) -> tuple[str, str]:
        """(join clause, raw JSON expression) for ``t`` rows of the staging table."""
        if self._raw is None:
            return "", "t.raw_json"
        source, row_number, raw_json = self._raw
        return f" LEFT JOIN {source} ON {row_number} = t.row_number", f"coalesce(t.raw_json, {raw_json})"

    def append(self, rows: Sequence[dict[str, Any]]) -> None:
        """Append staged rows (dicts keyed by staging column)."""
        if rows:
            self.store.bulk_insert(TYPED, self.names, ([r.get(n) for n in self.names] for r in rows))

    def drop(self) -> None:
        if self._direct is not None:
            self.store.execute(f"DROP VIEW IF EXISTS {ROWS}")
            self.store.execute(f"DROP TABLE IF EXISTS {DIRECT_ERR}")
            self._direct, self.rows = None, TYPED
        self.store.execute(f"DROP TABLE IF EXISTS {TYPED}")
        self.store.execute(f"DROP TABLE IF EXISTS {MARKS}")
        self.store.execute(f"DROP TABLE IF EXISTS {FLAGGED}")
        self.store.execute(f"DROP TABLE IF EXISTS {YTD_SERIES}")
        self._ytd_series = None
        if self._raw is not None:
            self.store.execute(f"DROP TABLE IF EXISTS {self._raw[0].split()[0]}")
            self._raw = None

    def count(self, where: str = "TRUE") -> int:
        row = self.store.fetchone(f"SELECT count(*) FROM {self.rows} WHERE {where}")
        return int(row[0]) if row else 0

    def mark_errors(self, rows: Sequence[int]) -> None:
        """Flag rows as rejected (set-based, through a temp table of row numbers)."""
        if not rows:
            return
        self.store.bulk_insert(MARKS, ["row_number"], ([r] for r in sorted(set(rows))))
        self.store.execute(f"UPDATE {TYPED} SET err = TRUE WHERE row_number IN (SELECT row_number FROM {MARKS})")
        self._mark_direct_errors()
        self.store.execute(f"DELETE FROM {MARKS}")

    def raw_and_keys(self, rows: Sequence[int]) -> tuple[dict[int, str | None], dict[int, str | None]]:
        """Raw JSON and row key of some staged rows, for their quarantine records."""
        if not rows:
            return {}, {}
        self.store.bulk_insert(MARKS, ["row_number"], ([r] for r in sorted(set(rows))))
        join, raw = self._raw_sql()
        found = self.store.fetchall(
            f"SELECT t.row_number, {raw}, {key_expr(self.spec.key)}"
            f" FROM (SELECT * FROM {self.rows} WHERE row_number IN (SELECT row_number FROM {MARKS})) t{join}"
        )
        self.store.execute(f"DELETE FROM {MARKS}")
        return {int(r): raw for r, raw, _ in found}, {int(r): key for r, _, key in found}

    # --- group rules ----------------------------------------------------------------------------
    def _records(self, sql: str, fields: Sequence[str], params: Sequence[Any] = ()) -> list[Record]:
        """Staged rows as :class:`Record` (periods parsed back), with unreadable cells as problems."""
        cols = ["row_number", "bad_fields", *fields]
        records = []
        for row in self.store.fetchall(sql.format(cols=", ".join(f"t.{c}" for c in cols)), params):
            values = dict(zip(cols, row, strict=True))
            bad = [f for f in (values.pop("bad_fields") or "").split(",") if f]
            number = int(values.pop("row_number"))
            if values.get("period") is not None:
                values["period"] = parse_period(values["period"])
            records.append(Record(number, values, problems=[Problem(f, None, "", "") for f in bad]))
        return records

    def group_errors(self, rules: RuleFile, context: ValidationContext) -> list[RowError]:
        """Duplicates and year-to-date rules over the whole file, exactly as :func:`validate_rows` judges them."""
        errors: list[RowError] = []
        kind_rules = rules.for_kind(self.spec.kind)
        ytd = next((r for r in kind_rules if r.type == "ytd_non_decreasing"), None)
        for rule in kind_rules:
            if rule.type == "duplicate":
                records = self._duplicate_candidates(rule.key, ytd)
                if list(rule.key) == ["credit_code", "period"] and rule.severity == "error":
                    self.unique_periods = True  # later rows of a key are errors: one row per key stays
            elif rule.type == "ytd_non_decreasing":
                records = self._ytd_candidates(rule.group_by, rule.fields)
            else:
                continue
            if not records:
                continue
            only = RuleFile.model_construct(version=1, source=rules.source, rules=[rule])
            ctx = ValidationContext(context.file, context.sheet, context.as_of, context.lookups, only)
            _, found = validate_rows(self.spec.kind, records, ctx)
            errors.extend(e for e in found if e.rule == rule.id)
        return errors

    def _duplicate_candidates(self, key: Sequence[str], ytd: Any = None) -> list[Record]:
        """Rows whose key occurs more than once in the file.

        On DuckDB, with the key (credit_code, period) and a year-to-date rule over credit_code (``ytd``),
        only rows outside that rule's series and rows of the series it flags are grouped: two year-to-date
        rows of one enterprise and period are neighbours in the year-to-date check's order, which flags
        their series (a month seen twice), so a file without such series is not grouped a second time.
        """
        not_null = " AND ".join(f"{k} IS NOT NULL" for k in key)
        keys = ", ".join(key)
        if self.store.dialect == "duckdb":
            # grouped by a hash of the key: a collision adds a few rows the exact check then clears
            t_keys = ", ".join(f"t.{k}" for k in key)
            where = not_null
            if list(key) == ["credit_code", "period"] and ytd is not None and list(ytd.group_by) == ["credit_code"]:
                self._flag_ytd_series(ytd.group_by, ytd.fields)
                scope = self._ytd_scope(ytd.group_by)
                where += (
                    f" AND (NOT coalesce({scope}, FALSE)"
                    f" OR hash(credit_code, year) IN (SELECT series FROM {YTD_SERIES}))"
                )
            groups = (
                f"SELECT hash({keys}) AS h FROM {self.rows} WHERE {where} GROUP BY hash({keys}) HAVING count(*) > 1"
            )
            join = f"hash({t_keys}) = d.h AND {' AND '.join(f't.{k} IS NOT NULL' for k in key)}"
        else:
            groups = f"SELECT {keys} FROM {self.rows} WHERE {not_null} GROUP BY {keys} HAVING count(*) > 1"
            join = " AND ".join(f"t.{k} = d.{k}" for k in key)
        if not self._flag(groups):
            return []
        sql = f"SELECT {{cols}} FROM {self.rows} t JOIN {FLAGGED} d ON {join} ORDER BY t.row_number"
        return self._records(sql, list(dict.fromkeys([*key, "period"] if "period" in self.names else key)))

    def _flag(self, groups: str) -> bool:
        """Keep the groups a group rule flags in :data:`FLAGGED`; False when there are none.

        Most files have no duplicate and no fall: then the rows are not read a second time to join them.
        """
        self.store.execute(f"DROP TABLE IF EXISTS {FLAGGED}")
        self.store.execute(f"CREATE TEMP TABLE {FLAGGED} AS {groups}")
        found = self.store.fetchone(f"SELECT count(*) FROM {FLAGGED}")
        return bool(found and found[0])

    @staticmethod
    def _ytd_scope(group_by: Sequence[str], alias: str = "") -> str:
        """The rows a year-to-date rule reads: cumulative from January, not points, with a group.

        >>> Staging._ytd_scope(["credit_code"], "t.")
        "t.period_kind <> 'point' AND t.start_month = 1 AND t.credit_code IS NOT NULL"
        """
        parts = ["period_kind <> 'point'", "start_month = 1", *(f"{g} IS NOT NULL" for g in group_by)]
        return " AND ".join(f"{alias}{p}" for p in parts)

    def _flag_ytd_series(self, group_by: Sequence[str], fields: Sequence[str]) -> bool:
        """Keep in :data:`YTD_SERIES` the (group, year) series where some cumulative value may fall or a month
        has two rows; False when there are none. Computed once per import and rule.

        A value falls when it is below the largest value of an earlier month of the same year; series
        with two rows for one month are included too, so that the exact check decides.
        """
        done = (tuple(group_by), tuple(fields))
        if self._ytd_series is not None and self._ytd_series[:2] == done:
            return self._ytd_series[2]
        if self.store.dialect == "duckdb":
            # series by a hash of (group, year): sorting on one integer is about twice as fast as on
            # the text key; a collision only merges two series, which can add candidates, never hide one
            part = f"hash({', '.join([*group_by, 'year'])})"
        else:
            part = ", ".join([*group_by, "year"])
        # one window (one sort); two rows for one month are neighbours in this order
        if self.store.dialect == "duckdb":
            # a value below an earlier month's means a fall between two neighbours of the series' non-missing
            # values somewhere: flagging the series by its neighbours flags the same series, ≈ 25 % cheaper;
            # rows of one month need no order among them (two of them flag their series whatever the order)
            window = f"PARTITION BY {part} ORDER BY end_month"
            maxes = ", ".join(f"lag({f} IGNORE NULLS) OVER w AS m_{f}" for f in fields)
        else:
            # a value below the running maximum *including itself* is below the maximum of the earlier months
            frame = "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"
            window = f"PARTITION BY {part} ORDER BY end_month, row_number {frame}"
            maxes = ", ".join(f"max({f}) OVER w AS m_{f}" for f in fields)
        falls = " OR ".join(f"{f} < m_{f}" for f in fields)
        series = "series" if self.store.dialect == "duckdb" else part
        flagged = (
            f"SELECT DISTINCT {series} FROM (SELECT {part}{' AS series' if series == 'series' else ''}, end_month,"
            f" {', '.join(fields)}, {maxes}, lag(end_month) OVER w AS previous_month FROM {self.rows}"
            f" WHERE {self._ytd_scope(group_by)} WINDOW w AS ({window})) p"
            f" WHERE previous_month = end_month OR {falls}"
        )
        self.store.execute(f"DROP TABLE IF EXISTS {YTD_SERIES}")
        self.store.execute(f"CREATE TEMP TABLE {YTD_SERIES} AS {flagged}")
        found = self.store.fetchone(f"SELECT count(*) FROM {YTD_SERIES}")
        self._ytd_series = (*done, bool(found and found[0]))
        return self._ytd_series[2]

    def _ytd_candidates(self, group_by: Sequence[str], fields: Sequence[str]) -> list[Record]:
        """All points of the (group, year) series where some cumulative value may fall (:meth:`_flag_ytd_series`)."""
        if not self._flag_ytd_series(group_by, fields):
            return []
        if self.store.dialect == "duckdb":
            join = f"hash({', '.join(f't.{c}' for c in [*group_by, 'year'])}) = f.series"
        else:
            join = " AND ".join(f"t.{c} = f.{c}" for c in [*group_by, "year"])
        sql = (
            f"SELECT {{cols}} FROM {self.rows} t JOIN {YTD_SERIES} f ON {join}"
            f" WHERE {self._ytd_scope(group_by, 't.')} ORDER BY t.row_number"
        )
        return self._records(sql, list(dict.fromkeys([*group_by, "period", *fields])))

    # --- set rules ------------------------------------------------------------------------------
    def unknown_enterprises(self, batch_id: int, file_name: str, sheet: str | None) -> int:
        """Quarantine reports whose credit code is not in the current enterprise register; returns rows.

        One anti-join finds the rows; they are marked and quarantined through the marks table.
        """
        cond = (
            "t.credit_code IS NOT NULL AND (t.error_fields IS NULL OR t.error_fields NOT LIKE '%credit_code%')"
            " AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.is_current AND e.credit_code = t.credit_code)"
        )
        self.store.execute(f"INSERT INTO {MARKS} SELECT t.row_number FROM {self.rows} t WHERE {cond}")
        found = self.store.fetchone(f"SELECT count(*) FROM {MARKS}")
        count = int(found[0]) if found else 0
        if count:
            join, raw = self._raw_sql()
            self.store.execute(
                "INSERT INTO quarantine (batch_id, file_name, sheet, row_number, field, rule, value, severity,"
                " message_zh, message_en, raw_json, row_key)"
                f" SELECT {int(batch_id)}, {_lit(file_name)}, {_lit(sheet)}, t.row_number, 'credit_code',"
                " 'unknown_enterprise', t.credit_code, 'error',"
                " '企业不在企业名录中：' || t.credit_code || '（请先导入企业名录）',"
                " 'enterprise ' || t.credit_code || ' is not in the enterprise register (import the register first)',"
                f" {raw}, {key_expr(self.spec.key)}"
                f" FROM (SELECT * FROM {self.rows} WHERE row_number IN (SELECT row_number FROM {MARKS})) t{join}"
                " ORDER BY t.row_number"
            )
            self.store.execute(
                f"UPDATE {TYPED} AS t SET err = TRUE WHERE t.row_number IN (SELECT row_number FROM {MARKS})"
            )
            self._mark_direct_errors()
        self.store.execute(f"DELETE FROM {MARKS}")
        return count

    def jump_warnings(self, context: ValidationContext) -> list[RowError]:
        """Jumps of a report value against the same enterprise's values for the same months of earlier years.

        Only series with enough history (four earlier points) are fetched; :func:`jump_outliers` judges them.
        When no series can have that many points (:meth:`_most_points`), nothing is grouped at all.
        """
        table, rows = self.spec.table, self.rows
        warnings: list[RowError] = []
        if self.unique_periods and self._most_points() < JUMP_MIN_POINTS:
            return warnings
        series_sql = (
            f"SELECT credit_code, end_month, year, -1 AS row_number, {', '.join(JUMP_FIELDS)} FROM {table} c"
            f" WHERE c.is_current AND {self._others('c')}c.period_kind <> 'point' AND c.start_month = 1"
            f" AND NOT EXISTS (SELECT 1 FROM {rows} t WHERE NOT t.err AND t.credit_code = c.credit_code"
            f" AND t.period = c.period)"
            f" UNION ALL SELECT credit_code, end_month, year, row_number, {', '.join(JUMP_FIELDS)} FROM {rows}"
            f" WHERE NOT err AND period_kind <> 'point' AND start_month = 1"
        )
        if self.store.dialect == "duckdb":
            # grouped by a hash of the key (faster than the text key); a collision only fetches a
            # few more points, and each series is still cut out exactly below, where a series of
            # fewer than five points never yields a jump
            key, join = "hash(credit_code, end_month)", "hash(s.credit_code, s.end_month) = c.series"
        else:
            key, join = "credit_code, end_month", "s.credit_code = c.credit_code AND s.end_month = c.end_month"
        candidates = (
            f"SELECT {key}{' AS series' if key.startswith('hash') else ''} FROM ({series_sql}) s GROUP BY {key}"
            f" HAVING count(*) >= 5 AND max(row_number) >= 0"
        )
        # the few candidate series first: most imports have none, and then the points need no second scan
        self.store.execute(f"DROP TABLE IF EXISTS {SERIES}")
        self.store.execute(f"CREATE TEMP TABLE {SERIES} AS {candidates}")
        found = self.store.fetchone(f"SELECT count(*) FROM {SERIES}")
        if not (found and int(found[0])):
            self.store.execute(f"DROP TABLE IF EXISTS {SERIES}")
            return warnings
        # up to a few million Python objects (a 1M-row upload): without the collector's full passes over them,
        # which would stop every other thread of a server for 100–300 ms each time
        with no_gc_pauses():
            fetched = self.store.fetchall(
                f"SELECT s.credit_code, s.end_month, s.year, s.row_number, {', '.join('s.' + f for f in JUMP_FIELDS)}"
                f" FROM ({series_sql}) s JOIN {SERIES} c ON {join} ORDER BY s.credit_code, s.end_month, s.year"
            )
            self.store.execute(f"DROP TABLE IF EXISTS {SERIES}")
            warnings.extend(self._jumps(context, fetched))
            del fetched
        return warnings

    @staticmethod
    def _jumps(context: ValidationContext, rows: list[tuple[Any, ...]]) -> list[RowError]:
        """Jump warnings of the file's rows among the fetched series points (store rows have row number -1)."""
        warnings: list[RowError] = []
        series: dict[tuple[str, int], list[tuple[int, int, tuple[Any, ...]]]] = {}
        for code, end_month, year, row_number, *values in rows:
            series.setdefault((code, end_month), []).append((year, row_number, tuple(values)))
        for points in series.values():
            for i, fld in enumerate(JUMP_FIELDS):
                values = [p[2][i] for p in points]
                for flag in jump_outliers(values):
                    row_number = points[flag.index][1]
                    if row_number >= 0:
                        warnings.append(
                            RowError(
                                context.file,
                                context.sheet,
                                row_number,
                                fld,
                                "outlier_jump",
                                flag.value,
                                flag.message_zh,
                                flag.message_en,
                                "warning",
                            )
                        )
        return warnings

    def _most_points(self) -> int:
        """An upper bound of the points of any (enterprise, end month) series :meth:`jump_warnings` reads.

        Such a series has one point per period: the file's rows left after the duplicate rule are one per
        enterprise and period (:attr:`unique_periods`), and so are the store's current rows (the store's
        invariant). So no series is longer than the distinct periods ending that month in the file and
        the store together — a query over a few dozen periods instead of a grouping of every report.
        """
        sql = (
            "SELECT coalesce(max(n), 0) FROM (SELECT end_month, count(*) AS n FROM ("
            f"SELECT end_month, period FROM {self.rows} WHERE NOT err AND {self._ytd_scope([])}"
            f" UNION SELECT end_month, period FROM {self.spec.table} c WHERE c.is_current AND {self._others('c')}"
            f"{self._ytd_scope([], 'c.')}) p GROUP BY end_month) m"
        )
        found = self.store.fetchone(sql)
        return int(found[0]) if found else 0

    # --- write ----------------------------------------------------------------------------------
    def write(self, batch_id: int, known: KnownFrom) -> tuple[int, int, int]:
        """Store the valid rows as the batch's vintage; returns (loaded, unchanged, superseded).

        Each row's vintage is the date it became known (:mod:`seimon.ingest.known`): its own publication
        date, the batch's, or the release calendar's for a first publication, and the load time for a
        revision of a fact already stored. With stated dates a row may be an *older* vintage than one
        already stored: it is kept, and the latest vintage stays current.
        """
        spec, store, table = self.spec, self.store, self.spec.table
        key_stored = spec.key_stored()
        stored_of = dict(spec.stored)
        key_eq = " AND ".join(f"c.{dst} = t.{stored_of[dst]}" for dst in key_stored)
        revision = f"EXISTS (SELECT 1 FROM {table} c WHERE {self._others('c')}{key_eq})"
        default = known.default_sql(spec.kind, "t.", spec.has_period)
        if not known.explicit:
            default = f"CASE WHEN {revision} THEN {known.loaded_sql} ELSE {default} END"
        store.execute(f"UPDATE {TYPED} AS t SET vintage = {default} WHERE t.vintage IS NULL")
        dated = known.explicit or spec.vintage_from_data
        store.execute(f"UPDATE {TYPED} SET unchanged = FALSE, new_current = FALSE")
        same = " AND ".join(
            f"c.{dst} IS NOT DISTINCT FROM t.{src}"
            for dst, src in [*spec.compare_columns(), ("extra_json", "extra_json")]
        )
        current_only = "" if dated else "c.is_current AND "
        # a join through the marks table: EXISTS would first collect the distinct staged rows
        store.execute(
            f"INSERT INTO {MARKS} SELECT t.row_number FROM {self.rows} t JOIN {table} c ON {key_eq}"
            f" WHERE {current_only}{self._others('c')}NOT t.err AND {same}"
        )
        store.execute(f"UPDATE {TYPED} SET unchanged = TRUE WHERE row_number IN (SELECT row_number FROM {MARKS})")
        direct_unchanged = self._drop_direct_rows()
        store.execute(f"DELETE FROM {MARKS}")
        if dated:
            own_eq = " AND ".join(f"o.{k} = t.{k}" for k in spec.key)
            store.execute(
                f"UPDATE {TYPED} AS t SET new_current = TRUE WHERE NOT t.err AND NOT t.unchanged"
                f" AND NOT EXISTS (SELECT 1 FROM {TYPED} o WHERE NOT o.err AND NOT o.unchanged AND {own_eq}"
                " AND (o.vintage > t.vintage OR (o.vintage = t.vintage AND o.row_number > t.row_number)))"
                f" AND NOT EXISTS (SELECT 1 FROM {table} c WHERE c.is_current AND {key_eq} AND c.vintage > t.vintage)"
            )
        else:
            store.execute(f"UPDATE {TYPED} SET new_current = TRUE WHERE NOT err AND NOT unchanged")
        new_rows = TYPED
        if self._direct is not None:  # the direct rows left are all new and current
            keys = ", ".join(spec.key)
            as_key = ", ".join(f"{dst} AS {stored_of[dst]}" for dst in key_stored)
            new_rows = (
                f"(SELECT {keys}, new_current FROM {TYPED}"
                f" UNION ALL SELECT {as_key}, TRUE FROM {table} WHERE batch_id = {self._direct})"
            )
        replaced = (
            f"c.is_current AND {self._others('c')}EXISTS (SELECT 1 FROM {new_rows} t WHERE t.new_current AND {key_eq})"
        )
        row = store.fetchone(f"SELECT count(*) FROM {table} c WHERE {replaced}")
        superseded = int(row[0]) if row else 0
        if superseded:
            store.execute(f"UPDATE {table} AS c SET is_current = FALSE WHERE {replaced}")
        cols = [dst for dst, _ in spec.stored]
        select = ", ".join(f"t.{src}" for _, src in spec.stored)
        store.execute(
            f"INSERT INTO {table} ({', '.join(cols)}, extra_json, batch_id, row_number, vintage, is_current)"
            f" SELECT {select}, t.extra_json, {int(batch_id)}, t.row_number, t.vintage, t.new_current"
            f" FROM {TYPED} t WHERE NOT t.err AND NOT t.unchanged{self._file_order()}"
        )
        if self._direct is not None:
            self._date_direct_revisions(known, superseded)
        if known.explicit:
            self._keep_latest_current(batch_id)
        if self._direct is None:
            return self.count("NOT err AND NOT unchanged"), self.count("NOT err AND unchanged"), superseded
        row = store.fetchone(f"SELECT count(*) FROM {table} WHERE batch_id = {int(batch_id)}")
        loaded = int(row[0]) if row else 0
        row = store.fetchone(f"SELECT count(*) FROM {TYPED} WHERE NOT err AND unchanged")
        return loaded, (int(row[0]) if row else 0) + direct_unchanged, superseded

    def _others(self, alias: str) -> str:
        """A condition (with a trailing ``AND``) leaving out the batch's own direct rows, or nothing."""
        return f"{alias}.batch_id <> {self._direct} AND " if self._direct is not None else ""

    def _key_eq(self, left: str, right: str) -> str:
        return " AND ".join(f"{left}.{k} = {right}.{k}" for k in self.spec.key_stored())

    def _date_direct_revisions(self, known: KnownFrom, superseded: int) -> None:
        """Direct rows that revise a stored fact are known from the load time, not the release calendar.

        Only a batch that superseded something can hold such rows, so a first import pays nothing.
        """
        if known.explicit or not superseded or self._direct is None:
            return
        table, batch = self.spec.table, self._direct
        self.store.execute(
            f"UPDATE {table} AS t SET vintage = {known.loaded_sql} WHERE t.batch_id = {batch}"
            f" AND EXISTS (SELECT 1 FROM {table} c WHERE c.batch_id <> {batch} AND {self._key_eq('c', 't')})"
        )

    def _keep_latest_current(self, batch_id: int) -> None:
        """With stated dates, the current row of each key the batch touched is its latest vintage.

        A revision published earlier than a row already stored (an old bulletin entered late) is kept as
        a vintage of its own date, but must not displace the later one.
        """
        table, batch = self.spec.table, int(batch_id)
        later = (
            f"EXISTS (SELECT 1 FROM {table} o WHERE o.batch_id <> {batch} AND {self._key_eq('o', 't')}"
            " AND o.vintage > t.vintage)"
        )
        stale = self.store.fetchone(
            f"SELECT count(*) FROM {table} t WHERE t.batch_id = {batch} AND t.is_current AND {later}"
        )
        if not stale or not int(stale[0]):
            return
        self.store.execute(f"UPDATE {table} AS t SET is_current = FALSE WHERE t.batch_id = {batch} AND {later}")
        # each touched key's latest row (vintage, then batch, then row) becomes current again
        touched = f"EXISTS (SELECT 1 FROM {table} b WHERE b.batch_id = {batch} AND {self._key_eq('b', 't')})"
        newer = (
            f"EXISTS (SELECT 1 FROM {table} o WHERE {self._key_eq('o', 't')} AND (o.vintage > t.vintage"
            " OR (o.vintage = t.vintage AND (o.batch_id > t.batch_id"
            " OR (o.batch_id = t.batch_id AND o.row_number > t.row_number)))))"
        )
        self.store.execute(f"UPDATE {table} AS t SET is_current = TRUE WHERE {touched} AND NOT {newer}")

    def _drop_direct_rows(self) -> int:
        """Delete the direct rows that are unchanged (in the marks table) or rejected; returns the unchanged.

        A rejected row never loads and an unchanged one is already held by an earlier batch: neither
        may stay in the fact table. Rejected rows are not in the marks table (``NOT t.err`` above).
        """
        if self._direct is None:
            return 0
        table, batch = self.spec.table, self._direct
        found = self.store.fetchone(
            f"DELETE FROM {table} WHERE batch_id = {batch} AND row_number IN (SELECT row_number FROM {MARKS})"
        )
        self.store.execute(
            f"DELETE FROM {table} WHERE batch_id = {batch} AND row_number IN (SELECT row_number FROM {DIRECT_ERR})"
        )
        return int(found[0]) if found else 0

    def _file_order(self) -> str:
        """``ORDER BY row_number`` unless the staged rows already are in file order (DuckDB keeps it).

        Sorting a million wide rows costs more than checking, in one scan, that no row number
        goes back; the rows are then written in file order either way.
        """
        if self.store.dialect == "duckdb":
            back = self.store.fetchone(
                f"SELECT count(*) FROM (SELECT row_number < lag(row_number) OVER () AS back FROM {TYPED}) b WHERE back"
            )
            if back is not None and int(back[0]) == 0:
                return ""
        return " ORDER BY t.row_number"

    def loaded_keys(self) -> tuple[list[int], list[str]]:
        """Row numbers and keys of rows that are now stored (loaded or already held unchanged).

        Only a retry asks, and a retry never takes the fast path, so no rows were written directly.
        """
        rows = self.store.fetchall(f"SELECT t.row_number, {key_expr(self.spec.key)} FROM {self.rows} t WHERE NOT t.err")
        return [int(r) for r, _ in rows], [k for _, k in rows if k is not None]


__all__ = ["GROUP_RULE_TYPES", "ROWS", "TYPED", "Staging", "key_expr", "row_key"]
