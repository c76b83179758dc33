"""``/submissions`` (upload form and list) and ``/submissions/{id}`` (validation report and decisions).

A city or enterprise user uploads and submits; a province user (``approve``) approves or returns. Which buttons
show depends on the role (asked of the policy here) and on the submission's state (known to the script); the
API decides again on every request.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.ingest.loaders import KIND_SPECS
from seimon.web.api.params import RowId
from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)

KINDS = tuple(KIND_SPECS)
"""What can be uploaded (the import kinds of ``seimon import``)."""

STATES = ("validated", "submitted", "approved", "returned")


@router.get("/submissions")
def submissions_page(request: Request) -> Response:
    """The upload form (for roles that may upload) and the list of submissions."""
    page = open_page(request, ACTIONS_BY_PATH["/submissions"])
    return page.render("submissions.html", "submissions", "submissions.title", kinds=KINDS, states=STATES)


@router.get("/submissions/{submission_id}")
def submission_page(submission_id: RowId, request: Request) -> Response:
    """One submission; the script shows its report and the buttons its state allows."""
    page = open_page(request, ACTIONS_BY_PATH["/submissions"])
    return page.render("submission.html", "submission", "submission.title", submission_id=submission_id)
