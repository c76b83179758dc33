"""The layout of a plan text: delimiters, clauses, paragraphs, headings and wrapped table cells.

Why one module: the extractor (deadline scope over a paragraph, comparator words within a clause) and the
scanner (idioms wrapped across box lines) must agree on where a clause or paragraph ends; a second definition
would let them drift apart.
"""

from __future__ import annotations

import bisect
import logging
import re

logger = logging.getLogger(__name__)


BOX_CHARS = "".join(chr(c) for c in range(0x2500, 0x2580))


_SENTENCE_DELIMS = frozenset("。；;！？!?\n\r" + BOX_CHARS)


_CLAUSE_DELIMS = _SENTENCE_DELIMS | frozenset("，,：:")


SPACES = " \t\u3000\xa0"


_PARAGRAPH_DELIMS = frozenset("\n\r" + BOX_CHARS)


def clause_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``[start, end)``: between 。；！？, newlines, box bars, commas and colons, trimmed."""
    left = start
    while left > 0 and not _is_clause_delim(folded, left - 1):
        left -= 1
    right = end
    while right < len(folded) and not _is_clause_delim(folded, right):
        right += 1
    while left < right and folded[left] in SPACES:
        left += 1
    while right > left and folded[right - 1] in SPACES:
        right -= 1
    return left, right


def _is_clause_delim(folded: str, i: int) -> bool:
    ch = folded[i]
    if ch not in _CLAUSE_DELIMS:
        return False
    if ch in ",，" and 0 < i < len(folded) - 3 and folded[i - 1].isdigit():
        # Thousands separator, not a clause break: "1,200亿元", "１２，０００个".
        tail = folded[i + 1 : i + 5]
        if tail[:3].isdigit() and not (len(tail) > 3 and tail[3].isdigit()):
            return False
    return True


# A box row wrapped inside its cell: "“十三五”时│　　│　　　　　　　│期累计推广" reads "“十三五”时期累计推广".
_BOX_WRAP = re.compile(r"[ \u3000]*│[ \u3000]*│[ \u3000]*│")


class Reading:
    """The text with box-cell line wraps removed, and the map back to source offsets."""

    def __init__(self, folded: str) -> None:
        pieces: list[str] = []
        index: list[int] = []
        cursor = 0
        for match in _BOX_WRAP.finditer(folded):
            pieces.append(folded[cursor : match.start()])
            index.extend(range(cursor, match.start()))
            cursor = match.end()
        pieces.append(folded[cursor:])
        index.extend(range(cursor, len(folded)))
        self.text = "".join(pieces)
        self.index = index

    def to_reading(self, source_pos: int) -> int:
        return bisect.bisect_left(self.index, source_pos)

    def paragraph_before(self, source_pos: int) -> tuple[str, int]:
        """The paragraph text (to the line start or a table cell border) up to ``source_pos``, and its length.

        A deadline governs the later clauses and sentences of its paragraph: "到2020年，A；B。C" gives B and C
        the year too.
        """
        end = self.to_reading(source_pos)
        start = end
        while start > 0 and self.text[start - 1] not in _PARAGRAPH_DELIMS:
            start -= 1
        return self.text[start:end], end - start

    def sentence_before(self, source_pos: int) -> str:
        """The sentence text from its start up to ``source_pos``, read across wrapped box lines."""
        end = self.to_reading(source_pos)
        start = end
        while start > 0 and self.text[start - 1] not in _SENTENCE_DELIMS:
            start -= 1
        return self.text[start:end]


# The headings of a plan, with their number and title: "一、发展目标", "（三）发展目标。", "1.智能制造装备。".
CHAPTER_HEADING = re.compile(r"^[\s\u3000]*([一二三四五六七八九十]{1,3})、\s*(.*)$")
SECTION_HEADING = re.compile(r"^[\s\u3000]*[（(]([一二三四五六七八九十]{1,3})[）)]\s*(.*)$")
ITEM_HEADING = re.compile(r"^[\s\u3000]*(\d{1,2})[.、．](?!\d)\s*(.*)$")
# A numbered sub-item, also a heading where a deadline's reach stops: "(1)", "（2）".
_NUMBERED_ITEM = re.compile(r"^[\s\u3000]*[（(]\d{1,2}[）)]")


def is_heading(line: str) -> bool:
    """Whether ``line`` opens with a heading number ("一、", "（三）", "1.", "(2)"); "1.5%…" does not.

    >>> is_heading("（三）发展目标"), is_heading("1.5万亿元")
    (True, False)
    """
    return any(p.match(line) for p in (CHAPTER_HEADING, SECTION_HEADING, ITEM_HEADING, _NUMBERED_ITEM))
