"""Details of the renderers that readers notice: unescaped styles in HTML, Chinese defaults in DOCX."""

from __future__ import annotations

import io
import zipfile

from seimon.report.content import Report, Section
from seimon.report.render_docx import render_docx
from seimon.report.render_html import render_html

REPORT = Report("bulletin", "简报", "1—9月", "zh", "public", [Section("一、总体", ["句子。"])])


def test_html_keeps_its_stylesheet_unescaped() -> None:
    html = render_html(REPORT).decode("utf-8")
    style = html[html.index("<style") : html.index("</style>")]
    assert "font-family" in style and "&#34;" not in style and "&quot;" not in style and '"' in style


def test_docx_defaults_name_a_chinese_face_and_language() -> None:
    styles = zipfile.ZipFile(io.BytesIO(render_docx(REPORT))).read("word/styles.xml").decode("utf-8")
    defaults = styles[styles.index("<w:docDefaults") : styles.index("</w:docDefaults>")]
    assert 'w:eastAsia="仿宋_GB2312"' in defaults and "eastAsiaTheme" not in defaults
    assert 'w:eastAsia="zh-CN"' in defaults
