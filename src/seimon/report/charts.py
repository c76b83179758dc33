"""Charts for the reports, drawn with matplotlib in the Simplified Chinese face found by :mod:`seimon.report.fonts`.

Each chart is returned as SVG (glyphs converted to paths, so HTML and PDF need no font to show it) and PNG (for
DOCX). The region map draws the 11 city outlines decoded by :mod:`seimon.report.mapdata` (the npm map the web pages
use, copied into ``resources/maps/`` by ``scripts/build-frontend.sh``), with 定州 and 辛集 as points; when that file
is absent it falls back, with a warning, to a schematic tile map. Either way it is a schematic (示意图), not a
standard map with a 审图号, and the caption says so and names the source.
"""

from __future__ import annotations

import functools
import io
import logging
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: reports are generated on servers

import matplotlib.patheffects
import numpy as np
from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from seimon.errors import SeimonError
from seimon.report.content import Chart, Lang, tr
from seimon.report.fonts import SANS_FAMILY, find_cjk_font
from seimon.report.mapdata import POINT_UNITS, CityMap, load_city_map

logger = logging.getLogger(__name__)

# Approximate (column, row) of each reporting unit, row 0 at the top (north): a schematic, not a map.
TILE_POSITIONS: dict[str, tuple[int, int]] = {
    "130700": (0, 0),  # 张家口
    "130800": (2, 0),  # 承德
    "130600": (1, 1),  # 保定
    "131000": (2, 1),  # 廊坊
    "130200": (3, 1),  # 唐山
    "130300": (4, 1),  # 秦皇岛
    "130100": (0, 2),  # 石家庄
    "130682": (1, 2),  # 定州
    "130900": (3, 2),  # 沧州
    "130181": (1, 3),  # 辛集
    "131100": (2, 3),  # 衡水
    "130500": (1, 4),  # 邢台
    "130400": (1, 5),  # 邯郸
}


@functools.cache
def _font_family() -> str:
    """Register the CJK font file with matplotlib once and return the family name to use: the SC face's own.

    A ``.ttc`` holds one face per region and face 0 is JP; ``FontProperties(fname=…)`` names face 0, so the
    family is taken from fontconfig and matplotlib (3.10 and later register every face of a collection) is asked
    for that family, which resolves to the SC face's index.
    """
    font = find_cjk_font(SANS_FAMILY)
    font_manager.fontManager.addfont(str(font.path))
    name = font.family
    try:
        found = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    except ValueError:
        found = None
    if found is None or Path(found) != font.path or getattr(found, "face_index", 0) != font.index:
        name = font_manager.FontProperties(fname=str(font.path)).get_name()  # face 0 of the file
        logger.warning(
            "matplotlib 找不到 %s（%s 第 %d 个字面），图表改用 %s，部分字形为日文字形；"
            "请升级 matplotlib 至 3.10 及以上 / "
            "matplotlib cannot select %s (face %d of %s); charts use %s, some glyphs in Japanese forms: "
            "upgrade matplotlib to 3.10 or later",
            font.family, font.path, font.index, name, font.family, font.index, font.path, name,
        )  # fmt: skip
    matplotlib.rcParams["font.family"] = [name]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK face has no U+2212 in some builds
    matplotlib.rcParams["svg.fonttype"] = "path"
    matplotlib.rcParams["svg.hashsalt"] = "seimon"  # deterministic ids in the SVG
    return name


def _figure(width: float, height: float) -> Figure:
    _font_family()
    return plt.figure(figsize=(width, height), dpi=100)


def _finish(fig: Figure, key: str, title: str, caption: str) -> Chart:
    fig.tight_layout()
    svg, png = io.BytesIO(), io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None})
    fig.savefig(png, format="png", dpi=150)
    plt.close(fig)
    text = svg.getvalue().decode("utf-8")
    text = text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE so the SVG can be inlined
    return Chart(key, title, caption, text, png.getvalue())


