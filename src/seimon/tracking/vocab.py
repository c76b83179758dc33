"""The words of the tracking registers: project states and the plan's industries as a project names them.

A project register is filled in by cities and departments, who write an industry as 先进装备制造, as the
plan's id ``advanced_equipment``, by its number in the plan (``1``), or as a numbered sub-field
(``1.2`` 轨道交通装备). Imports store the plan's ids; this module is the one place that reads them, so
that the import checks (:mod:`seimon.ingest.loaders`) and the roll-ups agree.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from seimon.numerals import to_halfwidth
from seimon.plan import Plan, load_plan

logger = logging.getLogger(__name__)

NOT_STARTED = "未开工"
UNDER_WAY = "在建"
FINISHED = "竣工"
HALTED = "停建"
CANCELLED = "取消"

PROJECT_STATUSES: tuple[str, ...] = (NOT_STARTED, UNDER_WAY, FINISHED, HALTED, CANCELLED)
"""States a progress report may give, in the order a project passes through them."""

STATUS_EN: dict[str, str] = {
    NOT_STARTED: "not started",
    UNDER_WAY: "under construction",
    FINISHED: "finished",
    HALTED: "halted",
    CANCELLED: "cancelled",
}

STARTED_STATUSES = frozenset({UNDER_WAY, FINISHED, HALTED})
"""States of a project whose construction has begun (counted by the start rate 开工率)."""

TASK_STATUSES: tuple[str, ...] = ("未启动", "进行中", "已完成")
"""States a task's status report may give."""
TASK_DONE = "已完成"
TASK_STATUS_EN: dict[str, str] = {"未启动": "not started", "进行中": "in progress", "已完成": "done"}


def is_task_status(text: str) -> bool:
    """True for one of 未启动、进行中、已完成.

    >>> is_task_status("已完成"), is_task_status("完成")
    (True, False)
    """
    return text.strip() in TASK_STATUSES


# "1.2", "1-2", "1．2" — industry number, then sub-field number
_NUMBERED = re.compile(r"^(\d+)(?:[.\-](\d+))?$")


@dataclass(frozen=True)
class IndustryRef:
    """A plan industry and, when the register names one, its numbered sub-field."""

    industry: str
    subfield: str | None = None


def is_project_status(text: str) -> bool:
    """True for one of 未开工、在建、竣工、停建、取消.

    >>> is_project_status("在建"), is_project_status("施工中")
    (True, False)
    """
    return text.strip() in PROJECT_STATUSES


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", to_halfwidth(text)).lower()


def industry_resolver(plan: Plan | None = None) -> Callable[[str], IndustryRef | None]:
    """A function from a register's 所属产业 to the plan industry (and sub-field) it names, or None.

    Accepted: the plan's id, the Chinese or English name, the industry's number, or ``N.M`` for the
    M-th numbered sub-field of industry N. The index is built once per call of this function.

    >>> resolve = industry_resolver()
    >>> resolve("先进装备制造")
    IndustryRef(industry='advanced_equipment', subfield=None)
    >>> resolve("1.2")
    IndustryRef(industry='advanced_equipment', subfield='ae_rail')
    >>> resolve("nev").industry, resolve("纺织") is None
    ('nev', True)
    """
    plan = plan or load_plan()
    index: dict[str, IndustryRef] = {}
    for industry in plan.industries:
        ref = IndustryRef(industry.id)
        for key in (industry.id, industry.name_zh, industry.name_en, str(industry.number)):
            index[_fold(key)] = ref
        for sub in industry.subfields:
            sref = IndustryRef(industry.id, sub.id)
            for key in (sub.id, sub.name_zh, sub.name_en, f"{industry.number}.{sub.number}"):
                index.setdefault(_fold(key), sref)

    def resolve(text: str) -> IndustryRef | None:
        key = _fold(text)
        if m := _NUMBERED.match(key):
            key = f"{int(m[1])}.{int(m[2])}" if m[2] else str(int(m[1]))
        return index.get(key)

    return resolve


DEPARTMENT_EN: dict[str, str] = {
    "省发展改革委": "Provincial Development and Reform Commission",
    "省科技厅": "Provincial Department of Science and Technology",
    "省工业和信息化厅": "Provincial Department of Industry and Information Technology",
    "省财政厅": "Provincial Department of Finance",
    "省商务厅": "Provincial Department of Commerce",
    "省人民政府办公厅": "General Office of the Provincial Government",
    "省能源局": "Provincial Energy Administration",
    "省地方金融监管局": "Provincial Local Financial Supervision Bureau",
    "省自然资源厅": "Provincial Department of Natural Resources",
    "省统计局": "Provincial Bureau of Statistics",
    "省税务局": "Provincial Tax Service",
    "省外办": "Provincial Foreign Affairs Office",
    "省住房城乡建设厅": "Provincial Department of Housing and Urban-Rural Development",
    "省人力资源社会保障厅": "Provincial Department of Human Resources and Social Security",
    "省教育厅": "Provincial Department of Education",
    "省生态环境厅": "Provincial Department of Ecology and Environment",
    "省交通运输厅": "Provincial Department of Transport",
    "省卫生健康委": "Provincial Health Commission",
    "省市场监管局": "Provincial Administration for Market Regulation",
    "省农业农村厅": "Provincial Department of Agriculture and Rural Affairs",
}
"""English names of the provincial departments the registers name (their official English forms)."""


def department_en(name: str) -> str:
    """A department's English name, or its Chinese name when it has none listed.

    >>> department_en("省科技厅"), department_en("某某办")
    ('Provincial Department of Science and Technology', '某某办')
    """
    return DEPARTMENT_EN.get(name.strip(), name)


__all__ = [
    "CANCELLED",
    "DEPARTMENT_EN",
    "FINISHED",
    "HALTED",
    "NOT_STARTED",
    "PROJECT_STATUSES",
    "STARTED_STATUSES",
    "STATUS_EN",
    "TASK_DONE",
    "TASK_STATUSES",
    "TASK_STATUS_EN",
    "UNDER_WAY",
    "IndustryRef",
    "department_en",
    "industry_resolver",
    "is_project_status",
    "is_task_status",
]
