"""Sentences from cells: signs pick the words, the em dash, one decimal, and no number invented."""

from __future__ import annotations

import pytest

from seimon.report import narrative
from seimon.report.content import fmt_num


def test_headline_words_follow_signs() -> None:
    up = narrative.headline("1—9月", "5.2", "2.9", "20.6", "1.0", "zh")
    assert "同比增长5.2%" in up and "高于规模以上工业2.9个百分点" in up and "比上年同期提高1.0个百分点" in up
    down = narrative.headline("1—9月", "-1.5", "-0.4", "20.6", "-0.2", "zh")
    assert "同比下降1.5%" in down and "低于规模以上工业0.4个百分点" in down and "比上年同期下降0.2个百分点" in down
    assert "-" not in down  # magnitudes, never a minus sign after 下降/低于
    flat = narrative.headline("1—9月", "0.0", "0.0", "20.6", "0.0", "zh")
    assert "与上年同期持平" in flat


def test_english_edition_says_the_same() -> None:
    text = narrative.headline("January–September 2020", "-1.5", "2.0", "20.6", "0.3", "en")
    assert "fell by 1.5%" in text and "2.0 percentage points above" in text and "up 0.3 percentage points" in text


def test_period_label_uses_em_dash_and_joint_january_february() -> None:
    assert narrative.period_label(2020, 9, "zh") == "2020年1—9月"
    assert narrative.period_label(2020, 2, "zh") == "2020年1—2月"
    assert narrative.period_label(2020, 12, "zh") == "2020年"


@pytest.mark.parametrize(
    ("value", "digits", "cell"), [(5.16, 1, "5.2"), (-0.04, 1, "0.0"), (None, 1, "—"), (2048.0, 0, "2048")]
)
def test_cells_round_once(value: float | None, digits: int, cell: str) -> None:
    assert fmt_num(value, digits) == cell


def test_suppressed_fastest_is_not_named() -> None:
    assert "最快" not in narrative.breakdown("行业", "classes", "3", "2", "1.2 电子核心产业", "—", "zh")
