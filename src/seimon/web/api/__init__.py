"""The JSON API under ``/api/v1``: one router module per subject, all thin shells over library functions."""

from __future__ import annotations

from fastapi import APIRouter

from seimon.web.api import (
    appraisals,
    audit,
    batches,
    benchmark,
    edits,
    enterprises,
    evaluations,
    health,
    indicators,
    open_data,
    plan,
    reference,
    releases,
    reports,
    session,
    submissions,
    targets,
    tracking,
    users,
    warnings,
)

API_PREFIX = "/api/v1"
MODULES = (
    health,
    session,
    plan,
    targets,
    indicators,
    warnings,
    releases,
    appraisals,
    tracking,
    edits,
    reference,
    enterprises,
    submissions,
    batches,
    reports,
    evaluations,
    users,
    audit,
    open_data,
    benchmark,
)


def api_router() -> APIRouter:
    """Every API route, mounted under :data:`API_PREFIX`."""
    router = APIRouter(prefix=API_PREFIX)
    for module in MODULES:
        router.include_router(module.router)
    return router
