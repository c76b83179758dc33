"""Whom a file is about: the enterprise (credit code) and region of each row, read without importing.

A city or an enterprise may submit data only about itself. The web layer decides who may submit what; this
module only answers, cheaply and before anything lands, which enterprises and regions a file's rows name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from seimon.errors import SeimonError
from seimon.ingest.headers import resolve_header
from seimon.ingest.readers import open_table
from seimon.reference.credit_code import is_valid, normalize, region_of
from seimon.store import Store

logger = logging.getLogger(__name__)

SUBJECT_KINDS = ("enterprises", "reports", "service-reports", "talent-demand", "projects", "project-progress")
"""Kinds whose rows are about one enterprise or one project each (a project's subject is its region); the other
kinds are province-level tables."""


@dataclass(frozen=True)
class Subject:
    """One row's subject: the row number the user sees, the credit code, and the enterprise's region if known.

    ``recorded_region`` is the region the register holds for the enterprise now (None when it is not
    registered): an ``enterprises`` row may name another region, and who may submit it depends on both.
    """

    row: int
    credit_code: str | None
    region: str | None
    recorded_region: str | None = None


def file_subjects(store: Store, kind: str, path: Path | str, *, sheet: str | None = None) -> list[Subject]:
    """The subject of every row of an ``enterprises``, ``reports``, ``projects`` or ``project-progress`` file.

    The region is the file's own for ``enterprises`` and ``projects``; for ``reports`` it is the region the
    register holds for the enterprise, or for an enterprise not registered yet the area of the authority that
    issued its code; for ``project-progress`` the region the project register holds for the project (None for a
    project not in it). ``recorded_region`` is always the enterprise register's (the scope check must use the
    region *on record*, or a city could take another city's enterprise by writing its own region in the file).
    A file that cannot be read gives an empty list: the validation report says why.

    >>> import tempfile, pathlib
    >>> from seimon.store import open_store
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "e.csv"
    >>> _ = f.write_text("统一社会信用代码,企业名称,地区代码,行业代码\\n91130100MA07LDTK1X,甲,130102,3841\\n")
    >>> with open_store("duckdb:///:memory:") as s:
    ...     file_subjects(s, "enterprises", f)
    [Subject(row=2, credit_code='91130100MA07LDTK1X', region='130102', recorded_region=None)]
    """
    if kind not in SUBJECT_KINDS:
        return []

    found: list[tuple[int, str | None, str | None]] = []
    try:
        with open_table(Path(path), sheet=sheet) as table:
            header = resolve_header(kind, table.info)
            code_col, region_col = header.column_for("credit_code"), header.column_for("region")
            for row in table.rows():
                code = row.values.get(code_col.source) if code_col else None
                region = row.values.get(region_col.source) if region_col else None
                found.append((row.row_number, _text(code, upper=True), _text(region)))
    except SeimonError as exc:
        logger.info("%s: unreadable, no subjects (%s)", path, exc.message_en)
        return []
    registered = _registered_regions(store, sorted({c for _, c, _ in found if c}))
    if kind == "project-progress":
        found = _project_regions(store, path, sheet)
    elif kind in ("reports", "service-reports", "talent-demand"):
        found = [(row, code, registered.get(code or "") or _code_region(code)) for row, code, _ in found]
    return [Subject(row, code, region, registered.get(code or "")) for row, code, region in found]


def _project_regions(store: Store, path: Path | str, sheet: str | None) -> list[tuple[int, str | None, str | None]]:
    """Each progress row's project region, from the current project register (None for an unknown project)."""
    found: list[tuple[int, str | None]] = []
    with open_table(Path(path), sheet=sheet) as table:  # readable: file_subjects has just read it
        column = resolve_header("project-progress", table.info).column_for("project_id")
        for row in table.rows():
            cell = row.values.get(column.source) if column else None
            found.append((row.row_number, _text(cell, upper=True)))
    regions: dict[str, str] = {}
    if store.table_exists("projects"):
        regions = {
            str(p): str(r) for p, r in store.fetchall("SELECT project_id, region FROM projects WHERE is_current")
        }
    return [(row, None, regions.get(pid or "")) for row, pid in found]


def file_keys(kind: str, path: Path | str, field: str, *, sheet: str | None = None) -> list[tuple[int, str | None]]:
    """Each row's value of ``field`` (a project or task id), read without importing; [] for an unreadable file.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "r.csv"
    >>> _ = f.write_text("任务编号,报送日期,状态,进展情况\\nbox_01_1,2020-01-01,进行中,x\\n", encoding="utf-8")
    >>> file_keys("task-reports", f, "task_id")
    [(2, 'box_01_1')]
    """
    found: list[tuple[int, str | None]] = []
    try:
        with open_table(Path(path), sheet=sheet) as table:
            column = resolve_header(kind, table.info).column_for(field)
            for row in table.rows():
                found.append((row.row_number, _text(row.values.get(column.source)) if column else None))
    except SeimonError as exc:
        logger.info("%s: unreadable, no keys (%s)", path, exc.message_en)
        return []
    return found


def _code_region(code: str | None) -> str | None:
    """An unregistered enterprise's region from its code (characters 3–8: the registering authority's area)."""
    return region_of(code) if code and is_valid(code) else None


def _text(cell: object, *, upper: bool = False) -> str | None:
    if cell is None:
        return None
    text = str(cell).strip()
    if isinstance(cell, float) and cell.is_integer():
        text = str(int(cell))
    if not text:
        return None
    return normalize(text) if upper else text


def _registered_regions(store: Store, codes: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for start in range(0, len(codes), 500):
        part = codes[start : start + 500]
        marks = ", ".join("?" * len(part))
        rows = store.fetchall(
            f"SELECT credit_code, region FROM enterprises WHERE is_current AND credit_code IN ({marks})", part
        )
        out.update(dict(rows))
    return out
