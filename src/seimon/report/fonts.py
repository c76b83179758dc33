"""Find the installed Simplified Chinese fonts through fontconfig, so every output renders Chinese without boxes
and with the Chinese (not the Japanese) glyph forms.

Reports never download fonts (tenet 6, offline): they use Debian's ``fonts-noto-cjk`` (Noto Serif CJK SC for
body text, Noto Sans CJK SC for headings and charts), installed by ``make install``
(``scripts/ensure-report-deps.sh``). The official GB/T 9704 faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体) are
named first in DOCX styles; Word falls back to the Noto faces when they are missing, and PDF/HTML use the Noto
faces found here.

Why the face matters: Debian ships Noto CJK as ``.ttc`` collections holding one face per region (JP, KR, SC, TC,
HK) that share most glyphs but not all (骨, 直, 令 differ). A tool that opens a collection without a face index
gets face 0, which is the JP face: matplotlib before 3.10 did, and a PDF then embeds "Noto Sans CJK JP". So the
face is looked up with ``:lang=zh-cn`` and kept with its index and PostScript name (``NotoSansCJKsc-Regular``),
and the renderers select it by that.
"""

from __future__ import annotations

import functools
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from seimon.errors import SeimonError

logger = logging.getLogger(__name__)

SERIF_FAMILY = "Noto Serif CJK SC"
SANS_FAMILY = "Noto Sans CJK SC"
LANG = "zh-cn"  # fontconfig's language tag for Simplified Chinese
# The region tag after "CJK": "Noto-Sans-CJK-SC" → SC, "NotoSerifCJKsc-Regular" → sc, "Noto Sans CJK JP" → JP
REGION = re.compile(r"CJK[- ]?(SC|TC|HK|JP|KR)(?![A-Za-z])", re.IGNORECASE)


@dataclass(frozen=True)
class CjkFont:
    """One font face: the family fontconfig knows it by, the file it lives in, its face index in that file (a
    ``.ttc`` collection holds several) and its PostScript name (what a PDF embeds it as)."""

    family: str
    path: Path
    index: int = 0
    postscript_name: str = ""


def _fc_match(family: str) -> CjkFont | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    # fc-match -f '%{family}|%{file}|%{index}|%{postscriptname}' 'Noto Sans CJK SC:lang=zh-cn'
    #   → "Noto Sans CJK SC|/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc|2|NotoSansCJKsc-Regular"
    pattern = f"{family}:lang={LANG}:style=Regular"
    out = subprocess.run(
        [exe, "-f", "%{family}|%{file}|%{index}|%{postscriptname}", pattern],
        capture_output=True,
        text=True,
        check=False,
    )
    parts = out.stdout.split("|")
    if out.returncode != 0 or len(parts) != 4:
        return None
    families, file, index, postscript = parts
    if family not in families.split(",") or not file:  # fontconfig's nearest face of another family: not ours
        return None
    return CjkFont(family, Path(file), int(index or 0), postscript)


@functools.cache
def find_cjk_font(family: str = SANS_FAMILY) -> CjkFont:
    """The installed face of a CJK family, for Simplified Chinese (exact family only: a Latin fallback would draw
    boxes).

    >>> font = find_cjk_font("Noto Sans CJK SC")
    >>> font.path.suffix in {".ttc", ".otf", ".ttf"}, font.postscript_name
    (True, 'NotoSansCJKsc-Regular')
    """
    font = _fc_match(family)
    if font is None or not font.path.is_file():
        raise SeimonError(
            f"未找到中文字体 {family}；请运行 make install（安装 fonts-noto-cjk）",
            f"CJK font {family} not found; run make install (it installs fonts-noto-cjk)",
            code="missing_font",
        )
    logger.debug("CJK font %s → %s #%d (%s)", family, font.path, font.index, font.postscript_name)
    return font


def cjk_region(name: str) -> str | None:
    """The region of a Noto CJK face from a font name (family, PostScript or PDF ``/BaseFont`` name), lower case;
    ``None`` for a font that is not a regional CJK face.

    PDF writers put the family with dashes (WeasyPrint: ``ABCDEF+Noto-Sans-CJK-SC``) or the PostScript name
    (``NotoSansCJKsc-Regular``); the region tag follows "CJK" either way.

    >>> [cjk_region(n) for n in ("ABCDEF+Noto-Sans-CJK-SC", "NotoSerifCJKsc-Regular", "Noto Sans CJK JP", "DejaVu")]
    ['sc', 'sc', 'jp', None]
    """
    match = REGION.search(name)
    return match.group(1).lower() if match else None
