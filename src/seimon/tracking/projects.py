"""The project register as of a date: each project's plan, its latest progress report, and the roll-ups.

A project's plan (总投资, 计划开工, 计划竣工, 责任单位 …) is the row of the register known at ``D`` (an edit
in the web is a new vintage, known from the moment it is made); its state
as of ``D`` is the latest progress report known at ``D`` — a report counts when its period has ended by
``D`` and its vintage (the 报送日期 written in the file, else the release calendar of
:mod:`seimon.ingest.known`) is on or before ``D``. A project with no such report has not started (未开工,
nothing invested).

Per project: ``completion_rate`` = completed investment / total investment; ``overdue`` = the planned
finish is before ``D`` and the project is neither finished (竣工) nor cancelled (取消 — a cancelled project
is no longer due). Roll-ups (:func:`roll_up`), over the projects not cancelled:

* investment completion rate — Σ completed / Σ total investment;
* start rate 开工率 — projects started (在建、竣工、停建) among those planned to start by ``D``;
* finish rate 竣工率 — projects finished among those planned to finish by ``D``;
* overdue — the number of overdue projects.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from seimon.errors import SeimonError
from seimon.periods import parse_period
from seimon.plan import Plan, load_plan
from seimon.reference.regions import load_regions
from seimon.store import Store
from seimon.tracking.known_rows import end_of, rows_known_at
from seimon.tracking.vocab import CANCELLED, FINISHED, NOT_STARTED, STARTED_STATUSES, STATUS_EN

logger = logging.getLogger(__name__)

GroupBy = Literal["city", "industry", "department", "base"]
GROUPINGS: tuple[str, ...] = ("city", "industry", "department", "base")


@dataclass
class ProjectState:
    """One project as of a date: its plan from the register and its latest known progress report."""

    id: str
    name: str
    industry: str
    subfield: str | None
    region: str
    city: str
    base: str | None
    department: str
    planned_investment: float
    annual_investment: float | None
    planned_start: dt.date
    planned_finish: dt.date
    completed_investment: float = 0.0
    status: str = NOT_STARTED
    period: str | None = None
    reported_on: dt.date | None = None
    note: str | None = None
    overdue: bool = False
    days_overdue: int = 0
    unit_code: str | None = None

    @property
    def completion_rate(self) -> float | None:
        """Completed / total investment (None for a project of no planned investment)."""
        return self.completed_investment / self.planned_investment if self.planned_investment else None

    @property
    def started(self) -> bool:
        return self.status in STARTED_STATUSES

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``seimon projects --json`` (dates as ISO text, rate rounded to 6 places)."""
        data = asdict(self)
        for key in ("planned_start", "planned_finish", "reported_on"):
            data[key] = data[key].isoformat() if data[key] else None
        rate = self.completion_rate
        data["completion_rate"] = None if rate is None else round(rate, 6)
        data["status_en"] = STATUS_EN.get(self.status, self.status)
        return data


@dataclass
class RollUp:
    """Aggregates over a set of projects (cancelled ones counted apart, outside every rate)."""

    projects: int = 0
    cancelled: int = 0
    planned_investment: float = 0.0
    completed_investment: float = 0.0
    due_to_start: int = 0
    started_of_due: int = 0
    started: int = 0
    due_to_finish: int = 0
    finished_of_due: int = 0
    finished: int = 0
    overdue: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def investment_completion_rate(self) -> float | None:
        return self.completed_investment / self.planned_investment if self.planned_investment else None

    @property
    def start_rate(self) -> float | None:
        """开工率: started among the projects planned to start by the date."""
        return self.started_of_due / self.due_to_start if self.due_to_start else None

    @property
    def finish_rate(self) -> float | None:
        """竣工率: finished among the projects planned to finish by the date."""
        return self.finished_of_due / self.due_to_finish if self.due_to_finish else None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("investment_completion_rate", "start_rate", "finish_rate"):
            value = getattr(self, name)
            data[name] = None if value is None else round(value, 6)
        data["planned_investment"] = round(self.planned_investment, 4)
        data["completed_investment"] = round(self.completed_investment, 4)
        return data


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _register(store: Store, as_of: dt.date) -> list[dict[str, Any]]:
    """Per project the register row known at ``as_of`` (:func:`seimon.tracking.known_rows.rows_known_at`)."""
    return rows_known_at(store, "projects", REGISTER_COLUMNS, ("project_id",), as_of)


