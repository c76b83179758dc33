"""The words of an evaluation: its kinds, states, verdicts and evidence-request states, each in both languages.

Kept apart from storage so the report, the pages and the CLI name things alike. The verdicts of qualitative
targets follow the wording of Chinese plan evaluations (基本实现 / 部分实现 / 未实现); a quantitative target's
figure comes from the platform, so the evaluator confirms it or disputes it with a reason.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

KINDS: dict[str, tuple[str, str]] = {
    "midterm": ("中期评估", "mid-term evaluation"),
    "final": ("总结评估", "final evaluation"),
}
"""An evaluation's kind: mid-term (within the plan period) or final (after it)."""

STATES: dict[str, tuple[str, str]] = {
    "opened": ("已开启", "opened"),
    "in_progress": ("评估中", "in progress"),
    "signed": ("已签署", "signed"),
}
"""opened (by the admin) → in_progress (the evaluator's first judgement or request) → signed (frozen)."""

QUALITATIVE_VERDICTS: dict[str, tuple[str, str]] = {
    "achieved": ("基本实现", "achieved"),
    "partly": ("部分实现", "partly achieved"),
    "not_achieved": ("未实现", "not achieved"),
}
"""The evaluator's judgement of a qualitative target."""

QUANTITATIVE_VERDICTS: dict[str, tuple[str, str]] = {
    "confirmed": ("确认", "confirmed"),
    "disputed": ("有异议", "disputed"),
}
"""The evaluator's opinion of the platform's figure for a quantitative target."""

REQUEST_STATES: dict[str, tuple[str, str]] = {
    "requested": ("待答复", "requested"),
    "overdue": ("已逾期", "overdue"),
    "answered": ("已答复", "answered"),
}
"""An evidence request: requested → answered; overdue while unanswered after its due date (computed, not stored)."""

NOT_JUDGED: tuple[str, str] = ("未评判", "not judged")
"""What the report says of a target the evaluator left without a judgement."""


def label(table: dict[str, tuple[str, str]], key: str | None, lang: str = "zh") -> str:
    """The Chinese (or English) word for ``key`` in one of the tables above; the key itself if unknown.

    >>> label(QUALITATIVE_VERDICTS, "partly"), label(KINDS, "final", "en")
    ('部分实现', 'final evaluation')
    """
    if key is None:
        return NOT_JUDGED[0] if lang == "zh" else NOT_JUDGED[1]
    pair = table.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]
