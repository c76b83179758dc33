"""Demo registers of who is responsible for what: bases, projects and their monthly progress, the breakdown of
targets to the 13 reporting units, tasks and their status reports — in the import formats of
:data:`seimon.ingest.headers.KINDS`, so that ``seimon demo load`` brings them in through the ordinary pipeline.

The numbers are synthetic but shaped like a provincial list of major projects: total investments log-normal
around 8 亿元 (1–200 亿元), planned construction of 1½–4 years starting 2016–2019, most projects starting on
time and some months or a year late, a few halted (停建) or cancelled (取消), monthly progress reported around
the 10th of the next month; tasks reported twice a year, some finished late and some not at all.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from pathlib import Path

import numpy as np
import pandas as pd

from seimon.demo.writers import WrittenFile, write_csv
from seimon.plan import Plan
from seimon.reference.regions import PROVINCE_CODE, load_regions

logger = logging.getLogger(__name__)

BASE_FIELDS = ("base_id", "name", "level", "zone", "regions", "industries", "recognised")
PROJECT_FIELDS = (
    "project_id",
    "name",
    "industry",
    "region",
    "base",
    "department",
    "total_investment",
    "annual_investment",
    "planned_start",
    "planned_finish",
)
PROGRESS_FIELDS = ("project_id", "period", "completed_investment", "status", "note", "published")
RESPONSIBILITY_FIELDS = ("target", "region", "year", "value", "unit", "lead", "partners")
TASK_FIELDS = ("task_id", "department", "partners", "deadline")
TASK_REPORT_FIELDS = ("task_id", "published", "status", "progress", "attachment")
CITY_OBSERVATION_FIELDS = ("indicator", "region", "period", "value", "unit", "source", "published")

DEPARTMENTS = ("省发展改革委", "省工业和信息化厅", "省科技厅", "省商务厅", "省财政厅")

# (city, focus, industry) of the 12 provincial slots the plan leaves without a zone or focus
_EXTRA_BASES = (
    ("130500", "新能源汽车", "nev"),
    ("131100", "功能材料", "new_materials"),
    ("130400", "先进装备制造", "advanced_equipment"),
    ("130900", "生物医药", "biology"),
    ("130300", "数字创意", "digital_creative"),
    ("130800", "节能环保", "energy_saving_env"),
    ("130200", "轨道交通装备", "advanced_equipment"),
    ("131000", "新一代信息技术", "next_gen_it"),
    ("130682", "汽车零部件", "nev"),
    ("130181", "新材料", "new_materials"),
    ("130100", "卫星导航", "next_gen_it"),
    ("130600", "新能源", "new_energy"),
)
# a slot's focus → the plan industry it belongs to
_FOCUS_INDUSTRY = {
    "智能电网装备": "new_energy",
    "智能制造": "advanced_equipment",
    "新型显示": "next_gen_it",
    "大数据": "next_gen_it",
    "工业机器人": "advanced_equipment",
    "石墨烯": "new_materials",
    "激光加工": "advanced_equipment",
    "健康医疗": "biology",
    "高端材料": "new_materials",
    "生物医药": "biology",
    "通用航空": "advanced_equipment",
    "卫星导航": "next_gen_it",
    "集成电路": "next_gen_it",
    "新能源": "new_energy",
    "新型功能材料": "new_materials",
    "风光发电": "new_energy",
    "节能装备": "energy_saving_env",
}
_PROJECT_WORDS = {
    "advanced_equipment": ("智能装备", "工业机器人", "轨道交通车辆", "通用飞机", "数控机床"),
    "next_gen_it": ("大数据中心", "新型显示模组", "LED芯片", "卫星导航终端", "云计算平台"),
    "biology": ("生物药", "医疗器械", "现代中药", "生物发酵", "疫苗"),
    "new_materials": ("特种钢材", "石墨烯材料", "电子材料", "高性能纤维", "化工新材料"),
    "new_energy": ("光伏组件", "风电整机", "储能电池", "智能电网设备", "氢能装备"),
    "energy_saving_env": ("节能装备", "环保设备", "固废综合利用", "再生资源", "污水处理装备"),
    "nev": ("新能源汽车整车", "动力电池", "驱动电机", "充电设施", "汽车电控"),
    "digital_creative": ("数字内容", "动漫游戏", "工业设计", "数字出版", "创意产业园"),
}
_INDUSTRY_WEIGHTS = {
    "advanced_equipment": 0.22,
    "next_gen_it": 0.16,
    "biology": 0.13,
    "new_materials": 0.14,
    "new_energy": 0.15,
    "energy_saving_env": 0.08,
    "nev": 0.08,
    "digital_creative": 0.04,
}
_INDUSTRY_DEPARTMENT = {
    "advanced_equipment": "省工业和信息化厅",
    "next_gen_it": "省工业和信息化厅",
    "biology": "省发展改革委",
    "new_materials": "省工业和信息化厅",
    "new_energy": "省发展改革委",
    "energy_saving_env": "省发展改革委",
    "nev": "省工业和信息化厅",
    "digital_creative": "省商务厅",
}
# 13 reporting units, weights roughly by the size of their industry
_UNIT_WEIGHTS = {
    "130100": 0.16, "130200": 0.15, "130300": 0.05, "130400": 0.09, "130500": 0.06, "130600": 0.11,
    "130700": 0.05, "130800": 0.04, "130900": 0.09, "131000": 0.09, "131100": 0.05, "130682": 0.03,
    "130181": 0.03,
}  # fmt: skip
# targets broken down to the 13 reporting units, with lead and partner departments
_BROKEN_DOWN = {
    "enterprise_tech_centres": ("省发展改革委", "省工业和信息化厅、省科技厅"),
    "hitech_enterprises": ("省科技厅", "省财政厅、省税务局"),
    "maker_spaces": ("省科技厅", "省人力资源社会保障厅"),
}
_MEASURE_DEPARTMENT = {
    "measure_consensus": ("省发展改革委", "省委宣传部"),
    "measure_innovation_reform": ("省发展改革委", "省科技厅"),
    "measure_finance": ("省财政厅", "省地方金融监管局"),
    "measure_factors": ("省自然资源厅", "省发展改革委"),
    "measure_markets": ("省商务厅", "省工业和信息化厅"),
    "measure_opening": ("省商务厅", "省外办"),
    "measure_organisation_appraisal": ("省发展改革委", "省委督查室"),
    "measure_monitoring_evaluation": ("省统计局", "省发展改革委"),
}
_CATEGORY_DEPARTMENT = {
    "key_technology": "省科技厅",
    "industrialisation": "省发展改革委",
    "innovation_capacity": "省科技厅",
    "market": "省商务厅",
    "infrastructure": "省发展改革委",
}


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def base_table(plan: Plan) -> pd.DataFrame:
    """The 30 provincial bases, one per slot of the plan, named after their city and focus (deterministic).

    >>> from seimon.plan import load_plan
    >>> t = base_table(load_plan())
    >>> len(t), t.iloc[0]["name"], t.iloc[0]["base_id"]
    (30, '保定智能电网装备产业示范基地', 'provincial_slot_01')
    """
    regions = load_regions()
    zones = {z.id: z.name_zh for z in plan.zones}
    names = {i.id: i.name_zh for i in plan.industries}
    extra = iter(_EXTRA_BASES)
    rows = []
    for n, base in enumerate(b for b in plan.bases if b.level == "provincial"):
        if base.focus_zh and base.regions:
            city = base.regions[n % len(base.regions)]
            focus = base.focus_zh[0]
            industry = _FOCUS_INDUSTRY.get(focus, "advanced_equipment")
        else:
            city, focus, industry = next(extra)
        short = regions.get(city).name_zh.removesuffix("市")
        zone = next((z.id for z in plan.zones if city in z.regions), None)
        rows.append(
            {
                "base_id": base.id,
                "name": f"{short}{focus}产业示范基地",
                "level": "省级",
                "zone": zones.get(base.zone or zone or "", ""),
                "regions": city,
                "industries": names[industry],
                "recognised": dt.date(2016 + n % 3, 8, 1),
            }
        )
    return pd.DataFrame(rows, columns=list(BASE_FIELDS))


def project_tables(
    plan: Plan, years: tuple[int, int], rng: np.random.Generator, projects: int = 160
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The project register and its monthly progress reports up to December of the last year.

    >>> from seimon.plan import load_plan
    >>> reg, progress = project_tables(load_plan(), (2016, 2020), np.random.default_rng(1), projects=150)
    >>> len(reg), set(progress["status"]) <= {"未开工", "在建", "竣工", "停建", "取消"}, len(progress) > 150 * 12
    (150, True, True)
    """
    bases = [b for b in plan.bases if b.level == "national"]
    industries = list(_INDUSTRY_WEIGHTS)
    weights = np.array(list(_INDUSTRY_WEIGHTS.values()))
    units = list(_UNIT_WEIGHTS)
    unit_weights = np.array(list(_UNIT_WEIGHTS.values()))
    last_year = years[1]
    latest = min(last_year, 2019)  # planned starts 2016–2019, within the demo's years
    first = min(max(years[0], 2016), latest)
    register, progress = [], []
    regions = load_regions()
    for i in range(projects):
        industry = industries[int(rng.choice(len(industries), p=weights / weights.sum()))]
        unit = units[int(rng.choice(len(units), p=unit_weights / unit_weights.sum()))]
        fitting = [b.id for b in bases if industry in b.industries and unit in b.regions]
        base = fitting[0] if fitting and rng.random() < 0.7 else ""
        total = float(np.clip(math.exp(rng.normal(math.log(80_000), 0.9)), 10_000, 2_000_000))
        total = round(total / 100) * 100
        start_year, start_month = int(rng.integers(first, latest + 1)), int(rng.integers(1, 13))
        duration = int(rng.integers(18, 49))
        finish = _add_months(start_year, start_month, duration - 1)
        word = _PROJECT_WORDS[industry][int(rng.integers(0, 5))]
        city = regions.get(unit).name_zh.removesuffix("市")
        project_id = f"HB{start_year}-{i + 1:03d}"
        annual = round(total / max(duration / 12, 1.0), -2)
        register.append(
            {
                "project_id": project_id,
                "name": f"{city}{word}{'扩产' if rng.random() < 0.4 else '产业化'}项目",
                "industry": industry,
                "region": unit,
                "base": base,
                "department": _INDUSTRY_DEPARTMENT[industry],
                "total_investment": total,
                "annual_investment": annual,
                "planned_start": dt.date(start_year, start_month, 1),
                "planned_finish": _month_end(*finish),
            }
        )
        progress += _progress_rows(project_id, total, (start_year, start_month), duration, last_year, rng)
    return pd.DataFrame(register, columns=list(PROJECT_FIELDS)), pd.DataFrame(progress, columns=list(PROGRESS_FIELDS))