REGISTER_COLUMNS: tuple[str, ...] = (
    "project_id",
    "name",
    "industry",
    "subfield",
    "region",
    "base",
    "unit_code",
    "department",
    "total_investment",
    "annual_investment",
    "planned_start",
    "planned_finish",
)
"""The columns of the project register (the table ``projects``; ``seimon import projects`` loads them)."""


def latest_reports(store: Store, as_of: dt.date) -> dict[str, dict[str, Any]]:
    """Per project the latest progress report known at ``as_of``: the latest period ended by then, and of
    that period the latest vintage on or before ``as_of``.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     latest_reports(s, dt.date(2020, 3, 31))
    {}
    """
    if not store.table_exists("project_progress"):
        return {}
    rows = store.fetch_dicts(
        "SELECT project_id, period, completed_investment, status, note, vintage, batch_id, row_number"
        " FROM project_progress WHERE vintage <= ? ORDER BY project_id",
        (end_of(as_of),),
    )
    best: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}
    for row in rows:
        period = parse_period(row["period"])
        end = period.end_date()
        if end > as_of:
            continue
        rank = (end, row["vintage"], row["batch_id"], row["row_number"] or 0)
        held = best.get(row["project_id"])
        if held is None or rank > held[0]:
            best[row["project_id"]] = (rank, row)
    return {pid: row for pid, (_, row) in best.items()}


def project_states(store: Store, as_of: dt.date) -> list[ProjectState]:
    """Every project of the current register as of ``as_of`` (see the module docstring for the rules).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     project_states(s, dt.date(2020, 3, 31))
    []
    """
    regions = load_regions()
    reports = latest_reports(store, as_of)
    states: list[ProjectState] = []
    for row in _register(store, as_of):
        region = str(row["region"])
        city = regions.ancestor_at(region, "city") if region in regions else region
        state = ProjectState(
            id=str(row["project_id"]),
            name=str(row["name"]),
            industry=str(row["industry"]),
            subfield=row["subfield"],
            region=region,
            city=city,
            base=row["base"],
            department=str(row["department"]),
            planned_investment=float(row["total_investment"]),
            annual_investment=None if row["annual_investment"] is None else float(row["annual_investment"]),
            planned_start=_as_date(row["planned_start"]) or as_of,
            planned_finish=_as_date(row["planned_finish"]) or as_of,
            unit_code=row["unit_code"],
        )
        report = reports.get(state.id)
        if report is not None:
            state.completed_investment = float(report["completed_investment"])
            state.status = str(report["status"])
            state.period = str(report["period"])
            state.reported_on = _as_date(report["vintage"])
            state.note = report["note"]
        if state.planned_finish < as_of and state.status not in (FINISHED, CANCELLED):
            state.overdue = True
            state.days_overdue = (as_of - state.planned_finish).days
        states.append(state)
    return states


def roll_up(states: Iterable[ProjectState], as_of: dt.date) -> RollUp:
    """Aggregates over ``states`` as of ``as_of``: investment completion, start rate, finish rate, overdue.

    >>> day = dt.date(2020, 3, 31)
    >>> a = ProjectState("A", "a", "nev", None, "130100", "130100", None, "省发展改革委", 100.0, None,
    ...     dt.date(2018, 1, 1), dt.date(2019, 6, 30), 70.0, "在建", overdue=True)
    >>> r = roll_up([a], day)
    >>> r.investment_completion_rate, r.start_rate, r.finish_rate, r.overdue
    (0.7, 1.0, 0.0, 1)
    """
    total = RollUp()
    for s in states:
        total.projects += 1
        total.by_status[s.status] = total.by_status.get(s.status, 0) + 1
        if s.status == CANCELLED:
            total.cancelled += 1
            continue
        total.planned_investment += s.planned_investment
        total.completed_investment += s.completed_investment
        total.started += s.started
        total.finished += s.status == FINISHED
        total.overdue += s.overdue
        if s.planned_start <= as_of:
            total.due_to_start += 1
            total.started_of_due += s.started
        if s.planned_finish <= as_of:
            total.due_to_finish += 1
            total.finished_of_due += s.status == FINISHED
    return total


