"""The Hebei region register and its two trees, with aggregation that never counts a unit twice.

定州 (130682) and 辛集 (130181) are county-level cities administered directly by the province: provincial
releases report them beside the 11 prefecture cities ("各市（含定州、辛集市）"), yet they lie inside 保定 and
石家庄 and carry those cities' code prefixes. So the register has two views:

* ``reporting``: province -> 11 cities + 定州 + 辛集 -> county-level units (定州/辛集 are *not* under 保定/石家庄);
* ``geographic``: province -> 11 cities -> county-level units (定州 under 保定, 辛集 under 石家庄).

Summing a city level in the reporting view and then adding 定州/辛集 again from the geographic view is the
classic double count; :meth:`RegionRegister.aggregate` sums each county-level value into exactly one
ancestor of the chosen view, so both views give the same province total. Development zones (13xx7x) are
NBS functional zones with their own codes: counted once, under their city, flagged as zones.
雄安新区 has no code of its own; it is the group 容城 + 安新 + 雄县.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from seimon.errors import Location, SeimonError
from seimon.reference.packaged import packaged_table

logger = logging.getLogger(__name__)

REGIONS_TABLE = "regions_hebei.csv"
PROVINCE_CODE = "130000"


class View(StrEnum):
    """Which tree: the provincial reporting tree or the geographic (administrative) tree."""

    REPORTING = "reporting"
    GEOGRAPHIC = "geographic"


class Level(StrEnum):
    """Aggregation tiers. In the reporting view 定州 and 辛集 sit in the ``city`` tier."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


_DEPTH = {Level.PROVINCE: 0, Level.CITY: 1, Level.COUNTY: 2}

FLAG_PROVINCE_ADMINISTERED = "province_administered"
FLAG_DEVELOPMENT_ZONE = "development_zone"
FLAG_XIONGAN = "xiongan"


@dataclass(frozen=True)
class Region:
    """One coded unit. ``kind`` is province, city, county or zone (13xx7x development/functional zone)."""

    code: str
    name_zh: str
    name_en: str
    kind: str
    geo_parent: str | None
    report_parent: str | None
    flags: frozenset[str]

    def parent(self, view: View | str) -> str | None:
        return self.report_parent if View(view) is View.REPORTING else self.geo_parent

    @property
    def is_development_zone(self) -> bool:
        return FLAG_DEVELOPMENT_ZONE in self.flags

    @property
    def is_province_administered(self) -> bool:
        return FLAG_PROVINCE_ADMINISTERED in self.flags

    @property
    def county_level(self) -> bool:
        """County-level units (counties, districts, county-level cities, zones): where values are reported."""
        return self.kind in ("county", "zone")


@dataclass(frozen=True)
class RegionGroup:
    """A named group of units without a code of its own, cutting across nothing but reported apart."""

    id: str
    name_zh: str
    name_en: str
    members: tuple[str, ...]


XIONGAN = RegionGroup("xiongan", "雄安新区", "Xiong'an New Area", ("130629", "130632", "130638"))


