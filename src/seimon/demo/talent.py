"""Synthetic talent demand (``talent-demand``) of the demo's SEI enterprises, for the guide's 紧缺人才目录.

Why: the catalogue needs enterprises asking for occupations that fit their industry — a chip designer asks for
集成电路设计工程师, a drug maker for 生物医药研发人员 — in numbers where some occupation × industry cells rest on
one or two enterprises (so disclosure control has work to do). Each SEI enterprise reporting in the last year
is drawn with a probability, then asks for one to four occupations of its plan industry, for the whole year
(most) or for June; half the rows carry a 发布日期, the others are dated by the release calendar on import.
Drawn from its own generator (``[seed, 18]``) so the other files of a seed are unchanged. The occupations are
illustrative, several with their 《中华人民共和国职业分类大典》(2015) code.
"""

from __future__ import annotations

import datetime as dt
import logging

import numpy as np
import pandas as pd

from seimon.demo.enterprises import Register, class_lookup
from seimon.reference.classify import matched_products
from seimon.reference.sei import plan_industry_map

logger = logging.getLogger(__name__)

TALENT_FIELDS = ("credit_code", "occupation", "demand", "period", "education", "published")
ASKING_SHARE = 0.35
"""Share of the last year's SEI enterprises that state a demand."""
MAX_ROWS = 400
"""At most this many rows: "a few hundred", whatever the size of the demo."""

OCCUPATIONS: dict[str, tuple[str, ...]] = {
    "advanced_equipment": (
        "机器人系统集成工程师",
        "数控设备调试工程师",
        "2-02-07-02 机械设计工程技术人员",
        "焊接工程师",
    ),
    "next_gen_it": ("集成电路设计工程师", "大数据分析师", "2-02-10-09 集成电路工程技术人员", "嵌入式软件工程师"),
    "biology": ("生物医药研发人员", "药物制剂工程师", "临床研究协调员", "质量保证（QA）专员"),
    "new_materials": ("材料研发工程师", "2-02-14-01 高分子材料工程技术人员", "工艺工程师", "检测分析工程师"),
    "new_energy": ("光伏工艺工程师", "风电运维工程师", "储能系统工程师", "电气设计工程师"),
    "energy_saving_env": ("环境监测工程师", "节能评估工程师", "环保设备工程师", "水处理工艺工程师"),
    "nev": ("新能源汽车电控工程师", "动力电池工程师", "整车集成工程师", "智能网联测试工程师"),
    "digital_creative": ("数字媒体设计师", "游戏开发工程师", "动画设计师", "虚拟现实工程师"),
}
"""Occupations each plan industry's enterprises ask for (demo; a leading 职业分类大典 code where given)."""
EDUCATION = ("本科", "硕士", "大专", "博士")


def _occupations_of(class_code: str, products: str, cache: dict[tuple[str, str], tuple[str, ...]]) -> tuple[str, ...]:
    """The occupations an enterprise may ask for: those of its plan industries by the classifier's rules (its
    class's only item, or every item whose key products it makes), cached per class and products."""
    key = (class_code, products)
    if key not in cache:
        lookup = class_lookup(class_code)
        found = [c for c in lookup.candidates if lookup.automatic or matched_products(c, products)]
        mapping = plan_industry_map()
        industries = sorted({i for c in found if (i := mapping.industry_for(c.sei_code)) is not None})
        cache[key] = tuple(o for i in industries for o in OCCUPATIONS[i])
    return cache[key]


def talent_demand_table(reg: Register, year: int, rng: np.random.Generator) -> pd.DataFrame:
    """Rows of the talent-demand file for ``year``: SEI enterprises reporting that year ask for occupations.

    >>> from seimon.demo.calibration import load_calibration
    >>> from seimon.demo.enterprises import generate_register
    >>> reg = generate_register(load_calibration(), 80, (2019, 2020), np.random.default_rng(1))
    >>> frame = talent_demand_table(reg, 2020, np.random.default_rng(2))
    >>> list(frame.columns) == list(TALENT_FIELDS), bool((frame["demand"] >= 0).all())
    (True, True)
    """
    cache: dict[tuple[str, str], tuple[str, ...]] = {}
    rows: list[dict[str, object]] = []
    candidates = np.flatnonzero(reg.is_sei & reg.active(year))
    for i in candidates:
        if rng.random() >= ASKING_SHARE:
            continue
        choices = _occupations_of(str(reg.industry[i]), str(reg.products[i] or ""), cache)
        if not choices:
            continue
        asked = rng.choice(len(choices), size=int(rng.integers(1, 5)), replace=False)
        monthly = rng.random() < 0.2
        period = f"{year}年6月" if monthly else f"{year}年"
        published = dt.date(year, 7, 10) if monthly else dt.date(year + 1, 1, 20)
        for k in sorted(asked):
            rows.append(
                {
                    "credit_code": reg.credit_code[i],
                    "occupation": choices[int(k)],
                    "demand": int(rng.geometric(0.15)),
                    "period": period,
                    "education": EDUCATION[int(rng.integers(0, len(EDUCATION)))],
                    "published": published.isoformat() if rng.random() < 0.5 else None,
                }
            )
    frame = pd.DataFrame(rows, columns=list(TALENT_FIELDS))
    logger.info("talent demand %d: %d rows", year, min(len(frame), MAX_ROWS))
    return frame.head(MAX_ROWS)


__all__ = ["OCCUPATIONS", "TALENT_FIELDS", "talent_demand_table"]
