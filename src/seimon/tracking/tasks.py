"""Roadmap actions and safeguard measures as tasks: who carries each, by when, and how far it has got.

The tasks come from the plan itself: each action of 专栏1–12 (``box_01_1`` … the n-th 重点行动 of the box)
and each safeguard measure of 五 (its id, e.g. ``measure_finance``). Two registers, imported through the
ordinary pipeline, say the rest:

* ``seimon import tasks FILE`` — 任务编号, 责任单位, 配合单位, 完成时限 (the assignment; without one a task
  has no responsible unit and is due at the end of the plan period);
* ``seimon import task-reports FILE`` — 任务编号, 报送日期, 状态 (未启动|进行中|已完成), 进展情况, 附件 (a
  file name, path or URL kept as evidence).

As of ``D`` a task's state is its latest report made on or before ``D``; it is ``overdue`` when its deadline
is before ``D`` and it is not 已完成. Roll-ups count tasks, done, overdue per box (专栏, or 保障措施) and per
department.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from seimon.plan import Plan, load_plan
from seimon.store import Store
from seimon.tracking.known_rows import rows_known_at
from seimon.tracking.responsibilities import split_list
from seimon.tracking.vocab import TASK_DONE, TASK_STATUS_EN

logger = logging.getLogger(__name__)

MEASURES_BOX = "measures"
"""The group of the safeguard measures in roll-ups per box."""

TASK_GROUPINGS: tuple[str, ...] = ("box", "department")

# "│　　│　　　　　　　│" — the frame of a table cell the plan text carries inside a quote, and line breaks
_FRAME = re.compile(r"[│┃|]\s*[　\s]*(?:[│┃|][　\s]*)*|\s+")


# "（三）进一步拓宽投融资渠道。" — the numbered heading a measure's paragraph starts with
_HEADING = re.compile(r"^（[一二三四五六七八九十]+）[^。]*。")


def _clean(text: str) -> str:
    """A quote without the table frame the text file draws around it.

    >>> _clean("开发机器人│　　│　　　　　　　│及核心零部件。")
    '开发机器人及核心零部件。'
    """
    return _FRAME.sub("", text).strip()


@dataclass(frozen=True)
class PlanTask:
    """A task the plan sets: a roadmap action of a box or a safeguard measure."""

    id: str
    box: str
    box_title: str
    kind: str
    title: str
    text: str
    section: str


def plan_tasks(plan: Plan | None = None) -> list[PlanTask]:
    """Every roadmap action of 专栏1–12 and every safeguard measure, in plan order.

    >>> tasks = plan_tasks()
    >>> tasks[0].id, tasks[0].title, tasks[-1].box, len(tasks)
    ('box_01_1', '专栏1智能制造装备发展路线图：关键技术开发', 'measures', 45)
    >>> tasks[-1].text[:15]
    '尽快建立战略性新兴产业发展统计'
    """
    plan = plan or load_plan()
    found: list[PlanTask] = []
    for box in plan.roadmap_boxes:
        for i, action in enumerate(box.actions, start=1):
            found.append(
                PlanTask(
                    f"{box.id}_{i}",
                    box.id,
                    box.title_zh,
                    "action",
                    f"{box.title_zh}：{action.label}",
                    _clean(action.source.quote),
                    action.source.section,
                )
            )
    measures = sorted(plan.measures, key=lambda m: m.number)
    for i, measure in enumerate(measures):
        start = measure.source.start or 0
        end = measures[i + 1].source.start if i + 1 < len(measures) else None
        segment = plan.text[start:end] if plan.text and measure.source.start is not None else ""
        body = _clean(_HEADING.sub("", segment.strip().split("\n\n")[0]))
        found.append(
            PlanTask(
                measure.id,
                MEASURES_BOX,
                "保障措施",
                "measure",
                measure.name_zh,
                body[:300],
                measure.source.section,
            )
        )
    return found


@cache
def _builtin_ids() -> frozenset[str]:
    return frozenset(t.id for t in plan_tasks())


def is_plan_task(task_id: str) -> bool:
    """True for a task id of the built-in plan (``box_01_1`` … and the measure ids).

    >>> is_plan_task("box_12_4"), is_plan_task("measure_finance"), is_plan_task("box_13_1")
    (True, True, False)
    """
    return task_id.strip().lower() in _builtin_ids()


@dataclass
class TaskState:
    """One task as of a date: the plan's wording, its assignment, and its latest status report."""

    id: str
    box: str
    box_title: str
    kind: str
    title: str
    department: str | None
    partners: list[str]
    deadline: dt.date
    status: str = "未启动"
    reported_on: dt.date | None = None
    progress: str | None = None
    attachments: list[str] = field(default_factory=list)
    reports: int = 0
    overdue: bool = False
    days_overdue: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["deadline"] = self.deadline.isoformat()
        data["reported_on"] = self.reported_on.isoformat() if self.reported_on else None
        data["status_en"] = TASK_STATUS_EN.get(self.status, self.status)
        return data


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def task_states(store: Store, as_of: dt.date, plan: Plan | None = None) -> list[TaskState]:
    """Every plan task as of ``as_of``: its assignment known then, its latest report on or before ``as_of``.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     states = task_states(s, dt.date(2020, 12, 31))
    >>> len(states) == len(plan_tasks()), states[0].department, states[0].deadline
    (True, None, datetime.date(2020, 12, 31))
    """
    plan = plan or load_plan()
    default_deadline = dt.date(plan.metadata.period_end, 12, 31)
    assigned: dict[str, dict[str, Any]] = {}
    known = rows_known_at(
        store, "task_assignments", ("task_id", "department", "partners", "deadline"), ("task_id",), as_of
    )
    for row in known:
        assigned[str(row["task_id"]).lower()] = row
    reports: dict[str, list[dict[str, Any]]] = {}
    if store.table_exists("task_reports"):
        for row in store.fetch_dicts(
            "SELECT task_id, published, status, progress, attachment FROM task_reports"
            " WHERE is_current AND published <= ? ORDER BY published, batch_id, row_number",
            (as_of,),
        ):
            reports.setdefault(str(row["task_id"]).lower(), []).append(row)
    states = []
    for task in plan_tasks(plan):
        a = assigned.get(task.id, {})
        state = TaskState(
            task.id,
            task.box,
            task.box_title,
            task.kind,
            task.title,
            a.get("department"),
            split_list(a.get("partners")),
            _as_date(a.get("deadline")) or default_deadline,
        )
        made = reports.get(task.id, [])
        if made:
            last = made[-1]
            state.status, state.progress = str(last["status"]), last["progress"]
            state.reported_on = _as_date(last["published"])
            state.attachments = [r["attachment"] for r in made if r["attachment"]]
            state.reports = len(made)
        if state.deadline < as_of and state.status != TASK_DONE:
            state.overdue = True
            state.days_overdue = (as_of - state.deadline).days
        states.append(state)
    return states


