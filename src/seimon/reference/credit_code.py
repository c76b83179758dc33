"""The unified social credit code (统一社会信用代码, GB 32100-2015).

Enterprises are keyed by this 18-character code, so a mistyped code would silently create a second
enterprise. The code carries two check characters we verify:

* position 18: GB 32100-2015 check, over positions 1–17 with weights ``3^(i-1) mod 31``
  (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28), character set
  ``0-9 A-Z`` without I, O, Z, S, V (31 characters); check = (31 − Σ mod 31) mod 31.
* position 17: the organisation code (组织机构代码, GB 11714-1997) embedded at positions 9–17:
  8 body characters with weights 3, 7, 9, 10, 5, 8, 4, 2; check = 11 − Σ mod 11, 10 → ``X``, 11 → ``0``.

Layout: 1 registration authority (9 = market regulation), 2 entity type (1 = enterprise),
3–8 administrative division code (GB/T 2260, e.g. 130100 石家庄), 9–17 organisation code, 18 check.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from seimon.numerals import to_halfwidth

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of GB 32100 (no I, O, Z, S, V)."""

WEIGHTS: tuple[int, ...] = tuple(pow(3, i, 31) for i in range(17))
"""GB 32100 weights for positions 1–17: 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28."""

ORG_WEIGHTS: tuple[int, ...] = (3, 7, 9, 10, 5, 8, 4, 2)
"""GB 11714 weights for the 8 body characters of the organisation code."""

_VALUES = {ch: i for i, ch in enumerate(CHARSET)}
_ORG_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # body characters we generate (a subset GB 11714 also allows)


def make_check_digit(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters.

    >>> make_check_digit("9144030071526726X")
    'G'
    """
    if len(first17) != 17 or any(ch not in _VALUES for ch in first17):
        raise ValueError(f"need 17 characters from {CHARSET!r}, got {first17!r}")
    total = sum(_VALUES[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def _org_value(ch: str) -> int:
    """GB 11714 character value: digits as themselves, letters A=10 … Z=35."""
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def make_org_check(body8: str) -> str:
    """The GB 11714 check character for an 8-character organisation code body.

    >>> make_org_check("71526726")
    'X'
    """
    if len(body8) != 8 or not all(ch.isdigit() or "A" <= ch <= "Z" for ch in body8):
        raise ValueError(f"need 8 digits or capital letters, got {body8!r}")
    remainder = 11 - sum(_org_value(ch) * w for ch, w in zip(body8, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def normalize(code: str) -> str:
    """Fold a typed code to its canonical form: strip spaces, full-width to half-width, upper case.

    >>> normalize(" ９１４４０３００７１５２６７２６ｘｇ ")
    '9144030071526726XG'
    """
    return "".join(to_halfwidth(code).split()).upper()


def validate(code: str, *, check_org_code: bool = True) -> tuple[str, str] | None:
    """Why ``code`` is not a valid unified social credit code, as (Chinese, English), or None if valid.

    ``code`` is checked as given; call :func:`normalize` first to accept full-width or lower-case
    input. ``check_org_code`` also verifies the embedded GB 11714 check at position 17.

    >>> validate("9144030071526726XG") is None
    True
    >>> validate("9144030071526726XH")[1]
    'check character is H, expected G'
    """
    if len(code) != 18:
        return (f"长度应为 18 位，实为 {len(code)} 位", f"must be 18 characters long, got {len(code)}")
    bad = sorted({ch for ch in code if ch not in _VALUES})
    if bad:
        shown = "、".join(bad)
        return (
            f"含有不允许的字符 {shown}（不使用 I、O、Z、S、V）",
            f"contains characters not allowed: {', '.join(bad)} (I, O, Z, S and V are never used)",
        )
    expected = make_check_digit(code[:17])
    if code[17] != expected:
        return (f"校验码为 {code[17]}，应为 {expected}", f"check character is {code[17]}, expected {expected}")
    if check_org_code:
        org_expected = make_org_check(code[8:16])
        if code[16] != org_expected:
            return (
                f"组织机构代码（第9–17位）校验码为 {code[16]}，应为 {org_expected}",
                f"organisation code (characters 9–17) check is {code[16]}, expected {org_expected}",
            )
    return None


def is_valid(code: str, *, check_org_code: bool = True) -> bool:
    """True when ``code`` passes :func:`validate`.

    >>> is_valid("91330100716105852F"), is_valid("91330100716105852E")
    (True, False)
    """
    return validate(code, check_org_code=check_org_code) is None


def region_of(code: str) -> str:
    """The administrative division code in characters 3–8.

    >>> region_of("91130100MA0CXXXXXX")
    '130100'
    """
    return code[2:8]


def generate_codes(
    region: str, count: int, *, seed: int = 0, authority: str = "9", entity_type: str = "1"
) -> Iterator[str]:
    """Yield ``count`` distinct valid codes registered in ``region`` (6-digit GB/T 2260 code), for demo data.

    Deterministic for a given seed, so demo data and tests are reproducible.

    >>> codes = list(generate_codes("130100", 3, seed=1))
    >>> [c[2:8] for c in codes], all(is_valid(c) for c in codes)
    (['130100', '130100', '130100'], True)
    """
    if len(region) != 6 or not region.isdigit():
        raise ValueError(f"region must be a 6-digit division code, got {region!r}")
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < count:
        body = "".join(rng.choice(_ORG_BODY) for _ in range(8))
        first17 = authority + entity_type + region + body + make_org_check(body)
        code = first17 + make_check_digit(first17)
        if code not in seen:
            seen.add(code)
            yield code
