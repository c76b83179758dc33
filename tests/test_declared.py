"""Declared YAML files go through one loader (seimon.declared), and every error comes back with file and line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import seimon
from seimon.errors import SeimonError

PACKAGE = Path(seimon.__file__).parent
# Not a user-declared file: the extractor's gold corpus, read by a quality benchmark.
NOT_DECLARED = {"declared.py", "plan/extract_quality.py"}


def test_only_the_declared_module_parses_yaml() -> None:
    """A loader that calls yaml itself would report errors its own way (the first only, without a line)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in NOT_DECLARED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "yaml"
                and node.attr in {"safe_load", "load", "compose", "full_load"}
            ):
                offenders.append(f"{rel}:{node.lineno} yaml.{node.attr}")
    assert not offenders, "parse YAML with seimon.declared:\n" + "\n".join(offenders)


def _loaders() -> dict[str, object]:
    from seimon.access.policy import load_permissions
    from seimon.appraise.framework import load_framework
    from seimon.assess.status import load_thresholds
    from seimon.assess.warnings.rules import load_rules as load_warning_rules
    from seimon.demo.calibration import load_calibration
    from seimon.disclose.rules import load_rules as load_disclosure_rules
    from seimon.indicators.registry import load_file
    from seimon.ingest.rules import load_rules as load_ingest_rules
    from seimon.plan.loader import load_plan

    return {
        "plan": load_plan,
        "indicators": load_file,
        "ingest rules": load_ingest_rules,
        "warnings": load_warning_rules,
        "statuses": load_thresholds,
        "calibration": load_calibration,
        "policy": load_permissions,
        "appraisal framework": load_framework,
        "disclosure rules": load_disclosure_rules,
    }


@pytest.mark.parametrize("name", sorted(_loaders()))
def test_every_loader_locates_a_syntax_error(tmp_path: Path, name: str) -> None:
    bad = tmp_path / f"{name.replace(' ', '_')}.yaml"
    bad.write_text("# a comment\nfirst: 1\nsecond: [1, 2\n", encoding="utf-8")
    with pytest.raises(SeimonError) as info:
        _loaders()[name](bad)  # type: ignore[operator]
    assert info.value.location.file == str(bad)
    assert info.value.location.line is not None and info.value.location.line >= 3
    assert "YAML" in info.value.message_en and "YAML" in info.value.message_zh


@pytest.mark.parametrize(
    ("name", "text", "lines"),
    [
        ("ingest rules", "version: 1\nrules:\n  - id: a\n    kind: reprots\n    type: required\n    fields: [x]\n"
         "    message_zh: 甲\n    message_en: a\n  - id: b\n    kind: reports\n    type: required\n"
         "    fields: [revenue]\n    mesage_zh: 乙\n    message_en: b\n", (4, 13)),
        ("statuses", "extrapolation:\n  partial: high\n  on_track: [1]\n", (2, 3)),
        ("disclosure rules", "min_contributors: many\nprotection_percent: lots\n", (1, 2)),
    ],
)  # fmt: skip
def test_every_error_is_reported_with_its_line(tmp_path: Path, name: str, text: str, lines: tuple[int, int]) -> None:
    """Two mistakes in one file: one error names both, each with its line, so the file is fixed in one round."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(SeimonError) as info:
        _loaders()[name](bad)  # type: ignore[operator]
    err = info.value
    assert (err.location.file, err.location.line) == (str(bad), lines[0])
    for line in lines:
        assert f"line {line} " in err.message_en and f"第 {line} 行" in err.message_zh, err.message_en
