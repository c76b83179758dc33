"""Which records of the tracking registers a principal may see and edit: the register counterpart of
:func:`seimon.access.policy.microdata_scope`.

五(七) of the plan holds cities and departments to their share (分解落实、督导检查、追踪问效), so each sees and
answers for its own part:

* admin, analyst — every project, task and target, to read and to edit;
* city — reads every project (projects are the government side's monitoring results, like the warnings),
  edits only the projects whose region lies in its reporting unit; no tasks or targets to edit (those are
  the province's and the departments');
* department — reads and edits only the projects whose 责任单位 and the tasks whose 责任单位 is its own
  name, and reads the targets it leads (牵头单位) or supports (配合单位); of those it edits the ones it leads;
* evaluator — reads every project and task, edits nothing.

"Its own" is decided by the record as the register holds it now (on record), never by what an edit or an
uploaded file says — so a department cannot take another's project by writing its own name in a form —
and an edit may not hand a record to someone else either (:func:`check_edit` checks both the record on
record and the record as edited).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from seimon.access.policy import Forbidden, allowed
from seimon.access.roles import Principal, Role
from seimon.errors import Location
from seimon.ingest.subjects import file_keys
from seimon.reference.regions import View, load_regions
from seimon.store import Store

logger = logging.getLogger(__name__)

REGISTERS = ("projects", "project-progress", "tasks", "task-reports", "responsibilities")
"""The registers a web edit may change (kinds of :mod:`seimon.ingest`)."""


@dataclass(frozen=True)
class RegisterScope:
    """The projects, tasks and targets a principal may see (``editing=False``) or change (``editing=True``).

    >>> s = RegisterScope(False, frozenset(), "省科技厅")
    >>> s.project("130102", "省科技厅"), s.project("130102", "省财政厅"), s.task(None)
    (True, False, False)
    """

    everything: bool
    regions: frozenset[str]
    department: str | None
    targets: bool = False  # may touch targets at all (a department: those it leads/supports)

    def project(self, region: str | None, department: str | None) -> bool:
        """A project of ``region`` whose 责任单位 is ``department``: inside the scope?"""
        if self.everything:
            return True
        if self.department is not None:
            return department == self.department
        return region is not None and region in self.regions

    def task(self, department: str | None) -> bool:
        """A task whose 责任单位 is ``department``: inside the scope?"""
        return self.everything or (self.department is not None and department == self.department)

    def target(self, lead: str | None, partners: Iterable[str] = ()) -> bool:
        """A target led by ``lead`` and supported by ``partners``: inside the scope?"""
        if self.everything:
            return True
        if self.department is None or not self.targets:
            return False
        return lead == self.department or self.department in set(partners)


EVERYTHING = RegisterScope(True, frozenset(), None, True)
NOTHING = RegisterScope(False, frozenset(), None)


def register_scope(principal: Principal, *, editing: bool = False) -> RegisterScope:
    """The register records ``principal`` may read, or with ``editing`` change (the rules of the module).

    >>> register_scope(Principal("a", Role.ANALYST), editing=True).everything
    True
    >>> city = register_scope(Principal("bd", Role.CITY, region="130600"), editing=True)
    >>> city.project("130602", "省科技厅"), city.project("130682", "省科技厅"), city.task("省科技厅")
    (True, False, False)
    >>> register_scope(Principal("bd", Role.CITY, region="130600")).everything
    True
    >>> register_scope(Principal("e", Role.EVALUATOR), editing=True) == NOTHING
    True
    """
    action = "edit_registers" if editing else "read_projects"
    if principal.role is Role.PUBLIC or not allowed(principal, action, public_enabled=True):
        return NOTHING
    if principal.role in (Role.ADMIN, Role.ANALYST):
        return EVERYTHING
    if principal.role is Role.DEPARTMENT:
        if not principal.department:
            logger.warning("department user %s has no department: no register records", principal.username)
        return RegisterScope(False, frozenset(), principal.department, True) if principal.department else NOTHING
    if principal.role is not Role.CITY or not editing:
        return RegisterScope(True, frozenset(), None, False)  # reads every project (city, evaluator)
    if not principal.region or principal.region not in load_regions():
        logger.warning("city user %s has no known region: no register records", principal.username)
        return NOTHING
    return RegisterScope(False, frozenset(load_regions().within(principal.region, View.REPORTING)), None)


def out_of_scope(what_zh: str, what_en: str) -> Forbidden:
    """The refusal for a record outside the scope — the same whether the record exists or not, so that a
    refusal never tells an outsider what another department's register holds.

    >>> out_of_scope("项目 HB-1", "project HB-1").code
    'forbidden'
    """
    return Forbidden(
        f"{what_zh}不在本用户的负责范围内（或不存在）",
        f"{what_en} is outside this user's responsibility (or does not exist)",
        code="forbidden",
    )


DEPARTMENT_KINDS = ("project-progress", "task-reports")
"""What a department may submit as a file through the submission workflow: its projects' progress, its tasks'
reports (the registers themselves are the province's)."""


def _owners(store: Store, kind: str) -> dict[str, str]:
    """Per project (or task) id, folded, its responsible unit on record."""
    table = "projects" if kind == "project-progress" else "task_assignments"
    column = "project_id" if kind == "project-progress" else "task_id"
    if not store.table_exists(table):
        return {}
    return {
        str(k).upper(): str(d) for k, d in store.fetchall(f"SELECT {column}, department FROM {table} WHERE is_current")
    }


def check_department_file(
    store: Store, principal: Principal, kind: str, path: Path, *, name: str, sheet: str | None = None
) -> None:
    """A department may submit only :data:`DEPARTMENT_KINDS`, and only rows of projects or tasks whose
    responsible unit *on record* is its own (a row of an unknown id is left to the validation report only
    when it names nothing of anyone else's — it is refused too, since it cannot be shown to be the
    department's).

    >>> import tempfile, pathlib
    >>> from seimon.store import open_store
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "r.csv"
    >>> _ = f.write_text("任务编号,报送日期,状态,进展情况\\nbox_01_1,2020-01-01,进行中,x\\n", encoding="utf-8")
    >>> with open_store("duckdb:///:memory:") as s:
    ...     try:
    ...         check_department_file(s, Principal("k", Role.DEPARTMENT, department="省科技厅"), "task-reports",
    ...                               f, name="r.csv")
    ...     except Forbidden as refused:
    ...         refused.location.row
    2
    """
    if kind not in DEPARTMENT_KINDS:
        raise Forbidden(
            f"省直部门只能报送项目进度与任务进展，不能报送“{kind}”",
            f"a department submits project progress and task reports only, not {kind}",
            code="forbidden",
        )
    scope = register_scope(principal, editing=True)
    owners = _owners(store, kind)
    field = "project_id" if kind == "project-progress" else "task_id"
    outside = [
        row for row, key in file_keys(kind, path, field, sheet=sheet) if not scope.task(owners.get((key or "").upper()))
    ]
    if outside:
        shown = "、".join(map(str, outside[:20])) + ("等" if len(outside) > 20 else "")
        raise Forbidden(
            f"第 {shown} 行的{'项目' if field == 'project_id' else '任务'}不由本部门负责（以登记的责任单位为准）",
            f"rows {', '.join(map(str, outside[:20]))}{' …' if len(outside) > 20 else ''} are about "
            f"{'projects' if field == 'project_id' else 'tasks'} this department is not responsible for (on record)",
            Location(file=name, row=outside[0], field=field),
            code="forbidden",
        )


__all__ = [
    "DEPARTMENT_KINDS",
    "EVERYTHING",
    "NOTHING",
    "REGISTERS",
    "RegisterScope",
    "check_department_file",
    "out_of_scope",
    "register_scope",
]
