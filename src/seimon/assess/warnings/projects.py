"""Projects behind schedule (重点项目进度预警), from the project register as known at the as-of date.

The judgement itself belongs to the register (:func:`seimon.tracking.schedule.behind_schedule`: overdue,
investment completion trailing the time elapsed by more than ``lag``, halted, start delayed); this evaluator
turns it into early warnings of the rule set.
"""

from __future__ import annotations

import logging
from dataclasses import asdict

from seimon.assess.warnings.base import EarlyWarning, WarningContext
from seimon.assess.warnings.rules import ProjectScheduleRule
from seimon.tracking.schedule import behind_schedule

logger = logging.getLogger(__name__)


def evaluate(rule: ProjectScheduleRule, ctx: WarningContext) -> list[EarlyWarning]:
    """One warning per project behind schedule as of the context's date."""
    return [EarlyWarning(rule_id=rule.id, **asdict(w)) for w in behind_schedule(ctx.store, ctx.as_of, lag=rule.lag)]
