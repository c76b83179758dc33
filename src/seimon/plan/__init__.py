"""The plan stage: a development plan as validated data, its targets, and the lint that checks them.

Later stages use :func:`load_plan` and read ``plan.targets``, ``plan.industries[i].sei_codes`` and
``plan.bases``; nothing else of this package is needed outside it.

>>> plan = load_plan()
>>> len(plan.targets) >= 35, [i.sei_codes for i in plan.industries][1]
(True, ['1'])
"""

from __future__ import annotations

from seimon.plan.lint import LintFinding, LintReport, lint_plan
from seimon.plan.loader import builtin_plan_path, load_plan
from seimon.plan.model import (
    Base,
    BoxAction,
    FunctionalZone,
    Industry,
    Measure,
    Metadata,
    Plan,
    Project,
    RoadmapBox,
    Scope,
    SetAside,
    SourceRef,
    SubField,
    Target,
)
from seimon.plan.show import find_item, sentence_of

__all__ = [
    "Base",
    "BoxAction",
    "FunctionalZone",
    "Industry",
    "LintFinding",
    "LintReport",
    "Measure",
    "Metadata",
    "Plan",
    "Project",
    "RoadmapBox",
    "Scope",
    "SetAside",
    "SourceRef",
    "SubField",
    "Target",
    "builtin_plan_path",
    "find_item",
    "lint_plan",
    "load_plan",
    "sentence_of",
]
