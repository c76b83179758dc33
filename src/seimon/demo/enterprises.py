"""Synthetic enterprise register: who reports, where, in which industry, how big, and when.

The register has to look like Hebei's above-scale industry to exercise the platform: most enterprises in
traditional classes (steel, cement, textiles …), about a fifth in SEI classes concentrated where the
real industries are (Baoding new energy, Shijiazhuang biomedicine, Tangshan equipment, Langfang
electronics, Zhangjiakou renewables), some in 定州, 辛集 and the 雄安 counties, heavy-tailed sizes,
entries and exits. Credit codes are valid GB 32100 codes registered in the enterprise's county, and
names are synthetic (city + made-up trade name + industry word + 有限公司).

Everything is drawn from one numpy ``Generator`` so that a seed reproduces the register exactly.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from seimon.demo.calibration import Calibration
from seimon.reference.classify import matched_products
from seimon.reference.concordance import Lookup, builtin_concordance
from seimon.reference.credit_code import generate_codes
from seimon.reference.regions import RegionRegister, load_regions
from seimon.reference.sei import PlanIndustryMap

logger = logging.getLogger(__name__)

GROUP_NON_SEI, GROUP_AUTOMATIC, GROUP_PRODUCT = 0, 1, 2
"""SEI groups: not SEI; an unstarred single-item class (placed automatically); a starred class with a key product."""

NO_EXIT = 9999

# Trade-name syllables, paired at random; chosen to read like a firm's 字号 without copying real firms.
_FIRST = tuple("岚澈蔚翊璟骁渤昶熠峪澜琨珩霁曜湛锦沐朔弘峥晟钧淼瀚旻堃")
_SECOND = tuple("源拓际恒睿跃宸川曦岳禾启岱衡朗铎煦樾砚嘉瑞川晖泓澍")
_SUFFIXES = ("有限公司", "有限公司", "有限公司", "股份有限公司", "集团有限公司")


@dataclass
class Register:
    """The enterprise register as parallel arrays (one entry per enterprise)."""

    credit_code: np.ndarray
    name: np.ndarray
    unit: np.ndarray  # reporting unit: city code, or 130682 定州 / 130181 辛集
    region: np.ndarray  # county-level code
    industry: np.ndarray  # GB/T 4754 class
    products: np.ndarray
    base: np.ndarray
    established: np.ndarray
    group: np.ndarray  # GROUP_* constants
    entry_year: np.ndarray  # first year reported as above-scale
    last_year: np.ndarray  # last year reported (NO_EXIT when still reporting)
    base_size: np.ndarray  # relative real value added in the year before the first generated year

    def __len__(self) -> int:
        return len(self.credit_code)

    @property
    def division(self) -> np.ndarray:
        """Two-digit GB/T 4754 division of each enterprise."""
        return np.array([c[:2] for c in self.industry], dtype=object)

    @property
    def is_sei(self) -> np.ndarray:
        return self.group != GROUP_NON_SEI

    def active(self, year: int) -> np.ndarray:
        """Boolean mask of enterprises that report in ``year``."""
        return (self.entry_year <= year) & (self.last_year >= year)


@lru_cache(maxsize=256)
def class_lookup(code: str) -> Lookup:
    """What the built-in concordance says about a class (cached; the concordance is immutable).

    >>> class_lookup("3612").automatic, class_lookup("3110").candidates
    (True, ())
    """
    return builtin_concordance().lookup(code, PlanIndustryMap([]))


def sei_group(code: str, products: str) -> int:
    """The SEI group an enterprise falls in, by the same rules the classifier uses.

    >>> sei_group("3612", ""), sei_group("3841", "动力电池；电池包"), sei_group("3841", "铅酸蓄电池")
    (1, 2, 0)
    """
    lookup = class_lookup(code)
    if lookup.automatic:
        return GROUP_AUTOMATIC
    if any(matched_products(c, products) for c in lookup.candidates):
        return GROUP_PRODUCT
    return GROUP_NON_SEI


def _short_place(name: str) -> str:
    """``石家庄市`` → ``石家庄``; ``正定县`` → ``正定``; two-character names keep their suffix (``涉县``)."""
    if "自治" in name or len(name) <= 2:
        return name
    return name[:-1] if name[-1] in "市县区" else name


def _counties(regions: RegionRegister, unit: str, exclude: set[str]) -> list[str]:
    """County-level units (not development zones) of a reporting unit; the unit itself for 定州 and 辛集."""
    region = regions.get(unit)
    if region.kind != "city":
        return [unit]
    return [r.code for r in regions.children(unit) if r.kind == "county" and r.code not in exclude]


def _choose(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=size, p=p / p.sum())]


def _products(rng: np.random.Generator, code: str, in_sei_mix: bool, cal: Calibration) -> str:
    """Products text: key products for SEI enterprises of starred classes (mostly), else generic ones."""
    lookup = class_lookup(code)
    params = cal.classes[code]
    if lookup.automatic:
        item = lookup.candidates[0].items_zh[0] if lookup.candidates[0].items_zh else ""
        return item.removesuffix("制造") if rng.random() < 0.7 else ""
    keys = [p for c in lookup.candidates for p in c.key_products]
    if keys and in_sei_mix and rng.random() < cal.enterprises.key_product_share:
        picked = rng.choice(len(keys), size=min(len(keys), int(rng.integers(1, 3))), replace=False)
        return "；".join(keys[i] for i in sorted(picked))
    return params.products or ""


def generate_register(cal: Calibration, n: int, years: tuple[int, int], rng: np.random.Generator) -> Register:
    """Draw ``n`` enterprises for the years ``years`` (first, last).

    >>> from seimon.demo.calibration import load_calibration
    >>> reg = generate_register(load_calibration(), 50, (2019, 2020), np.random.default_rng(1))
    >>> len(reg), all(c[2:8] == r for c, r in zip(reg.credit_code, reg.region))
    (50, True)
    """
    regions = load_regions()
    first, last = years
    ep = cal.enterprises
    unit_codes = list(cal.units)
    unit = _choose(rng, {u: cal.units[u].enterprises for u in unit_codes}, n)
    in_sei = rng.random(n) < ep.sei_share_of_enterprises
    xiongan = (unit == "130600") & (rng.random(n) < cal.xiongan.share_of_baoding)

    industry = np.empty(n, dtype=object)
    region = np.empty(n, dtype=object)
    exclude = set(cal.xiongan.counties) | {"130682", "130181"}
    for u in unit_codes:
        params = cal.units[u]
        for sei_flag, mix in ((True, params.sei), (False, params.non_sei)):
            mask = (unit == u) & (in_sei == sei_flag) & ~xiongan
            industry[mask] = _choose(rng, mix, int(mask.sum()))
        mask = (unit == u) & ~xiongan
        region[mask] = np.array(_counties(regions, u, exclude), dtype=object)[
            rng.integers(0, len(_counties(regions, u, exclude)), int(mask.sum()))
        ]
    for sei_flag, mix in ((True, cal.xiongan.sei), (False, cal.xiongan.non_sei)):
        mask = xiongan & (in_sei == sei_flag)
        industry[mask] = _choose(rng, mix, int(mask.sum()))
    region[xiongan] = np.array(cal.xiongan.counties, dtype=object)[
        rng.integers(0, len(cal.xiongan.counties), int(xiongan.sum()))
    ]

    products = np.array([_products(rng, c, bool(s), cal) for c, s in zip(industry, in_sei, strict=True)], dtype=object)
    group = np.array([sei_group(c, p) for c, p in zip(industry, products, strict=True)], dtype=np.int8)
    base = _bases(rng, cal, unit=unit, industry=industry, products=products, group=group)

    # entries and exits: SEI enterprises are likelier to be recent entrants
    n_later = last - first
    p_entrant = np.where(group > 0, ep.sei_entrant_boost, 1.0) * ep.entrants_per_year * n_later
    entrant = rng.random(n) < np.minimum(p_entrant, 0.6)
    entry_year = np.where(entrant, rng.integers(first + 1, last + 1, n) if n_later else first, first)
    hazard = np.where(group > 0, ep.exit_hazard["sei"], ep.exit_hazard["non_sei"])
    last_year = entry_year + rng.geometric(hazard) - 1
    last_year = np.where(last_year >= last, NO_EXIT, last_year)

    size = rng.lognormal(0.0, ep.log_sd, n)
    tail = rng.random(n) < ep.tail_share
    size[tail] *= np.minimum(1 + rng.pareto(ep.pareto_alpha, int(tail.sum())) * 4, ep.tail_cap)
    size[entrant] *= 0.35

    established = _established(rng, entry_year, entrant, first)
    codes = _credit_codes(rng, region)
    names = _names(rng, cal, regions, unit=unit, region=region, industry=industry, group=group)
    logger.info("register: %d enterprises, %d SEI, %d entrants", n, int((group > 0).sum()), int(entrant.sum()))
    return Register(
        credit_code=codes,
        name=names,
        unit=unit,
        region=region,
        industry=industry,
        products=products,
        base=base,
        established=established,
        group=group,
        entry_year=entry_year.astype(np.int32),
        last_year=last_year.astype(np.int32),
        base_size=size,
    )


def _bases(
    rng: np.random.Generator,
    cal: Calibration,
    *,
    unit: np.ndarray,
    industry: np.ndarray,
    products: np.ndarray,
    group: np.ndarray,
) -> np.ndarray:
    """A national base id for some SEI enterprises in the base's city and fields, else empty."""
    base = np.full(len(unit), "", dtype=object)
    for i in np.flatnonzero(group > 0):
        bases = cal.units[unit[i]].base
        if not bases or rng.random() >= cal.enterprises.base_share:
            continue
        lookup = class_lookup(industry[i])
        fields = {c.field_code for c in lookup.candidates if lookup.automatic or matched_products(c, products[i])}
        fitting = [b for b in bases if fields & set(cal.bases[b].fields)]
        if fitting:
            base[i] = fitting[int(rng.integers(0, len(fitting)))]
    return base


