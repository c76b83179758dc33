"""Hindsight: how the statuses given at past dates fared against the verdicts once the deadline's figures came in.

A status is a prediction ("on track" says the target will be met); it earns trust only if it comes true. This
module assesses the plan at several past dates with what was known then, and at a later date when the deadline's
figures are published, and counts, per status and method, how many targets were in the end achieved. It is the
back-test of the statuses (docs/assessment.md), run on any store: on the demo and, with real data, on the plan.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from seimon.assess.report import METHODS, assess_plan
from seimon.plan import Plan, load_plan
from seimon.store import Store

logger = logging.getLogger(__name__)


@dataclass
class Tally:
    """Targets judged ``status`` at a date (by one method) that had a verdict later, and how many were met."""

    judged: int = 0
    achieved: int = 0
    targets: list[str] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return self.achieved / self.judged if self.judged else None


def hindsight(
    store: Store,
    *,
    judged_on: list[dt.date],
    verdict_on: dt.date,
    plan: Plan | None = None,
    methods: tuple[str, ...] = METHODS,
) -> dict[str, Any]:
    """Per method and status given on each of ``judged_on``: how many targets with a verdict at ``verdict_on``
    were achieved. Targets without a verdict then (their deadline figure missing) are left out and counted.
    """
    plan = plan or load_plan()
    final = {a.target.id: a.status for a in assess_plan(store, plan, as_of=verdict_on) if a.result.final}
    out: dict[str, Any] = {"verdict_on": verdict_on.isoformat(), "with_verdict": len(final), "methods": {}}
    for method in methods:
        tallies: dict[str, Tally] = {}
        for day in judged_on:
            for a in assess_plan(store, plan, as_of=day, method=method):
                if a.target.id not in final or a.result.final:
                    continue
                t = tallies.setdefault(a.status, Tally())
                t.judged += 1
                t.achieved += final[a.target.id] == "achieved"
                t.targets.append(f"{a.target.id}@{day.isoformat()}")
        out["methods"][method] = {
            status: {"judged": t.judged, "achieved": t.achieved, "share_achieved": t.share, "targets": t.targets}
            for status, t in sorted(tallies.items())
        }
    out["judged_on"] = [d.isoformat() for d in judged_on]
    return out
