"""Words that contain numeral characters but are not numbers (一批, 万众创新, 长三角).

Why a list and not a rule: these are set phrases; no grammar tells "一批" (a number of) from "一家" (one firm).
The list is matched before any numeral is parsed, so each of its words is an idiom, not a quantity.
"""

from __future__ import annotations

import logging
import re

from seimon.numerals import CHINESE_NUMERAL_CHARS

logger = logging.getLogger(__name__)


# Words that contain numeral characters but are not numbers ("一批" = a number of, "万众创新" = mass
# innovation). Matched before any numeral parsing. Example: "形成一批龙头企业" -> 一批 is an idiom.
IDIOMS: tuple[str, ...] = (
    "大众创业万众创新", "万众创新", "一带一路", "一体化", "于一体", "一体", "新一代", "第三方", "一流", "一批",
    "一大批", "进一步", "统一", "一定", "一致", "一些", "之一", "一起", "唯一", "一般", "同一", "一系列",
    "一站式", "一线", "一道", "一并", "一律", "一切", "逐一", "一把手", "一次性", "一揽子", "一网通办", "一门式",
    "一窗受理", "一张图", "一张网", "一盘棋", "一方面", "一类", "一级", "二级", "三级", "一次能源", "一条龙",
    "万物互联", "千家万户", "千方百计", "百花齐放", "十分", "三农", "两化融合", "两化", "两用", "两岸", "两翼",
    "两方面", "两院", "两个一百年", "四化同步", "五位一体", "四个全面", "三去一降一补", "三严三实", "一号文件",
    "一对一", "一事一议", "一企一策", "一县一业", "一村一品", "一区多园", "新三板", "三板", "百强",
    "一手", "一时", "一旦", "一直", "一样", "一同", "一项项", "一个个", "一举", "万一", "一半",
    "十足", "百姓", "千万不", "一带", "一路", "一户一", "一网", "一键", "一码", "一卡通", "一图", "一核",
    "多元一体", "一二三产", "一二三产业", "第一产业", "第二产业", "第三产业", "一产", "二产", "三产",
    "下一代", "零部件", "零件", "零散", "零售", "零星", "零距离", "零容忍", "零碎", "零配件",
    "新一轮",  # "新一轮科技革命", "实施新一轮技改": a new round, not a count
    "长三角", "珠三角",  # regions: "推进数字长三角合作" names a place, not three of anything
    "三次产业",  # the three sectors of an economy ("三次产业结构"), a fixed term, not three of anything
    "一期", "二期", "三期", "四期",  # a project's phase ("单晶硅拉棒二期项目"), a name, not a count
    "一场",  # the article, as in "一场深刻变革", "打好一场攻坚战"; a number of events is written 5场, 十场
)  # fmt: skip


def has_numeral(segment: str) -> bool:
    return any(ch.isdigit() or ch in CHINESE_NUMERAL_CHARS for ch in segment)


def _idiom_pattern() -> re.Pattern[str]:
    words = sorted(IDIOMS, key=len, reverse=True)
    # "一批" but not inside the ordinal "第一批": Example "形成一批" -> idiom, "第一批" -> ordinal.
    return re.compile(
        "|".join(f"(?<!第){re.escape(w)}" if w[0] in CHINESE_NUMERAL_CHARS else re.escape(w) for w in words)
    )


IDIOM_RE = _idiom_pattern()
