"""The projects-and-tasks section of the bulletin and the evaluation report (重点项目与任务落实).

Aggregates only — per reporting unit for the project register, per box (专栏1–12, 保障措施) for the tasks — so
the section is the same in the public and the internal edition; the figures are those of ``seimon projects``
and ``seimon tasks`` as of the report's date (:mod:`seimon.tracking`).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from seimon.plan import load_plan
from seimon.reference.regions import load_regions
from seimon.report.content import Lang, Section, Table, fmt_num, tr
from seimon.report.narrative import YI_EN
from seimon.store import Store
from seimon.tracking.projects import grouped, project_states, roll_up
from seimon.tracking.tasks import MEASURES_BOX, tasks_report

logger = logging.getLogger(__name__)


def _pct(value: float | None) -> str:
    return fmt_num(None if value is None else value * 100)


def _project_cells(g: dict[str, Any]) -> list[str]:
    """Projects, cancelled, planned and invested (亿元), investment completion, start and finish rates, overdue."""
    return [
        str(g["projects"]),
        str(g["cancelled"]),
        fmt_num(g["planned_investment"] / 1e4),
        fmt_num(g["completed_investment"] / 1e4),
        _pct(g["investment_completion_rate"]),
        _pct(g["start_rate"]),
        _pct(g["finish_rate"]),
        str(g["overdue"]),
    ]


def _task_cells(g: dict[str, Any]) -> list[str]:
    return [str(g["tasks"]), str(g["done"]), str(g["overdue"])]


def tracking_section(store: Store, as_of: dt.date, lang: Lang, *, heading: str, first_table: int) -> Section:
    """The section titled ``heading`` (e.g. ``七、重点项目与任务落实``), its tables numbered from ``first_table``.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     sec = tracking_section(s, dt.date(2020, 12, 31), "zh", heading="七、重点项目与任务落实", first_table=5)
    >>> [t.key for t in sec.tables], sec.paragraphs[0]
    (['tasks_by_box'], '项目库中暂无项目。')
    """
    states = project_states(store, as_of)
    paragraphs: list[str] = []
    tables: list[Table] = []
    number = first_table
    if states:
        t = roll_up(states, as_of)
        paragraphs.append(
            tr(
                lang,
                f"截至{as_of.isoformat()}，项目库共有项目{t.projects}个（取消{t.cancelled}个），计划总投资"
                f"{fmt_num(t.planned_investment / 1e4)}亿元，累计完成投资{fmt_num(t.completed_investment / 1e4)}亿元，"
                f"投资完成率{_pct(t.investment_completion_rate)}%；开工率{_pct(t.start_rate)}%，"
                f"竣工率{_pct(t.finish_rate)}%；逾期未竣工项目{t.overdue}个。",
                f"As of {as_of.isoformat()} the project register holds {t.projects} projects ({t.cancelled} "
                f"cancelled): planned investment {fmt_num(t.planned_investment / 1e4)} {YI_EN}, "
                f"{fmt_num(t.completed_investment / 1e4)} {YI_EN} invested, investment completion "
                f"{_pct(t.investment_completion_rate)}%; start rate {_pct(t.start_rate)}%, finish rate "
                f"{_pct(t.finish_rate)}%; {t.overdue} projects overdue.",
            )
        )
        regions = load_regions()
        rows = [
            [
                g["name"] if lang == "zh" or g["key"] not in regions else regions.get(g["key"]).name_en,
                *_project_cells(g),
            ]
            for g in grouped(states, "city", as_of)
        ]
        rows.append([tr(lang, "合计", "total"), *_project_cells(t.to_dict())])
        tables.append(
            Table(
                "projects_by_city",
                tr(lang, f"表{number} 重点项目进展（分地区）", f"Table {number} Projects by region"),
                [
                    tr(lang, "地区", "region"),
                    tr(lang, "项目（个）", "projects"),
                    tr(lang, "取消（个）", "cancelled"),
                    tr(lang, "计划总投资（亿元）", "planned (100 mn yuan)"),
                    tr(lang, "累计完成投资（亿元）", "invested (100 mn yuan)"),
                    tr(lang, "投资完成率（%）", "investment completion (%)"),
                    tr(lang, "开工率（%）", "start rate (%)"),
                    tr(lang, "竣工率（%）", "finish rate (%)"),
                    tr(lang, "逾期（个）", "overdue"),
                ],
                rows,
                tr(
                    lang,
                    "开工率、竣工率分别以计划于评估日前开工、竣工的项目为分母；取消的项目不计。",
                    "Start and finish rates are over the projects due to start or finish by the date; cancelled "
                    "projects are left out.",
                ),
            )
        )
        number += 1
    else:
        paragraphs.append(tr(lang, "项目库中暂无项目。", "The project register is empty."))
    doc = tasks_report(store, as_of)
    box_en = {b.id: b.title_en for b in load_plan().roadmap_boxes} | {MEASURES_BOX: "Safeguard measures"}
    totals = doc["totals"]
    paragraphs.append(
        tr(
            lang,
            f"规划专栏重点行动和保障措施共{totals['tasks']}项任务，已完成{totals['done']}项，逾期未完成{totals['overdue']}项。",
            f"The plan's roadmap actions and safeguard measures make {totals['tasks']} tasks: {totals['done']} done, "
            f"{totals['overdue']} overdue.",
        )
    )
    tables.append(
        Table(
            "tasks_by_box",
            tr(lang, f"表{number} 专栏行动与保障措施落实情况", f"Table {number} Tasks by box"),
            [
                tr(lang, "专栏", "box"),
                tr(lang, "任务（项）", "tasks"),
                tr(lang, "已完成（项）", "done"),
                tr(lang, "逾期（项）", "overdue"),
            ],
            [
                *(
                    [g["name"] if lang == "zh" else box_en.get(g["key"], g["key"]), *_task_cells(g)]
                    for g in doc["by_box"]
                ),
                [tr(lang, "合计", "total"), *_task_cells(totals)],
            ],
        )
    )
    return Section(heading, paragraphs, tables)


__all__ = ["tracking_section"]
