"""Projects behind schedule, as warnings the warning engine can publish.

Four signs, each one warning per project as of a date (the strongest applies first, one per project):

* ``project_overdue`` (critical) — the planned finish has passed and the project is not finished;
* ``project_halted`` (warning) — the latest report says 停建;
* ``project_start_delayed`` (warning) — the planned start has passed and the project has not started;
* ``project_investment_lag`` (info) — the share of the investment completed trails the share of the
  construction time elapsed by more than ``lag`` (0.2 by default: 60 % of the time gone, under 40 % spent).

The fields of :class:`ScheduleWarning` are those of :class:`seimon.assess.warnings.EarlyWarning` but the rule
id, so a rule evaluator can return ``EarlyWarning(rule.id, **asdict(w))`` for each.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from seimon.store import Store
from seimon.tracking.projects import ProjectState, project_states
from seimon.tracking.vocab import CANCELLED, FINISHED, HALTED, NOT_STARTED, STATUS_EN

logger = logging.getLogger(__name__)

DEFAULT_LAG = 0.2
"""How far (as a share) investment may trail elapsed construction time before a warning."""


@dataclass
class ScheduleWarning:
    """One project behind schedule: the fields of an early warning (rule id aside)."""

    rule_type: str
    reason_code: str
    severity: str
    message_zh: str
    message_en: str
    region: str | None = None
    industry: str | None = None
    period: str | None = None
    internal: bool = False
    numbers: dict[str, Any] = field(default_factory=dict)


def time_share(state: ProjectState, as_of: dt.date) -> float:
    """The share of the planned construction time elapsed at ``as_of`` (0 before the start, 1 after the finish).

    >>> s = ProjectState("A", "a", "nev", None, "130100", "130100", None, "x", 1.0, None,
    ...     dt.date(2019, 1, 1), dt.date(2021, 1, 1))
    >>> round(time_share(s, dt.date(2020, 1, 1)), 3)
    0.499
    """
    span = (state.planned_finish - state.planned_start).days
    if span <= 0:
        return 1.0 if as_of >= state.planned_finish else 0.0
    return min(1.0, max(0.0, (as_of - state.planned_start).days / span))


def _warning(state: ProjectState, reason: str, severity: str, zh: str, en: str, **numbers: Any) -> ScheduleWarning:
    base = {
        "project": state.id,
        "completion_rate": None if state.completion_rate is None else round(state.completion_rate, 4),
        "planned_finish": state.planned_finish.isoformat(),
        "status": state.status,
    }
    return ScheduleWarning(
        "project_schedule",
        reason,
        severity,
        f"项目“{state.name}”（{state.id}，{state.department}）{zh}",
        f"project {state.id}: {en}",
        region=state.region,
        industry=state.industry,
        period=state.period,
        numbers=base | numbers,
    )


def judge(state: ProjectState, as_of: dt.date, lag: float = DEFAULT_LAG) -> ScheduleWarning | None:
    """The warning one project earns as of ``as_of``, or None when it is on schedule, finished or cancelled."""
    if state.status in (FINISHED, CANCELLED):
        return None
    if state.overdue:
        return _warning(
            state,
            "project_overdue",
            "critical",
            f"计划 {state.planned_finish} 竣工，已逾期 {state.days_overdue} 天，状态为{state.status}",
            f"due {state.planned_finish}, {state.days_overdue} days overdue, status "
            f"{STATUS_EN.get(state.status, 'reported')}",
            days_overdue=state.days_overdue,
        )
    if state.status == HALTED:
        return _warning(state, "project_halted", "warning", "已停建", "construction halted")
    if state.status == NOT_STARTED and state.planned_start < as_of:
        late = (as_of - state.planned_start).days
        return _warning(
            state,
            "project_start_delayed",
            "warning",
            f"计划 {state.planned_start} 开工，{late} 天后仍未开工",
            f"planned to start {state.planned_start}, not started {late} days later",
            days_late=late,
        )
    share = time_share(state, as_of)
    rate = state.completion_rate or 0.0
    if share - rate > lag:
        return _warning(
            state,
            "project_investment_lag",
            "info",
            f"工期已过 {share:.0%}，投资仅完成 {rate:.0%}",
            f"{share:.0%} of the construction time gone, {rate:.0%} of the investment made",
            time_share=round(share, 4),
        )
    return None


def behind_schedule(store: Store, as_of: dt.date, *, lag: float = DEFAULT_LAG) -> list[ScheduleWarning]:
    """Warnings for every project of the register behind schedule as of ``as_of``, most severe first.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     behind_schedule(s, dt.date(2020, 3, 31))
    []
    """
    order = {"critical": 0, "warning": 1, "info": 2}
    found = [w for s in project_states(store, as_of) if (w := judge(s, as_of, lag)) is not None]
    found.sort(key=lambda w: (order[w.severity], w.numbers["project"]))
    return found


__all__ = ["DEFAULT_LAG", "ScheduleWarning", "behind_schedule", "judge", "time_share"]
