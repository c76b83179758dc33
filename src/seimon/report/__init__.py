"""Reports: the monitoring bulletin and the plan evaluation report, in DOCX, PDF, HTML and XLSX.

``build_bulletin`` / ``build_evaluation`` gather the numbers into a :class:`~seimon.report.content.Report`;
``render(report, format)`` lays it out. The CLI (``seimon report``) and the web platform's downloads call these.
"""

from __future__ import annotations

from typing import Literal

from seimon.errors import Location, SeimonError
from seimon.report.bulletin import build_bulletin
from seimon.report.content import Bulletin, Evaluation, Report
from seimon.report.evaluation import build_evaluation

Format = Literal["docx", "pdf", "html", "xlsx"]
FORMATS: tuple[str, ...] = ("docx", "pdf", "html", "xlsx")

__all__ = ["FORMATS", "Bulletin", "Evaluation", "Report", "build_bulletin", "build_evaluation", "render"]


def render(report: Report, format: str) -> bytes:
    """The report in one format: ``docx``, ``pdf``, ``html`` or ``xlsx``.

    >>> from seimon.report.content import Section
    >>> render(Report("bulletin", "简报", "1—9月", "zh", "public", [Section("一", ["句。"])]), "html")[:15]
    b'<!DOCTYPE html>'
    """
    if format == "docx":
        from seimon.report.render_docx import render_docx

        return render_docx(report)
    if format == "pdf":
        from seimon.report.render_pdf import render_pdf

        return render_pdf(report)
    if format == "html":
        from seimon.report.render_html import render_html

        return render_html(report)
    if format == "xlsx":
        from seimon.report.render_xlsx import render_xlsx

        return render_xlsx(report)
    raise SeimonError(
        f"格式应为 {'、'.join(FORMATS)} 之一：{format}",
        f"format must be one of {', '.join(FORMATS)}: {format}",
        Location(field="--format"),
        code="bad_option",
    )
