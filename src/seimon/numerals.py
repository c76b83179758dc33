"""Reading numbers as Chinese documents and spreadsheets write them.

Shared by the plan extractor (``1.7万亿元``, ``百项``, ``1至2家``) and the importers (``１２，３４５``).
Plans mix Arabic digits, Chinese numerals and both at once (``1.7万``, ``三千五百``, ``二〇二〇``); one parser
for all of them keeps the extractor and the importers agreeing on what a number is.
"""

from __future__ import annotations

import re
import unicodedata

#: Chinese digit characters and their values (两 is the counting form of 二).
CHINESE_DIGITS: dict[str, int] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
#: Positional units below 万.
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
#: Section units: 万 and 亿 multiply everything before them.
LARGE_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
#: Every character that can be part of a Chinese numeral.
CHINESE_NUMERAL_CHARS = frozenset(CHINESE_DIGITS) | frozenset(SMALL_UNITS) | frozenset(LARGE_UNITS)

# "12,345.6" or "1500" or "1.7" (after to_halfwidth); thousands groups must be exactly three digits.
_ARABIC = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# "1.7万", "5千万", "1.7万亿": an Arabic number followed only by multiplier characters.
_ARABIC_WITH_MULTIPLIER = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([十百千万亿]+)$")


def to_halfwidth(text: str) -> str:
    """Fold full-width digits, letters and ASCII punctuation to their half-width forms.

    >>> to_halfwidth("１２，３４５．６％")
    '12,345.6%'
    """
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" or ch == "\u3000" else ch for ch in text
    )


def parse_arabic_number(text: str) -> float:
    """Parse an Arabic number as tables and plans write it: full-width digits, thousands separators.

    Importers meet ``１２，３４５`` and ``12,345.6`` in the same column; both mean the same number.

    >>> parse_arabic_number("１２，３４５")
    12345.0
    >>> parse_arabic_number("1,500.25")
    1500.25
    >>> parse_arabic_number("12,34")
    Traceback (most recent call last):
    ...
    ValueError: not an Arabic number: '12,34'
    """
    folded = to_halfwidth(text).strip()
    if not _ARABIC.match(folded):
        raise ValueError(f"not an Arabic number: {text!r}")
    return float(folded.replace(",", ""))


def multiplier_of(chars: str) -> float:
    """The product of multiplier characters: ``万亿`` -> 1e12, ``千万`` -> 1e7, ``""`` -> 1.

    >>> multiplier_of("万亿")
    1000000000000.0
    """
    factor = 1.0
    for ch in chars:
        if ch in SMALL_UNITS:
            factor *= SMALL_UNITS[ch]
        elif ch in LARGE_UNITS:
            factor *= LARGE_UNITS[ch]
        else:
            raise ValueError(f"not a multiplier character: {ch!r}")
    return factor


def _parse_below_wan(text: str, original: str) -> int:
    """Parse a numeral with only 十/百/千 units: ``三千五百`` -> 3500, ``十三`` -> 13, ``三千五`` -> 3500."""
    value = 0
    digit: int | None = None
    last_unit: int | None = None
    after_zero = False
    for ch in text:
        if ch in CHINESE_DIGITS and digit is not None:
            raise ValueError(f"not a Chinese number: {original!r}")  # "一二" is not a number here
        if ch in ("〇", "零"):
            # "一百零五": 零 marks a skipped position, the next digit is units.
            after_zero = True
        elif ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if last_unit is not None and unit >= last_unit:
                raise ValueError(f"not a Chinese number: {original!r}")
            if digit is None:
                # "十三", "一千零十" and a leading "百"/"千" mean one ten, one hundred, one thousand.
                if ch != "十" and (value != 0 or after_zero):
                    raise ValueError(f"not a Chinese number: {original!r}")
                digit = 1
            value += digit * unit
            digit = None
            last_unit = unit
            after_zero = False
        else:
            raise ValueError(f"not a Chinese number: {original!r}")
    if digit is not None:
        # Colloquial "三千五" = 3500, "两百五" = 250: a bare trailing digit fills the next lower place.
        if last_unit is not None and last_unit >= 100 and not after_zero:
            value += digit * last_unit // 10
        else:
            value += digit
    return value


def _parse_chinese_integer(text: str, original: str) -> int:
    """Parse an integer Chinese numeral with 万/亿 sections, recursively from the largest unit."""
    if not text:
        raise ValueError(f"not a Chinese number: {original!r}")
    for unit_char in ("亿", "万"):
        if unit_char in text:
            cut = text.rindex(unit_char)
            head, tail = text[:cut], text[cut + 1 :]
            factor = LARGE_UNITS[unit_char]
            head_value = _parse_chinese_integer(head, original) if head else 1
            if not tail:
                return head_value * factor
            stripped_tail = tail.lstrip("〇零")
            if not stripped_tail:
                return head_value * factor
            if len(tail) == 1 and tail in CHINESE_DIGITS:
                # "一万五" = 15000: a bare digit after 万/亿 fills the next lower place.
                return head_value * factor + CHINESE_DIGITS[tail] * factor // 10
            return head_value * factor + _parse_chinese_integer(stripped_tail, original)
    if len(text) >= 2 and all(ch in CHINESE_DIGITS for ch in text):
        # "二〇二〇" = 2020: digit-by-digit reading, as in years.
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    return _parse_below_wan(text, original)


def parse_chinese_number(text: str) -> float:
    """Parse a number written in Chinese numerals, Arabic digits, or both.

    Handles 一/二/两…九, 〇/零, 十/百/千/万/亿 with their implied ones (``十三``, ``百``, ``千``), digit-by-digit
    forms (``二〇二〇``), decimals with 点 (``一点五``), Arabic numbers with multipliers (``1.7万``,
    ``1.7万亿``), full-width digits and thousands separators. Raises ``ValueError`` on anything else, so a
    caller can tell a numeral from a word that merely contains numeral characters.

    >>> parse_chinese_number("两万")
    20000.0
    >>> parse_chinese_number("三千五百")
    3500.0
    >>> parse_chinese_number("1.7万")
    17000.0
    >>> parse_chinese_number("一点五")
    1.5
    >>> parse_chinese_number("万众")
    Traceback (most recent call last):
    ...
    ValueError: not a Chinese number: '万众'
    """
    folded = to_halfwidth(text).strip()
    if not folded:
        raise ValueError(f"not a Chinese number: {text!r}")
    if _ARABIC.match(folded):
        return float(folded.replace(",", ""))
    mixed = _ARABIC_WITH_MULTIPLIER.match(folded)
    if mixed:
        return float(mixed.group(1).replace(",", "")) * multiplier_of(mixed.group(2))
    if any(ch not in CHINESE_NUMERAL_CHARS and ch != "点" for ch in folded):
        raise ValueError(f"not a Chinese number: {text!r}")
    if "点" in folded:
        # "一点五" = 1.5; "三点一四" = 3.14: digits after 点 are read one by one.
        whole, _, fraction = folded.partition("点")
        if not fraction or any(ch not in CHINESE_DIGITS for ch in fraction):
            raise ValueError(f"not a Chinese number: {text!r}")
        whole_value = _parse_chinese_integer(whole, text) if whole else 0
        return float(f"{whole_value}.{''.join(str(CHINESE_DIGITS[ch]) for ch in fraction)}")
    return float(_parse_chinese_integer(folded, text))
