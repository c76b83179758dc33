"""The indicator registry: the built-in indicator system plus user files, loaded with line numbers.

Why line numbers: indicator files are edited by hand; a mistake must come back as "file, line, field"
in Chinese and English. Each YAML file is composed once so every indicator and key keeps its line, and
pydantic errors and the cross-indicator rules of :mod:`seimon.indicators.validate` are located with it.
A user file may redefine a built-in id (logged), so a province can adapt a definition without forking.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from seimon.declared import read_yaml, schema_errors
from seimon.errors import Location, SeimonError
from seimon.indicators.spec import IndicatorSpec
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

ENV_VAR = "SEIMON_INDICATORS"


@dataclass(frozen=True)
class SpecSource:
    """Where a spec was declared: file, the line of its ``- id:`` item, and the line of each key."""

    file: str
    line: int
    keys: dict[str, int] = field(default_factory=dict)

    def at(self, key: str | None = None) -> Location:
        """A :class:`Location` for the whole indicator or one of its keys."""
        return Location(file=self.file, line=self.keys.get(key or "", self.line), field=key)


@dataclass
class Registry:
    """Validated indicator specs by id, with their sources.

    >>> reg = load_registry()
    >>> reg["sei_va"].unit, "sei_va_share_gdp" in reg
    ('万元', True)
    """

    specs: dict[str, IndicatorSpec]
    sources: dict[str, SpecSource]

    def __getitem__(self, indicator_id: str) -> IndicatorSpec:
        try:
            return self.specs[indicator_id]
        except KeyError:
            known = "、".join(sorted(self.specs)[:8])
            raise SeimonError(
                f"未知指标：{indicator_id}（可用 seimon indicators 查看，例如 {known} …）",
                f"unknown indicator: {indicator_id} (see `seimon indicators`)",
                Location(field="indicator"),
                code="unknown_indicator",
            ) from None

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self.specs

    def __iter__(self) -> Iterator[IndicatorSpec]:
        return iter(self.specs.values())

    def __len__(self) -> int:
        return len(self.specs)

    def location(self, indicator_id: str, key: str | None = None) -> Location:
        source = self.sources.get(indicator_id)
        return source.at(key) if source else Location(field=key)

    def closure(self, ids: Iterable[str]) -> list[str]:
        """``ids`` and every indicator they are computed from, dependencies first.

        >>> load_registry().closure(["sei_va_real_growth"])[-1]
        'sei_va_real_growth'
        """
        order: list[str] = []

        def visit(i: str) -> None:
            if i in order:
                return
            for op in self[i].operands:
                visit(op)
            order.append(i)

        for i in ids:
            visit(i)
        return order


def builtin_files() -> list[Path]:
    """The built-in indicator files, in name order."""
    return sorted(resource_path("indicators").glob("*.yaml"))


def _user_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        elif path.is_file():
            out.append(path)
        else:
            raise SeimonError(
                f"指标定义路径不存在：{path}", f"indicator path not found: {path}", Location(file=str(path))
            )
    return out


def _node_lines(node: yaml.MappingNode) -> dict[str, int]:
    return {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _items(root: yaml.Node | None, file: str) -> list[tuple[Any, SpecSource, yaml.Node]]:
    """The indicator mappings of a composed file with their sources (``indicators:`` list or a bare list)."""
    if root is None:
        return []
    seq: yaml.Node | None = root
    if isinstance(root, yaml.MappingNode):
        seq = next((v for k, v in root.value if getattr(k, "value", None) == "indicators"), None)
    if not isinstance(seq, yaml.SequenceNode):
        raise SeimonError(
            "指标文件应包含 indicators: 列表",
            "an indicator file must hold an `indicators:` list",
            Location(file=file, line=root.start_mark.line + 1, field="indicators"),
            code="indicator_schema",
        )
    out = []
    for item in seq.value:
        lines = _node_lines(item) if isinstance(item, yaml.MappingNode) else {}
        out.append((item, SpecSource(file, item.start_mark.line + 1, lines), item))
    return out


def load_file(path: Path) -> list[tuple[IndicatorSpec, SpecSource]]:
    """Parse one indicator file into specs with their sources (schema only; see :func:`load_registry`).

    >>> specs = load_file(builtin_files()[0])
    >>> specs[0][1].line > 0
    True
    """
    doc = read_yaml(path, code="indicator_yaml")
    items = _items(doc.root, doc.file)
    raw = doc.data["indicators"] if isinstance(doc.data, dict) else doc.data
    inside = ("indicators",) if isinstance(doc.data, dict) else ()
    out = []
    failures: list[tuple[ValidationError, tuple[str | int, ...]]] = []
    for index, ((_, source, _node), item) in enumerate(zip(items, raw, strict=True)):
        if not isinstance(item, dict):
            raise SeimonError(
                "每个指标应为映射", "each indicator must be a mapping", source.at(), code="indicator_schema"
            )
        try:
            out.append((IndicatorSpec.model_validate(item), source))
        except ValidationError as exc:
            failures.append((exc, (*inside, index)))
    if failures:  # every indicator's every error, in one message
        raise schema_errors(failures, doc, code="indicator_schema", relative_field=True)
    return out


def load_registry(paths: Iterable[Path | str] = (), *, builtin: bool = True) -> Registry:
    """Load the built-in indicator system and user files or directories, then validate the whole set.

    User specs with a built-in id replace it; an id declared twice among the user files is an error.

    >>> reg = load_registry()
    >>> len(reg) >= 20, reg["sei_va_share_above_scale"].targets
    (True, ['sei_va_share_above_scale_industry'])
    """
    files = [(f, True) for f in (builtin_files() if builtin else [])]
    files += [(f, False) for f in _user_files(Path(p) for p in paths)]
    key = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size, b) for f, b in files)
    cached = _REGISTRY_CACHE.get(key)
    if cached is None:
        cached = _load_registry(files)
        if len(_REGISTRY_CACHE) >= 8:
            _REGISTRY_CACHE.clear()
        _REGISTRY_CACHE[key] = cached
    return cached


_REGISTRY_CACHE: dict[tuple[tuple[str, int, int, bool], ...], Registry] = {}
"""Parsed registries by their files' identity: parsing and validating the YAML costs ~0.4 s, and the assessment,
warnings and reports each ask for the registry many times. A file changed on disk is read again."""


def _load_registry(groups: list[tuple[Path, bool]]) -> Registry:
    from seimon.indicators.validate import validate_registry

    specs: dict[str, IndicatorSpec] = {}
    sources: dict[str, SpecSource] = {}
    builtin_ids: set[str] = set()
    for path, is_builtin in groups:
        for spec, source in load_file(path):
            if spec.id in specs and (is_builtin or spec.id not in builtin_ids):
                first = sources[spec.id]
                raise SeimonError(
                    f"指标 {spec.id} 重复定义（首次见 {first.file} 第 {first.line} 行）",
                    f"indicator {spec.id} declared twice (first at {first.file} line {first.line})",
                    source.at("id"),
                    code="indicator_duplicate",
                )
            if spec.id in builtin_ids:
                logger.info("user indicator %s replaces the built-in definition", spec.id)
                builtin_ids.discard(spec.id)
            elif is_builtin:
                builtin_ids.add(spec.id)
            specs[spec.id] = spec
            sources[spec.id] = source
    registry = Registry(specs, sources)
    validate_registry(registry)
    return registry
