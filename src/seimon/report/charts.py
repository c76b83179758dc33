"""Charts for the reports, drawn with matplotlib in the CJK font found by :mod:`seimon.report.fonts`.

Each chart is returned as SVG (glyphs converted to paths, so HTML and PDF need no font to show it) and PNG (for
DOCX). The region "map" is a schematic tile map: the project ships no boundary data, so the 13 reporting units
are tiles at approximate positions, and the caption says so.
"""

from __future__ import annotations

import functools
import io
import logging
import math

import matplotlib

matplotlib.use("Agg")  # headless: reports are generated on servers

from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from seimon.report.content import Chart, Lang, tr
from seimon.report.fonts import SANS_FAMILY, find_cjk_font

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
    """Register the CJK font file with matplotlib once and return the family name to use."""
    font = find_cjk_font(SANS_FAMILY)
    font_manager.fontManager.addfont(str(font.path))
    name = font_manager.FontProperties(fname=str(font.path)).get_name()
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
    """A schematic tile map of the 13 reporting units coloured by value (grey: not published).

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
        "示意图：各地块按大致地理方位排列，不是地图（项目未收录行政区划边界数据）。",
        "Schematic: tiles at approximate geographic positions, not a map (no boundary data in the project).",
    )
    return _finish(fig, key, title, caption)
