"""The reports use the Simplified Chinese faces, not the Japanese face of the same Noto CJK collection.

Debian ships Noto CJK as .ttc collections whose face 0 is JP; a tool that ignores the face index embeds or draws
"Noto Sans CJK JP", whose forms of some characters (骨, 直, 令) are not the Chinese ones. Checked here on what the
outputs contain: the PDF's font names and the embedded font programs' own names, the chart SVGs' glyph names, and
the DOCX's effective East-Asian font of every paragraph and run. The PDF and chart checks are shown to fail on a
JP face, the DOCX check on a document that leaves the East-Asian font to the theme (the reader's locale).
"""

from __future__ import annotations

import io
import re

import pytest
import weasyprint
from docx import Document
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib import pyplot as plt
from pypdf import PdfReader

from seimon.report import Report, charts
from seimon.report.fonts import SANS_FAMILY, SERIF_FAMILY, find_cjk_font

SC_FACES = {"Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC"}
SC_POSTSCRIPT = {"NotoSerifCJKsc-Regular", "NotoSansCJKsc-Regular"}
GB_FACES = {"方正小标宋简体", "黑体", "楷体", "仿宋_GB2312"}  # GB/T 9704 faces the DOCX styles name
GLYPH_ID = re.compile(r'id="([A-Za-z][\w-]*?)-[0-9a-f]+"')  # matplotlib SVG glyph ids: "NotoSansCJKsc-Regular-9aa8"


def pdf_font_names(pdf: bytes) -> set[tuple[str, str, str]]:
    """(/BaseFont, descriptor /FontName, the embedded program's PostScript name) of every font on every page,
    subset tags ("ABCDEF+") removed."""
    found: set[tuple[str, str, str]] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            base = str(font["/BaseFont"]).split("+")[-1]
            holder = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = holder["/FontDescriptor"].get_object()
            stream = next(descriptor[k] for k in ("/FontFile3", "/FontFile2", "/FontFile") if k in descriptor)
            program = TTFont(io.BytesIO(stream.get_object().get_data()))
            postscript = program["name"].getDebugName(6)
            found.add((base, str(descriptor["/FontName"]).split("+")[-1], postscript))
    return found


def chart_glyph_fonts(svg: str) -> set[str]:
    """The PostScript names of the fonts whose glyphs a matplotlib SVG draws (glyphs are paths named by font)."""
    return set(GLYPH_ID.findall(svg))


# --- fontconfig ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("family", "postscript"), [(SANS_FAMILY, "NotoSansCJKsc-Regular"),
                                                    (SERIF_FAMILY, "NotoSerifCJKsc-Regular")])  # fmt: skip
def test_fontconfig_finds_the_sc_face_in_the_collection(family: str, postscript: str) -> None:
    font = find_cjk_font(family)
    assert font.postscript_name == postscript
    face = TTFont(font.path, fontNumber=font.index, lazy=True)
    assert (face["name"].getDebugName(1), face["name"].getDebugName(6)) == (family, postscript)
    if font.path.suffix == ".ttc":  # face 0 of the collection is another region's: the index is what selects SC
        assert TTFont(font.path, fontNumber=0, lazy=True)["name"].getDebugName(6) != postscript


# --- PDF -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["bulletin", "evaluation"])
def test_pdf_embeds_only_the_sc_faces(rendered: dict, name: str) -> None:
    fonts = pdf_font_names(rendered[(name, "pdf")])
    assert {base for base, _, _ in fonts} == SC_FACES  # body (serif) and headings (sans), nothing else
    assert all(base == font_name for base, font_name, _ in fonts)
    assert {postscript for _, _, postscript in fonts} == SC_POSTSCRIPT  # the programs themselves are the SC faces


def test_the_pdf_check_catches_a_japanese_face() -> None:
    html = '<html lang="zh-CN"><body style="font-family: \'Noto Sans CJK JP\'">骨直令</body></html>'
    fonts = pdf_font_names(weasyprint.HTML(string=html).write_pdf())
    assert fonts == {("Noto-Sans-CJK-JP", "Noto-Sans-CJK-JP", "NotoSansCJKjp-Regular")}
    assert {base for base, _, _ in fonts} != SC_FACES


# --- charts --------------------------------------------------------------------------------------------------------
def test_charts_draw_with_the_sc_face(bulletin_public: Report, evaluation: Report) -> None:
    family = charts._font_family()
    assert family == SANS_FAMILY
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert font_manager.get_font(found).postscript_name == "NotoSansCJKsc-Regular"
    svgs = [c.svg for report in (bulletin_public, evaluation) for s in report.sections for c in s.charts]
    assert len(svgs) >= 3
    for svg in svgs:
        assert chart_glyph_fonts(svg) == {"NotoSansCJKsc-Regular"}


def test_the_chart_check_catches_a_japanese_face() -> None:
    jp = find_cjk_font(SANS_FAMILY).path
    chart = charts.ranking_bars("r", "骨直", ["甲"], [1.0], "%", "zh")
    assert chart_glyph_fonts(chart.svg) == {"NotoSansCJKsc-Regular"}
    fig = plt.figure()
    fig.text(0.5, 0.5, "骨直", fontproperties=font_manager.FontProperties(fname=str(jp)))  # face 0 of the file
    svg = io.StringIO()
    fig.savefig(svg, format="svg")
    plt.close(fig)
    assert chart_glyph_fonts(svg.getvalue()) == {"NotoSansCJKjp-Regular"}


# --- DOCX ----------------------------------------------------------------------------------------------------------
def _east_asian(element: object) -> str | None:
    rpr = element.find(qn("w:rPr")) if element is not None else None  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def _style_east_asian(style: object) -> str | None:
    """A style's East-Asian font, following basedOn; None when it would come from the theme (the reader's
    locale decides, which may be a Japanese face)."""
    while style is not None:
        if found := _east_asian(style.element):  # type: ignore[attr-defined]
            return found
        style = style.base_style  # type: ignore[attr-defined]
    return None


def test_docx_styles_and_every_run_carry_an_east_asian_font(rendered: dict) -> None:
    doc = Document(io.BytesIO(rendered[("bulletin", "docx")]))
    for style in doc.styles:
        if style.type in (1, 2, 3):  # paragraph, character, table: each names its East-Asian font itself
            assert _east_asian(style.element) in GB_FACES, style.name
    assert _style_east_asian(doc.styles["Title"]) == "方正小标宋简体"
    assert _style_east_asian(doc.styles["Heading 1"]) == "黑体"
    assert _style_east_asian(doc.styles["Heading 2"]) == "楷体"
    assert _style_east_asian(doc.styles["Normal"]) == "仿宋_GB2312"
    # the effective East-Asian font of every run of the body, the tables and the footer
    paragraphs = list(doc.paragraphs) + [
        p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    paragraphs += list(doc.sections[0].footer.paragraphs)
    effective = set()
    for paragraph in paragraphs:
        for run in paragraph.runs:
            own = _east_asian(run._r) or (_style_east_asian(run.style) if run.style.name != "Default Paragraph Font"
                                          else None)  # fmt: skip
            effective.add(own or _style_east_asian(paragraph.style))
    assert effective and effective <= GB_FACES, effective
    xml = doc.styles.element.xml
    assert not re.search(r"JP|Mincho|Gothic|明朝|ゴシック", xml)


def test_the_docx_check_catches_a_theme_font() -> None:
    plain = Document()  # python-docx's template: East-Asian font from the theme, chosen by the reader's locale
    assert _style_east_asian(plain.styles["Normal"]) is None
