"""Render a report as one self-contained HTML page: CSS inline, charts as base64 SVG, no external URL.

Fonts are named by family only (the installed Noto CJK fonts, or the GB/T 9704 faces when a reader has them), so
the page opens offline; WeasyPrint renders the same HTML to PDF.
"""

from __future__ import annotations

import base64
import functools
import re

import jinja2
import markupsafe

from seimon.report.content import Report
from seimon.resources import resource_path

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")  # "12.5", "-0.3", "2048": right-aligned numeric cells


def _is_number(cell: str) -> bool:
    return bool(NUMBER.match(cell))


@functools.cache
def _environment() -> jinja2.Environment:
    folder = resource_path("report")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )
    env.filters["b64"] = lambda text: base64.b64encode(text.encode("utf-8")).decode("ascii")
    env.filters["is_number"] = _is_number
    return env


def render_html(report: Report) -> bytes:
    """The report as UTF-8 HTML bytes.

    >>> from seimon.report.content import Report, Section
    >>> html = render_html(Report("bulletin", "简报", "1—9月", "zh", "public", [Section("一、总体", ["句子。"])]))
    >>> b"<h2>" in html, b"http://" in html
    (True, False)
    """
    css = (resource_path("report") / "report.css").read_text(encoding="utf-8")
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, css=markupsafe.Markup(css)).encode("utf-8")  # our own file: not escaped
