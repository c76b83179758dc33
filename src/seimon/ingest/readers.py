"""Streaming readers for submitted tables: CSV (any encoding we meet), XLSX and Parquet.

Real submissions are spreadsheets made for people: a title row or two, a header that may span two rows
("营业收入" merged over "本期 | 上年同期"), data, and footnotes ("注：…", "数据来源：…"). A reader finds
the header, flattens it to one name per column ("营业收入_本期"), and yields data rows one at a time
with the row number the user sees in Excel or a text editor, so that every later error can point at
the right row. Nothing is loaded whole: files are streamed and :meth:`Table.chunks` groups rows into
bounded lists.

Entry point: :func:`open_table`.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

from seimon.errors import Location, SeimonError
from seimon.ingest.encoding import detect_encoding

logger = logging.getLogger(__name__)

CellValue = str | float | int | None
"""A cell as a reader gives it: text, a number, or None for an empty cell."""

HEADER_SCAN_ROWS = 30
"""The header must start within this many rows of the top of the sheet."""

DEFAULT_CHUNK_SIZE = 5000
"""Rows per chunk in :meth:`Table.chunks`."""

MAX_TRAILER_ROWS = 200
"""Footnote rows held back while we wait to see whether the table really ended."""

# 注：…, 注1：…, 说明：…, 数据来源：…, 资料来源：…, 备注：…, 填表人：…, 单位负责人：…, * 表示…
_FOOTNOTE = re.compile(
    r"^\s*(?:注\s*\d*\s*[：:、.．]|注$|说明|数据来源|资料来源|备注\s*[：:]|填表人|制表|单位负责人|统计负责人|审核人"
    r"|报出日期|填报日期|\*)"
)
_FOOTNOTE_START = frozenset("注说数资备填制单统审报* \t")  # cheap first-character test before the regex
# 1,234.5 / -12 / (12) / 12.5% / 1.2亿 — a cell that looks numeric cannot be a header label
_NUMERIC_TEXT = re.compile(r"^[\s(（+\-－]*[\d０-９][\d０-９,，.．\s]*[)）%％万亿]*\s*$")
# 填报单位：某某, 单位：万元 — a "label: value" cell of a title block, not a column header
_LABEL_VALUE = re.compile(r"^[^：:]{1,12}[：:].+$")
# <mergeCell ref="C3:D3"/> (possibly with a namespace prefix such as <x:mergeCell)
_MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


@dataclass(frozen=True)
class RawRow:
    """One data row: its 1-based row number as the user sees it, and its cells by column name.

    Values are text (stripped), numbers (from XLSX or Parquet), or None for empty cells. Cells beyond
    the header's columns are kept under ``column_N`` names, never dropped.
    """

    row_number: int
    values: dict[str, CellValue]


@dataclass(frozen=True)
class TableInfo:
    """Where a table came from and what its header says.

    ``header_row`` is the 1-based row of the (first) header row; ``header_rows`` is 2 for a two-row
    header. For Parquet, which has no header row, ``header_row`` is 0 and rows are numbered 1, 2, ….
    """

    file: str
    sheet: str | None
    header_row: int
    columns: tuple[str, ...]
    header_rows: int = 1
    format: str = "csv"
    encoding: str | None = None

    def location(self, *, row: int | None = None, field: str | None = None) -> Location:
        """A :class:`Location` in this table."""
        return Location(file=self.file, sheet=self.sheet, row=row, field=field)


@dataclass
class Table:
    """An open table: its :class:`TableInfo` and a one-pass stream of :class:`RawRow`.

    Use as a context manager so that the underlying file is closed::

        with open_table("reports.xlsx") as table:
            for chunk in table.chunks(1000):
                ...
    """

    info: TableInfo
    _rows: Iterator[RawRow]
    _closers: list[Any] = field(default_factory=list)

    def rows(self) -> Iterator[RawRow]:
        """The data rows, in file order, each read once."""
        return self._rows

    def __iter__(self) -> Iterator[RawRow]:
        return self._rows

    def chunks(self, size: int = DEFAULT_CHUNK_SIZE) -> Iterator[list[RawRow]]:
        """The data rows in lists of at most ``size``, so memory stays bounded on large files."""
        chunk: list[RawRow] = []
        for row in self._rows:
            chunk.append(row)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def close(self) -> None:
        """Release the file handles."""
        for closer in self._closers:
            closer.close()
        self._closers.clear()

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


# --- errors -----------------------------------------------------------------------------------
def _unreadable(path: Path, zh: str, en: str, sheet: str | None = None, row: int | None = None) -> SeimonError:
    return SeimonError(
        f"无法读取文件：{zh}",
        f"cannot read the file: {en}",
        Location(file=str(path), sheet=sheet, row=row),
        "unreadable",
    )


# --- format detection -------------------------------------------------------------------------
_XLSX_EXT = {".xlsx", ".xlsm"}
_PARQUET_EXT = {".parquet", ".pq"}


def detect_format(path: Path) -> str:
    """``csv``, ``xlsx`` or ``parquet``, from the file's first bytes (the extension only breaks ties).

    Old binary ``.xls`` workbooks, empty files and files whose content contradicts an Excel or Parquet
    extension raise :class:`SeimonError` naming the file.
    """
    with path.open("rb") as fh:
        magic = fh.read(8)
    ext = path.suffix.lower()
    if not magic:
        raise _unreadable(path, "文件为空", "the file is empty")
    if magic.startswith(b"PK\x03\x04"):
        return "xlsx"
    if magic.startswith(b"PAR1"):
        return "parquet"
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise _unreadable(
            path,
            "这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入",
            "this is a legacy Excel .xls workbook; save it as .xlsx in Excel and import again",
        )
    if ext in _XLSX_EXT:
        raise _unreadable(
            path, "不是有效的 Excel（.xlsx）文件，可能已损坏", "not a valid Excel .xlsx file; it may be damaged"
        )
    if ext in _PARQUET_EXT:
        raise _unreadable(path, "不是有效的 Parquet 文件", "not a valid Parquet file")
    return "csv"


def open_table(path: Path | str, *, sheet: str | None = None) -> Table:
    """Open a CSV, XLSX or Parquet file as a :class:`Table` with its header found and flattened.

    ``sheet`` names the worksheet of a workbook; by default the first worksheet that holds a table is
    used. Errors that make the file unreadable raise :class:`SeimonError` naming the file (and sheet).

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="gbk") as f:
    ...     _ = f.write("2020年报表\\n代码,营业收入\\nA1,\\"1,234\\"\\n注：单位万元\\n")
    >>> with open_table(f.name) as t:
    ...     t.info.columns, t.info.header_row, [(r.row_number, r.values) for r in t.rows()]
    (('代码', '营业收入'), 2, [(3, {'代码': 'A1', '营业收入': '1,234'})])
    >>> os.unlink(f.name)
    """
    path = Path(path)
    if not path.is_file():
        raise SeimonError("文件不存在", "file not found", Location(file=str(path)), "not_found")
    fmt = detect_format(path)
    if fmt == "csv":
        return _open_csv(path)
    if fmt == "xlsx":
        return _open_xlsx(path, sheet)
    return _open_parquet(path)


# --- header detection (shared by CSV and XLSX) --------------------------------------------------
def _clean(value: Any) -> CellValue:
    """Normalise one cell: strip text, empty → None, NaN → None, dates → ISO text, Decimal → float."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    return _clean_other(value)


