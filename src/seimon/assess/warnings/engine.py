"""The warning engine: run a rule set over the store as of a date and collect bilingual, numbered warnings.

Each rule type lives in its own module with one ``evaluate(rule, context)`` function; what they share (the
:class:`EarlyWarning` they return, the :class:`WarningContext` that reads indicator series once per query) lives
in the leaf module :mod:`seimon.assess.warnings.base`, re-exported here. :func:`run_warnings` dispatches on the
rule type. Internal warnings (those naming enterprises) are dropped unless asked for.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from seimon.assess.warnings import (
    completeness,
    decline,
    downgrade,
    enterprise_drop,
    growth_gap,
    outliers,
    projects,
    ranking,
)
from seimon.assess.warnings.base import (
    EarlyWarning,
    SeriesPoint,
    WarningContext,
    fmt_value,
    indicator_names,
    region_name,
    region_name_en,
)
from seimon.assess.warnings.rules import RuleSet, load_rules
from seimon.errors import SeimonError
from seimon.plan import Plan, load_plan
from seimon.store import Store

logger = logging.getLogger(__name__)

_SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}

Evaluator = Callable[[Any, WarningContext], list[EarlyWarning]]


def _evaluators() -> dict[str, Evaluator]:
    return {
        "status_downgrade": downgrade.evaluate,
        "consecutive_decline": decline.evaluate,
        "growth_below_industry": growth_gap.evaluate,
        "ranking_bottom": ranking.evaluate,
        "outlier": outliers.evaluate,
        "reporting_completeness": completeness.evaluate,
        "enterprise_drop": enterprise_drop.evaluate,
        "project_schedule": projects.evaluate,
    }


def run_warnings(
    store: Store,
    *,
    as_of: dt.date | None = None,
    rules: RuleSet | None = None,
    plan: Plan | None = None,
    include_internal: bool = False,
    registry: Any | None = None,
) -> list[EarlyWarning]:
    """Run every enabled rule and return the warnings, most severe first.

    ``include_internal`` keeps warnings flagged ``internal`` (enterprise-level, confidential); by default they
    are dropped, so a published list never names an enterprise.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     run_warnings(s, as_of=dt.date(2019, 12, 31))
    []
    """
    rule_set = rules or load_rules()
    context = WarningContext(store, as_of or dt.date.today(), plan or load_plan(), registry)
    evaluators = _evaluators()
    found: list[EarlyWarning] = []
    for rule in rule_set.rules:
        if not rule.enabled or (rule.internal and not include_internal):
            continue
        try:
            produced = evaluators[rule.type](rule, context)
        except SeimonError as err:
            logger.warning("rule %s could not run: %s", rule.id, err)
            continue
        for w in produced:
            w.internal = w.internal or rule.internal
        found.extend(w for w in produced if include_internal or not w.internal)
    found.sort(key=lambda w: (_SEVERITY_ORDER.get(w.severity, 9), w.rule_id, w.region or "", w.period or ""))
    return found


__all__ = [
    "EarlyWarning",
    "SeriesPoint",
    "WarningContext",
    "fmt_value",
    "indicator_names",
    "region_name",
    "region_name_en",
    "run_warnings",
]
