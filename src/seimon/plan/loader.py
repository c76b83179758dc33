"""Loading a plan file: YAML with line tracking, pydantic validation, quotes located in the plan text.

Why this much care: a plan file is written by hand by a planner or statistician. A mistake must come back
as "file, line, field: what is wrong" in Chinese and English, never as a pydantic traceback. The YAML is
composed once to keep each node's line, and pydantic's error paths are mapped back to those lines.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from seimon.errors import Location, SeimonError
from seimon.plan.model import Plan, SourceRef, Target
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

BUILTIN_PLAN = ("plans", "hebei_sei_13fyp.yaml")

# pydantic error type -> Chinese message template (filled from the error's ctx).
_ZH_MESSAGES: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（可能拼写错误）",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "literal_error": "取值无效，应为 {expected} 之一",
    "string_pattern_mismatch": "格式无效，应匹配 {pattern}",
    "string_too_short": "文本过短（至少 {min_length} 个字符）",
    "too_short": "元素过少（至少 {min_length} 个）",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "value_error": "取值无效：{error}",
}


def load_plan(path: Path | None = None) -> Plan:
    """Load and validate a plan; with no path, the built-in Hebei plan (cached).

    Raises :class:`SeimonError` naming the file, line and field for YAML syntax errors, schema errors,
    quotes that are not (or not uniquely) in the plan text, duplicate ids and dangling references.

    >>> plan = load_plan()
    >>> plan.metadata.id, len(plan.industries)
    ('hebei_sei_13fyp', 8)
    >>> target = next(t for t in plan.targets if t.id == "pv_capacity")
    >>> plan.text[target.source.start:target.source.end].count("1500")
    1
    """
    if path is None:
        return _load_builtin()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _load_builtin() -> Plan:
    return _load(resource_path(*BUILTIN_PLAN))


def builtin_plan_path() -> Path:
    """Path of the packaged Hebei plan YAML.

    >>> builtin_plan_path().name
    'hebei_sei_13fyp.yaml'
    """
    return resource_path(*BUILTIN_PLAN)


def _load(path: Path) -> Plan:
    shown = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SeimonError(f"无法读取规划文件：{exc}", f"cannot read plan file: {exc}", Location(file=shown)) from exc
    except UnicodeDecodeError as exc:
        raise SeimonError(
            "规划文件须为 UTF-8 编码", "plan file must be UTF-8", Location(file=shown, line=None)
        ) from exc
    try:
        root = yaml.compose(raw, Loader=yaml.SafeLoader)
        data = yaml.safe_load(raw)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise SeimonError(
            f"YAML 语法错误：{exc.problem}", f"YAML syntax error: {exc.problem}", Location(file=shown, line=line)
        ) from exc
    if not isinstance(data, dict):
        raise SeimonError(
            "规划文件顶层应为映射", "the top level of a plan file must be a mapping", Location(file=shown)
        )
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise _schema_error(exc, root, shown) from None

    text_path = (path.parent / plan.metadata.source_text).resolve()
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeimonError(
            f"无法读取规划原文 {text_path}：{exc}",
            f"cannot read the plan text {text_path}: {exc}",
            Location(file=shown, line=node_line(root, ("metadata", "source_text")), field="metadata.source_text"),
        ) from exc
    plan._text = text
    plan._path = shown

    for where, ref in iter_sources(plan):
        locate_quote(ref, text, lambda p=where: _location(root, shown, (*p, "quote")))
    problems = plan.integrity_problems()
    if problems:
        where, zh, en = problems[0]
        more_zh = f"（另有 {len(problems) - 1} 处问题）" if len(problems) > 1 else ""
        more_en = f" ({len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SeimonError(zh + more_zh, en + more_en, _location(root, shown, where), code="plan_integrity")
    for index, target in enumerate(plan.targets):
        _normalize(target, _location(root, shown, ("targets", index, "unit")))
    logger.debug("loaded plan %s: %d targets", plan.metadata.id, len(plan.targets))
    return plan


def _normalize(target: Target, where: Location) -> None:
    """Fill value_normalized/unit_normalized from the shared unit table when the YAML leaves them out."""
    if target.value_normalized is not None and target.unit_normalized is not None:
        return
    from seimon.units import normalize_quantity

    try:
        target.value_normalized, target.unit_normalized = normalize_quantity(target.value, target.unit)
    except (KeyError, ValueError, SeimonError) as exc:
        raise SeimonError(
            f"无法换算单位 {target.unit}：{exc}", f"cannot normalise unit {target.unit}: {exc}", where
        ) from exc


def locate_quote(ref: SourceRef, text: str, where: Any) -> None:
    """Fill ``ref.start``/``ref.end`` with the offsets of its quote in ``text``.

    ``where`` is a callable giving the :class:`Location` for errors (computed only when needed).

    >>> ref = SourceRef(section="一", quote="达到12%以上")
    >>> locate_quote(ref, "比重达到12%以上，其中", lambda: None)
    >>> ref.start, ref.end
    (2, 9)
    """
    hits: list[int] = []
    pos = text.find(ref.quote)
    while pos != -1:
        hits.append(pos)
        pos = text.find(ref.quote, pos + 1)
    if not hits:
        raise SeimonError(
            f"原文中找不到引文「{ref.quote}」（须与规划文本逐字一致，表格换行处须包含“│”）",
            f"quote not found in the plan text: {ref.quote!r} (must be an exact substring, box wraps included)",
            where(),
            code="quote_not_found",
        )
    if ref.occurrence is None:
        if len(hits) > 1:
            raise SeimonError(
                f"引文「{ref.quote}」在原文中出现 {len(hits)} 次，请加长引文或指定 occurrence（0–{len(hits) - 1}）",
                f"quote {ref.quote!r} occurs {len(hits)} times: lengthen it or set occurrence (0–{len(hits) - 1})",
                where(),
                code="quote_ambiguous",
            )
        chosen = hits[0]
    elif ref.occurrence >= len(hits):
        raise SeimonError(
            f"occurrence={ref.occurrence} 超出范围：引文只出现 {len(hits)} 次",
            f"occurrence={ref.occurrence} out of range: the quote occurs {len(hits)} times",
            where(),
            code="quote_ambiguous",
        )
    else:
        chosen = hits[ref.occurrence]
    ref.start, ref.end = chosen, chosen + len(ref.quote)


def iter_sources(model: BaseModel, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], SourceRef]]:
    """Every :class:`SourceRef` inside a model, with its path (depth first, in field order).

    >>> from seimon.plan import load_plan
    >>> paths = [p for p, _ref in iter_sources(load_plan())]
    >>> ("metadata", "source") in paths and ("roadmap_boxes", 0, "goal") in paths
    True
    """
    found: list[tuple[tuple[str | int, ...], SourceRef]] = []
    if isinstance(model, SourceRef):
        return [(path, model)]
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            found.extend(iter_sources(value, (*path, name)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    found.extend(iter_sources(item, (*path, name, index)))
    return found


def node_line(root: yaml.Node | None, path: tuple[str | int, ...]) -> int | None:
    """1-based line of the YAML node at ``path``, or of its deepest existing ancestor.

    A missing field has no node of its own; the line of its parent (the key or list item that opens the
    mapping) is where the user must add it.

    >>> root = yaml.compose("a:\\n  b: 1\\n  c:\\n    - x\\n    - y\\n")
    >>> node_line(root, ("a", "c", 1)), node_line(root, ("a", "zzz"))
    (5, 1)
    """
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _location(root: yaml.Node | None, file: str, path: tuple[str | int, ...]) -> Location:
    return Location(file=file, line=node_line(root, path), field=_dotted(path) or None)


def _schema_error(exc: ValidationError, root: yaml.Node | None, file: str) -> SeimonError:
    """The first pydantic error as a located bilingual error; the count of the others is appended."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    ctx = {k: (", ".join(map(str, v)) if isinstance(v, list | tuple) else v) for k, v in first.get("ctx", {}).items()}
    template = _ZH_MESSAGES.get(first["type"])
    try:
        zh = template.format(**ctx) if template else f"取值无效（{first['type']}）"
    except KeyError:
        zh = f"取值无效（{first['type']}）"
    en = first["msg"]
    if "input" in first and first["type"] not in ("missing",) and not isinstance(first["input"], dict | list):
        zh += f"；实际为 {first['input']!r}"
        en += f"; got {first['input']!r}"
    if len(errors) > 1:
        zh += f"（另有 {len(errors) - 1} 处错误）"
        en += f" ({len(errors) - 1} more errors)"
    return SeimonError(zh, en, _location(root, file, loc), code="plan_schema")