def trend_chart(
    key: str,
    title: str,
    points: list[tuple[float, float]],
    unit: str,
    lang: Lang,
    *,
    target: tuple[float, float] | None = None,
    forecast: tuple[float, float, float | None, float | None] | None = None,
    caption: str = "",
) -> Chart:
    """A series over time with the target (deadline t, value) as a line and the forecast (t, value, low, high).

    ``t`` is in years at the end of each period (the end of 2015 is 2016.0), as :mod:`seimon.assess.series` has it.

    >>> c = trend_chart("t", "比重", [(2016.0, 16.5), (2017.0, 17.1)], "%", "zh", target=(2020.0, 20.0))
    >>> c.svg.startswith("<svg"), c.png[:4]
    (True, b'\\x89PNG')
    """
    fig = _figure(6.4, 3.2)
    ax = fig.add_subplot()
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    ax.plot(xs, ys, marker="o", color="#1f4e79", label=tr(lang, "实际值", "actual"))
    if forecast is not None and xs:
        t, value, low, high = forecast
        ax.plot([xs[-1], t], [ys[-1], value], linestyle="--", color="#c55a11", label=tr(lang, "预测", "forecast"))
        if low is not None and high is not None:
            ax.fill_between([xs[-1], t], [ys[-1], low], [ys[-1], high], color="#c55a11", alpha=0.2,
                            label=tr(lang, "预测区间", "forecast interval"))  # fmt: skip
    if target is not None:
        ax.axhline(target[1], color="#548235", linestyle=":", label=tr(lang, "规划目标", "plan target"))
        ax.axvline(target[0], color="#aaaaaa", linewidth=0.8)
    ax.set_ylabel(unit)
    ax.set_title(title, fontsize=11)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    # t is the end of a period in years: t = 2016.0 is the end of 2015, so the tick at 2016 reads "2015" (年末)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _pos: f"{round(v) - 1}"))
    ax.set_xlabel(tr(lang, "年末", "end of year"), fontsize=8)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    return _finish(fig, key, title, caption)


def ranking_bars(  # noqa: PLR0917
    key: str, title: str, names: list[str], values: list[float | None], unit: str, lang: Lang
) -> Chart:
    """Horizontal bars ranked from the top; a suppressed or missing value is a labelled gap.

    >>> ranking_bars("r", "增速", ["甲", "乙"], [3.0, None], "%", "zh").key
    'r'
    """
    fig = _figure(6.4, 0.32 * len(names) + 1.0)
    ax = fig.add_subplot()
    ypos = list(range(len(names)))[::-1]
    shown = [v if v is not None else 0.0 for v in values]
    ax.barh(ypos, shown, color=["#1f4e79" if v is not None else "#ffffff" for v in values])
    for y, v in zip(ypos, values, strict=True):
        ax.text(v if v is not None else 0.0, y, f" {v:.1f}" if v is not None else " —", va="center", fontsize=8)
    ax.set_yticks(ypos, names, fontsize=8)
    ax.set_xlabel(unit)
    ax.set_title(title, fontsize=11)
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.margins(x=0.12)
    return _finish(fig, key, title, "")


def tile_map(key: str, title: str, values: dict[str, float | None], names: dict[str, str], lang: Lang) -> Chart:
    """A schematic tile map of the 13 reporting units coloured by value (grey: not published): the fallback of
    :func:`region_map` when the map file has not been built.

    >>> tile_map("m", "增速", {"130100": 5.0}, {"130100": "石家庄市"}, "zh").caption[:6]
    '示意图：各地'
    """
    fig = _figure(5.6, 4.6)
    ax = fig.add_subplot()
    known = [v for v in values.values() if v is not None and math.isfinite(v)]
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    cmap = matplotlib.colormaps["Blues"]
    for code, (col, row) in TILE_POSITIONS.items():
        value = values.get(code)
        share = 0.5 if high == low else ((value or low) - low) / (high - low)
        colour = cmap(0.25 + 0.6 * share) if value is not None else "#dddddd"
        ax.add_patch(matplotlib.patches.Rectangle((col, -row), 0.95, 0.95, color=colour))
        text_colour = "white" if value is not None and share > 0.6 else "black"
        label = f"{names.get(code, code)}\n{value:.1f}" if value is not None else f"{names.get(code, code)}\n—"
        ax.text(col + 0.475, -row + 0.475, label, ha="center", va="center", fontsize=8, color=text_colour)
    ax.set_xlim(-0.1, 5.1)
    ax.set_ylim(-5.1, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=11)
    caption = tr(
        lang,
        "示意图：各地块按大致地理方位排列，不是地图（地图数据文件未生成，见 scripts/build-frontend.sh）。",
        "Schematic: tiles at approximate geographic positions, not a map (the map data file was not built: see "
        "scripts/build-frontend.sh).",
    )
    return _finish(fig, key, title, caption)


MAP_NOTE_ZH = "示意图，非标准地图（无审图号），不作为行政区域界线的依据；对外公开发布地图须使用经审核批准的标准地图。"
MAP_NOTE_EN = (
    "Schematic, not a standard map: it has no map review number (shentuhao) and is no authority on boundaries; maps "
    "published to the public must use an approved standard map."
)
NEIGHBOURS = {"北京": ("Beijing", (116.40, 40.10)), "天津": ("Tianjin", (117.25, 39.20))}  # blank holes in the map
MISSING_COLOUR = "#e0e0e0"  # a unit whose value is not published (hatched on the map)


