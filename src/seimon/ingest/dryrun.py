"""The dry run: what importing a file would do, every problem listed, and nothing kept.

A submitter uploads a file and wants to know, before anyone approves it, which rows would be
quarantined and why. The only honest answer is the real import: the same readers, header mapping,
row, group and store rules (duplicates, unknown enterprises, jumps against the stored history). So
:func:`validate_file` runs the ordinary :func:`~seimon.ingest.pipeline.import_file` inside an outer
transaction, reads back the complete problem list and the counts, and rolls the transaction back.

``import_file`` nested in an outer transaction joins it, which is what makes this work; a few of its
behaviours need care there, and :func:`enclosed_import` takes it:

* the DuckDB memory cap is a ``SET``, which no rollback undoes: the cap is set once around the whole
  outer transaction, so the nested import finds it in force and leaves the setting alone;
* the fast CSV path (DuckDB, large plain report files) falls back to the row-by-row path when DuckDB
  cannot read the file, but on DuckDB that failed statement has already aborted the transaction: the
  whole attempt is rolled back and run again row by row;
* a file rejected whole is recorded by ``import_file`` in "its own" transaction, which here is ours,
  so it is rolled back with the rest;
* a file whose same content is already imported and current would be ``unchanged`` at once, with no
  problem list: the dry run reads it anyway (``skip_unchanged=False``) and reports ``unchanged``
  with every problem.

Batch ids drawn during a dry run are not given back (a sequence never is, see
:func:`~seimon.ingest.batches.next_batch_id`); no batch, quarantine record or data row remains.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from seimon.errors import Location, SeimonError
from seimon.ingest.batches import ImportSummary, file_hash, find_same_import
from seimon.ingest.loaders import kind_spec
from seimon.ingest.memory import bounded_memory
from seimon.ingest.pipeline import ProgressCallback, import_file
from seimon.store import Store

logger = logging.getLogger(__name__)

T = TypeVar("T")

REPORT_STATUSES = ("loaded", "partial", "rejected", "unchanged")
"""What importing the file would do: load every row, load some, reject the file whole, change nothing."""

PROBLEM_KEYS = ("row", "field", "rule", "severity", "message_zh", "message_en", "value")


@dataclass
class ValidationReport:
    """The outcome of a dry run: counts, a bilingual summary, and every problem of the file.

    ``rows_valid`` rows would be stored (new, changed or identical to what is stored); the
    ``rows_quarantined`` others would go to the quarantine; ``rows_warned`` rows carry a warning but
    load. ``problems`` lists errors first, then warnings, each by row, field and rule.
    """

    kind: str
    file: str
    status: str
    rows_read: int = 0
    rows_valid: int = 0
    rows_quarantined: int = 0
    rows_warned: int = 0
    message_zh: str = ""
    message_en: str = ""
    problems: list[dict[str, Any]] = field(default_factory=list)
    sheet: str | None = None
    rows_unchanged: int = 0
    rows_superseded: int = 0
    same_batch_id: int | None = None

    @property
    def submittable(self) -> bool:
        """A file rejected whole cannot be submitted; any other can (its bad rows would be quarantined).

        >>> ValidationReport("reports", "r.csv", "rejected").submittable
        False
        """
        return self.status != "rejected"

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (what a submission stores)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ValidationReport:
        """Rebuild a report from :meth:`to_dict` (unknown keys are ignored).

        >>> r = ValidationReport("deflators", "d.csv", "loaded", rows_read=2, rows_valid=2)
        >>> ValidationReport.from_dict(r.to_dict()) == r
        True
        """
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


class _RollBack(Exception):
    """Raised at the end of a dry run so that the store's transaction rolls everything back."""


def enclosed_import(store: Store, body: Callable[[bool | None], T], *, fast: bool | None = None, keep: bool) -> T:
    """Run ``body(fast)``, which calls :func:`import_file`, inside one transaction of its own.

    ``keep=False`` rolls the transaction back after ``body`` returned (the dry run); ``keep=True``
    commits it, so that what ``body`` writes besides the import (a submission's new state) lands
    with the import or not at all. On DuckDB, when the fast CSV path aborted the transaction
    (see the module docstring), the whole attempt is run again with ``fast=False``. The transaction
    must be this function's own: called inside an open one, it refuses (its rollback would be none).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as store:
    ...     enclosed_import(store, lambda fast: store.execute("CREATE TABLE t (a INTEGER)"), keep=False)
    ...     store.table_exists("t")
    False
    """
    # Store has no public "in a transaction" yet; inside a caller's transaction ours would only join it,
    # and a dry run's rollback would then be no rollback at all
    if store.in_transaction:
        raise SeimonError(
            "试导入需要独立的事务，不能在已打开的事务中运行",
            "a dry run or approval needs a transaction of its own and cannot run inside an open one",
            code="nested_transaction",
        )
    attempts: list[bool | None] = [fast] if fast is False or store.dialect != "duckdb" else [fast, False]
    with bounded_memory(store):
        for number, attempt in enumerate(attempts, start=1):
            result: list[T] = []
            try:
                with store.transaction():
                    result.append(body(attempt))
                    if not keep:
                        raise _RollBack
            except _RollBack:
                pass
            except SeimonError:
                raise
            except Exception as exc:
                if number == len(attempts):
                    raise
                logger.info("import aborted the transaction (%s); running it again row by row", exc)
                continue
            return result[0]
    raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover


