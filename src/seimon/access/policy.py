"""The authorisation policy: THE one place where the platform decides who may do what, and on which records.

What each role may do is declared as data in ``resources/access/permissions.yaml`` (tenet 3, "declare, then
compile"), so the whole matrix can be read and reviewed in one page and a test can hold it against a
hand-written table. This module loads that file (a typo is a located, bilingual error, never a silently
ignored permission), answers :func:`allowed` and :func:`authorize`, and computes the
:class:`MicrodataScope` that confines a city to its own reporting unit and an enterprise to its own records,
as the confidentiality rule of the Statistics Law requires (docs/domain.md §5).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from seimon.access.roles import PUBLIC_PRINCIPAL, Principal, Role
from seimon.declared import load_declared, node_line
from seimon.errors import Location, SeimonError
from seimon.reference.regions import View, load_regions
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

PERMISSIONS_FILE = ("access", "permissions.yaml")


@dataclass
class NotAuthenticated(SeimonError):
    """Nobody is logged in (and public access does not cover the request): the web layer answers HTTP 401."""

    code: str = "not_authenticated"


@dataclass
class Forbidden(SeimonError):
    """Logged in, but the role or the scope does not allow it: the web layer answers HTTP 403."""

    code: str = "forbidden"


class ActionSpec(BaseModel):
    """One action: what it means in both languages, and whether it touches enterprise records."""

    model_config = ConfigDict(extra="forbid")

    zh: str = Field(min_length=1, description="中文说明 / Chinese description")
    en: str = Field(min_length=1, description="English description")
    microdata: bool = Field(False, description="作用于企业个体记录，受数据范围限制 / confined to the microdata scope")
    registers: bool = Field(
        False, description="作用于项目、任务、目标分解登记，受登记范围限制 / confined to the register scope"
    )


class RoleSpec(BaseModel):
    """One role: its description and the actions it may take."""

    model_config = ConfigDict(extra="forbid")

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    actions: list[str] = Field(default_factory=list)


class Permissions(BaseModel):
    """A permission file: its legal source, the declared actions, and each role's actions.

    >>> p = load_permissions()
    >>> "read_microdata" in p.actions, "manage_users" in p.roles["admin"].actions
    (True, True)
    """

    model_config = ConfigDict(extra="forbid")

    source: str = Field(min_length=1)
    actions: dict[str, ActionSpec]
    roles: dict[str, RoleSpec]

    def actions_of(self, role: Role | str) -> frozenset[str]:
        """The actions ``role`` may take (ignoring the public switch).

        >>> sorted(load_permissions().actions_of("public"))
        ['download_public_report', 'read_aggregates', 'read_plan']
        """
        return frozenset(self.roles[Role(role).value].actions)


def _cross_check(perms: Permissions, root: yaml.Node | None, shown: str) -> None:
    """Every role known and present; every listed action declared and listed once."""
    for name in perms.roles:
        if name not in Role.__members__.values():
            raise SeimonError(
                f"未知角色：{name}（应为 {'、'.join(Role)}）",
                f"unknown role: {name} (expected one of {', '.join(Role)})",
                Location(file=shown, line=node_line(root, ("roles", name)), field=f"roles.{name}"),
                code="permissions",
            )
    missing = [role.value for role in Role if role.value not in perms.roles]
    if missing:
        raise SeimonError(
            f"缺少角色：{'、'.join(missing)}",
            f"roles missing: {', '.join(missing)}",
            Location(file=shown, line=node_line(root, ("roles",)), field="roles"),
            code="permissions",
        )
    for name, spec in perms.roles.items():
        seen: set[str] = set()
        for index, action in enumerate(spec.actions):
            where = Location(
                file=shown, line=node_line(root, ("roles", name, "actions", index)), field=f"roles.{name}.actions"
            )
            if action not in perms.actions:
                raise SeimonError(
                    f"角色 {name} 列出了未声明的操作：{action}",
                    f"role {name} lists an undeclared action: {action}",
                    where,
                    code="permissions",
                )
            if action in seen:
                raise SeimonError(
                    f"角色 {name} 重复列出操作：{action}",
                    f"role {name} lists the action {action} twice",
                    where,
                    code="permissions",
                )
            seen.add(action)


def load_permissions(path: Path | str | None = None) -> Permissions:
    """Read and check a permission file; without a path, the packaged ``access/permissions.yaml`` (cached).

    >>> load_permissions().actions["read_quarantine"].en
    'read quarantined rows (they hold raw enterprise values)'
    """
    if path is None:
        return _packaged_permissions()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _packaged_permissions() -> Permissions:
    return _load(resource_path(*PERMISSIONS_FILE))


def _load(file: Path) -> Permissions:
    title = ("权限文件有误：", "invalid permission file: ")
    perms, doc = load_declared(file, Permissions, code="permissions", title=title)
    root, shown = doc.root, doc.file
    _cross_check(perms, root, shown)
    logger.debug("loaded %d actions for %d roles from %s", len(perms.actions), len(perms.roles), shown)
    return perms


ACTIONS: tuple[str, ...] = tuple(load_permissions().actions)
"""Every declared action, in the order of the permission file."""


def _check_action(action: str) -> None:
    if action not in load_permissions().actions:
        raise SeimonError(
            f"未知操作：{action}",
            f"unknown action: {action} (declared: {', '.join(ACTIONS)})",
            code="unknown_action",
        )


def allowed(principal: Principal | None, action: str, *, public_enabled: bool = False) -> bool:
    """Whether ``principal`` (None = an anonymous visitor) may take ``action`` at all, scope aside.

    The public role, and the anonymous visitor who is that role, get nothing while public access is off.
    An undeclared action is an error, so a typo in a caller cannot silently deny (or grant) anything.

    >>> allowed(Principal("a", Role.ANALYST), "read_microdata")
    True
    >>> allowed(Principal("e", Role.EVALUATOR), "read_microdata")
    False
    >>> allowed(None, "read_aggregates"), allowed(None, "read_aggregates", public_enabled=True)
    (False, True)
    """
    _check_action(action)
    if principal is None:
        principal = PUBLIC_PRINCIPAL
    if principal.role is Role.PUBLIC and not public_enabled:
        return False
    return action in load_permissions().actions_of(principal.role)


def authorize(
    principal: Principal | None,
    action: str,
    *,
    public_enabled: bool = False,
    region: str | None = None,
    credit_code: str | None = None,
) -> Principal:
    """The principal who may take ``action``, or :class:`NotAuthenticated` / :class:`Forbidden`.

    ``None`` (nobody logged in) becomes the public principal when public access is on; an anonymous visitor
    refused an action gets :class:`NotAuthenticated` (log in first), a logged-in user :class:`Forbidden`.
    For a microdata action (``microdata: true`` in the permission file), a ``region`` or ``credit_code``
    naming the record acted on must lie inside :func:`microdata_scope`.

    >>> authorize(Principal("bd", Role.CITY, region="130600"), "read_microdata", region="130602").username
    'bd'
    >>> try:
    ...     authorize(Principal("bd", Role.CITY, region="130600"), "read_microdata", region="130682")
    ... except Forbidden as err:
    ...     err.code
    'forbidden'
    """
    anonymous = principal is None
    acting = PUBLIC_PRINCIPAL if principal is None else principal
    if anonymous and not public_enabled:
        raise NotAuthenticated("请先登录", "please log in first")
    if not allowed(acting, action, public_enabled=public_enabled):
        if anonymous:
            raise NotAuthenticated("请先登录", "please log in first")
        spec = load_permissions().actions[action]
        raise Forbidden(
            f"角色 {acting.role.value} 无权执行：{spec.zh}（{action}）",
            f"the role {acting.role.value} may not {spec.en} ({action})",
        )
    scoped = load_permissions().actions[action].microdata and (region is not None or credit_code is not None)
    if scoped and not microdata_scope(acting).allows(region, credit_code):
        shown = "，".join(p for p in (f"地区 {region}" if region else "", credit_code or "") if p)
        shown_en = ", ".join(p for p in (f"region {region}" if region else "", credit_code or "") if p)
        raise Forbidden(
            f"记录不在本用户的数据范围内（{shown}）", f"the record is outside this user's data scope ({shown_en})"
        )
    return acting


@dataclass(frozen=True)
class MicrodataScope:
    """Which enterprise records a principal may see: all of them, or those of some regions or credit codes.

    >>> MicrodataScope(False, frozenset({"130600"}), frozenset()).sql("region", "credit_code")
    ('(region IN (?))', ['130600'])
    """

    everything: bool
    regions: frozenset[str]
    credit_codes: frozenset[str]

    def allows(self, region: str | None, credit_code: str | None) -> bool:
        """Whether a record in ``region`` with ``credit_code`` is inside the scope (either one suffices).

        >>> MicrodataScope(False, frozenset(), frozenset({"91130100MA0000001X"})).allows(None, "91130100MA0000001X")
        True
        >>> MicrodataScope(False, frozenset({"130600"}), frozenset()).allows(None, None)
        False
        """
        if self.everything:
            return True
        return (region is not None and region in self.regions) or (
            credit_code is not None and credit_code in self.credit_codes
        )

    def sql(self, region_column: str, credit_column: str) -> tuple[str, list[str]]:
        """A WHERE condition (portable SQL with ``?`` placeholders) and its parameters for this scope.

        Column names come from the caller's own code, never from a user.

        >>> MicrodataScope(True, frozenset(), frozenset()).sql("r", "c")
        ('(TRUE)', [])
        >>> MicrodataScope(False, frozenset(), frozenset()).sql("r", "c")
        ('(FALSE)', [])
        """
        if self.everything:
            return "(TRUE)", []
        parts: list[str] = []
        params: list[str] = []
        for column, values in ((region_column, self.regions), (credit_column, self.credit_codes)):
            if values:
                ordered = sorted(values)
                parts.append(f"{column} IN ({', '.join('?' for _ in ordered)})")
                params.extend(ordered)
        if not parts:
            return "(FALSE)", []
        return f"({' OR '.join(parts)})", params


def microdata_scope(principal: Principal) -> MicrodataScope:
    """The enterprise records ``principal`` may see.

    admin, analyst: everything; city: its reporting unit and every unit below it in the reporting view;
    enterprise: its own credit code; evaluator and public: nothing.

    >>> scope = microdata_scope(Principal("bd", Role.CITY, region="130600"))
    >>> "130602" in scope.regions, "130682" in scope.regions
    (True, False)
    >>> microdata_scope(Principal("x", Role.EVALUATOR)).sql("region", "credit_code")
    ('(FALSE)', [])
    """
    nothing = MicrodataScope(False, frozenset(), frozenset())
    if principal.role in (Role.ADMIN, Role.ANALYST):
        return MicrodataScope(True, frozenset(), frozenset())
    if principal.role is Role.CITY:
        if not principal.region or principal.region not in load_regions():
            logger.warning("city user %s has no known region: no microdata", principal.username)
            return nothing
        return MicrodataScope(False, frozenset(load_regions().within(principal.region, View.REPORTING)), frozenset())
    if principal.role is Role.ENTERPRISE:
        if not principal.credit_code:
            logger.warning("enterprise user %s has no credit code: no microdata", principal.username)
            return nothing
        return MicrodataScope(False, frozenset(), frozenset({principal.credit_code}))
    return nothing
