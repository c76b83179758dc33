"""Bilingual, located errors.

Every error a user can cause names where it happened (file, line or row, field) and says what is wrong
in Chinese first and English beside it, so that a city statistician and an English-reading evaluator get
the same message. Code raises :class:`SeimonError`; the CLI, API and reports only format it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a problem was found. Every part is optional; ``str()`` gives both languages."""

    file: str | None = None
    line: int | None = None
    row: int | None = None
    field: str | None = None
    sheet: str | None = None

    def zh(self) -> str:
        parts = []
        if self.file:
            parts.append(f"文件 {self.file}")
        if self.sheet:
            parts.append(f"工作表 {self.sheet}")
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        if self.row is not None:
            parts.append(f"第 {self.row} 行数据")
        if self.field:
            parts.append(f"字段 {self.field}")
        return "，".join(parts)

    def en(self) -> str:
        parts = []
        if self.file:
            parts.append(f"file {self.file}")
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.file, self.line, self.row, self.field, self.sheet))


@dataclass
class SeimonError(Exception):
    """A problem the user can act on, in Chinese and English, with its location.

    >>> err = SeimonError("目标值缺失", "target value missing", Location(file="p.yaml", line=3, field="value"))
    >>> str(err)
    '文件 p.yaml，第 3 行，字段 value：目标值缺失 | file p.yaml, line 3, field value: target value missing'
    """

    message_zh: str
    message_en: str
    location: Location = field(default_factory=Location)
    code: str = "error"

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.location:
            return f"{self.location.zh()}：{self.message_zh} | {self.location.en()}: {self.message_en}"
        return f"{self.message_zh} | {self.message_en}"

    def to_dict(self) -> dict[str, object]:
        """The error as the JSON object the CLI and API print."""
        loc = self.location
        return {
            "code": self.code,
            "file": loc.file,
            "sheet": loc.sheet,
            "line": loc.line,
            "row": loc.row,
            "field": loc.field,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }
