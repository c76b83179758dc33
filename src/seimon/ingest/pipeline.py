"""The one road in: import a file of one kind as one batch, in one transaction.

:func:`import_file` is what ``seimon import``, ``seimon quarantine retry`` and the demo loader
(:func:`seimon.ingest.directory.load_directory`) all call. For one file it:

1. hashes the content: the same file already imported, with its rows still current, is ``unchanged``
   and nothing is written;
2. reads the header (a file that cannot be read at all — wrong format, empty, not a table, required
   columns missing, truncated — is ``rejected`` whole: only a batch row saying why is recorded, in its
   own transaction, and the CLI exits with 2);
3. in one transaction: converts and checks the rows in bounded chunks into a staging table (or, for a
   large plain CSV on DuckDB, stages the file with DuckDB's CSV reader and checks it set-based —
   :mod:`seimon.ingest.fastpath`), applies the group and store rules (:mod:`seimon.ingest.staging`),
   quarantines every problem, writes the valid rows as a new vintage and records the batch (the fast
   path writes its plain rows straight into the fact table, once, and takes back those that turn out
   rejected or unchanged before the transaction ends).

An import killed midway leaves the store as it was: nothing is committed before the end. On DuckDB the
import runs under a memory cap (:mod:`seimon.ingest.memory`): the staged file spills to disk rather
than filling RAM.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from seimon.errors import Location, SeimonError
from seimon.ingest.batches import (
    SUMMARY_ERROR_LIMIT,
    ImportSummary,
    file_hash,
    find_same_import,
    insert_batch,
    next_batch_id,
    now,
)
from seimon.ingest.headers import resolve_header
from seimon.ingest.known import KnownFrom
from seimon.ingest.loaders import (
    REGISTERED_ENTERPRISE_KINDS,
    IndicatorResolver,
    KindSpec,
    code_lookups,
    kind_spec,
    stage_record,
)
from seimon.ingest.memory import bounded_memory
from seimon.ingest.quarantine import REPORT_COLUMNS, record_problems, resolve, row_column
from seimon.ingest.readers import DEFAULT_CHUNK_SIZE, open_table
from seimon.ingest.rules import DEFAULT_RULES, RowError, RuleFile, ValidationContext, load_rules, validate_rows
from seimon.ingest.staging import GROUP_RULE_TYPES, Staging, row_key
from seimon.resources import resource_path
from seimon.store import Store

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int], None]
"""Called with the number of rows read so far, after each chunk."""


_RULES_CACHE: dict[tuple[str, int], RuleFile] = {}


def default_rules() -> RuleFile:
    """The packaged rule file, parsed once per process (again only if the file changes on disk).

    Parsing and validating the YAML costs a noticeable part of a small import; the packaged
    file does not change while seimon runs.

    >>> default_rules() is default_rules()
    True
    """
    path = resource_path(*DEFAULT_RULES)
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _RULES_CACHE:
        _RULES_CACHE.clear()
        _RULES_CACHE[key] = load_rules(path)
    return _RULES_CACHE[key]


def row_rules(rules: RuleFile) -> RuleFile:
    """The rules judged one row at a time (all but duplicates and year-to-date series)."""
    return RuleFile.model_construct(
        version=1, source=rules.source, rules=[r for r in rules.rules if r.type not in GROUP_RULE_TYPES]
    )


def import_file(
    store: Store,
    kind: str,
    path: Path | str,
    *,
    sheet: str | None = None,
    user: str | None = None,
    as_of: dt.date | None = None,
    rules: RuleFile | None = None,
    resolver: IndicatorResolver | None = None,
    progress: ProgressCallback | None = None,
    fast: bool | None = None,
    retry_of: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    skip_unchanged: bool = True,
    published: dt.date | None = None,
) -> ImportSummary:
    """Import one file of ``kind`` (enterprises, reports, deflators, regional, observations) as one batch.

    ``as_of`` is the date "future periods" are judged against (today by default); ``resolver`` maps an
    observation's indicator to an id and unit (the plan's targets by default); ``fast`` forces (True)
    or forbids (False) the set-based CSV path, which by default is used for large plain CSV files on
    DuckDB; ``retry_of`` names a batch whose quarantined rows this corrected file fixes;
    ``skip_unchanged=False`` reads and checks a file even when the same content is already imported
    and current (by default that is ``unchanged`` at once: the dry run of :mod:`seimon.ingest.dryrun`
    turns it off because it must list every problem of the file). ``published`` is the date the file's
    figures were published (``--published``); without it each row is dated by :mod:`seimon.ingest.known`.

    >>> import tempfile, pathlib
    >>> from seimon.store import open_store
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "d.csv").write_text("行业代码,时期,价格指数\\n38,2020年1-9月,101.2\\n38,2020年1-9月,99\\n")
    >>> with open_store("duckdb:///:memory:") as store:
    ...     s = import_file(store, "deflators", folder / "d.csv")
    >>> s.status, s.rows_read, s.rows_loaded, s.rows_quarantined, s.errors[0]["rule"], s.exit_code
    ('partial', 2, 1, 1, 'deflator_duplicate', 3)
    """
    path = Path(path)
    spec = kind_spec(kind)
    started = now()
    digest = _digest(path)
    if retry_of is None and skip_unchanged and (same := _unchanged(store, kind, path, digest, sheet)) is not None:
        return same
    rules = rules or default_rules()
    from seimon.ingest.fastpath import FastPathUnavailable

    def attempt(use_fast: bool | None) -> ImportSummary:
        """One all-or-nothing try: the batch's rows and its batch record in one transaction."""
        with store.transaction():
            batch_id = next_batch_id(store)
            done = _import(
                store,
                spec,
                path,
                batch_id,
                sheet,
                as_of or dt.date.today(),
                rules,
                resolver,
                progress,
                use_fast,
                retry_of,
                chunk_size,
                KnownFrom(published, started),
            )
            insert_batch(
                store,
                batch_id,
                kind=kind,
                path=path,
                digest=digest,
                sheet=done.sheet,
                user=user,
                started=started,
                summary=done,
                published=published,
            )
        return done

    with bounded_memory(store):
        try:
            try:
                summary = attempt(fast)
            except FastPathUnavailable:
                summary = attempt(False)  # DuckDB's CSV reader gave up on this file: the row-by-row path
        except SeimonError as err:
            return _rejected(store, spec, path, digest, sheet, user, started, err)
    _fill_errors(store, summary)
    logger.info(
        "batch %s %s: %d read, %d loaded, %d quarantined, %d unchanged, %d superseded",
        summary.batch_id,
        summary.status,
        summary.rows_read,
        summary.rows_loaded,
        summary.rows_quarantined,
        summary.rows_unchanged,
        summary.rows_superseded,
    )
    return summary


