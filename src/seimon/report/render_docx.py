"""Render a report as DOCX in official-document style (GB/T 9704 conventions).

Title 方正小标宋简体 (2号), headings 黑体 (level 1) and 楷体 (level 2), body 仿宋_GB2312 at 三号 (16 pt), page numbers
in the footer ("— 1 —"). The East-Asian font is set explicitly (``w:eastAsia`` in ``w:rFonts``) on every style,
because Word otherwise falls back to a Latin face's East-Asian default. When the GB faces are not installed Word
substitutes; the fallback we name is Noto Serif/Sans CJK SC (see :mod:`seimon.report.fonts`).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle

from seimon.report.content import Report

TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
FALLBACK_NOTE = "GB fonts fall back to Noto Serif CJK SC / Noto Sans CJK SC when not installed"


def _set_fonts(style: BaseStyle, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set the Latin and East-Asian font of a style (python-docx sets only w:ascii/w:hAnsi by itself)."""
    font = style.font  # type: ignore[attr-defined]
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _page_number_footer(section: object) -> None:
    """A centred "— PAGE —" field in the footer, as official documents number pages."""
    paragraph = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    paragraph.add_run(" —")


def _document_defaults(doc: object) -> None:
    """Runs without a style take the East-Asian font and language from here: 仿宋_GB2312 and zh-CN, not the theme."""
    root = doc.styles.element  # type: ignore[attr-defined]
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(doc: object) -> None:
    styles = doc.styles  # type: ignore[attr-defined]
    _document_defaults(doc)
    for style in styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
            _set_fonts(style, BODY_FONT)
    _set_fonts(styles["Normal"], BODY_FONT, 16)
    _set_fonts(styles["Title"], TITLE_FONT, 22, bold=False)
    _set_fonts(styles["Heading 1"], HEADING1_FONT, 16, bold=False)
    _set_fonts(styles["Heading 2"], HEADING2_FONT, 16, bold=False)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.color.rgb = RGBColor(0, 0, 0)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Normal"].paragraph_format.line_spacing = Pt(28)  # GB/T 9704: 22 lines a page, about 28 pt
    styles["Normal"].paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
    small = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = styles["Normal"]
    _set_fonts(small, TABLE_FONT, 10.5)
    small.paragraph_format.first_line_indent = Pt(0)
    small.paragraph_format.line_spacing = 1.0
    caption = styles["Caption"]
    _set_fonts(caption, HEADING2_FONT, 12, bold=False)
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)


def render_docx(report: Report) -> bytes:
    """The report as DOCX bytes.

    >>> from seimon.report.content import Report, Section
    >>> render_docx(Report("bulletin", "简报", "1—9月", "zh", "public", [Section("一、总体", ["句子。"])]))[:2]
    b'PK'
    """
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _styles(doc)
    _page_number_footer(section)
    doc.add_paragraph(report.title, style="Title")
    sub = doc.add_paragraph(report.subtitle, style="Heading 2")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in report.sections:
        if part.new_page:
            doc.add_page_break()
        doc.add_paragraph(part.title, style="Heading 1")
        for text in part.paragraphs:
            doc.add_paragraph(text)
        for table in part.tables:
            doc.add_paragraph(table.title, style="Caption")
            grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
            grid.style = doc.styles["Table Grid"]
            grid.alignment = WD_TABLE_ALIGNMENT.CENTER
            for i, head in enumerate(table.columns):
                cell = grid.rows[0].cells[i]
                cell.paragraphs[0].style = doc.styles["Table Text"]
                cell.paragraphs[0].add_run(head).bold = True
            for r, row in enumerate(table.rows, start=1):
                for i, value in enumerate(row):
                    para = grid.rows[r].cells[i].paragraphs[0]
                    para.style = doc.styles["Table Text"]
                    para.add_run(value)
            if table.note:
                doc.add_paragraph(table.note, style="Table Text")
        for chart in part.charts:
            doc.add_paragraph(chart.title, style="Caption")
            doc.add_picture(io.BytesIO(chart.png), width=Cm(15))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if chart.caption:
                doc.add_paragraph(chart.caption, style="Table Text")
    for note in report.notes:
        doc.add_paragraph(note, style="Table Text")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
