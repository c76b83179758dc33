"""GB/T 4754-2017 (with its 2019 amendment): sections, divisions and classes.

We ship the 20 sections and 97 divisions, plus the classes the built-in SEI concordance needs. The full
table of 1,382 four-digit classes is the user's to import from the official file
(:func:`import_industry_classes`), after which the store's table is used. Codes are matched, never
names: names differ between printings, codes do not.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from seimon.errors import Location, SeimonError
from seimon.reference.editions import INDUSTRY_EDITION, REGISTER_INDUSTRIES, current_edition, record_edition
from seimon.reference.packaged import packaged_table
from seimon.reference.tabular import read_table
from seimon.store import Store

logger = logging.getLogger(__name__)

# a four-digit class code: "3841"
CLASS_CODE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class IndustryCode:
    """A section (letter), division (2 digits) or class (4 digits) of GB/T 4754."""

    code: str
    name_zh: str
    name_en: str
    level: str
    parent: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name_zh,
            "name_en": self.name_en or None,
            "level": self.level,
            "parent": self.parent,
        }


@lru_cache(maxsize=1)
def sections() -> tuple[IndustryCode, ...]:
    """The 20 sections A–T.

    >>> [s.code for s in sections()][:3], len(sections())
    (['A', 'B', 'C'], 20)
    """
    return tuple(
        IndustryCode(r["code"], r["name_zh"], r["name_en"], "section", None)
        for r in packaged_table("gbt4754_sections.csv").rows
    )


def _section_of_division(division: str) -> str:
    for row in packaged_table("gbt4754_sections.csv").rows:
        first, last = row["divisions"].split("-")
        if first <= division <= last:
            return row["code"]
    raise KeyError(division)


@lru_cache(maxsize=1)
def divisions() -> tuple[IndustryCode, ...]:
    """The 97 divisions 01–97, each under its section.

    >>> d = {x.code: x for x in divisions()}
    >>> d["38"].name_zh, d["38"].parent, len(d)
    ('电气机械和器材制造业', 'C', 97)
    """
    return tuple(
        IndustryCode(r["code"], r["name_zh"], r["name_en"], "division", _section_of_division(r["code"]))
        for r in packaged_table("gbt4754_divisions.csv").rows
    )


@lru_cache(maxsize=1)
def builtin_classes() -> dict[str, str]:
    """Class code -> Chinese name for the classes shipped with the product (those the concordance uses).

    >>> builtin_classes()["3612"]
    '新能源车整车制造'
    """
    return {r["code"]: r["name_zh"] for r in packaged_table("gbt4754_classes_sei.csv").rows}


def is_valid_division(code: str) -> bool:
    """Whether a class code's first two digits are one of the 97 divisions.

    >>> is_valid_division("3841"), is_valid_division("9912")
    (True, False)
    """
    return code[:2] in {d.code for d in divisions()}


def stored_classes(store: Store | None) -> dict[str, str]:
    """Classes of the newest imported edition in the store (empty when none was imported)."""
    edition = current_edition(store, REGISTER_INDUSTRIES)
    if store is None or edition is None:
        return {}
    rows = store.fetchall("SELECT code, name_zh FROM ref_industry_classes WHERE edition = ?", (edition.edition,))
    return {str(code): str(name) for code, name in rows}


def known_classes(store: Store | None = None) -> dict[str, str]:
    """The class table lookups use: the imported full table if any, else the built-in subset."""
    return stored_classes(store) or builtin_classes()


def class_name(code: str, store: Store | None = None) -> str | None:
    """Chinese name of class ``code`` or ``None`` when the table in use does not list it.

    >>> class_name("3973")
    '集成电路制造'
    """
    return known_classes(store).get(code)


def normalise_class_code(raw: str) -> str:
    """Tidy a class code cell: ``" 38 41 "`` -> ``"3841"``.

    Three-digit cells are left alone: they are groups (中类), or codes whose leading zero Excel dropped
    ("111" for 0111); guessing would hide the defect, so importers report them instead.

    >>> normalise_class_code(" 3841*"), normalise_class_code("111")
    ('3841*', '111')
    """
    return raw.strip().replace(" ", "")


@dataclass
class IndustryImportSummary:
    """What an import of the class table did."""

    file: str
    edition: str
    classes: int = 0
    skipped_other_levels: int = 0
    warnings: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "edition": self.edition,
            "classes": self.classes,
            "skipped_other_levels": self.skipped_other_levels,
            "warnings": self.warnings,
        }


def _column(header: list[str], hints: tuple[str, ...], path: Path, what_zh: str, what_en: str) -> int:
    lowered = [h.lower() for h in header]
    for hint in hints:
        for index, name in enumerate(lowered):
            if hint in name:
                return index
    raise SeimonError(
        f"缺少{what_zh}列（表头：{'、'.join(header)}）",
        f"missing the {what_en} column (header: {', '.join(header)})",
        Location(file=str(path), line=1),
        code="missing_column",
    )


def import_industry_classes(store: Store, path: Path, edition: str = INDUSTRY_EDITION) -> IndustryImportSummary:
    """Import the official class table (CSV/XLSX with a code column and a name column) into the store.

    Rows of other levels (sections, divisions, groups) are skipped and counted; rows with a malformed
    code are reported as warnings with their line number.

    >>> import tempfile, pathlib
    >>> from seimon.store import open_store
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = p.write_text("代码,类别名称\\nC,制造业\\n3841,锂离子电池制造\\n", encoding="utf-8")
    >>> with open_store("duckdb:///:memory:") as s:
    ...     summary = import_industry_classes(s, p)
    ...     summary.classes, summary.skipped_other_levels, class_name("3841", s)
    (1, 1, '锂离子电池制造')
    """
    table = read_table(path, header_hints=("代码", "code"))
    code_col = _column(table.header, ("代码", "code"), path, "代码", "code")
    name_col = _column(table.header, ("名称", "name"), path, "名称", "name")
    summary = IndustryImportSummary(file=str(path), edition=edition)
    classes: dict[str, tuple[str, int]] = {}
    for line, cells in table.rows:
        code = normalise_class_code(cells[code_col])
        name = cells[name_col].strip()
        if CLASS_CODE.match(code):
            if code in classes:
                summary.warnings.append(
                    _warn(line, "duplicate_class", f"行业代码重复：{code}", f"duplicate class {code}")
                )
                continue
            if not is_valid_division(code):
                summary.warnings.append(
                    _warn(line, "unknown_division", f"行业代码 {code} 的大类不存在", f"class {code}: no such division")
                )
                continue
            classes[code] = (name, line)
        elif re.fullmatch(r"[A-T]|\d{2,3}", code):  # a section "C", division "38" or group "384"
            summary.skipped_other_levels += 1
        else:
            summary.warnings.append(
                _warn(line, "bad_code", f"无法识别的行业代码：{code!r}", f"unrecognised industry code {code!r}")
            )
    with store.transaction():
        store.execute("DELETE FROM ref_industry_classes WHERE edition = ?", (edition,))
        store.bulk_insert(
            "ref_industry_classes",
            ("edition", "code", "name_zh", "source_row"),
            [(edition, code, name, line) for code, (name, line) in sorted(classes.items())],
        )
        record_edition(
            store, REGISTER_INDUSTRIES, edition, origin=Path(path).name, source="GB/T 4754-2017", row_count=len(classes)
        )
    summary.classes = len(classes)
    logger.info("imported %d industry classes from %s", len(classes), path)
    return summary


def _warn(line: int, code: str, zh: str, en: str) -> dict[str, object]:
    return {"row": line, "code": code, "message_zh": zh, "message_en": en}
