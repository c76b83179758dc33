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
from pydantic import BaseModel

from seimon.declared import dotted, node_line, read_yaml, require_mapping, validate_node
from seimon.errors import Location, SeimonError
from seimon.plan.model import Plan, SourceRef, Target
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

BUILTIN_PLAN = ("plans", "hebei_sei_13fyp.yaml")


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
    doc = read_yaml(path, code="plan_yaml")
    shown, root = doc.file, doc.root
    require_mapping(doc, code="plan_schema", what_zh="规划文件", what_en="a plan file")
    plan = validate_node(Plan, doc.data, doc, code="plan_schema")

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


def _location(root: yaml.Node | None, file: str, path: tuple[str | int, ...]) -> Location:
    return Location(file=file, line=node_line(root, path), field=dotted(path) or None)
