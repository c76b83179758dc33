"""Render a report to PDF with WeasyPrint from the same HTML; the Simplified Chinese faces are subset and embedded.

WeasyPrint finds fonts through fontconfig by family name, so the faces are chosen by naming the SC families
(:mod:`seimon.report.fonts`): "Noto Serif CJK SC" and "Noto Sans CJK SC" resolve to the SC face of the ``.ttc``
collections. Text whose family does not resolve falls to fontconfig's generic ``serif``, which set Latin runs in
DejaVu Serif and some punctuation ("：", "，") in Noto Sans CJK JP. That happened to every line while the HTML's
inline ``<style>`` was HTML-escaped (``&#34;`` for ``"`` makes WeasyPrint drop each ``font-family`` and the
page-number rule), so the stylesheet is also passed to WeasyPrint directly (as a user stylesheet: the page's own
valid rules still win), with the two families pinned on the root element. After writing, the embedded font names
are checked and any non-SC CJK face is logged.
"""

from __future__ import annotations

import io
import logging

from seimon.report.content import Report
from seimon.report.fonts import SANS_FAMILY, SERIF_FAMILY, cjk_region, find_cjk_font
from seimon.report.render_html import render_html
from seimon.resources import resource_path

logger = logging.getLogger(__name__)


def pdf_stylesheet() -> str:
    """The CSS WeasyPrint applies on top of the page's own: the report stylesheet, then the SC faces pinned as the
    root font so that nothing inherits a generic family.

    >>> css = pdf_stylesheet()
    >>> '"Noto Serif CJK SC"' in css and "@page" in css
    True
    """
    serif, sans = find_cjk_font(SERIF_FAMILY), find_cjk_font(SANS_FAMILY)  # fail early, bilingual, not boxes
    css = (resource_path("report") / "report.css").read_text(encoding="utf-8")
    pinned = f'html {{ font-family: "{serif.family}", "{sans.family}", serif; }}'
    # WeasyPrint justifies only at spaces, so a Chinese line with one space ("其中6.3 太阳能产业") would open a gap
    # there: paragraphs are set flush left (a Chinese line ends at most one character short). WeasyPrint gives
    # these sheets the user origin, below the page's own "p { text-align: justify }": hence !important.
    flush_left = "p { text-align: start !important; }"
    return f"{css}\n{pinned}\n{flush_left}\n"


def embedded_fonts(pdf: bytes) -> list[str]:
    """The ``/BaseFont`` names of every font the PDF's pages use, subset tag removed, sorted.

    >>> from seimon.report.content import Report, Section
    >>> report = Report("bulletin", "简报", "1—9月", "zh", "public", [Section("一、总体", ["句子。"])])
    >>> embedded_fonts(render_pdf(report))
    ['Noto-Sans-CJK-SC', 'Noto-Serif-CJK-SC']
    """
    from pypdf import PdfReader

    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for ref in (fonts.get_object() if fonts is not None else {}).values():
            names.add(str(ref.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return sorted(names)


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4, page numbers in the footer), its CJK text in the SC faces.

    >>> from seimon.report.content import Report, Section
    >>> render_pdf(Report("bulletin", "简报", "1—9月", "zh", "public", [Section("一、总体", ["句子。"])]))[:5]
    b'%PDF-'
    """
    import weasyprint  # slow to import: only when a PDF is asked for

    stylesheet = weasyprint.CSS(string=pdf_stylesheet())
    html = render_html(report).decode("utf-8")
    pdf = weasyprint.HTML(string=html, base_url=None).write_pdf(stylesheets=[stylesheet])
    other = [name for name in embedded_fonts(pdf) if cjk_region(name) not in (None, "sc")]
    if other:
        logger.warning("PDF 嵌入了非简体中文字形 / the PDF embeds non-SC CJK faces: %s", ", ".join(other))
    return pdf
