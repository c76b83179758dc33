"""The plan's structure with its figures: ``/industries``, ``/bases`` (5 national, 30 provincial), ``/bases/{id}``
(one base's profile), ``/projects``."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response

from seimon.web.pages.navigation import ACTIONS_BY_PATH
from seimon.web.pages.shell import PageRoute, open_page
from seimon.web.pages.targets import as_of_param

logger = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute)

INDUSTRY_INDICATORS = ("sei_va", "sei_va_real_growth", "sei_va_share_above_scale")
"""Value added, real growth and share of above-scale value added by plan industry."""


@router.get("/industries")
def industries_page(request: Request) -> Response:
    """The plan industries with their figures by ``plan_industry`` and their sub-fields."""
    page = open_page(request, ACTIONS_BY_PATH["/industries"])
    return page.render("industries.html", "industries", "industries.title", indicators=INDUSTRY_INDICATORS)


@router.get("/bases")
def bases_page(request: Request) -> Response:
    """The 5 national bases and the 30 provincial slots."""
    page = open_page(request, ACTIONS_BY_PATH["/bases"])
    return page.render("bases.html", "bases", "bases.title")


@router.get("/bases/{base_id}")
def base_page(base_id: str, request: Request) -> Response:
    """One base's profile: enterprises, revenue, growth and rank among the bases, its projects and targets."""
    page = open_page(request, ACTIONS_BY_PATH["/bases"])
    as_of = as_of_param(request.query_params.get("as_of"))
    return page.render("base_profile.html", "base", "base.title", base_id=base_id, as_of=as_of)


@router.get("/projects")
def projects_page(request: Request) -> Response:
    """The 8 major projects with the status of their targets."""
    page = open_page(request, ACTIONS_BY_PATH["/projects"])
    return page.render("projects.html", "projects", "projects.title")
