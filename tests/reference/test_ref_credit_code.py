"""Unified social credit codes, checked against an independent implementation written here."""

from __future__ import annotations

import random

import pytest

from seimon.reference import credit_code as uscc

# Written from GB 32100-2015 and GB 11714-1997 directly, without the module's code.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def reference_check(first17: str) -> str:
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = 0
    for ch, w in zip(first17, weights, strict=True):
        total += ALPHABET.index(ch) * w
    return ALPHABET[(31 - total % 31) % 31]


def reference_org_check(body: str) -> str:
    values = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}}
    r = 11 - sum(values[c] * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2], strict=True)) % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


# Codes published by the enterprises themselves (business licences shown on their websites).
PUBLIC_CODES = [
    "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
    "91330100716105852F",  # 阿里巴巴（中国）有限公司
    "914403001922038216",  # 华为技术有限公司
    "91110108551385082Q",  # 小米科技有限责任公司
]


@pytest.mark.parametrize("code", PUBLIC_CODES)
def test_public_codes_are_valid(code: str) -> None:
    assert uscc.validate(code) is None
    assert reference_check(code[:17]) == code[17]
    assert reference_org_check(code[8:16]) == code[16]


def test_weights_are_the_standard_ones() -> None:
    assert uscc.WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    assert len(uscc.CHARSET) == 31 and not set("IOZSV") & set(uscc.CHARSET)


def test_check_digit_matches_independent_implementation() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        first17 = "".join(rng.choice(ALPHABET) for _ in range(17))
        assert uscc.make_check_digit(first17) == reference_check(first17)
    for _ in range(500):
        body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        assert uscc.make_org_check(body) == reference_org_check(body)


@pytest.mark.parametrize(
    ("code", "fragment_en"),
    [
        ("9144030071526726X", "18 characters"),
        ("9144030071526726XGG", "18 characters"),
        ("9144030071526726XO", "not allowed"),
        ("91440300715267I6XG", "not allowed"),
        ("9144030071526726XH", "expected G"),
        ("9144030071526726x g", "18 characters"),
    ],
)
def test_invalid_codes_say_why(code: str, fragment_en: str) -> None:
    reason = uscc.validate(code)
    assert reason is not None
    assert fragment_en in reason[1]
    assert reason[0]  # Chinese text too


def test_org_code_check_inside_the_credit_code() -> None:
    # change position 17 and recompute position 18: the GB 32100 check passes, the GB 11714 one fails
    first16 = PUBLIC_CODES[0][:16]
    wrong17 = first16 + ("1" if PUBLIC_CODES[0][16] != "1" else "2")
    code = wrong17 + reference_check(wrong17)
    reason = uscc.validate(code)
    assert reason is not None and "organisation code" in reason[1]
    assert uscc.validate(code, check_org_code=False) is None


def test_normalize() -> None:
    assert uscc.normalize(" ９１４４０３００７１５２６７２６ｘｇ ") == "9144030071526726XG"


def test_generated_codes() -> None:
    codes = list(uscc.generate_codes("130100", 200, seed=3))
    assert len(set(codes)) == 200
    for code in codes:
        assert uscc.region_of(code) == "130100"
        assert reference_check(code[:17]) == code[17]
        assert reference_org_check(code[8:16]) == code[16]
        assert uscc.is_valid(code)
    assert codes == list(uscc.generate_codes("130100", 200, seed=3))  # reproducible
    assert codes != list(uscc.generate_codes("130100", 200, seed=4))
    with pytest.raises(ValueError):
        list(uscc.generate_codes("13A100", 1))