def _digest(path: Path) -> str:
    """The file's SHA-256, or a located ``not_found`` error."""
    try:
        return file_hash(path)
    except OSError:
        raise SeimonError(
            "文件不存在或无法打开", "file not found or cannot be opened", Location(file=str(path)), "not_found"
        ) from None


def _unchanged(store: Store, kind: str, path: Path, digest: str, sheet: str | None) -> ImportSummary | None:
    """The ``unchanged`` summary when the same content of ``kind`` is already imported and current."""
    same = find_same_import(store, kind, digest, sheet)
    if same is None:
        return None
    earlier = store.fetch_dicts("SELECT rows_read FROM batches WHERE batch_id = ?", (same,))[0]
    logger.info("%s: same content as batch %d; nothing to do", path, same)
    return ImportSummary(
        same,
        kind,
        path.name,
        "unchanged",
        rows_read=int(earlier["rows_read"]),
        rows_unchanged=int(earlier["rows_read"]),
        sheet=sheet,
        message_zh=f"与批次 {same} 的文件内容相同，未做任何更改",
        message_en=f"same content as batch {same}; nothing changed",
    )


def _rejected(  # noqa: PLR0917 - private helper of import_file
    store: Store,
    spec: KindSpec,
    path: Path,
    digest: str,
    sheet: str | None,
    user: str | None,
    started: dt.datetime,
    err: SeimonError,
) -> ImportSummary:
    """Record a file rejected whole (its own small transaction) and say why."""
    loc = err.location
    summary = ImportSummary(
        None,
        spec.kind,
        path.name,
        "rejected",
        sheet=loc.sheet or sheet,
        message_zh=str(err).split(" | ")[0],
        message_en=str(err).split(" | ")[-1],
    )
    summary.errors = [
        {
            "row": loc.row if loc.row is not None else loc.line,
            "field": loc.field,
            "rule": err.code,
            "severity": "error",
            "message_zh": summary.message_zh,
            "message_en": summary.message_en,
        }
    ]
    summary.errors_total = 1
    with store.transaction():
        summary.batch_id = next_batch_id(store)
        insert_batch(
            store,
            summary.batch_id,
            kind=spec.kind,
            path=path,
            digest=digest,
            sheet=summary.sheet,
            user=user,
            started=started,
            summary=summary,
        )
    logger.warning("%s rejected: %s", path, err)
    return summary