def _established(rng: np.random.Generator, entry_year: np.ndarray, entrant: np.ndarray, first: int) -> np.ndarray:
    """Founding dates: incumbents mostly founded in the 1990s–2010s, entrants a few years before entering."""
    n = len(entry_year)
    incumbent_year = np.clip(first - 1 - rng.exponential(9.0, n).astype(int), 1978, first - 1)
    entrant_year = entry_year - 1 - rng.integers(0, 6, n)
    year = np.where(entrant, entrant_year, incumbent_year)
    day_of_year = rng.integers(0, 365, n)
    chinese = rng.random(n) < 0.15
    out = np.empty(n, dtype=object)
    for i in range(n):
        date = dt.date(int(year[i]), 1, 1) + dt.timedelta(days=int(day_of_year[i]))
        # 2008-05-17 or 2008年5月17日: both forms occur in registers
        out[i] = f"{date.year}年{date.month}月{date.day}日" if chinese[i] else date.isoformat()
    return out


def _credit_codes(rng: np.random.Generator, region: np.ndarray) -> np.ndarray:
    """Valid, distinct GB 32100 codes whose division part is the enterprise's county."""
    codes = np.empty(len(region), dtype=object)
    for county in sorted(set(region)):
        idx = np.flatnonzero(region == county)
        seed = int(rng.integers(0, 2**31 - 1))
        codes[idx] = list(generate_codes(county, len(idx), seed=seed))
    return codes


def _names(
    rng: np.random.Generator,
    cal: Calibration,
    regions: RegionRegister,
    *,
    unit: np.ndarray,
    region: np.ndarray,
    industry: np.ndarray,
    group: np.ndarray,
) -> np.ndarray:
    """Distinct synthetic names: place + trade name + industry word + company form."""
    seen: set[str] = set()
    names = np.empty(len(unit), dtype=object)
    for i in range(len(unit)):
        place_code = region[i] if rng.random() < 0.3 else unit[i]
        place = _short_place(regions.get(place_code).name_zh)
        word = cal.classes[industry[i]].word
        tech = "科技" if group[i] > 0 and "科技" not in word and rng.random() < 0.5 else ""
        while True:
            trade = _FIRST[int(rng.integers(0, len(_FIRST)))] + _SECOND[int(rng.integers(0, len(_SECOND)))]
            name = f"{place}{trade}{word}{tech}{_SUFFIXES[int(rng.integers(0, len(_SUFFIXES)))]}"
            if name not in seen:
                break
        seen.add(name)
        names[i] = name
    return names