def task_roll_up(states: list[TaskState], by: str) -> list[dict[str, Any]]:
    """Per box (``by="box"``) or per responsible department: tasks, done, overdue and the share done.

    >>> s = [TaskState("a", "box_01", "专栏1", "action", "t", "省科技厅", [], dt.date(2019, 1, 1), "已完成"),
    ...      TaskState("b", "box_01", "专栏1", "action", "t", "省科技厅", [], dt.date(2019, 1, 1), overdue=True)]
    >>> task_roll_up(s, "department")
    [{'key': '省科技厅', 'name': '省科技厅', 'tasks': 2, 'done': 1, 'overdue': 1, 'done_rate': 0.5}]
    """
    groups: dict[tuple[str, str], list[TaskState]] = {}
    for s in states:
        key = (s.box, s.box_title) if by == "box" else (s.department or "", s.department or "（未分工）")
        groups.setdefault(key, []).append(s)
    out = []
    for (key, name), members in groups.items():
        done = sum(m.status == TASK_DONE for m in members)
        out.append(
            {
                "key": key,
                "name": name,
                "tasks": len(members),
                "done": done,
                "overdue": sum(m.overdue for m in members),
                "done_rate": round(done / len(members), 6),
            }
        )
    return out


def tasks_report(
    store: Store,
    as_of: dt.date,
    *,
    overdue_only: bool = False,
    include: Callable[[TaskState], bool] | None = None,
) -> dict[str, Any]:
    """The document of ``seimon tasks --json``: every task (or the overdue ones) and the roll-ups per box and
    per department (always over every task ``include`` keeps — all of them by default; a department's own).

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     doc = tasks_report(s, dt.date(2021, 3, 31), overdue_only=True)
    >>> doc["totals"]["tasks"] == doc["totals"]["overdue"] == len(doc["tasks"])
    True
    """
    states = [s for s in task_states(store, as_of) if include is None or include(s)]
    listed = [s for s in states if s.overdue] if overdue_only else states
    done = sum(s.status == TASK_DONE for s in states)
    return {
        "as_of": as_of.isoformat(),
        "tasks": [s.to_dict() for s in listed],
        "totals": {
            "tasks": len(states),
            "done": done,
            "overdue": sum(s.overdue for s in states),
            "done_rate": round(done / len(states), 6) if states else None,
        },
        "by_box": task_roll_up(states, "box"),
        "by_department": task_roll_up(states, "department"),
    }


__all__ = [
    "MEASURES_BOX",
    "PlanTask",
    "TaskState",
    "is_plan_task",
    "plan_tasks",
    "task_roll_up",
    "task_states",
    "tasks_report",
]