def validate_file(
    store: Store,
    kind: str,
    path: Path | str,
    *,
    sheet: str | None = None,
    as_of: dt.date | None = None,
    fast: bool | None = None,
    progress: ProgressCallback | None = None,
) -> ValidationReport:
    """Check ``path`` as an import of ``kind`` would, list every problem, and leave the store untouched.

    ``as_of`` is the date future periods are judged against (today by default); ``fast`` is passed
    to :func:`import_file` (tests force the fast CSV path with it), and so is ``progress`` (told the rows
    converted and checked so far, after each chunk).

    >>> import tempfile, pathlib
    >>> from seimon.store import open_store
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.csv"
    >>> _ = f.write_text("行业代码,时期,价格指数\\n38,2020年1-9月,101.2\\n99,2020年1-9月,99\\n", encoding="utf-8")
    >>> with open_store("duckdb:///:memory:") as store:
    ...     r = validate_file(store, "deflators", f)
    ...     store.fetchall("SELECT count(*) FROM batches"), store.fetchall("SELECT count(*) FROM deflators")
    ([(0,)], [(0,)])
    >>> r.status, r.rows_read, r.rows_valid, r.rows_quarantined, [p["rule"] for p in r.problems]
    ('partial', 2, 1, 1, ['deflator_industry_code'])
    """
    path = Path(path)
    kind_spec(kind)
    try:
        digest = file_hash(path)
    except OSError:
        raise SeimonError(
            "文件不存在或无法打开", "file not found or cannot be opened", Location(file=str(path)), "not_found"
        ) from None

    def run(attempt: bool | None) -> ValidationReport:
        same = find_same_import(store, kind, digest, sheet)
        summary = import_file(
            store, kind, path, sheet=sheet, as_of=as_of, fast=attempt, skip_unchanged=False, progress=progress
        )
        return _report(store, summary, same)

    report = enclosed_import(store, run, fast=fast, keep=False)
    logger.info(
        "dry run of %s (%s): %s, %d read, %d valid, %d quarantined, %d problems",
        path.name,
        kind,
        report.status,
        report.rows_read,
        report.rows_valid,
        report.rows_quarantined,
        len(report.problems),
    )
    return report


def _report(store: Store, summary: ImportSummary, same: int | None) -> ValidationReport:
    """The report of one import, read inside its transaction before it is rolled back."""
    report = ValidationReport(
        kind=summary.kind,
        file=summary.file,
        status=summary.status,
        sheet=summary.sheet,
        rows_read=summary.rows_read,
        rows_quarantined=summary.rows_quarantined,
        rows_valid=summary.rows_read - summary.rows_quarantined,
        rows_warned=summary.rows_warned,
        rows_unchanged=summary.rows_unchanged,
        rows_superseded=summary.rows_superseded,
    )
    if summary.status == "rejected":
        report.problems = [{k: e.get(k) for k in PROBLEM_KEYS} for e in summary.errors]
        report.message_zh = f"整个文件被拒绝，不能提交：{summary.message_zh}"
        report.message_en = f"the whole file is rejected and cannot be submitted: {summary.message_en}"
        return report
    report.problems = all_problems(store, summary.batch_id)
    if same is not None:
        report.status = "unchanged"
        report.same_batch_id = same
    report.message_zh, report.message_en = _messages(report)
    return report


def all_problems(store: Store, batch_id: int | None) -> list[dict[str, Any]]:
    """Every quarantine record of a batch (errors first, then warnings, by row), as report problems.

    >>> from seimon.store import open_store
    >>> all_problems(open_store("duckdb:///:memory:"), 1)
    []
    """
    if batch_id is None:
        return []
    rows = store.fetchall(
        "SELECT row_number, field, rule, severity, message_zh, message_en, value FROM quarantine WHERE batch_id = ?"
        " ORDER BY CASE WHEN severity = 'error' THEN 0 ELSE 1 END, row_number, field, rule",
        (batch_id,),
    )
    return [dict(zip(PROBLEM_KEYS, row, strict=True)) for row in rows]


def _messages(report: ValidationReport) -> tuple[str, str]:
    """The one-line bilingual summary of a report that was not rejected.

    >>> _messages(ValidationReport("reports", "r.csv", "partial", rows_read=3, rows_valid=2, rows_quarantined=1))
    ('共 3 行：2 行有效，1 行有错误（导入时将被隔离）', '3 rows: 2 valid, 1 with errors (they would be quarantined)')
    """
    n, valid, bad, warned = report.rows_read, report.rows_valid, report.rows_quarantined, report.rows_warned
    if bad:
        zh = f"共 {n} 行：{valid} 行有效，{bad} 行有错误（导入时将被隔离）"
        en = f"{n} rows: {valid} valid, {bad} with errors (they would be quarantined)"
    else:
        zh = f"校验通过：共 {n} 行，全部有效"
        en = f"valid: all {n} rows pass"
    if warned:
        zh += f"；{warned} 行有警告（仍会导入）"
        en += f"; {warned} with warnings (they would still load)"
    if report.status == "unchanged":
        zh += f"。与批次 {report.same_batch_id} 的文件内容相同，导入不会有任何更改"
        en += f". Same content as batch {report.same_batch_id}: importing it would change nothing"
    return zh, en


__all__ = [
    "PROBLEM_KEYS",
    "REPORT_STATUSES",
    "ValidationReport",
    "all_problems",
    "enclosed_import",
    "validate_file",
]
