"""Limits on an uploaded file, checked before it is validated: decompressed size, rows, columns and time.

A 1 MB XLSX can unzip to 300 MB and three million rows; validating it took minutes and gigabytes while the
server answered nothing else. :func:`check_upload` looks first at what the archive says it holds (no
decompression), then streams the rows once, stopping at the first limit passed, so a hostile file costs at
most ``max_rows`` rows or ``max_seconds`` of one worker before it is refused with a bilingual error.
"""

from __future__ import annotations

import logging
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from seimon.errors import Location, SeimonError
from seimon.ingest.readers import detect_format, open_table

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 5000
"""Rows between two progress reports while a file is counted."""

YIELD_EVERY = 200
"""Rows between two offers of the GIL to other threads (a server's event loop answering ``/health``)."""


@dataclass(frozen=True)
class UploadLimits:
    """What one uploaded file may hold (the server's settings fill it)."""

    max_decompressed_bytes: int = 200 * 1024 * 1024
    max_rows: int = 1_000_000
    max_columns: int = 500
    max_seconds: float = 120.0


def _refuse(name: str, zh: str, en: str) -> SeimonError:
    return SeimonError(zh, en, Location(file=name), code="too_large")


def check_upload(
    path: Path,
    limits: UploadLimits,
    *,
    sheet: str | None = None,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Refuse ``path`` (``too_large``) when it passes one of ``limits``; returns its number of data rows.

    ``name`` is what the user called the file (errors name it, never the server's path). A file that cannot
    be read at all passes: the validation report says why, as for any other upload. ``progress`` is told the
    rows read so far every :data:`PROGRESS_EVERY` rows (the upload page shows them).

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.csv"
    >>> _ = f.write_text("行业代码,时期,价格指数\\n38,2020年1-9月,101.2\\n38,2020年1-6月,101.0\\n")
    >>> check_upload(f, UploadLimits())
    2
    >>> try:
    ...     check_upload(f, UploadLimits(max_rows=1), name="d.csv")
    ... except SeimonError as err:
    ...     err.code, err.message_en
    ('too_large', 'd.csv has more than 1 data rows (the limit for an upload)')
    """
    shown = name or path.name
    try:
        fmt = detect_format(path)
    except SeimonError:
        return 0
    if fmt == "xlsx":
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(i.file_size for i in archive.infolist())
        except (zipfile.BadZipFile, OSError):
            return 0
        if unpacked > limits.max_decompressed_bytes:
            mb = 1024 * 1024
            raise _refuse(
                shown,
                f"{shown} 解压后为 {unpacked / mb:.0f} MB，超过上传上限 {limits.max_decompressed_bytes / mb:g} MB",
                f"{shown} unpacks to {unpacked / mb:.0f} MB, more than the {limits.max_decompressed_bytes / mb:g} MB"
                " allowed for an upload",
            )
    deadline = time.monotonic() + limits.max_seconds
    rows = 0
    try:
        with open_table(path, sheet=sheet) as table:
            if len(table.info.columns) > limits.max_columns:
                raise _refuse(
                    shown,
                    f"{shown} 有 {len(table.info.columns)} 列，超过上传上限 {limits.max_columns} 列",
                    f"{shown} has {len(table.info.columns)} columns, more than the {limits.max_columns} allowed",
                )
            for _ in table.rows():
                rows += 1
                if rows > limits.max_rows:
                    raise _refuse(
                        shown,
                        f"{shown} 超过 {limits.max_rows} 行数据（上传上限）；更大的文件请由管理员用 seimon import 导入",
                        f"{shown} has more than {limits.max_rows} data rows (the limit for an upload)",
                    )
                if rows % PROGRESS_EVERY == 0 and progress is not None:
                    progress(rows)
                if rows % YIELD_EVERY == 0:
                    time.sleep(0)  # let the server's event loop take the GIL: counting is pure Python
                if rows % 1000 == 0 and time.monotonic() > deadline:
                    raise _refuse(
                        shown,
                        f"读取 {shown} 超过 {limits.max_seconds:g} 秒（上传时限），已停止",
                        f"reading {shown} took more than {limits.max_seconds:g} s (the limit for an upload)",
                    )
    except SeimonError as exc:
        if exc.code == "too_large":
            raise
        return rows
    return rows


__all__ = ["UploadLimits", "check_upload"]
