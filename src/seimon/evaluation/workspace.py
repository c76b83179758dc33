"""What the evaluator works on: every target of the plan with the platform's figures as of the evaluation date.

For a quantitative target: the baseline, the latest value and its period, the target, the status, the source of
the latest figure and its vintage (the date it was published or known) — exactly what the assessment used as of
the evaluation's as-of date, nothing published later. For a qualitative target: the statement as the plan
writes it, its deadline and the evidence a judgement needs. Both carry the responsible departments from the
responsibilities register (lead and partners), the judgement so far, its evidence files and the evidence requests.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from seimon.assess.report import TargetAssessment, assess_plan
from seimon.evaluation import files as evidence_files
from seimon.evaluation.records import get_evaluation, judgements, list_requests
from seimon.plan import Plan, load_plan
from seimon.store import Store
from seimon.tracking.responsibilities import departments, duties, read_breakdown

logger = logging.getLogger(__name__)


def figure_of(a: TargetAssessment) -> dict[str, Any]:
    """The platform's figure for one assessed target: value, unit, period, source, vintage and status.

    The source and vintage are those of the observation behind the latest value (a published figure's source and
    publication date); a value computed by the indicator system from enterprise reports names the indicator and
    has the as-of date as its vintage (reports known by then).
    """
    d = a.to_dict()
    used = a.used_items()
    if not used and a.result.latest_t is not None:
        # a flow target (new ones since the base year) is a difference of observations: name the latest of them
        used = sorted((i for i in a.inputs.items if i.obs.t <= a.result.latest_t + 1e-6), key=lambda i: i.obs.t)
    last = used[-1] if used else None
    # no figure: nothing to name a source for
    fallback = d["source"] if d["latest_value"] is not None else None
    source = (last.source or last.origin) if last is not None else fallback
    if last is not None and last.published is not None:
        vintage = last.published.isoformat()
    elif last is not None:
        vintage = f"≤{a.as_of.isoformat()}"
    else:
        vintage = None
    return {
        "value": d["latest_value"],
        "unit": d["unit"],
        "period": d["latest_period"],
        "source": source,
        "vintage": vintage,
        "status": d["status"],
    }


def quantitative_rows(store: Store, plan: Plan, as_of: dt.date) -> list[dict[str, Any]]:
    """Every quantitative target's figures as of ``as_of`` (the slow part: the whole plan is assessed)."""
    rows = []
    for a in assess_plan(store, plan, as_of=as_of):
        d = a.to_dict()
        rows.append(
            {
                "target": a.target.id,
                "type": "quantitative",
                "name_zh": a.target.name_zh,
                "name_en": a.target.name_en,
                "deadline": a.target.deadline,
                "comparator": a.target.comparator,
                "target_value": d["target_value"],
                "baseline_value": d["baseline_value"],
                "baseline_period": d["baseline_period"],
                "status_zh": d["status_zh"],
                "status_en": d["status_en"],
                "figure": figure_of(a),
            }
        )
    return rows


def qualitative_rows(plan: Plan) -> list[dict[str, Any]]:
    """Every qualitative target as the plan states it."""
    return [
        {
            "target": q.id,
            "type": "qualitative",
            "name_zh": q.name_zh,
            "name_en": q.name_en,
            "deadline": q.deadline,
            "statement": q.statement,
            "evidence_zh": q.evidence_zh,
            "evidence_en": q.evidence_en,
            "section": q.source.section,
        }
        for q in plan.qualitative_targets
    ]


def target_types(plan: Plan) -> dict[str, str]:
    """Target id → ``qualitative`` or ``quantitative``.

    >>> target_types(load_plan())["nev_public_transport_full_coverage"]
    'qualitative'
    """
    found = {t.id: "quantitative" for t in plan.targets}
    found.update({q.id: "qualitative" for q in plan.qualitative_targets})
    return found


def workspace(
    store: Store,
    evaluation_id: int,
    *,
    plan: Plan | None = None,
    figures: list[dict[str, Any]] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The evaluation with every target (qualitative first), its judgement, files and requests.

    ``figures`` are :func:`quantitative_rows` for the evaluation's as-of date when the caller has them cached.
    """
    plan = plan or load_plan()
    evaluation = get_evaluation(store, evaluation_id)
    as_of = dt.date.fromisoformat(evaluation["as_of"])
    quantitative = figures if figures is not None else quantitative_rows(store, plan, as_of)
    register = read_breakdown(store)
    duty = duties(register)
    given = judgements(store, evaluation_id)
    files = evidence_files.list_files(store, evaluation_id)
    requests = list_requests(store, evaluation_id, today)
    targets = []
    for row in [*qualitative_rows(plan), *quantitative]:
        held = duty.get(row["target"])
        targets.append(
            {
                **row,
                "lead": held.lead if held else None,
                "partners": list(held.partners) if held else [],
                "judgement": given.get(row["target"]),
                "files": [f for f in files if f["owner"] == "judgement" and f["owner_key"] == row["target"]],
                "requests": [r["id"] for r in requests if r["target"] == row["target"]],
            }
        )
    for request in requests:
        request["files"] = [f for f in files if f["owner"] == "request" and f["owner_key"] == str(request["id"])]
    judged = {t["target"] for t in targets if t["judgement"]}
    qualitative_ids = [q.id for q in plan.qualitative_targets]
    return {
        "evaluation": evaluation,
        "targets": targets,
        "requests": requests,
        "departments": sorted(departments(register)),
        "progress": {
            "qualitative": len(qualitative_ids),
            "qualitative_judged": sum(1 for i in qualitative_ids if i in judged),
            "quantitative": len(quantitative),
            "quantitative_judged": sum(1 for r in quantitative if r["target"] in judged),
            "requests_open": sum(1 for r in requests if r["state"] != "answered"),
        },
    }
