"""Render a report to PDF with WeasyPrint from the same HTML; the CJK fonts are subset and embedded."""

from __future__ import annotations

import logging

from seimon.report.content import Report
from seimon.report.fonts import SANS_FAMILY, SERIF_FAMILY, find_cjk_font
from seimon.report.render_html import render_html

logger = logging.getLogger(__name__)


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4, page numbers in the footer).

    >>> from seimon.report.content import Report, Section
    >>> render_pdf(Report("bulletin", "简报", "1—9月", "zh", "public", [Section("一、总体", ["句子。"])]))[:5]
    b'%PDF-'
    """
    import weasyprint  # slow to import: only when a PDF is asked for

    find_cjk_font(SERIF_FAMILY)  # fail early with a bilingual message instead of boxes in the PDF
    find_cjk_font(SANS_FAMILY)
    html = render_html(report).decode("utf-8")
    document = weasyprint.HTML(string=html, base_url=None)
    return document.write_pdf()