def _fill_errors(store: Store, summary: ImportSummary) -> None:
    """The first problems of the batch (errors before warnings), read back from the quarantine."""
    rows = store.fetch_dicts(
        "SELECT row_number, field, rule, value, severity, message_zh, message_en FROM quarantine WHERE batch_id = ?"
        " ORDER BY CASE WHEN severity = 'error' THEN 0 ELSE 1 END, row_number, field, rule"
        f" LIMIT {SUMMARY_ERROR_LIMIT}",
        (summary.batch_id,),
    )
    total = store.fetchone("SELECT count(*) FROM quarantine WHERE batch_id = ?", (summary.batch_id,))
    summary.errors = [
        {
            "row": r["row_number"],
            "field": r["field"],
            "rule": r["rule"],
            "value": r["value"],
            "severity": r["severity"],
            "message_zh": r["message_zh"],
            "message_en": r["message_en"],
        }
        for r in rows
    ]
    summary.errors_total = int(total[0]) if total else len(rows)


def _import(  # noqa: PLR0917 - private helper of import_file
    store: Store,
    spec: KindSpec,
    path: Path,
    batch_id: int,
    sheet: str | None,
    as_of: dt.date,
    rules: RuleFile,
    resolver: IndicatorResolver | None,
    progress: ProgressCallback | None,
    fast: bool | None,
    retry_of: int | None,
    chunk_size: int,
    known: KnownFrom,
) -> ImportSummary:
    file_name = path.name
    with open_table(path, sheet=sheet) as table:
        info = table.info
        header = resolve_header(spec.kind, info)
        lookups = code_lookups(store)
        context = ValidationContext(file_name, info.sheet, as_of, lookups, row_rules(rules))
        staging = Staging(store, spec)
        summary = ImportSummary(batch_id, spec.kind, file_name, "loaded", sheet=info.sheet)
        retry_rows: dict[int, int] = {}
        staged_fast = None
        drop = frozenset(REPORT_COLUMNS) if retry_of is not None else frozenset()
        original_row = row_column(header.extras) if retry_of is not None else None

        def stage_rows(chunk: list[Any]) -> int:
            return _stage_chunk(
                staging, spec, header, chunk, context, batch_id, file_name, resolver, drop, original_row, retry_rows
            )

        if retry_of is None and fast is not False:
            from seimon.ingest.fastpath import stage_fast

            staged_fast = stage_fast(
                store,
                staging,
                path,
                info=info,
                header=header,
                context=context,
                stage_rows=stage_rows,
                force=bool(fast),
                progress=progress,
                batch_id=batch_id,
                known=known,
            )
        if staged_fast is not None:
            summary.rows_read = staged_fast
            summary.fast_path = True
        else:
            for chunk in table.chunks(chunk_size):
                summary.rows_read += stage_rows(chunk)
                if progress is not None:
                    progress(summary.rows_read)
        if summary.rows_read == 0:
            raise SeimonError(
                "文件中没有数据行", "the file has no data rows", Location(file=str(path), sheet=info.sheet), "empty"
            )
    full = ValidationContext(file_name, info.sheet, as_of, lookups, rules)
    _record_group_errors(staging, full, batch_id, file_name)
    if spec.kind in REGISTERED_ENTERPRISE_KINDS:  # a row of an enterprise the register does not hold: quarantined
        staging.unknown_enterprises(batch_id, file_name, info.sheet)
    if spec.kind == "reports":  # jumps against the enterprise's own history: the industrial series only
        warnings = staging.jump_warnings(full)
        raws, keys = staging.raw_and_keys([w.row for w in warnings])
        record_problems(store, batch_id, file_name, warnings, raw_by_row=raws, key_by_row=keys)
    summary.rows_quarantined = staging.count("err")
    loaded, unchanged, superseded = staging.write(batch_id, known)
    summary.rows_loaded, summary.rows_unchanged, summary.rows_superseded = loaded, unchanged, superseded
    warned = store.fetchone(
        "SELECT count(DISTINCT row_number) FROM quarantine WHERE batch_id = ? AND severity = 'warning'", (batch_id,)
    )
    summary.rows_warned = int(warned[0]) if warned else 0
    summary.status = "partial" if summary.rows_quarantined else "loaded"
    if spec.kind == "enterprises":
        _classify(store)
    if retry_of is not None:
        rows, keys_loaded = staging.loaded_keys()
        originals = [retry_rows.get(r, r) for r in rows] if retry_rows else []
        resolve(store, retry_of, batch_id, originals, keys_loaded)
    staging.drop()
    return summary