def _colour_scale(known: list[float]) -> tuple[matplotlib.colors.Colormap, matplotlib.colors.Normalize]:
    """Sequential blues when every value has one sign; a diverging scale symmetric about 0 when growth is mixed,
    so a fall never looks like slow growth (symmetric, so the colour bar stays linear).

    >>> _colour_scale([1.0, 5.0])[1].vmin, _colour_scale([-1.0, 5.0])[1].vmin
    (1.0, -5.0)
    """
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    if low < 0 < high:
        reach = max(-low, high)
        return matplotlib.colormaps["PuOr"], matplotlib.colors.Normalize(-reach, reach)
    if high == low:
        low, high = low - 1.0, high + 1.0
    base = matplotlib.colormaps["Blues" if low >= 0 else "Oranges_r"]
    cmap = matplotlib.colors.LinearSegmentedColormap.from_list("seimon", base(np.linspace(0.15, 0.85, 256)))
    return cmap, matplotlib.colors.Normalize(low, high)


def region_map_figure(  # noqa: PLR0917 (a chart's parts in order)
    city_map: CityMap, title: str, values: dict[str, float | None], names: dict[str, str], lang: Lang, unit: str = "%"
) -> Figure:
    """The map figure itself (for :func:`region_map`, and for tests that inspect what is drawn): one patch per
    polygon coloured by its city's value (hatched grey: not published), a label with name and value at each city's
    label point, 定州 and 辛集 as points with their own labels, a colour bar, a legend, north up and the lon/lat
    aspect corrected by cos(latitude).

    >>> from seimon.report.mapdata import load_city_map
    >>> fig = region_map_figure(load_city_map(), "增速", {"130100": 5.0}, {"130100": "石家庄市"}, "zh")
    >>> "石家庄市\\n5.0" in [t.get_text() for t in fig.axes[0].texts]
    True
    >>> plt.close(fig)
    """
    fig = _figure(6.4, 6.0)
    ax = fig.add_subplot()
    known = [v for v in values.values() if v is not None and math.isfinite(v)]
    cmap, norm = _colour_scale(known)
    halo = [matplotlib.patheffects.withStroke(linewidth=2.2, foreground="white")]

    def label(code: str) -> str:
        value = values.get(code)
        return f"{names.get(code, code)}\n{value:.1f}" if value is not None else f"{names.get(code, code)}\n—"

    for code, city in city_map.cities.items():
        value = values.get(code)
        colour = cmap(norm(value)) if value is not None else MISSING_COLOUR
        for part, rings in enumerate(city.polygons):
            ax.add_patch(
                matplotlib.patches.PathPatch(
                    matplotlib.path.Path.make_compound_path(*(matplotlib.path.Path(r, closed=True) for r in rings)),
                    facecolor=colour,
                    edgecolor="#555555",
                    linewidth=0.5,
                    hatch="////" if value is None else None,
                    gid=f"{code}_{part}",  # region code and polygon number, the SVG group id
                )
            )
        x, y = city.label_point
        ax.text(x, y, label(code), ha="center", va="center", fontsize=7.5, linespacing=1.1, path_effects=halo)
    # 定州 and 辛集: city seats as points, each label set away from the neighbouring cities' labels
    offsets = {"130682": ((-7, 0), "right", "center"), "130181": ((7, -1), "left", "center")}
    for code, (x, y) in POINT_UNITS.items():
        value = values.get(code)
        colour = cmap(norm(value)) if value is not None else MISSING_COLOUR
        ax.scatter([x], [y], s=70, color=colour, edgecolors="#222222", linewidths=0.9, zorder=3, gid=code)
        (dx, dy), ha, va = offsets.get(code, ((7, 0), "left", "center"))
        ax.annotate(label(code).replace("\n", " "), (x, y), xytext=(dx, dy), textcoords="offset points",
                    ha=ha, va=va, fontsize=7, path_effects=halo, zorder=4)  # fmt: skip
    for name_zh, (name_en, (x, y)) in NEIGHBOURS.items():
        ax.text(x, y, tr(lang, name_zh, name_en), ha="center", va="center", fontsize=7, color="#888888", style="italic")
    west, south, east, north = city_map.bounds()
    ax.set_xlim(west - 0.15, east + 0.15)
    ax.set_ylim(south - 0.15, north + 0.15)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))  # a degree of longitude is cos(φ) as long
    ax.axis("off")
    ax.annotate("N", xy=(0.04, 0.97), xytext=(0.04, 0.88), xycoords="axes fraction", ha="center", va="center",
                fontsize=9, arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 1.0})  # fmt: skip
    bar = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.55, pad=0.02)
    bar.set_label(unit, fontsize=8)
    bar.ax.tick_params(labelsize=7)
    points = tr(lang, "、", ", ").join(names.get(code, code) for code in POINT_UNITS)
    handles = [
        matplotlib.patches.Patch(facecolor=MISSING_COLOUR, edgecolor="#555555", hatch="////",
                                 label=tr(lang, "不宜公布或无数据", "not published or no data")),
        matplotlib.lines.Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#222222",
                                label=tr(lang, f"省直管市（{points}）", f"province-administered: {points}")),
    ]  # fmt: skip
    ax.legend(handles=handles, loc="lower right", fontsize=7, frameon=False)
    ax.set_title(title, fontsize=11)
    return fig