def group_key(by: str, plan: Plan | None = None) -> Callable[[ProjectState], tuple[str, str]]:
    """A function from a project to its group ``(key, Chinese name)`` under ``by``.

    >>> key = group_key("city")
    >>> key(ProjectState("A", "a", "nev", None, "130682", "130682", None, "省发展改革委", 1.0, None,
    ...     dt.date(2018, 1, 1), dt.date(2019, 6, 30)))
    ('130682', '定州市')
    """
    if by not in GROUPINGS:
        raise SeimonError(
            f"未知的分组“{by}”（可选：{'、'.join(GROUPINGS)}）",
            f"unknown grouping '{by}' (choose from {', '.join(GROUPINGS)})",
            code="unknown_grouping",
        )
    plan = plan or load_plan()
    if by == "city":
        regions = load_regions()
        return lambda s: (s.city, regions.get(s.city).name_zh if s.city in regions else s.city)
    if by == "industry":
        names = {i.id: i.name_zh for i in plan.industries}
        return lambda s: (s.industry, names.get(s.industry, s.industry))
    if by == "department":
        return lambda s: (s.department, s.department)
    bases = {b.id: b.name_zh or b.id for b in plan.bases}
    return lambda s: (s.base or "", bases.get(s.base or "", s.base or "（无基地）"))


def grouped(states: list[ProjectState], by: str, as_of: dt.date) -> list[dict[str, Any]]:
    """One roll-up per group under ``by`` (city, industry, department, base), largest investment first."""
    key = group_key(by)
    groups: dict[tuple[str, str], list[ProjectState]] = {}
    for s in states:
        groups.setdefault(key(s), []).append(s)
    out = [{"key": k, "name": name, **roll_up(members, as_of).to_dict()} for (k, name), members in groups.items()]
    out.sort(key=lambda g: (-g["planned_investment"], g["key"]))
    return out


def project_history(store: Store, project_id: str, as_of: dt.date) -> dict[str, Any]:
    """One project: its state as of ``as_of`` and every progress report known then, in period order (each
    vintage of a report listed, the superseded ones with ``current`` false); a bilingual ``not_found`` error
    for an id not in the register.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     project_history(s, "HB2017-001", dt.date(2020, 3, 31))
    Traceback (most recent call last):
    ...
    seimon.errors.SeimonError: 项目库中没有项目：HB2017-001 | no such project in the register: HB2017-001
    """
    state = next((s for s in project_states(store, as_of) if s.id == project_id), None)
    if state is None:
        raise SeimonError(
            f"项目库中没有项目：{project_id}", f"no such project in the register: {project_id}", code="not_found"
        )
    rows = store.fetch_dicts(
        "SELECT period, completed_investment, status, note, vintage, batch_id, row_number, is_current"
        " FROM project_progress WHERE project_id = ? AND vintage <= ? ORDER BY year, end_month, vintage, batch_id",
        (project_id, end_of(as_of)),
    )
    reports = []
    for row in rows:
        if parse_period(row["period"]).end_date() > as_of:
            continue
        reports.append(
            {
                "period": row["period"],
                "completed_investment": row["completed_investment"],
                "completion_rate": round(row["completed_investment"] / state.planned_investment, 6)
                if state.planned_investment
                else None,
                "status": row["status"],
                "note": row["note"],
                "reported_on": (_as_date(row["vintage"]) or as_of).isoformat(),
                "batch_id": row["batch_id"],
                "row_number": row["row_number"],
                "current": bool(row["is_current"]),
            }
        )
    return {"as_of": as_of.isoformat(), "project": state.to_dict(), "reports": reports}


def projects_report(
    store: Store,
    as_of: dt.date,
    by: str | None = None,
    *,
    include: Callable[[ProjectState], bool] | None = None,
) -> dict[str, Any]:
    """The document of ``seimon projects --json``: the date, every project, the totals and the groups.

    ``include`` keeps only some projects (a department's own), before the totals and groups are made, so
    the roll-ups describe exactly the projects listed.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     doc = projects_report(s, dt.date(2020, 3, 31), by="city")
    >>> doc["as_of"], doc["projects"], doc["totals"]["projects"], doc["groups"]
    ('2020-03-31', [], 0, [])
    """
    states = [s for s in project_states(store, as_of) if include is None or include(s)]
    doc: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "projects": [s.to_dict() for s in states],
        "totals": roll_up(states, as_of).to_dict(),
    }
    if by is not None:
        doc["by"] = by
        doc["groups"] = grouped(states, by, as_of)
    return doc


__all__ = [
    "GROUPINGS",
    "ProjectState",
    "RollUp",
    "group_key",
    "grouped",
    "latest_reports",
    "project_history",
    "project_states",
    "projects_report",
    "roll_up",
]