def _clean_other(value: Any) -> CellValue:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0, 0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _is_numeric(value: CellValue) -> bool:
    return isinstance(value, int | float) or (isinstance(value, str) and bool(_NUMERIC_TEXT.match(value)))


def _label(value: CellValue) -> str:
    """Header text on one line: ``营业收入\\n（万元）`` → ``营业收入（万元）``."""
    text = str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    text = re.sub(r"\s*[\r\n]+\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class _Merges:
    """Merged ranges of a sheet, as 1-based (row1, col1, row2, col2)."""

    ranges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def spans_in_row(self, row: int) -> list[tuple[int, int, int, int]]:
        return [r for r in self.ranges if r[0] <= row <= r[2]]


def _looks_like_header(cells: Sequence[CellValue], width: int, row: int, merges: _Merges) -> bool:
    """A header row has ≥2 distinct labels covering at least half the table's width, and is not numeric."""
    present = [v for v in cells if v is not None]
    if len({_label(v) for v in present}) < 2:
        return False
    covered = {j for j, v in enumerate(cells) if v is not None}
    for r1, c1, _r2, c2 in merges.spans_in_row(row):
        if r1 == row and c1 - 1 < len(cells) and cells[c1 - 1] is not None:
            covered.update(range(c1 - 1, c2))
    if len(covered) * 2 < width:
        return False
    if sum(_is_numeric(v) for v in present) * 2 > len(present):
        return False
    # A title block of "填报单位：某某 | 单位：万元" cells is not a header.
    return not all(isinstance(v, str) and _LABEL_VALUE.match(v) for v in present)


def _is_subheader(top: Sequence[CellValue], sub: Sequence[CellValue], row: int, merges: _Merges) -> bool:
    """Row ``row`` (below the header) is a second header row: text only, filling gaps under merged labels."""
    present = [v for v in sub if v is not None]
    if not present or any(_is_numeric(v) for v in present) or any(_FOOTNOTE.match(str(v)) for v in present):
        return False
    merged_down = any(r1 == row - 1 and r2 >= row for r1, _c1, r2, _c2 in merges.ranges)
    merged_across = any(r1 == row - 1 and c2 > c1 for r1, c1, _r2, c2 in merges.ranges)
    under_gap = any(j < len(sub) and sub[j] is not None and (j >= len(top) or top[j] is None) for j in range(len(sub)))
    return under_gap or ((merged_down or merged_across) and len(present) >= 1)


def _fill_top(top: Sequence[CellValue], sub: Sequence[CellValue], row: int, merges: _Merges) -> list[CellValue]:
    """Spread a merged (or visually spanning) top label over the columns beneath it."""
    width = max(len(top), len(sub))
    filled = list(top) + [None] * (width - len(top))
    known = [r for r in merges.ranges if r[0] == row]
    for _r1, c1, _r2, c2 in known:
        for j in range(c1, min(c2, width)):
            filled[j] = filled[c1 - 1]
    if not known:  # CSV or a sheet without merge records: carry a label right over gaps that have sub-labels
        for j in range(1, width):
            if filled[j] is None and j < len(sub) and sub[j] is not None:
                filled[j] = filled[j - 1]
    return filled


def _column_names(top: Sequence[CellValue], sub: Sequence[CellValue] | None, width: int) -> tuple[str, ...]:
    """Flatten one or two header rows to unique names: ``营业收入_本期``, ``column_7`` for a blank header."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for j in range(width):
        parts: list[str] = []
        for source in (top, sub or ()):
            if j < len(source) and source[j] is not None:
                label = _label(source[j])
                if label and label not in parts:
                    parts.append(label)
        name = "_".join(parts) or f"column_{j + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        names.append(name)
    return tuple(names)


@dataclass
class _Layout:
    header_row: int
    header_rows: int
    columns: tuple[str, ...]
    body: list[tuple[int, list[CellValue]]]


def _find_layout(head: list[tuple[int, list[CellValue]]], merges: _Merges, path: Path, sheet: str | None) -> _Layout:
    """Find the header among the first rows; return it and the rows after it that were already read."""
    width = max((len(_trim(cells)) for _, cells in head), default=0)
    for idx, (row, cells) in enumerate(head):
        if not _looks_like_header(cells, width, row, merges):
            continue
        header_rows = 1
        sub: list[CellValue] | None = None
        top: list[CellValue] = list(cells)
        if idx + 1 < len(head) and head[idx + 1][0] == row + 1:
            nxt = head[idx + 1][1]
            if _is_subheader(cells, nxt, row + 1, merges):
                header_rows, sub, top = 2, nxt, _fill_top(cells, nxt, row, merges)
        columns = _column_names(top, sub, max(width, len(_trim(top)), len(_trim(sub or []))))
        return _Layout(row, header_rows, columns, head[idx + header_rows :])
    if not any(any(v is not None for v in cells) for _, cells in head):
        raise _unreadable(path, "没有任何数据", "there is no data in it", sheet)
    raise _unreadable(
        path,
        f"不是数据表：前 {HEADER_SCAN_ROWS} 行中找不到至少两列的表头",
        f"not a table: no header row with at least two columns in the first {HEADER_SCAN_ROWS} rows",
        sheet,
    )


def _trim(cells: Sequence[CellValue]) -> Sequence[CellValue]:
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


def _is_footnote(cells: Sequence[CellValue]) -> bool:
    first = cells[0] if cells and cells[0] is not None else next((v for v in cells if v is not None), None)
    return isinstance(first, str) and first[:1] in _FOOTNOTE_START and bool(_FOOTNOTE.match(first))


def _data_rows(
    layout: _Layout, rest: Iterable[tuple[int, list[CellValue]]], path: Path, sheet: str | None
) -> Iterator[RawRow]:
    """Turn raw rows into :class:`RawRow`, skipping blank rows and trailing footnotes.

    A footnote row is held back; if real data follow it, it was not a footnote after all and is
    yielded as data (and later validation will say what is wrong with it).
    """
    columns = layout.columns
    held: list[tuple[int, list[CellValue]]] = []

    width = len(columns)

    def make(row: int, cells: list[CellValue]) -> RawRow:
        values: dict[str, CellValue] = dict(zip(columns, cells, strict=False))
        if len(cells) != width:
            for j in range(len(cells), width):
                values[columns[j]] = None
            for j in range(width, len(cells)):
                if cells[j] is not None:
                    values[f"column_{j + 1}"] = cells[j]
        return RawRow(row, values)

    def stream() -> Iterator[tuple[int, list[CellValue]]]:
        yield from layout.body
        yield from rest

    for row, cells in stream():
        if all(v is None for v in cells):
            continue
        if _is_footnote(cells):
            held.append((row, cells))
            if len(held) > MAX_TRAILER_ROWS:
                logger.warning("%s: many footnote-like rows; treating them as data", path)
                yield from (make(r, c) for r, c in held)
                held.clear()
            continue
        if held:
            logger.warning(
                "%s %s: rows %s look like footnotes but data follow; kept as data", path, sheet or "", held[0][0]
            )
            yield from (make(r, c) for r, c in held)
            held.clear()
        yield make(row, cells)
    for row, cells in held:
        logger.info(
            "%s %s row %d: footnote skipped: %s", path, sheet or "", row, next(v for v in cells if v is not None)
        )


def _assemble(
    path: Path,
    *,
    sheet: str | None,
    raw: Iterator[tuple[int, list[CellValue]]],
    merges: _Merges,
    fmt: str,
    encoding: str | None,
    closers: list[Any],
) -> Table:
    head: list[tuple[int, list[CellValue]]] = []
    for item in raw:
        head.append(item)
        if len(head) >= HEADER_SCAN_ROWS:
            break
    layout = _find_layout(head, merges, path, sheet)
    info = TableInfo(str(path), sheet, layout.header_row, layout.columns, layout.header_rows, fmt, encoding)
    logger.info("%s: header at row %d, %d columns", path, layout.header_row, len(layout.columns))
    return Table(info, _data_rows(layout, raw, path, sheet), closers)


# --- CSV --------------------------------------------------------------------------------------
def _delimiter(first_line: str) -> str:
    """The most frequent of comma, tab, semicolon and | in the first line (comma on ties)."""
    counts = {d: first_line.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # control characters never found in a text table


def _open_csv(path: Path) -> Table:
    encoding = detect_encoding(path)
    fh = path.open("r", encoding=encoding, newline="", errors="strict")
    try:
        sample = fh.read(64 * 1024)
    except UnicodeDecodeError as exc:
        fh.close()
        raise _unreadable(path, f"不是有效的 {encoding} 文本", f"not valid {encoding} text ({exc.reason})") from None
    if sample.startswith("\ufeff"):
        sample = sample[1:]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        fh.close()
        raise _unreadable(
            path, "含有大量控制字符，不是文本表格（可能是二进制文件）", "full of control characters: not a text table"
        )
    fh.seek(0)
    first_line = sample.split("\n", 1)[0]
    reader = csv.reader(fh, delimiter=_delimiter(first_line))

    def raw() -> Iterator[tuple[int, list[CellValue]]]:
        start = 1
        try:
            for record in reader:
                yield start, [v.strip() or None for v in record]  # CSV cells are always text
                start = reader.line_num + 1
        except UnicodeDecodeError as exc:
            raise _unreadable(
                path,
                f"第 {start} 行附近不是有效的 {encoding} 文本",
                f"text near line {start} is not valid {encoding} ({exc.reason})",
                row=start,
            ) from None
        except csv.Error as exc:
            raise _unreadable(
                path, f"第 {start} 行 CSV 格式错误：{exc}", f"CSV format error at line {start}: {exc}", row=start
            ) from None

    try:
        return _assemble(path, sheet=None, raw=raw(), merges=_Merges(), fmt="csv", encoding=encoding, closers=[fh])
    except BaseException:
        fh.close()
        raise


# --- XLSX -------------------------------------------------------------------------------------
def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _read_merges(archive: zipfile.ZipFile, member: str) -> _Merges:
    """Merged ranges from the sheet XML; ``<mergeCells>`` follows ``<sheetData>``, so stream the part."""
    merges = _Merges()
    tail = b""
    with archive.open(member) as fh:
        while block := fh.read(1 << 20):
            data = tail + block
            for m in _MERGE_CELL.finditer(data):
                merges.ranges.append((int(m[2]), _col_number(m[1]), int(m[4]), _col_number(m[3])))
            # keep an overlap so a tag split across blocks is seen once in the next round
            cut = data.rfind(b"<")
            tail = data[cut:] if cut >= 0 and b">" not in data[cut:] else b""
    return merges


def _open_xlsx(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise _unreadable(
            path,
            "不是有效的 Excel（.xlsx）文件，可能已损坏或不完整",
            f"not a valid Excel .xlsx file; it may be damaged or truncated ({type(exc).__name__})",
        ) from None
    try:
        names = list(wb.sheetnames)
        if sheet is not None and sheet not in names:
            raise _unreadable(
                path,
                f"没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）",
                f"no sheet named '{sheet}' (sheets: {', '.join(names)})",
                sheet,
            )
        candidates = [sheet] if sheet is not None else names
        last_error: SeimonError | None = None
        for name in candidates:
            try:
                return _open_sheet(path, wb, name)
            except SeimonError as exc:
                last_error = exc
                if sheet is not None:
                    raise
        if last_error is not None and len(candidates) == 1:
            raise last_error
        raise _unreadable(
            path,
            f"所有工作表（{'、'.join(names)}）都不是数据表",
            f"none of the sheets ({', '.join(names)}) holds a table",
        )
    except BaseException:
        wb.close()
        raise


def _open_sheet(path: Path, wb: Any, name: str) -> Table:
    ws = wb[name]
    try:
        merges = _read_merges(wb._archive, ws._worksheet_path)
    except (AttributeError, KeyError):
        merges = _Merges()
    except Exception as exc:
        raise _unreadable(
            path, "工作表内容已损坏或不完整", f"the sheet is damaged or truncated ({type(exc).__name__})", name
        ) from None
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a wrong <dimension> tag must not truncate rows or columns

    def raw() -> Iterator[tuple[int, list[CellValue]]]:
        number = 0
        try:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                yield number, [_clean(v) for v in values]
        except SeimonError:
            raise
        except Exception as exc:
            raise _unreadable(
                path,
                f"读到第 {number + 1} 行时出错，文件可能已损坏或不完整",
                f"failed after row {number}; the file may be damaged or truncated ({type(exc).__name__})",
                name,
            ) from None

    return _assemble(path, sheet=name, raw=raw(), merges=merges, fmt="xlsx", encoding=None, closers=[wb])


# --- Parquet ----------------------------------------------------------------------------------
def _open_parquet(path: Path, batch_size: int = DEFAULT_CHUNK_SIZE) -> Table:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        columns = tuple(pf.schema_arrow.names)
    except Exception as exc:
        raise _unreadable(
            path, "不是有效的 Parquet 文件，可能已损坏", f"not a valid Parquet file ({type(exc).__name__})"
        ) from None
    info = TableInfo(str(path), None, 0, columns, 0, "parquet", None)

    def rows() -> Iterator[RawRow]:
        number = 0
        try:
            for batch in pf.iter_batches(batch_size=batch_size):
                for record in batch.to_pylist():
                    number += 1
                    values = {k: _clean(v) for k, v in record.items()}
                    if any(v is not None for v in values.values()):
                        yield RawRow(number, values)
        except Exception as exc:
            raise _unreadable(
                path, f"读到第 {number + 1} 条记录时出错", f"failed at record {number + 1} ({type(exc).__name__})"
            ) from None

    return Table(info, rows(), [pf])


__all__ = ["DEFAULT_CHUNK_SIZE", "CellValue", "RawRow", "Table", "TableInfo", "detect_format", "open_table"]