def _progress_rows(  # noqa: PLR0917 - one project's simulation
    project_id: str,
    total: float,
    planned: tuple[int, int],
    duration: int,
    last_year: int,
    rng: np.random.Generator,
) -> list[dict[str, object]]:
    """Monthly reports of one project from its planned start: delays, S-shaped spending, halts, cancellations."""
    draw = rng.random()
    delay = 0 if draw < 0.65 else int(rng.integers(1, 7)) if draw < 0.9 else int(rng.integers(7, 19))
    stretch = float(rng.uniform(0.9, 1.5))
    actual = max(1, round(duration * stretch))
    cancel_at = int(rng.integers(2, 20)) if rng.random() < 0.04 else None
    halt = (int(rng.integers(3, max(4, actual - 2))), int(rng.integers(3, 10))) if rng.random() < 0.05 else None
    rows: list[dict[str, object]] = []
    done, month_index, spent_months = 0.0, 0, 0
    while True:
        year, month = _add_months(*planned, month_index)
        if year > last_year:
            break
        status, note = "未开工", "前期手续办理中"
        if cancel_at is not None and month_index >= delay + cancel_at:
            status, note = "取消", "项目单位调整投资计划，项目取消"
        elif month_index >= delay:
            running = month_index - delay
            halted = halt is not None and halt[0] <= running < halt[0] + halt[1]
            if halted:
                status, note = "停建", "资金未到位，暂停施工"
            else:
                spent_months += 1
                share = min(1.0, spent_months / actual)
                done = total * (3 * share**2 - 2 * share**3) * float(rng.uniform(0.97, 1.0))
                status = "竣工" if spent_months >= actual else "在建"
                note = "竣工投产" if status == "竣工" else ("主体施工" if share < 0.6 else "设备安装调试")
        reported = _month_end(year, month) + dt.timedelta(days=int(rng.integers(8, 16)))
        rows.append(
            {
                "project_id": project_id,
                "period": f"{year}年{month}月",
                "completed_investment": round(done, 1),
                "status": status,
                "note": note,
                "published": reported,
            }
        )
        if status in ("竣工", "取消"):
            break
        month_index += 1
    return rows


