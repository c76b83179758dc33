"""Import the official SEI 2018 <-> GB/T 4754 table into the store, reporting its defects.

Two layouts are accepted:

* the official NBS layout: ``分类代码, 分类名称, 国民经济行业代码, 国民经济行业名称``, one class per line, the
  SEI code given on the item's first line only (merged cells) and ``*`` after partial classes
  (``3841*``);
* the flat layout of third-party parses: ``sei_l1_code, sei_l1, sei_l2_code, sei_l2, sei_item,
  gb4754_code, gb4754_name, star``.

Real copies of the table have defects, and an import must neither crash on them nor hide them. Each
becomes a warning with its line number: a class starred in one item and not in another; a row whose
level-2 code is missing (kept at field level); a class code that is not four digits (row skipped); a
class whose division does not exist or that the imported GB/T class table does not list; an SEI code
that is not in SEI 2018 (row skipped).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from seimon.errors import Location, SeimonError
from seimon.reference.concordance import ConcordanceRow
from seimon.reference.editions import REGISTER_CONCORDANCE, SEI_EDITION, record_edition
from seimon.reference.industries import is_valid_division, normalise_class_code, stored_classes
from seimon.reference.sei import field_of, is_sei_code
from seimon.reference.tabular import TableFile, read_table
from seimon.store import Store

logger = logging.getLogger(__name__)

LAYOUT_OFFICIAL = "official"
LAYOUT_FLAT = "flat"

OFFICIAL_COLUMNS = ("分类代码", "分类名称", "国民经济行业代码", "国民经济行业名称")
FLAT_COLUMNS = ("sei_l1_code", "sei_l1", "sei_l2_code", "sei_l2", "sei_item", "gb4754_code", "gb4754_name", "star")

# a class cell with its star: "3841*" -> ("3841", "*"); "＊3841" and "3841 *" too
_CLASS_CELL = re.compile(r"^[*＊]?\s*([0-9A-Za-z]+)\s*([*＊]?)$")
# an SEI code of any level: "5", "5.2", "5.2.1"
_SEI_CODE = re.compile(r"^\d(\.\d{1,2}){0,2}$")


@dataclass(frozen=True)
class ImportWarning:
    """A defect found in the file: which rows, what kind (``code``), in both languages."""

    code: str
    rows: tuple[int, ...]
    message_zh: str
    message_en: str
    class_code: str | None = None
    sei_code: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "rows": list(self.rows),
            "class_code": self.class_code,
            "sei_code": self.sei_code,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


@dataclass
class SeiImportSummary:
    """Counts and warnings of one import."""

    file: str
    edition: str
    layout: str
    rows: int = 0
    pairs: int = 0
    classes: int = 0
    items: int = 0
    skipped: int = 0
    warnings: list[ImportWarning] = field(default_factory=list)

    def warning_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for w in self.warnings:
            counts[w.code] += 1
        return dict(counts)

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "edition": self.edition,
            "layout": self.layout,
            "rows": self.rows,
            "pairs": self.pairs,
            "classes": self.classes,
            "items": self.items,
            "skipped": self.skipped,
            "warning_counts": self.warning_counts(),
            "warnings": [w.to_dict() for w in self.warnings],
        }


@dataclass
class ParsedTable:
    """Rows read from the file (before storing) with the warnings found so far."""

    layout: str
    rows: list[ConcordanceRow]
    data_rows: int
    skipped: int
    warnings: list[ImportWarning]


def _layout(table: TableFile) -> str:
    header = [h.strip().lower() for h in table.header]
    if all(c in header for c in FLAT_COLUMNS[2:6]) or {"sei_l1_code", "gb4754_code"} <= set(header):
        return LAYOUT_FLAT
    if all(any(c in h for h in header) for c in ("分类代码", "国民经济行业代码")):
        return LAYOUT_OFFICIAL
    raise SeimonError(
        "无法识别对照表格式：应为官方格式（分类代码、分类名称、国民经济行业代码、国民经济行业名称）"
        "或平面格式（sei_l1_code … gb4754_code, star）",
        "unrecognised table layout: expected the official columns (分类代码, 分类名称, 国民经济行业代码, "
        "国民经济行业名称) or the flat layout (sei_l1_code … gb4754_code, star)",
        Location(file=str(table.path), line=table.rows[0][0] - 1 if table.rows else 1, sheet=table.sheet),
        code="layout",
    )


def _index(header: list[str], name: str) -> int:
    lowered = [h.strip().lower() for h in header]
    if name in lowered:
        return lowered.index(name)
    for i, h in enumerate(lowered):
        if name in h:
            return i
    return -1


def _get(cells: list[str], index: int) -> str:
    return cells[index].strip() if 0 <= index < len(cells) else ""


def _parse_class(raw: str, star_cell: str = "") -> tuple[str, bool]:
    """``"3841*"`` -> ``("3841", True)``; a separate star column counts too."""
    text = normalise_class_code(raw)
    match = _CLASS_CELL.match(text)
    if not match:
        return text.rstrip("*＊"), bool(star_cell.strip()) or text.endswith(("*", "＊"))
    starred = bool(match.group(2)) or text.startswith(("*", "＊")) or star_cell.strip() in ("*", "＊", "1", "是")
    return match.group(1), starred


def parse_flat(table: TableFile) -> ParsedTable:
    """Read the flat (third-party) layout."""
    h = table.header
    col = {name: _index(h, name) for name in FLAT_COLUMNS}
    rows: list[ConcordanceRow] = []
    warnings: list[ImportWarning] = []
    skipped = 0
    missing_l2: list[tuple[int, str, str]] = []
    for line, cells in table.rows:
        l1 = _get(cells, col["sei_l1_code"])
        l2 = _get(cells, col["sei_l2_code"])
        class_code, starred = _parse_class(_get(cells, col["gb4754_code"]), _get(cells, col["star"]))
        sei_code = l2 or l1
        if l2 and l1 and field_of(l2) != l1:
            warnings.append(
                ImportWarning(
                    "level_mismatch",
                    (line,),
                    f"二级分类 {l2} 不属于一级分类 {l1}",
                    f"level-2 code {l2} is not under level-1 code {l1}",
                    class_code,
                    l2,
                )
            )
        if not l2:
            missing_l2.append((line, l1, class_code))
        if not _row_ok(line, sei_code, class_code, warnings):
            skipped += 1
            continue
        rows.append(
            ConcordanceRow(
                sei_code=sei_code,
                class_code=class_code,
                partial=starred,
                item_zh=_get(cells, col["sei_item"]),
                class_name_zh=_get(cells, col["gb4754_name"]),
                source_row=line,
            )
        )
    by_field: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for line, l1, class_code in missing_l2:
        by_field[l1].append((line, class_code))
    for line, l1, class_code in missing_l2:
        warnings.append(
            ImportWarning(
                "missing_level2",
                (line,),
                f"缺少二级分类代码，仅按一级分类 {l1} 导入（该领域共 {len(by_field[l1])} 行）",
                f"level-2 code missing; imported at field {l1} only ({len(by_field[l1])} such rows in the field)",
                class_code,
                l1 or None,
            )
        )
    return ParsedTable(LAYOUT_FLAT, rows, len(table.rows), skipped, warnings)


def parse_official(table: TableFile) -> ParsedTable:
    """Read the official layout: SEI code carried down merged cells, ``*`` after partial classes."""
    h = table.header
    c_code, c_name = _index(h, "分类代码"), _index(h, "分类名称")
    c_class, c_class_name = _index(h, "国民经济行业代码"), _index(h, "国民经济行业名称")
    rows: list[ConcordanceRow] = []
    warnings: list[ImportWarning] = []
    skipped = 0
    current_code = ""
    current_name = ""
    data_rows = 0
    for line, cells in table.rows:
        code_cell = _get(cells, c_code)
        if code_cell:
            if not _SEI_CODE.match(code_cell):
                warnings.append(
                    ImportWarning(
                        "bad_sei_code",
                        (line,),
                        f"分类代码格式不正确：{code_cell!r}",
                        f"malformed SEI code {code_cell!r}",
                        None,
                        code_cell,
                    )
                )
            current_code = code_cell
            current_name = _get(cells, c_name)
        elif _get(cells, c_name):
            current_name = _get(cells, c_name)
        class_cell = _get(cells, c_class)
        if not class_cell:
            continue  # a heading line of a field or item without a class
        data_rows += 1
        for part in [p for p in re.split(r"[、,，;；/]", class_cell) if p.strip()]:  # "3841*、3842*" -> two
            class_code, starred = _parse_class(part)
            parts = current_code.split(".")
            sei_code = ".".join(parts[:2])
            if len(parts) < 2:
                warnings.append(
                    ImportWarning(
                        "missing_level2",
                        (line,),
                        f"缺少二级分类代码，仅按一级分类 {sei_code} 导入",
                        f"level-2 code missing; imported at field {sei_code} only",
                        class_code,
                        sei_code,
                    )
                )
            if not _row_ok(line, sei_code, class_code, warnings):
                skipped += 1
                continue
            rows.append(
                ConcordanceRow(
                    sei_code=sei_code,
                    class_code=class_code,
                    partial=starred,
                    item_zh=current_name,
                    class_name_zh=_get(cells, c_class_name),
                    source_row=line,
                )
            )
    return ParsedTable(LAYOUT_OFFICIAL, rows, data_rows, skipped, warnings)


def _row_ok(line: int, sei_code: str, class_code: str, warnings: list[ImportWarning]) -> bool:
    """Row-level checks; ``False`` means the row is skipped (its warning already added)."""
    if not re.fullmatch(r"\d{4}", class_code):  # a class is four digits: "3841"
        warnings.append(
            ImportWarning(
                "bad_class_code",
                (line,),
                f"国民经济行业代码不是4位数字：{class_code!r}（可能丢失前导0），已跳过",
                f"class code {class_code!r} is not 4 digits (a lost leading zero?); row skipped",
                class_code,
                sei_code or None,
            )
        )
        return False
    if not sei_code or not is_sei_code(sei_code):
        warnings.append(
            ImportWarning(
                "unknown_sei_code",
                (line,),
                f"战略性新兴产业分类代码无效：{sei_code!r}，已跳过",
                f"SEI code {sei_code!r} is not in SEI 2018; row skipped",
                class_code,
                sei_code or None,
            )
        )
        return False
    if not is_valid_division(class_code):
        warnings.append(
            ImportWarning(
                "unknown_class",
                (line,),
                f"行业代码 {class_code} 的大类在 GB/T 4754-2017 中不存在",
                f"class {class_code}: its division does not exist in GB/T 4754-2017",
                class_code,
                sei_code,
            )
        )
    return True


def _cross_row_checks(parsed: ParsedTable, known: dict[str, str]) -> None:
    by_class: dict[str, list[ConcordanceRow]] = defaultdict(list)
    for row in parsed.rows:
        by_class[row.class_code].append(row)
    for class_code in sorted(by_class):
        rows = by_class[class_code]
        stars = {r.partial for r in rows}
        if len(stars) > 1:
            starred = sorted({r.sei_code for r in rows if r.partial})
            plain = sorted({r.sei_code for r in rows if not r.partial})
            parsed.warnings.append(
                ImportWarning(
                    "inconsistent_star",
                    tuple(r.source_row or 0 for r in rows),
                    f"行业 {class_code} 在 {'、'.join(starred)} 中标*，在 {'、'.join(plain)} 中未标*",
                    f"class {class_code} is starred in {', '.join(starred)} but not in {', '.join(plain)}",
                    class_code,
                )
            )
        if known and class_code not in known and is_valid_division(class_code):
            parsed.warnings.append(
                ImportWarning(
                    "unknown_class",
                    tuple(r.source_row or 0 for r in rows),
                    f"行业代码 {class_code} 不在已导入的国民经济行业分类中",
                    f"class {class_code} is not in the imported GB/T 4754 class table",
                    class_code,
                )
            )
        names = {r.class_name_zh for r in rows if r.class_name_zh}
        if known.get(class_code) and names and known[class_code] not in names:
            parsed.warnings.append(
                ImportWarning(
                    "class_name_mismatch",
                    tuple(r.source_row or 0 for r in rows),
                    f"行业 {class_code} 名称与国民经济行业分类不一致：{'、'.join(sorted(names))}",
                    f"class {class_code}: name differs from the GB/T 4754 table",
                    class_code,
                )
            )


def read_sei_classification(path: Path, known_classes: dict[str, str] | None = None) -> ParsedTable:
    """Parse the file in either layout and run every check, without touching a store.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "sei.csv"
    >>> _ = p.write_text("分类代码,分类名称,国民经济行业代码,国民经济行业名称\\n"
    ...                  "5.1.1,新能源汽车整车制造,3612,新能源车整车制造\\n"
    ...                  "5.2.1,新能源汽车储能装置制造,3841*,锂离子电池制造\\n", encoding="utf-8")
    >>> parsed = read_sei_classification(p)
    >>> [(r.sei_code, r.class_code, r.partial) for r in parsed.rows]
    [('5.1', '3612', False), ('5.2', '3841', True)]
    """
    table = read_table(path, header_hints=("分类代码", "sei_l1_code", "gb4754_code"))
    layout = _layout(table)
    parsed = parse_flat(table) if layout == LAYOUT_FLAT else parse_official(table)
    _cross_row_checks(parsed, known_classes or {})
    parsed.warnings.sort(key=lambda w: (min(w.rows) if w.rows else 0, w.code))
    return parsed


def import_sei_classification(store: Store, path: Path, edition: str = SEI_EDITION) -> SeiImportSummary:
    """Import the table into the store as ``edition``; lookups use it from then on.

    Re-importing the same edition replaces its rows. Defects are returned as warnings, never raised;
    only an unreadable file or an unknown layout is an error.
    """
    path = Path(path)
    parsed = read_sei_classification(path, stored_classes(store))
    unique: dict[tuple[str, str, bool, str], ConcordanceRow] = {}
    for row in parsed.rows:
        unique.setdefault((row.sei_code, row.class_code, row.partial, row.item_zh), row)
    with store.transaction():
        store.execute("DELETE FROM ref_sei_concordance WHERE edition = ?", (edition,))
        store.bulk_insert(
            "ref_sei_concordance",
            ("edition", "sei_code", "class_code", "partial", "item_zh", "class_name_zh", "key_products", "source_row"),
            [
                (
                    edition,
                    r.sei_code,
                    r.class_code,
                    r.partial,
                    r.item_zh,
                    r.class_name_zh,
                    "；".join(r.key_products) or None,
                    r.source_row,
                )
                for r in unique.values()
            ],
        )
        record_edition(
            store,
            REGISTER_CONCORDANCE,
            edition,
            origin=path.name,
            source="国家统计局令第23号 / NBS Order No. 23",
            row_count=len(unique),
        )
    pairs = {(r.sei_code, r.class_code) for r in parsed.rows}
    summary = SeiImportSummary(
        file=str(path),
        edition=edition,
        layout=parsed.layout,
        rows=parsed.data_rows,
        pairs=len(pairs),
        classes=len({r.class_code for r in parsed.rows}),
        items=len({r.sei_code for r in parsed.rows if "." in r.sei_code}),
        skipped=parsed.skipped,
        warnings=parsed.warnings,
    )
    logger.info("imported SEI concordance %s: %d pairs, %d warnings", path, summary.pairs, len(summary.warnings))
    return summary
