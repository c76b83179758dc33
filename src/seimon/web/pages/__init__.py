"""Server-rendered pages (Chinese first, English switch); data come from the JSON API in the browser.

One module per group of pages; each declares a router whose routes are :class:`~seimon.web.pages.shell.PageRoute`
(the guard's refusals become a login redirect, a 403 or a 404 page). :func:`pages_router` gathers them for
:func:`seimon.web.app.create_app`.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter

from seimon.web.pages import (
    admin,
    appraisals,
    batches,
    benchmark,
    evaluations,
    login,
    open_data,
    overview,
    plan,
    regions,
    reports,
    submissions,
    targets,
    tracking,
    warnings,
)

logger = logging.getLogger(__name__)

MODULES = (
    login,
    overview,
    targets,
    plan,
    regions,
    appraisals,
    warnings,
    tracking,
    submissions,
    batches,
    reports,
    open_data,
    benchmark,
    evaluations,
    admin,
)


def pages_router() -> APIRouter:
    """Every page route (none of them in the OpenAPI document).

    >>> [module.__name__.rsplit(".", 1)[1] for module in MODULES][:4]
    ['login', 'overview', 'targets', 'plan']
    """
    router = APIRouter(include_in_schema=False)
    for module in MODULES:
        router.include_router(module.router)
    return router