def responsibility_tables(
    plan: Plan, years: tuple[int, int], rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The breakdown register (every target's lead department; three targets broken down to the 13 units with
    milestones 2016–2020) and the units' published figures of those three targets, one a year from 2015."""
    targets = {t.id: t for t in plan.targets}
    rows: list[dict[str, object]] = []
    observations: list[dict[str, object]] = []
    for target in plan.targets:
        lead, partners = _BROKEN_DOWN.get(target.id, (_lead_of(target.scope.type, target.scope.id), ""))
        rows.append(
            {
                "target": target.id,
                "region": PROVINCE_CODE,
                "year": target.deadline,
                "value": target.value,
                "unit": target.unit,
                "lead": lead,
                "partners": partners,
            }
        )
    total_weight = sum(_UNIT_WEIGHTS.values())
    for target_id in _BROKEN_DOWN:
        target = targets[target_id]
        final = float(target.value)
        shares = {u: round(final * w / total_weight) for u, w in _UNIT_WEIGHTS.items()}
        shares["130100"] += round(final) - sum(shares.values())  # the parts add up to the province's figure
        for unit, value in shares.items():
            start = value * float(rng.uniform(0.55, 0.8))
            pace = float(rng.uniform(0.6, 1.25))  # some units faster than planned, some slower
            for year in range(2016, target.deadline + 1):
                milestone = round(start + (value - start) * (year - 2015) / (target.deadline - 2015))
                rows.append(
                    {
                        "target": target_id,
                        "region": unit,
                        "year": year,
                        "value": milestone,
                        "unit": target.unit,
                        "lead": "",
                        "partners": "",
                    }
                )
            for year in range(2015, years[1]):
                actual = start + (value - start) * pace * (year - 2015) / (target.deadline - 2015)
                observations.append(
                    {
                        "indicator": target_id,
                        "region": unit,
                        "period": f"{year}年",
                        "value": round(actual * float(rng.uniform(0.98, 1.02))),
                        "unit": target.unit,
                        "source": "各市统计公报（演示）",
                        "published": dt.date(year + 1, 3, 15),
                    }
                )
    return (
        pd.DataFrame(rows, columns=list(RESPONSIBILITY_FIELDS)),
        pd.DataFrame(observations, columns=list(CITY_OBSERVATION_FIELDS)),
    )


def _lead_of(scope: str, scope_id: str) -> str:
    if scope == "industry":
        return _INDUSTRY_DEPARTMENT.get(scope_id, "省发展改革委")
    return {"base": "省发展改革委", "project": "省科技厅"}.get(scope, "省发展改革委")


def task_tables(plan: Plan, years: tuple[int, int], rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Assignments of every plan task and their half-yearly status reports (some late, some never finished).

    >>> from seimon.plan import load_plan
    >>> a, r = task_tables(load_plan(), (2016, 2020), np.random.default_rng(1))
    >>> len(a), set(r["status"]) <= {"未启动", "进行中", "已完成"}
    (45, True)
    """
    from seimon.tracking.tasks import plan_tasks

    categories = {f"{b.id}_{i}": a.category for b in plan.roadmap_boxes for i, a in enumerate(b.actions, start=1)}
    assignments, reports = [], []
    last = dt.date(years[1], 12, 31)
    for task in plan_tasks(plan):
        if task.kind == "measure":
            lead, partner = _MEASURE_DEPARTMENT.get(task.id, ("省发展改革委", ""))
        else:
            lead, partner = _CATEGORY_DEPARTMENT.get(categories.get(task.id, ""), "省发展改革委"), "省工业和信息化厅"
        deadline = dt.date(int(rng.integers(2017, 2021)), 12, 31)
        assignments.append({"task_id": task.id, "department": lead, "partners": partner, "deadline": deadline})
        draw = rng.random()
        late_days = 0 if draw < 0.7 else int(rng.integers(120, 500)) if draw < 0.9 else 10_000  # never
        early = int(rng.integers(0, 90))
        finished = deadline - dt.timedelta(days=early) if late_days == 0 else deadline + dt.timedelta(days=late_days)
        day = dt.date(2016, 7, 10)
        while day <= last + dt.timedelta(days=10):
            status = "已完成" if day >= finished else "进行中"
            reports.append(
                {
                    "task_id": task.id,
                    "published": day,
                    "status": status,
                    "progress": "任务完成，已通过验收" if status == "已完成" else "按计划推进，阶段性工作已完成",
                    "attachment": f"{task.id}_{day:%Y%m}.pdf",
                }
            )
            if status == "已完成":
                break
            day = dt.date(day.year + (day.month == 7), 1 if day.month == 7 else 7, 10)
    return pd.DataFrame(assignments, columns=list(TASK_FIELDS)), pd.DataFrame(reports, columns=list(TASK_REPORT_FIELDS))


def write_tracking(out_dir: Path, plan: Plan, years: tuple[int, int], rng: np.random.Generator) -> list[WrittenFile]:
    """Write the tracking registers of a demo directory (bases, projects, progress, breakdown, the units' figures
    of the broken-down targets, tasks, task reports); returns the files for the manifest."""
    register, progress = project_tables(plan, years, rng)
    breakdown, unit_figures = responsibility_tables(plan, years, rng)
    assignments, task_reports = task_tables(plan, years, rng)
    tables = (
        (base_table(plan), "bases.csv", "bases", BASE_FIELDS, ("省级示范基地名录（30个）", "the 30 provincial bases")),
        (register, "projects.csv", "projects", PROJECT_FIELDS, ("重点项目库", "project register")),
        (progress, "project_progress.csv", "project-progress", PROGRESS_FIELDS, ("项目月度进度", "monthly progress")),
        (breakdown, "responsibilities.csv", "responsibilities", RESPONSIBILITY_FIELDS, ("目标分解", "breakdown")),
        (
            unit_figures,
            "observations_cities.csv",
            "observations",
            CITY_OBSERVATION_FIELDS,
            ("分解目标的各市数据", "the units' figures of the broken-down targets"),
        ),
        (assignments, "tasks.csv", "tasks", TASK_FIELDS, ("专栏行动与保障措施分工", "task assignments")),
        (task_reports, "task_reports.csv", "task-reports", TASK_REPORT_FIELDS, ("任务进展报送", "task reports")),
    )
    return [
        write_csv(frame, out_dir, name, kind=kind, fields=fields, language="zh", encoding="utf-8-sig", description=text)
        for frame, name, kind, fields, text in tables
    ]


__all__ = [
    "BASE_FIELDS",
    "CITY_OBSERVATION_FIELDS",
    "PROGRESS_FIELDS",
    "PROJECT_FIELDS",
    "RESPONSIBILITY_FIELDS",
    "TASK_FIELDS",
    "TASK_REPORT_FIELDS",
    "base_table",
    "project_tables",
    "responsibility_tables",
    "task_tables",
    "write_tracking",
]
