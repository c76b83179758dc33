"""Recorded human decisions for enterprises their industry class cannot place.

When a class maps to several SEI items, or only in part (``*``), a statistician decides from what the
enterprise actually makes. The decision is kept with who made it, when and why (an auditor must be able
to follow every enterprise counted), and later classifications of the same enterprise and class reuse
it. Decisions are never overwritten: the newest one for (credit code, class) applies, older ones stay.
"""

from __future__ import annotations

import getpass
import logging
import os
from dataclasses import dataclass
from datetime import datetime

from seimon.clock import utc_now
from seimon.errors import Location, SeimonError
from seimon.reference.editions import SEI_EDITION
from seimon.reference.sei import is_sei_code
from seimon.store import Store

logger = logging.getLogger(__name__)

NOT_SEI = "none"


@dataclass(frozen=True)
class Decision:
    """A reviewed choice: ``sei_code`` is an SEI item (or field), or ``"none"`` for not SEI."""

    credit_code: str
    class_code: str
    sei_code: str
    who: str
    decided_at: datetime
    reason: str
    edition: str

    @property
    def is_sei(self) -> bool:
        return self.sei_code != NOT_SEI

    def to_dict(self) -> dict[str, object]:
        return {
            "credit_code": self.credit_code,
            "class_code": self.class_code,
            "sei_code": self.sei_code,
            "who": self.who,
            "decided_at": self.decided_at.isoformat(),
            "reason": self.reason,
            "edition": self.edition,
        }


def current_user() -> str:
    """Who is deciding when no name is given: ``$SEIMON_USER`` or the login name."""
    try:
        return os.environ.get("SEIMON_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "unknown"


def record_decision(
    store: Store,
    credit_code: str,
    class_code: str,
    sei_code: str,
    *,
    reason: str,
    who: str | None = None,
    edition: str = SEI_EDITION,
    allowed: list[str] | None = None,
) -> Decision:
    """Store a decision. ``allowed`` (the lookup's candidates) restricts ``sei_code`` when given.

    >>> from seimon.store import open_store
    >>> with open_store("duckdb:///:memory:") as s:
    ...     d = record_decision(s, "91130100MA0000001X", "3841", "5.2", reason="生产动力电池", who="王")
    ...     find_decision(s, "91130100MA0000001X", "3841").sei_code
    '5.2'
    """
    sei_code = sei_code.strip()
    if not reason or not reason.strip():
        raise SeimonError("必须说明决定理由", "a decision needs a reason", Location(field="reason"), code="no_reason")
    if sei_code != NOT_SEI and not is_sei_code(sei_code):
        raise SeimonError(
            f"未知战略性新兴产业分类代码：{sei_code}（或用 none 表示不属于）",
            f"unknown SEI 2018 code: {sei_code} (or 'none' for not SEI)",
            Location(field="sei_code"),
            code="unknown_sei",
        )
    if allowed is not None and sei_code != NOT_SEI and sei_code not in allowed:
        raise SeimonError(
            f"{sei_code} 不是行业 {class_code} 的候选类别（候选：{'、'.join(allowed) or '无'}；或 none）",
            f"{sei_code} is not a candidate for class {class_code} (candidates: {', '.join(allowed) or 'none'}; "
            "or 'none')",
            Location(field="sei_code"),
            code="not_a_candidate",
        )
    decision = Decision(
        credit_code, class_code, sei_code, (who or current_user()).strip(), utc_now(), reason.strip(), edition
    )
    store.execute(
        "INSERT INTO classification_decisions (credit_code, class_code, sei_code, who, decided_at, reason, edition)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            decision.credit_code,
            decision.class_code,
            decision.sei_code,
            decision.who,
            decision.decided_at,
            decision.reason,
            decision.edition,
        ),
    )
    logger.info("decision for %s (%s): %s by %s", credit_code, class_code, sei_code, decision.who)
    return decision


def decision_history(store: Store, credit_code: str, class_code: str | None = None) -> list[Decision]:
    """All decisions for an enterprise (optionally one class), newest first."""
    sql = (
        "SELECT credit_code, class_code, sei_code, who, decided_at, reason, edition FROM classification_decisions"
        " WHERE credit_code = ?"
    )
    params: list[str] = [credit_code]
    if class_code is not None:
        sql += " AND class_code = ?"
        params.append(class_code)
    rows = store.fetchall(sql + " ORDER BY decided_at DESC", params)
    return [Decision(*row) for row in rows]


def decisions_in_force(store: Store) -> dict[tuple[str, str], Decision]:
    """The newest decision for every (credit code, class), read in one query for bulk classification."""
    rows = store.fetchall(
        "SELECT credit_code, class_code, sei_code, who, decided_at, reason, edition FROM classification_decisions"
        " ORDER BY decided_at"
    )
    return {(row[0], row[1]): Decision(*row) for row in rows}


def find_decision(store: Store, credit_code: str, class_code: str) -> Decision | None:
    """The decision in force for (credit code, class): the newest one, or ``None``."""
    history = decision_history(store, credit_code, class_code)
    return history[0] if history else None
