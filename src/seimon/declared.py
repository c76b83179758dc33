"""Declared files: the one road for YAML a user writes (plan, indicators, rules, warnings, statuses, calibration,
policy, appraisal frameworks, disclosure rules) — read, validate with pydantic, report every error located.

A declared file is written by hand by a planner or statistician, so a mistake must come back as "file, line,
field: what is wrong" in Chinese and English, never as a traceback, and *all* of its mistakes at once, so that
fixing a file is one round, not one per error. The YAML is composed once to keep each node's line
(:func:`node_line`, the one helper for it), and pydantic's error paths are mapped back to those lines.

>>> from pydantic import BaseModel, ConfigDict
>>> class Limits(BaseModel):
...     model_config = ConfigDict(extra="forbid")
...     low: int
...     high: int
>>> try:
...     load_declared("limits.yaml", Limits, code="limits", text="# limits\\nlow: 1\\nhihg: 3\\n")
... except SeimonError as err:
...     print(err.location.line, err.location.field)
...     print(err.message_en)
2 high
Field required (2 errors: line 2 high: Field required; line 3 hihg: Extra inputs are not permitted)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)
YamlPath = tuple[str | int, ...]

# pydantic error type -> Chinese message template (filled from the error's ctx).
ZH_MESSAGES: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（可能拼写错误）",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限数值",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "literal_error": "取值无效，应为 {expected} 之一",
    "enum": "取值无效，应为 {expected} 之一",
    "string_pattern_mismatch": "格式无效，应匹配 {pattern}",
    "string_too_short": "文本过短（至少 {min_length} 个字符）",
    "string_too_long": "文本过长（至多 {max_length} 个字符）",
    "too_short": "元素过少（至少 {min_length} 个）",
    "too_long": "元素过多（至多 {max_length} 个）",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "union_tag_invalid": "类型无效，应为 {expected_tags} 之一",
    "union_tag_not_found": "缺少类型字段 {discriminator}",
    "value_error": "取值无效：{error}",
    "assertion_error": "取值无效：{error}",
}

MAX_LISTED = 20
"""At most this many errors are spelled out in one message (the count says how many there are)."""


@dataclass(frozen=True)
class YamlDocument:
    """A YAML file as read: its name as shown to the user, text, composed node tree (lines) and data."""

    file: str
    text: str
    root: yaml.Node | None
    data: Any

    def line(self, path: YamlPath) -> int | None:
        """Line of the node at ``path`` (or of its deepest existing ancestor)."""
        return node_line(self.root, path)

    def location(self, path: YamlPath, field: str | None = None) -> Location:
        """Where the node at ``path`` is: file, line, and the dotted path as the field."""
        return Location(file=self.file, line=self.line(path), field=field or dotted(path) or None)


def read_yaml(path: Path | str, *, code: str, text: str | None = None, file: str | None = None) -> YamlDocument:
    """Read and parse one YAML file (or ``text`` given for it); unreadable or malformed files are located errors.

    >>> read_yaml("x.yaml", code="demo", text="a: [1, 2\\n").file  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    seimon.errors.SeimonError: 文件 x.yaml，第 2 行：YAML 语法错误：...
    """
    shown = file or str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise SeimonError("文件须为 UTF-8 编码", "the file must be UTF-8", Location(file=shown), code) from None
        except OSError as exc:
            raise SeimonError(
                f"无法读取文件：{exc.strerror or exc}", f"cannot read the file: {exc}", Location(file=shown), code
            ) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise SeimonError(
            f"YAML 语法错误：{problem}",
            f"YAML syntax error: {problem}",
            Location(file=shown, line=mark.line + 1 if mark else None),
            code,
        ) from None
    return YamlDocument(shown, text, root, data)


def node_line(root: yaml.Node | None, path: YamlPath) -> int | None:
    """1-based line of the YAML node at ``path``, or of its deepest existing ancestor.

    A missing field has no node of its own; the line of its parent (the key or list item that opens the
    mapping) is where the user must add it. A name not found in a mapping is passed over (pydantic puts the tag
    of a tagged union in its error paths: ``rules.3.comparison.left``).

    >>> root = yaml.compose("a:\\n  b: 1\\n  c:\\n    - x\\n    - y\\n")
    >>> node_line(root, ("a", "c", 1)), node_line(root, ("a", "zzz")), node_line(root, ("a", "b"))
    (5, 1, 2)
    """
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    child = value
                    line = key.start_mark.line + 1
                    break
            else:
                continue  # not in the file: a missing field, or a union's tag pydantic puts in the path
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def in_document(root: yaml.Node | None, path: YamlPath) -> YamlPath:
    """``path`` without the tags pydantic adds for a tagged union (the value of the mapping's discriminator).

    >>> in_document(yaml.compose("rules:\\n  - type: range\\n    min: 0\\n"), ("rules", 0, "range", "max"))
    ('rules', 0, 'max')
    """
    node, kept = root, []
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(part)), None)
            if match is None and any(isinstance(v, yaml.ScalarNode) and v.value == part for _, v in node.value):
                continue  # a union's tag: the value of this mapping's "type"
            kept.append(part)
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            kept.append(part)
            node = node.value[part]
        else:
            kept.append(part)
            node = None
    return tuple(kept)


def dotted(path: YamlPath) -> str:
    """A YAML path as users read it.

    >>> dotted(("rules", 0, "limit"))
    'rules[0].limit'
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def describe(error: ErrorDetails) -> tuple[str, str]:
    """One pydantic error in Chinese and English (the value given appended when it is short and not a mapping).

    >>> describe({"type": "missing", "loc": ("id",), "msg": "Field required", "input": {}})
    ('缺少必填字段', 'Field required')
    """
    kind = error["type"]
    ctx = {
        k: (", ".join(map(str, v)) if isinstance(v, list | tuple) else v) for k, v in (error.get("ctx") or {}).items()
    }
    template = ZH_MESSAGES.get(kind)
    try:
        zh = template.format(**ctx) if template else f"取值无效（{error['msg']}）"
    except (KeyError, IndexError):
        zh = f"取值无效（{error['msg']}）"
    en = error["msg"]
    given = error.get("input")
    if kind not in ("missing", "extra_forbidden") and not isinstance(given, dict | list) and given is not None:
        zh += f"；实际为 {given!r}"
        en += f"; got {given!r}"
    return zh, en


def _error_path(error: ErrorDetails, prefix: YamlPath) -> YamlPath:
    # validator wrappers ("function-after[...]") are pydantic's, not the file's
    loc = tuple(p for p in error["loc"] if isinstance(p, int) or not p.startswith("function-"))
    if error["type"] == "union_tag_invalid":  # an unknown type of a tagged union: point at its tag
        loc = (*loc, error.get("ctx", {}).get("discriminator", "type").strip("'"))
    return (*prefix, *loc)


def schema_error(
    exc: ValidationError, doc: YamlDocument, *, code: str, prefix: YamlPath = (), title: tuple[str, str] = ("", "")
) -> SeimonError:
    """Every pydantic error of a document as one located bilingual error.

    The location is the first error's (file, line, field); the message says what is wrong there, then lists each
    error with its line and field, so a user fixes the whole file in one round. ``prefix`` is the path of
    the validated part inside the document (e.g. ``("indicators", 3)``).
    """
    return schema_errors([(exc, prefix)], doc, code=code, title=title)


def schema_errors(
    failures: list[tuple[ValidationError, YamlPath]],
    doc: YamlDocument,
    *,
    code: str,
    relative_field: bool = False,
    title: tuple[str, str] = ("", ""),
) -> SeimonError:
    """As :func:`schema_error`, for several parts validated one by one (each with its path in the document).

    ``relative_field``: the location's field is the path inside the part (``aggregation``), not in the
    document (``indicators[3].aggregation``); the line is the same. ``title`` opens the message (``规则文件有误：``).
    """
    located: list[tuple[YamlPath, YamlPath, tuple[str, str]]] = []
    for exc, prefix in failures:
        for error in exc.errors(include_url=False):
            path = in_document(doc.root, _error_path(error, prefix))
            located.append((path, path[len(prefix) :], describe(error)))
    located.sort(key=lambda item: doc.line(item[0]) or 0)  # in the order of the file (stable within a line)
    path, inner, (zh, en) = located[0]  # the location names the file, line and field of the first
    zh, en = title[0] + zh, title[1] + en
    if len(located) > 1:
        shown = located[:MAX_LISTED]
        more = len(located) - len(shown)
        zh += (
            f"（共 {len(located)} 处错误："
            + "；".join(f"第 {doc.line(p)} 行 {dotted(p)}：{t[0]}" for p, _, t in shown)
            + (f"；另有 {more} 处" if more else "")
            + "）"
        )
        en += (
            f" ({len(located)} errors: "
            + "; ".join(f"line {doc.line(p)} {dotted(p)}: {t[1]}" for p, _, t in shown)
            + (f"; {more} more" if more else "")
            + ")"
        )
    field = dotted(inner if relative_field else path) or None
    return SeimonError(zh, en, doc.location(path, field), code=code)


def validate_node(
    model: type[ModelT],
    data: Any,
    doc: YamlDocument,
    *,
    code: str,
    prefix: YamlPath = (),
    context: Any = None,
    title: tuple[str, str] = ("", ""),
) -> ModelT:
    """Validate one part of a document (``prefix`` its path) with every error located."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise schema_error(exc, doc, code=code, prefix=prefix, title=title) from None


def validate_adapter(adapter: TypeAdapter[Any], data: Any, doc: YamlDocument, *, code: str) -> Any:
    """As :func:`validate_node`, for a type that is not a model (a list of specs, a union)."""
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        raise schema_error(exc, doc, code=code) from None


def require_mapping(doc: YamlDocument, *, code: str, what_zh: str = "文件", what_en: str = "the file") -> dict:
    """The document's data, which must be a mapping (an empty file or a list is a located error)."""
    if not isinstance(doc.data, dict):
        raise SeimonError(
            f"{what_zh}顶层应为映射（键: 值）",
            f"the top level of {what_en} must be a mapping (key: value)",
            Location(file=doc.file, line=doc.line(())),
            code,
        )
    return doc.data


def load_declared(
    path: Path | str,
    model: type[ModelT],
    *,
    code: str,
    text: str | None = None,
    file: str | None = None,
    empty_ok: bool = False,
    context: Any = None,
    title: tuple[str, str] = ("", ""),
) -> tuple[ModelT, YamlDocument]:
    """Read a YAML file, check it is a mapping (an empty one if ``empty_ok``) and validate it against ``model``.

    Returns the model and the document (for checks the loader makes after the schema, located the same way).
    """
    doc = read_yaml(path, code=code, text=text, file=file)
    data = {} if doc.data is None and empty_ok else require_mapping(doc, code=code)
    return validate_node(model, data, doc, code=code, context=context, title=title), doc