def region_map(  # noqa: PLR0917 (a chart's parts in order)
    key: str,
    title: str,
    values: dict[str, float | None],
    names: dict[str, str],
    lang: Lang,
    unit: str = "%",
    map_file: Path | None = None,
) -> Chart:
    """The 13 reporting units on a map of Hebei (:func:`region_map_figure`), with a caption that says it is a
    schematic without 审图号, that 保定's and 石家庄's values exclude 定州 and 辛集, and where the outlines come
    from. Without the map file (``map_file``, default :func:`seimon.report.mapdata.map_path`) it logs a warning and
    draws :func:`tile_map`.

    ``values`` and ``names`` are by region code; the values of 保定 and 石家庄 are reporting-view values.

    >>> c = region_map("m", "增速", {"130100": 5.0, "130181": -1.0}, {"130100": "石家庄市", "130181": "辛集市"}, "zh")
    >>> c.caption.startswith("示意图"), "审图号" in c.caption, c.svg.startswith("<svg")
    (True, True, True)
    """
    try:
        city_map = load_city_map(map_file)
    except SeimonError as exc:
        logger.warning("地图数据缺失，改画示意方块图 / no map data, drawing the tile map instead: %s", exc)
        return tile_map(key, title, values, names, lang)
    fig = region_map_figure(city_map, title, values, names, lang, unit)
    parts = [names.get(c, c) for c in ("130600", "130100", "130682", "130181")]
    caption = " ".join(
        [
            tr(lang, MAP_NOTE_ZH, MAP_NOTE_EN),
            tr(
                lang,
                f"{parts[0]}、{parts[1]}的数值按填报口径，不含{parts[2]}、{parts[3]}；后两市以圆点单独标示。",
                f"The values of {parts[0]} and {parts[1]} are reporting-view values that exclude {parts[2]} and "
                f"{parts[3]}, marked as points with their own values.",
            ),
            city_map.source_note(lang),
        ]
    )
    return _finish(fig, key, title, caption)


def rank_interval_chart(  # noqa: PLR0917 (a chart's parts in order)
    key: str,
    title: str,
    names: list[str],
    ranks: list[int],
    intervals: list[tuple[int, int]],
    lang: Lang,
    caption: str = "",
) -> Chart:
    """The appraisal ranking: one row per unit (best at the top), its 5–95 % rank interval as a bar, the rank a dot.

    >>> rank_interval_chart("r", "名次", ["甲", "乙"], [1, 2], [(1, 2), (1, 2)], "zh").svg.startswith("<svg")
    True
    """
    fig = _figure(6.4, 0.34 * len(names) + 1.2)
    ax = fig.add_subplot()
    ypos = list(range(len(names)))[::-1]
    for y, rank, (low, high) in zip(ypos, ranks, intervals, strict=True):
        ax.plot([low, high], [y, y], color="#9dc3e6", linewidth=7, solid_capstyle="round")
        ax.plot([rank], [y], marker="o", color="#1f4e79", markersize=6)
    ax.set_yticks(ypos, names, fontsize=8)
    ax.set_xlim(0.5, max(len(names), 2) + 0.5)
    ax.invert_xaxis()  # first place on the right, as "higher is better" reads
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_xlabel(
        tr(lang, "名次（圆点：名义名次；条：5%～95%区间）", "rank (dot: nominal; bar: 5–95% interval)"), fontsize=8
    )
    ax.set_title(title, fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    return _finish(fig, key, title, caption)
