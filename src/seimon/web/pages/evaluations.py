"""``/evaluations`` (the list; the admin's open, assign and membership forms) and ``/evaluations/{id}`` (the workspace).

Both are shells over ``/api/v1/evaluations``: what a caller sees and may do there is decided by the service the
API calls (an evaluator sees only its organisation's evaluations). The workspace shows every target with the
platform's figures, sources and vintages, a judgement form, the evidence requests and the sign-off form.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.evaluation.model import KINDS, QUALITATIVE_VERDICTS, QUANTITATIVE_VERDICTS
from seimon.web.api.params import RowId
from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)


@router.get("/evaluations")
def evaluations_page(request: Request) -> Response:
    """The evaluations; for the admin also the forms that open, assign and record evaluator organisations."""
    page = open_page(request, ACTIONS_BY_PATH["/evaluations"])
    return page.render("evaluations.html", "evaluations", "evaluations.title", kinds=KINDS)


@router.get("/evaluations/{evaluation_id}")
def evaluation_page(evaluation_id: RowId, request: Request) -> Response:
    """One evaluation's workspace (the API answers 403 for another organisation's evaluation)."""
    page = open_page(request, ACTIONS_BY_PATH["/evaluations"])
    verdicts = [("qualitative", k, v) for k, v in QUALITATIVE_VERDICTS.items()] + [
        ("quantitative", k, v) for k, v in QUANTITATIVE_VERDICTS.items()
    ]
    return page.render(
        "evaluation.html", "evaluation", "evaluation.title", evaluation_id=evaluation_id, verdicts=verdicts
    )
