"""What each page needs the caller to be allowed, and the navigation built from it.

A page is a shell over API calls, so it asks for the same actions as the API it calls; the navigation shows a
page only when :func:`seimon.access.policy.allowed` says the caller may use it. One table serves both the
guard of every page route and the menu, so the two cannot disagree.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from seimon.access.policy import allowed
from seimon.access.roles import Principal

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    """One page of the menu: its path, the message key of its name, and the actions that open it (any one)."""

    path: str
    label: str
    actions: tuple[str, ...]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("/", "nav.overview", ("read_aggregates",)),
    PageSpec("/targets", "nav.targets", ("read_aggregates",)),
    PageSpec("/industries", "nav.industries", ("read_aggregates",)),
    PageSpec("/regions", "nav.regions", ("read_aggregates",)),
    PageSpec("/bases", "nav.bases", ("read_plan",)),
    PageSpec("/projects", "nav.projects", ("read_plan",)),
    PageSpec("/appraisals", "nav.appraisals", ("read_aggregates",)),
    PageSpec("/warnings", "nav.warnings", ("read_warnings",)),
    PageSpec("/tracking", "nav.tracking", ("read_projects",)),
    PageSpec("/submissions", "nav.submissions", ("upload", "approve")),
    PageSpec("/batches", "nav.batches", ("read_batches",)),
    PageSpec("/reports", "nav.reports", ("download_public_report",)),
    PageSpec("/open", "nav.open", ("read_aggregates",)),
    PageSpec("/benchmark", "nav.benchmark", ("benchmark_enterprise",)),
    PageSpec("/evaluations", "nav.evaluations", ("read_evaluations",)),
    PageSpec("/users", "nav.users", ("manage_users",)),
    PageSpec("/audit", "nav.audit", ("read_audit",)),
)
"""Every page of the menu, in menu order (detail pages share their list page's actions)."""

ACTIONS_BY_PATH: dict[str, tuple[str, ...]] = {p.path: p.actions for p in PAGES}


def may_open(principal: Principal | None, actions: tuple[str, ...], *, public_enabled: bool) -> bool:
    """Whether ``principal`` (None: an anonymous visitor) may open a page needing any of ``actions``.

    >>> from seimon.access.roles import Role
    >>> may_open(Principal("c", Role.CITY, region="130100"), ("read_batches",), public_enabled=False)
    False
    >>> may_open(None, ("read_aggregates",), public_enabled=True)
    True
    """
    return any(allowed(principal, action, public_enabled=public_enabled) for action in actions)


@dataclass(frozen=True)
class NavEntry:
    """One menu link as a template shows it."""

    path: str
    label: str
    active: bool


def section_of(path: str) -> str:
    """The menu entry a path belongs to: ``/targets/pv_capacity`` → ``/targets``.

    >>> section_of("/targets/pv_capacity"), section_of("/"), section_of("/batches")
    ('/targets', '/', '/batches')
    """
    if path == "/":
        return "/"
    return "/" + path.strip("/").split("/", 1)[0]


def navigation(principal: Principal | None, current_path: str, *, public_enabled: bool) -> list[NavEntry]:
    """The menu for ``principal``: only the pages the policy lets them use, the current one marked.

    >>> from seimon.access.roles import Role
    >>> [e.path for e in navigation(Principal("e", Role.EVALUATOR), "/", public_enabled=False)][-4:]
    ['/batches', '/reports', '/open', '/evaluations']
    """
    here = section_of(current_path)
    return [
        NavEntry(p.path, p.label, p.path == here)
        for p in PAGES
        if may_open(principal, p.actions, public_enabled=public_enabled)
    ]
