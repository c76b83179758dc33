"""Find the installed CJK fonts through fontconfig, so every output renders Chinese without boxes.

Reports never download fonts (tenet 6, offline): they use Debian's ``fonts-noto-cjk`` (Noto Serif CJK SC for
body text, Noto Sans CJK SC for headings and charts), installed by ``scripts/ensure-services.sh``. The official
GB/T 9704 faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体) are named first in DOCX styles; Word falls back to the
Noto faces when they are missing, and PDF/HTML use the Noto files found here.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from seimon.errors import SeimonError

logger = logging.getLogger(__name__)

SERIF_FAMILY = "Noto Serif CJK SC"
SANS_FAMILY = "Noto Sans CJK SC"


@dataclass(frozen=True)
class CjkFont:
    """One font face: the family fontconfig knows it by and the file it lives in."""

    family: str
    path: Path


def _fc_match(family: str) -> Path | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    # fc-match -f '%{family}|%{file}' 'Noto Sans CJK SC' → "Noto Sans CJK JP,Noto Sans CJK SC|/usr/share/…ttc"
    out = subprocess.run([exe, "-f", "%{family}|%{file}", family], capture_output=True, text=True, check=False)
    families, _, file = out.stdout.partition("|")
    if out.returncode != 0 or family not in families.split(",") or not file:
        return None
    return Path(file)


@functools.cache
def find_cjk_font(family: str = SANS_FAMILY) -> CjkFont:
    """The installed file of a CJK family (exact match only: a Latin fallback would draw boxes).

    >>> find_cjk_font("Noto Sans CJK SC").path.suffix in {".ttc", ".otf", ".ttf"}
    True
    """
    path = _fc_match(family)
    if path is None or not path.is_file():
        raise SeimonError(
            f"未找到中文字体 {family}；请安装 fonts-noto-cjk（scripts/ensure-services.sh）",
            f"CJK font {family} not found; install fonts-noto-cjk (scripts/ensure-services.sh)",
            code="missing_font",
        )
    logger.debug("CJK font %s → %s", family, path)
    return CjkFont(family, path)