class RegionRegister:
    """The region register: lookup, children, ancestors and aggregation in either view.

    >>> reg = load_regions()
    >>> reg.ancestor_at("130682", "city", "reporting"), reg.ancestor_at("130682", "city", "geographic")
    ('130682', '130600')
    >>> len(reg.reporting_units())
    13
    """

    def __init__(self, regions: Iterable[Region], edition: str, source: str) -> None:
        self.regions: dict[str, Region] = {r.code: r for r in regions}
        self.edition = edition
        self.source = source
        self.groups: dict[str, RegionGroup] = {XIONGAN.id: XIONGAN}
        self._by_name: dict[str, str] | None = None
        self._children: dict[tuple[View, str], list[str]] = defaultdict(list)
        for region in self.regions.values():
            for view in View:
                parent = region.parent(view)
                if parent:
                    self._children[(view, parent)].append(region.code)

    def __contains__(self, code: object) -> bool:
        return code in self.regions

    def code_of(self, text: str) -> str | None:
        """The code written as ``text``: a code of the register, or the exact Chinese name of one region.

        A name that two regions share (several cities have a 桥西区) names none of them.

        >>> reg = load_regions()
        >>> reg.code_of("张家口市"), reg.code_of("河北省"), reg.code_of("130700"), reg.code_of("桥西区")
        ('130700', '130000', '130700', None)
        """
        if text in self.regions:
            return text
        if self._by_name is None:
            counts: dict[str, list[str]] = defaultdict(list)
            for region in self.regions.values():
                counts[region.name_zh].append(region.code)
            self._by_name = {name: codes[0] for name, codes in counts.items() if len(codes) == 1}
        return self._by_name.get(text)

    def get(self, code: str) -> Region:
        """The region with ``code``; a bilingual error when the code is not in the register."""
        try:
            return self.regions[code]
        except KeyError:
            raise SeimonError(
                f"未知区划代码：{code}（{self.edition}）",
                f"unknown region code: {code} ({self.edition})",
                Location(field="region"),
                code="unknown_region",
            ) from None

    def children(self, code: str, view: View | str = View.REPORTING) -> list[Region]:
        return [self.regions[c] for c in sorted(self._children.get((View(view), code), []))]

    def within(self, code: str, view: View | str = View.REPORTING) -> list[str]:
        """``code`` and every unit below it in ``view``, top down.

        >>> reg = load_regions()
        >>> units = reg.within("130600")
        >>> units[0], "130602" in units, "130682" in units, "130682" in reg.within("130600", "geographic")
        ('130600', True, False, True)
        """
        found, stack = [code], [code]
        while stack:
            for child in self.children(stack.pop(), view):
                found.append(child.code)
                stack.append(child.code)
        return found

    def path(self, code: str, view: View | str = View.REPORTING) -> list[str]:
        """Codes from ``code`` up to the province (inclusive) in ``view``."""
        chain = [code]
        region = self.get(code)
        while (parent := region.parent(view)) is not None:
            chain.append(parent)
            region = self.get(parent)
        return chain

    def depth(self, code: str, view: View | str = View.REPORTING) -> int:
        return len(self.path(code, view)) - 1

    def ancestor_at(self, code: str, level: Level | str, view: View | str = View.REPORTING) -> str:
        """The unit that ``code`` counts under at ``level`` in ``view``: the first unit on the path to the
        province (``code`` itself included) whose depth is at most the level's depth.

        >>> reg = load_regions()
        >>> reg.ancestor_at("130102", "city"), reg.ancestor_at("130181", "city", "geographic")
        ('130100', '130100')
        >>> reg.ancestor_at("130181", "county", "reporting"), reg.ancestor_at("130682", "province")
        ('130181', '130000')
        """
        target = _DEPTH[Level(level)]
        path = self.path(code, view)
        for unit in path:
            if len(self.path(unit, view)) - 1 <= target:
                return unit
        return path[-1]

    def reporting_units(self) -> list[Region]:
        """The 13 units of the provincial release: 11 cities plus 定州 and 辛集."""
        return self.children(PROVINCE_CODE, View.REPORTING)

    def cities(self) -> list[Region]:
        """The 11 prefecture-level cities."""
        return [r for r in self.regions.values() if r.kind == "city"]

    def county_units(self) -> list[Region]:
        """All county-level units, development zones included (each reported under its own code)."""
        return [r for r in self.regions.values() if r.county_level]

    def group_of(self, code: str) -> list[RegionGroup]:
        return [g for g in self.groups.values() if code in g.members]

    def aggregate(
        self, values: Mapping[str, float], level: Level | str, view: View | str = View.REPORTING
    ) -> dict[str, float]:
        """Sum ``values`` (keyed by region code) into their ancestors at ``level`` in ``view``.

        Each value lands in exactly one unit. A key that is an ancestor of another key in either view
        (a city total given together with its counties, or 保定 together with 定州) would be counted twice,
        so it is refused with a bilingual error.

        >>> reg = load_regions()
        >>> reg.aggregate({"130682": 5.0, "130602": 2.0}, "city", "reporting")
        {'130682': 5.0, '130600': 2.0}
        >>> reg.aggregate({"130682": 5.0, "130602": 2.0}, "city", "geographic")
        {'130600': 7.0}
        """
        keys = set(values)
        for code in keys:
            for view_ in View:
                overlap = keys.intersection(self.path(code, view_)[1:])
                if overlap:
                    outer = sorted(overlap)[0]
                    raise SeimonError(
                        f"区划 {code} 与其上级 {outer} 同时给出数值，会重复计算",
                        f"region {code} and its ancestor {outer} both carry a value; that would double count",
                        Location(field="region"),
                        code="double_count",
                    )
        totals: dict[str, float] = {}
        for code, value in values.items():
            unit = self.ancestor_at(code, level, view)
            totals[unit] = totals.get(unit, 0.0) + value
        return totals

    def tree(self, view: View | str = View.REPORTING) -> dict[str, object]:
        """The whole tree as nested dictionaries (code, name_zh, name_en, level, children)."""

        def node(code: str) -> dict[str, object]:
            region = self.regions[code]
            return {
                "code": code,
                "name_zh": region.name_zh,
                "name_en": region.name_en,
                "level": region.kind,
                "flags": sorted(region.flags),
                "children": [node(child.code) for child in self.children(code, view)],
            }

        return node(PROVINCE_CODE)

    def records(self, view: View | str = View.REPORTING) -> list[dict[str, object]]:
        """Flat list for JSON output: code, name, level, parent in ``view``, both parents, flags, groups."""
        out: list[dict[str, object]] = []
        for region in sorted(self.regions.values(), key=lambda r: r.code):
            out.append(
                {
                    "code": region.code,
                    "name": region.name_zh,
                    "name_en": region.name_en or None,
                    "level": region.kind,
                    "parent": region.parent(view),
                    "geo_parent": region.geo_parent,
                    "report_parent": region.report_parent,
                    "depth": self.depth(region.code, view),
                    "flags": sorted(region.flags),
                    "groups": [g.id for g in self.group_of(region.code)],
                }
            )
        return out


@lru_cache(maxsize=1)
def load_regions() -> RegionRegister:
    """The packaged Hebei register (NBS 统计用区划代码 2023), loaded once.

    >>> reg = load_regions()
    >>> reg.get("130682").name_zh, reg.get("130682").is_province_administered
    ('定州市', True)
    """
    table = packaged_table(REGIONS_TABLE)
    regions = [
        Region(
            code=row["code"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            kind=row["level"],
            geo_parent=row["geo_parent"] or None,
            report_parent=row["report_parent"] or None,
            flags=frozenset(f for f in row["flags"].split("|") if f),
        )
        for row in table.rows
    ]
    return RegionRegister(regions, edition=table.edition, source=table.source)
