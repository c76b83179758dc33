"""Whether a DuckDB store file may be opened: it exists and is a DuckDB database, or creating it was asked for.

``--store duckdb:///no/such/dir/s.duckdb`` used to create an empty store (and its folders) and report "no data"
with exit 0; a CSV given as a store printed a 47-line traceback. The command line now creates a store only
through ``seimon init`` (or ``demo``) or an explicit ``--create``; the library keeps creating on open (tests and
the web app's callers ask for it), and :data:`CREATE_MISSING` is how the command line says otherwise.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from pathlib import Path

from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)

CREATE_MISSING: ContextVar[bool] = ContextVar("seimon_create_missing_store", default=True)
"""Whether opening a DuckDB file that does not exist creates it (the CLI sets False unless asked to create)."""

DUCKDB_MAGIC = b"DUCK"
"""DuckDB database files carry these four bytes at offset 8."""


def check_duckdb_file(path: str, *, create: bool | None = None) -> None:
    """Refuse a missing store (unless creating) or a file that is not a DuckDB database, in both languages.

    >>> import tempfile, pathlib
    >>> junk = pathlib.Path(tempfile.mkdtemp()) / "r.csv"
    >>> _ = junk.write_text("a,b\\n1,2\\n")
    >>> try:
    ...     check_duckdb_file(str(junk))
    ... except SeimonError as err:
    ...     err.code
    'not_a_store'
    >>> try:
    ...     check_duckdb_file(str(junk.parent / "none.duckdb"), create=False)
    ... except SeimonError as err:
    ...     err.code
    'store_missing'
    """
    if path == ":memory:":
        return
    file = Path(path)
    if file.is_dir():
        raise SeimonError(
            f"数据库地址 {path} 是一个文件夹，不是数据库文件",
            f"the store {path} is a folder, not a database file",
            Location(file=path),
            code="not_a_store",
        )
    if file.exists():
        with file.open("rb") as fh:
            head = fh.read(12)
        if head[8:12] != DUCKDB_MAGIC:
            raise SeimonError(
                f"{path} 不是 SEI Monitor 数据库（DuckDB 文件）；请检查 --store（数据文件应使用 seimon import 导入）",
                f"{path} is not a SEI Monitor store (a DuckDB file); check --store (data files are loaded with"
                " seimon import)",
                Location(file=path),
                code="not_a_store",
            )
        return
    if CREATE_MISSING.get() if create is None else create:
        logger.info("creating a new store at %s", path)
        return
    hint_zh, hint_en = "", ""
    if not file.parent.exists():
        hint_zh = f"（文件夹 {file.parent} 也不存在；相对路径请写成 duckdb://相对/路径.duckdb 或直接写路径）"
        hint_en = (
            f" (the folder {file.parent} does not exist either; write a relative path as duckdb://relative/path.duckdb"
            " or as a plain path)"
        )
    raise SeimonError(
        f"数据库 {path} 不存在{hint_zh}；新建数据库请运行 seimon init --store …，或加 --create",
        f"the store {path} does not exist{hint_en}; create one with seimon init --store …, or add --create",
        Location(file=path),
        code="store_missing",
    )


__all__ = ["CREATE_MISSING", "check_duckdb_file"]
