"""The year an annual document's targets are for, read from its title.

Why: a government work report or an annual plan states its targets without a year ("地区生产总值增长6%左右",
"新增小微企业园200个") because the whole document is about one year, named in its title ("合肥市2024年政府工作报告",
"关于下达2020年浙江省国民经济和社会发展计划的通知"). A five-year plan's title names a span ("（2021—2025年）") and
is not annual; its undated targets stay without a year.
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)


# One year (not part of a span "2021—2025年", not "到2025年") followed within its title by the name of an annual
# document: "合肥市2024年政府工作报告" -> 2024, "2020年浙江省国民经济和社会发展计划" -> 2020, "山西省2021年工业和信息化
# 工作主要目标" -> 2021, "福建省2019年新一轮技改专项行动（…工作安排）" -> 2019,
# "四川省新材料产业2020年度工作重点" -> 2020; not "行动计划（2021-2025年）".
ANNUAL_TITLE = re.compile(
    r"(?<![\d\-—–~～至到])(?P<year>(?:19|20)\d{2})\s*年(?!\s*[\-—–~～至到]|底|末|前|远景)"
    r"[^，。；;\n]{0,30}?"
    r"(?:政府工作报告|工作报告|工作要点|工作重点|工作计划|工作安排|工作主要目标|工作目标|重点工作|年度计划|社会发展计划|专项行动|工作方案)"
)


# A plan report's title naming the year reviewed, then the year planned: "关于安徽省2025年…计划执行情况与2026年计划
# 草案的报告" is for 2026 (its goals are the draft plan's); the first year is only the review's.
_PLANNED_AFTER_REVIEW = re.compile(
    r"执行情况[^，。；;\n]{0,4}?(?:与|及|和)[^，。；;\n\d]{0,6}?(?P<year>(?:19|20)\d{2})\s*年[^，。；;\n]{0,30}?计划"
)


# A plan's title naming one year in brackets at its end (round 8): "…六大攻坚行动方案（2026年）" -> 2026; not a span
# "行动计划（2023—2025年）".
_YEAR_IN_BRACKETS = re.compile(
    r"(?:方案|计划|要点|安排|清单|任务)\s*[（(]\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?\s*[）)]\s*$", re.M
)


def annual_plan_year(title: str) -> int | None:
    """The year an annual document's undated targets are for, or None when ``title`` names no single year.

    >>> annual_plan_year("合肥市2024年政府工作报告"), annual_plan_year("浙江省新材料产业发展行动计划（2019-2022年）")
    (2024, None)
    >>> annual_plan_year("关于安徽省2025年国民经济和社会发展计划执行情况与2026年计划草案的报告")
    2026
    >>> annual_plan_year("某区招商攻坚行动方案（2026年）"), annual_plan_year("某省三年行动计划（2024—2026年）")
    (2026, None)
    """
    planned = _PLANNED_AFTER_REVIEW.search(title)
    if planned is not None:
        return int(planned.group("year"))
    match = ANNUAL_TITLE.search(title) or _YEAR_IN_BRACKETS.search(title)
    return int(match.group("year")) if match else None


def title_lines(text: str, lines: int = 3) -> str:
    """The first non-empty lines of a text, where its title and 关于…的通知 stand."""
    return "\n".join([line for line in text.split("\n") if line.strip()][:lines])
