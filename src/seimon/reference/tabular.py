"""Read a user's CSV or XLSX file into header + numbered rows, for the reference importers.

Official tables arrive as Excel workbooks or as CSV exported in UTF-8 or GB18030; importers need the
same thing from both: the header cells and each data row with its 1-based line number in the file, so
every warning can say where it came from.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TableFile:
    """A read table: ``header`` cells and ``rows`` as (line number in the file, cells)."""

    path: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]
    sheet: str | None = None


def _cell(value: object) -> str:
    """Spreadsheet cell as text: ``3841.0`` (a float from Excel) -> ``"3841"``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise SeimonError("无法识别文件编码", "cannot detect the file encoding", Location(file=str(path)))
    return str(best)


def read_table(path: Path, *, header_hints: tuple[str, ...] = ()) -> TableFile:
    """Read ``path`` (``.csv``/``.txt`` or ``.xlsx``/``.xlsm``), skipping title lines above the header.

    The header is the first row containing any of ``header_hints`` (case-insensitive); without hints,
    the first non-empty row. Official workbooks often carry a title line above the header.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("标题\\ncode,name\\n3841,锂离子电池制造\\n", encoding="utf-8")
    >>> t = read_table(p, header_hints=("code",))
    >>> t.header, t.rows
    (['code', 'name'], [(3, ['3841', '锂离子电池制造'])])
    """
    path = Path(path)
    if not path.is_file():
        raise SeimonError(f"文件不存在：{path}", f"file not found: {path}", Location(file=str(path)), code="not_found")
    suffix = path.suffix.lower()
    sheet: str | None = None
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        worksheet = workbook.worksheets[0]
        sheet = worksheet.title
        raw_rows = [[_cell(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
        workbook.close()
    elif suffix in (".csv", ".txt", ""):
        text = _decode(path.read_bytes(), path)
        raw_rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise SeimonError(
            f"不支持的文件类型：{suffix}（支持 CSV、XLSX）",
            f"unsupported file type: {suffix} (use CSV or XLSX)",
            Location(file=str(path)),
            code="file_type",
        )
    hints = tuple(h.lower() for h in header_hints)
    header_index = None
    for index, row in enumerate(raw_rows):
        cells = [c.lower() for c in row if c]
        if not cells:
            continue
        if not hints or any(h in c for c in cells for h in hints):
            header_index = index
            break
    if header_index is None:
        raise SeimonError(
            f"未找到表头（应包含：{'、'.join(header_hints)}）",
            f"no header row found (expected one of: {', '.join(header_hints)})",
            Location(file=str(path), sheet=sheet),
            code="no_header",
        )
    header = raw_rows[header_index]
    width = len(header)
    rows = [
        (number, (row + [""] * width)[:width])
        for number, row in enumerate(raw_rows[header_index + 1 :], start=header_index + 2)
        if any(c for c in row)
    ]
    logger.debug("read %s: %d rows", path, len(rows))
    return TableFile(path=path, header=header, rows=rows, sheet=sheet)