def _stage_chunk(  # noqa: PLR0917 - private helper of import_file
    staging: Staging,
    spec: KindSpec,
    header: Any,
    chunk: list[Any],
    context: ValidationContext,
    batch_id: int,
    file_name: str,
    resolver: IndicatorResolver | None,
    drop: frozenset[str],
    original_row: str | None,
    retry_rows: dict[int, int],
) -> int:
    """Convert, check and stage one chunk of rows; quarantine its row problems."""
    records = [header.convert(row) for row in chunk]
    _, errors = validate_rows(spec.kind, records, context)
    by_row: dict[int, list[RowError]] = {}
    for err in errors:
        by_row.setdefault(err.row, []).append(err)
    staged_rows = []
    raws: dict[int, str | None] = {}
    keys: dict[int, str | None] = {}
    for row, record in zip(chunk, records, strict=True):
        if original_row is not None:
            number = _as_int(row.values.get(original_row))
            if number is not None:
                retry_rows[record.row_number] = number
        staged = stage_record(
            spec, record, row.values, file=context.file, sheet=context.sheet, resolver=resolver, drop_extras=drop
        )
        problems = by_row.get(record.row_number, []) + staged.errors
        values = staged.values
        values["bad_fields"] = ",".join(sorted({p.field for p in record.problems})) or None
        values["error_fields"] = ",".join(sorted({e.field or "" for e in problems if e.severity == "error"})) or None
        values["err"] = any(e.severity == "error" for e in problems)
        values["unchanged"] = False
        values["new_current"] = False
        staged_rows.append(values)
        if problems:
            errors.extend(staged.errors)
            raws[record.row_number] = values["raw_json"]
            keys[record.row_number] = row_key(values, spec.key)
    staging.append(staged_rows)
    record_problems(staging.store, batch_id, file_name, errors, raw_by_row=raws, key_by_row=keys)
    return len(chunk)


def _as_int(cell: Any) -> int | None:
    try:
        return int(float(cell)) if cell is not None else None
    except (TypeError, ValueError):
        return None


def _record_group_errors(staging: Staging, context: ValidationContext, batch_id: int, file_name: str) -> None:
    assert context.rules is not None
    errors = staging.group_errors(context.rules, context)
    if not errors:
        return
    staging.mark_errors([e.row for e in errors if e.severity == "error"])
    raws, keys = staging.raw_and_keys([e.row for e in errors])
    record_problems(staging.store, batch_id, file_name, errors, raw_by_row=raws, key_by_row=keys)


def _classify(store: Store) -> None:
    """Classify the enterprises this batch stored as current (the register is classified on import)."""
    from seimon.ingest.staging import TYPED
    from seimon.reference import Enterprise, classify_and_store

    rows = store.fetchall(f"SELECT credit_code, industry, products, base FROM {TYPED} WHERE new_current")
    if rows:
        classify_and_store(
            store, [Enterprise(code, industry, products, base) for code, industry, products, base in rows]
        )


__all__ = ["ProgressCallback", "default_rules", "import_file", "row_rules"]
