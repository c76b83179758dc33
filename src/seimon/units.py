"""Units as Chinese plans and statistics write them, and how they convert.

A plan target says ``1500万千瓦``; a statistics release says ``1.2亿千瓦`` or ``15吉瓦``; an enterprise
report says ``12,000万元``. Comparing them needs one vocabulary of base units, multiplier prefixes and
dimensions. The plan extractor uses it to recognise units after a number, the importers to decide whether
two columns are convertible. Conversions only happen inside one dimension *and* one base unit: 万家 and
家 convert, 家 and 名 (both counts, but of different things) do not.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from seimon.errors import SeimonError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnitInfo:
    """One unit as written: its base unit, the factor to that base, and its dimension."""

    name: str
    base: str
    factor: float
    dimension: str
    prefix: str = ""


# Base units: name -> (base unit, factor to base, dimension, accepts 万/亿 prefixes).
_BASES: dict[str, tuple[str, float, str, bool]] = {
    # money
    "元": ("元", 1.0, "money", True),
    "美元": ("美元", 1.0, "money_usd", True),
    # power (installed capacity)
    "千瓦": ("千瓦", 1.0, "power", True),
    "瓦": ("千瓦", 1e-3, "power", False),
    "兆瓦": ("千瓦", 1e3, "power", True),
    "吉瓦": ("千瓦", 1e6, "power", False),
    "kW": ("千瓦", 1.0, "power", True),
    "MW": ("千瓦", 1e3, "power", False),
    "GW": ("千瓦", 1e6, "power", False),
    # energy (generation, consumption)
    "千瓦时": ("千瓦时", 1.0, "energy", True),
    "度": ("千瓦时", 1.0, "energy", True),
    "kWh": ("千瓦时", 1.0, "energy", True),
    "兆瓦时": ("千瓦时", 1e3, "energy", True),
    "MWh": ("千瓦时", 1e3, "energy", False),
    "GWh": ("千瓦时", 1e6, "energy", False),
    "吨标准煤": ("吨标准煤", 1.0, "energy_coal", True),
    "吨标煤": ("吨标准煤", 1.0, "energy_coal", True),
    # voltage (a class, never a target)
    "伏": ("伏", 1.0, "voltage", False),
    "千伏": ("伏", 1e3, "voltage", False),
    "kV": ("伏", 1e3, "voltage", False),
    # mass
    "吨": ("吨", 1.0, "mass", True),
    "千克": ("吨", 1e-3, "mass", False),
    "公斤": ("吨", 1e-3, "mass", True),
    "斤": ("吨", 5e-4, "mass", True),
    "克": ("吨", 1e-6, "mass", False),
    # area
    "平方米": ("平方米", 1.0, "area", True),
    "平方公里": ("平方米", 1e6, "area", True),
    "平方千米": ("平方米", 1e6, "area", True),
    "公顷": ("平方米", 1e4, "area", True),
    "亩": ("平方米", 10_000 / 15, "area", True),
    # length and sizes
    "米": ("米", 1.0, "length", True),
    "公里": ("米", 1e3, "length", True),
    "千米": ("米", 1e3, "length", True),
    "吋": ("米", 0.0254, "length", False),
    "英寸": ("米", 0.0254, "length", False),
    "纳米": ("米", 1e-9, "length", False),
    "微米": ("米", 1e-6, "length", False),
    # volume
    "立方米": ("立方米", 1.0, "volume", True),
    "升": ("立方米", 1e-3, "volume", True),
    # containers handled by a port, in twenty-foot equivalent units (TEU): "集装箱吞吐量突破800万标箱"
    "标箱": ("标箱", 1.0, "containers_teu", True),
    "标准箱": ("标箱", 1.0, "containers_teu", True),
    "TEU": ("标箱", 1.0, "containers_teu", True),
    # concentration
    "微克/立方米": ("微克/立方米", 1.0, "concentration", False),
    # bandwidth
    "Mbps": ("Mbps", 1.0, "bandwidth", False),
    "Gbps": ("Mbps", 1e3, "bandwidth", False),
    "兆": ("Mbps", 1.0, "bandwidth", False),
    "M": ("Mbps", 1.0, "bandwidth", False),  # "1000M及以上速率的光纤接入用户": broadband speed in Mbit/s
    # computing power ("算力规模超过300EFLOPS"): floating-point operations per second
    "TFLOPS": ("PFLOPS", 1e-3, "compute", False),
    "PFLOPS": ("PFLOPS", 1.0, "compute", False),
    "EFLOPS": ("PFLOPS", 1e3, "compute", False),
    "TFlops": ("PFLOPS", 1e-3, "compute", False),
    "PFlops": ("PFLOPS", 1.0, "compute", False),
    "EFlops": ("PFLOPS", 1e3, "compute", False),
    # storage capacity ("存储总量超过1800EB"), decimal multiples as the storage industry counts them
    "GB": ("TB", 1e-3, "storage", False),
    "TB": ("TB", 1.0, "storage", False),
    "PB": ("TB", 1e3, "storage", False),
    "EB": ("TB", 1e6, "storage", False),
    # shares, percentage points, multiples
    "%": ("%", 1.0, "share", False),
    "‰": ("%", 0.1, "share", False),
    "个百分点": ("百分点", 1.0, "percentage_point", False),
    "百分点": ("百分点", 1.0, "percentage_point", False),
    "倍": ("倍", 1.0, "multiple", False),
    "番": ("倍", 1.0, "multiple", False),  # special: 翻N番 = 2**N 倍, see normalize_quantity
    # durations
    "年": ("年", 1.0, "duration_years", False),
    "个月": ("年", 1 / 12, "duration_years", False),
    "天": ("天", 1.0, "duration_days", False),
    "日": ("天", 1.0, "duration_days", False),
    "个工作日": ("工作日", 1.0, "duration_workdays", False),
    "工作日": ("工作日", 1.0, "duration_workdays", False),
    "小时": ("天", 1 / 24, "duration_days", False),
    "分钟": ("天", 1 / 1440, "duration_days", False),
    # classes and ranks (descriptors in plans)
    "代": ("代", 1.0, "generation", False),
    "强": ("强", 1.0, "rank", False),
    "岁": ("岁", 1.0, "age", False),
}

# Counters (量词): each is its own base unit in the "count" dimension and takes 万/亿 prefixes.
COUNTERS: tuple[str, ...] = (
    "家", "个", "项", "名", "人", "人次", "户", "辆", "座", "台", "套", "条", "所", "处", "种", "件", "批",
    "只", "部", "位", "张", "块", "支", "颗", "片", "间", "栋", "幢", "艘", "架", "列", "口", "株", "头",
    "棵", "本", "册", "篇", "门", "款", "类", "例", "轮", "期", "次", "批次", "床", "对", "组", "包", "大",
    "场", "人年",  # 人年 (person-years): "每万名就业人员中研发人员达到60人年"
)  # fmt: skip

#: Multiplier prefixes a unit may carry (``万千瓦``, ``亿元``, ``千万千瓦``, ``百万千瓦``).
PREFIXES: dict[str, float] = {
    "十万": 1e5,
    "百万": 1e6,
    "千万": 1e7,
    "万": 1e4,
    "十亿": 1e9,
    "百亿": 1e10,
    "千亿": 1e11,
    "亿": 1e8,
    "万亿": 1e12,
}
#: Small multipliers that only ever appear at the head of a rate's denominator ("千瓦时/百公里", "人/千人"):
#: before a number they would belong to the numeral ("三百公里" is 300 公里), so they are not unit prefixes.
DENOMINATOR_MULTIPLIERS: dict[str, float] = {"十": 10.0, "百": 100.0, "千": 1000.0}
#: Prefixes built only from 万/亿: safe after a Chinese numeral, where 十/百/千 belong to the number.
LARGE_PREFIXES: frozenset[str] = frozenset({"万", "亿", "万亿"})


@lru_cache(maxsize=1)
def unit_table() -> dict[str, UnitInfo]:
    """Every unit as it can be written after a number, with its base, factor and dimension.

    Built once from the base units, the counters and the prefixes; ``千元`` is added by hand because money
    tables use it.

    >>> unit_table()["万千瓦"]
    UnitInfo(name='万千瓦', base='千瓦', factor=10000.0, dimension='power', prefix='万')
    """
    table: dict[str, UnitInfo] = {}
    for name, (base, factor, dim, prefixed) in _BASES.items():
        table[name] = UnitInfo(name, base, factor, dim)
        if prefixed:
            for prefix, mult in PREFIXES.items():
                table.setdefault(prefix + name, UnitInfo(prefix + name, base, factor * mult, dim, prefix))
    for counter in COUNTERS:
        table.setdefault(counter, UnitInfo(counter, counter, 1.0, "count"))
        for prefix, mult in PREFIXES.items():
            table.setdefault(prefix + counter, UnitInfo(prefix + counter, counter, mult, "count", prefix))
    table["千元"] = UnitInfo("千元", "元", 1e3, "money", "千")
    for prefix, mult in PREFIXES.items():
        # A bare multiplier as a unit ("突破1万", "千亿级"): a pure number.
        table.setdefault(prefix, UnitInfo(prefix, "", mult, "number", prefix))
    return table


def unit_info(unit: str) -> UnitInfo:
    """Look a unit up, including compound rates such as ``吨/日`` or ``万人/平方公里``.

    Raises a bilingual ``SeimonError`` for a unit we do not know, because guessing a unit silently would
    make a target incomparable with its data.

    >>> unit_info("万人/平方公里").base
    '人/平方米'
    >>> unit_info("吨/日").dimension
    'mass/duration_days'
    """
    table = unit_table()
    if unit in table:
        return table[unit]
    if "/" in unit:
        # "千瓦时/千克": numerator unit / denominator unit.
        num, _, den = unit.partition("/")
        b = denominator_info(den)
        if num in table and b is not None:
            a = table[num]
            return UnitInfo(unit, f"{a.base}/{b.base}", a.factor / b.factor, f"{a.dimension}/{b.dimension}")
    raise SeimonError(f"未知单位：{unit}", f"unknown unit: {unit}", code="unknown_unit")


def denominator_info(den: str) -> UnitInfo | None:
    """The unit a rate is expressed per, including a small multiplier head: ``百公里``, ``万元``, ``年``.

    Rates are written per hundred kilometres or per thousand people ("12千瓦时/百公里", "3.5人/千人"); the
    十/百/千 there scales the denominator, it is not a number. Returns None when ``den`` is not a unit.

    >>> denominator_info("百公里").factor, denominator_info("百公里").base
    (100000.0, '米')
    >>> denominator_info("万元").factor, denominator_info("众") is None
    (10000.0, True)
    """
    table = unit_table()
    if den in table:
        return table[den]
    head, rest = den[:1], den[1:]
    if head in DENOMINATOR_MULTIPLIERS and rest in table and not table[rest].prefix:
        # "百公里" = 100 公里: the multiplier only applies to a plain unit, never to "百万元" again.
        info = table[rest]
        return UnitInfo(den, info.base, info.factor * DENOMINATOR_MULTIPLIERS[head], info.dimension, head)
    return None


def is_unit(unit: str) -> bool:
    """Whether ``unit`` is a known unit (plain, prefixed or a compound rate).

    >>> is_unit("万千瓦"), is_unit("万众")
    (True, False)
    """
    try:
        unit_info(unit)
    except SeimonError:
        return False
    return True


def dimension(unit: str) -> str:
    """The dimension of a unit: money, power, energy, count, share, percentage_point, area, ...

    >>> dimension("亿千瓦时"), dimension("万家"), dimension("%")
    ('energy', 'count', 'share')
    """
    return unit_info(unit).dimension


def normalize_quantity(value: float, unit: str) -> tuple[float, str]:
    """Express a quantity in its base unit: the multiplier prefix is applied, the base unit returned.

    ``个百分点`` becomes ``百分点``; ``翻N番`` (value N, unit 番) becomes ``2**N`` 倍, because doubling is not
    linear in N. The empty unit of a unitless ratio (PUE 1.25) stays empty.

    >>> normalize_quantity(1500, "万千瓦")
    (15000000.0, '千瓦')
    >>> normalize_quantity(1500, "亿元")
    (150000000000.0, '元')
    >>> normalize_quantity(15, "万名")
    (150000.0, '名')
    >>> normalize_quantity(12, "%")
    (12.0, '%')
    >>> normalize_quantity(2, "番")
    (4.0, '倍')
    """
    if unit == "番":
        return float(2**value), "倍"
    if unit == "":
        return _clean(value), ""  # a unitless ratio ("PUE降到1.25以下") is already in its base
    info = unit_info(unit)
    return _clean(value * info.factor), info.base


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a value between two units of the same dimension and base unit.

    Raises a bilingual ``SeimonError`` when the dimensions (or, for counts, the counted things) differ, so
    that a target in 万千瓦 is never compared with data in 亿元.

    >>> convert(15000, "万元", "亿元")
    1.5
    >>> convert(1, "吉瓦", "万千瓦")
    100.0
    >>> try:
    ...     convert(1, "万元", "千瓦")
    ... except SeimonError as err:
    ...     print(err.message_en)
    units not convertible: 万元 (money) -> 千瓦 (power)
    """
    source, target = unit_info(from_unit), unit_info(to_unit)
    if "番" in (from_unit, to_unit) and from_unit != to_unit:
        raise SeimonError(
            f"单位不可换算：{from_unit} → {to_unit}（翻番不是线性单位）",
            f"units not convertible: {from_unit} -> {to_unit} (番 is not a linear unit)",
            code="unit_mismatch",
        )
    if source.dimension != target.dimension or source.base != target.base:
        raise SeimonError(
            f"单位不可换算：{from_unit}（{source.dimension}）→ {to_unit}（{target.dimension}）",
            f"units not convertible: {from_unit} ({source.dimension}) -> {to_unit} ({target.dimension})",
            code="unit_mismatch",
        )
    return _clean(value * source.factor / target.factor)


def _clean(number: float) -> float:
    """Round away binary noise (1.7 * 1e12 = 1699999999999.9998) without losing real precision."""
    return float(f"{number:.12g}")
