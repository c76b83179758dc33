"""Finding the text encoding of a submitted CSV file.

City bureaus save CSV from Excel in GBK (Windows' default for Chinese), newer tools in UTF-8, some
with a BOM. We never assume: a file is sampled and detected. The sample is taken from the blocks that
hold non-ASCII bytes, not just from the head of the file, because a GBK file often starts with an
ASCII header (``credit_code,name,...``) and the first Chinese character may come much later.

GBK and GB2312 are decoded as GB18030, their strict superset, so that no character a GBK file may hold
is refused.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

import charset_normalizer

from seimon.errors import Location, SeimonError

logger = logging.getLogger(__name__)

SAMPLE_BYTES = 64 * 1024
"""How many bytes of non-ASCII-bearing blocks are given to the detector."""

BLOCK_BYTES = 1024 * 1024
"""Files are scanned in blocks of this size while looking for non-ASCII bytes."""

MAX_SCAN_BYTES = 64 * 1024 * 1024
"""Stop scanning after this much: an all-ASCII head this long is decoded as UTF-8 (ASCII-compatible)."""

_CANDIDATES = ["utf_8", "gb18030", "utf_16", "big5"]
_CHINESE_FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030"}


def _not_text(path: Path, zh: str, en: str) -> SeimonError:
    return SeimonError(
        f"无法识别文件的文字编码：{zh}",
        f"cannot tell the text encoding of the file: {en}",
        Location(file=str(path)),
        code="encoding",
    )


def sample_non_ascii(path: Path, *, sample_bytes: int = SAMPLE_BYTES) -> tuple[bytes, bytes]:
    """Return the file's first block and a sample made of the blocks that contain non-ASCII bytes.

    Reading stops once ``sample_bytes`` of such blocks are found or :data:`MAX_SCAN_BYTES` were read,
    so memory stays bounded on large files.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(b"a,b\\n" + "石家庄".encode("gbk"))
    >>> sample_non_ascii(Path(f.name))[1]
    b'\\xca\\xaf\\xbc\\xd2\\xd7\\xaf'
    >>> os.unlink(f.name)
    """
    head = b""
    pieces: list[bytes] = []
    collected = 0
    scanned = 0
    with path.open("rb") as fh:
        while collected < sample_bytes and scanned < MAX_SCAN_BYTES:
            block = fh.read(BLOCK_BYTES)
            if not block:
                break
            head = head or block
            scanned += len(block)
            first = _FIRST_NON_ASCII.search(block)
            if first is None:
                continue
            # Start at the line holding the first non-ASCII byte, so no multi-byte character is cut there.
            start = block.rfind(b"\n", 0, first.start()) + 1
            piece = block[start : start + sample_bytes - collected]
            if start + len(piece) < len(block):
                # Cut at the last line end so the piece ends on a whole character; a piece with no line end
                # (the tail of a full sample) is dropped rather than cut inside a character.
                piece = piece[: piece.rfind(b"\n") + 1]
                if not piece:
                    break
            pieces.append(piece)
            collected += len(piece)
    return head, b"".join(pieces)


_FIRST_NON_ASCII = re.compile(rb"[\x80-\xff]")  # the first byte of a GBK or UTF-8 multi-byte character


def _decodes_as_utf8(sample: bytes) -> bool:
    """Strict UTF-8 (a UTF-8 sample of any length cannot be GBK by accident), tolerating a cut last character."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3
    return True


def _is_chinese_text_char(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x206F


def _reads_as_chinese(sample: bytes, codec: str, *, share: float = 0.9) -> bool:
    """True when ``sample`` decodes strictly in ``codec`` and its non-ASCII characters are Chinese text.

    Statistical detectors hesitate on samples that are mostly digits with a few repeated words
    (``2015年1-2月`` on every line of a report file); a strict decode whose result is Chinese script is
    decisive there. A cut last character is tolerated.

    >>> _reads_as_chinese("2015年1-2月,石家庄".encode("gbk"), "gb18030")
    True
    >>> _reads_as_chinese(bytes(range(128, 256)), "gb18030")
    False
    """
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 3:
            return False
        text = sample[: exc.start].decode(codec, errors="strict")
    wide = [ch for ch in text if ord(ch) > 0x7F]
    return bool(wide) and sum(map(_is_chinese_text_char, wide)) >= share * len(wide)


def detect_encoding(path: Path | str) -> str:
    """The Python codec name to read ``path`` with: ``utf-8-sig``, ``utf-8``, ``gb18030``, ``utf-16``, ``big5``.

    UTF-8 is accepted when the sample decodes strictly (a UTF-8 sample of any length cannot be GBK by
    accident); otherwise charset_normalizer chooses among the encodings Chinese submissions use.
    Binary files (NUL bytes) and undecodable files raise :class:`SeimonError` naming the file.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(delete=False, suffix=".csv") as f:
    ...     _ = f.write(("代码,名称\\n" * 20).encode("gbk"))
    >>> detect_encoding(f.name)
    'gb18030'
    >>> os.unlink(f.name)
    """
    path = Path(path)
    head, sample = sample_non_ascii(path)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise _not_text(path, "含有二进制零字节，不是文本文件", "it contains NUL bytes: not a text file")
    if not sample or _decodes_as_utf8(sample):
        return "utf-8"  # all ASCII so far (any later non-ASCII is most likely UTF-8 too), or valid UTF-8
    if _reads_as_chinese(sample, "gb18030"):
        logger.info("detected encoding gb18030 for %s (strict decode, Chinese text)", path)
        return "gb18030"
    best = charset_normalizer.from_bytes(sample, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise _not_text(
            path,
            "不是 UTF-8、GBK 或 GB18030 编码的文本，可能是二进制文件",
            "not text in UTF-8, GBK or GB18030; it may be a binary file",
        )
    encoding = _CHINESE_FAMILY.get(best.encoding, best.encoding)
    if encoding == "utf_16":
        encoding = "utf-16"
    logger.info("detected encoding %s for %s", encoding, path)
    return encoding
