"""Deliberate mistakes for the quarantine to catch, and the record of where they are.

A demo that only contains clean data cannot show that validation works. A handful of typical
submission mistakes are planted — a mistyped check character, a region code that does not exist, text
in a number column, value added above revenue, a period that has not happened yet, a row sent twice —
and each is recorded with its file, row, field and the rule expected to reject it, so tests can check
that the import quarantines exactly these rows.

Rows are tagged with an ``_error`` marker column while frames are edited; the row number is resolved
only when the file is written (see :func:`locate`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from seimon.reference.credit_code import CHARSET

MARKER = "_error"


@dataclass(frozen=True)
class PlannedError:
    """An error planted in a frame, before its row number is known."""

    id: str
    field: str
    rule: str
    value: Any
    description_zh: str
    description_en: str
    severity: str = "error"


@dataclass(frozen=True)
class InjectedError:
    """An error as the manifest lists it: file, row as the import reports it, field and expected rule."""

    id: str
    file: str
    sheet: str | None
    row: int
    field: str
    rule: str
    severity: str
    value: Any
    description_zh: str
    description_en: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _wrong_check(code: str) -> str:
    """The same code with another check character (the 18th), as a typing slip gives.

    >>> _wrong_check("91330100716105852F")
    '91330100716105852G'
    """
    right = CHARSET.index(code[17])
    return code[:17] + CHARSET[(right + 1) % len(CHARSET)]


def _insert(frame: pd.DataFrame, position: int, row: dict[str, Any]) -> pd.DataFrame:
    extra = pd.DataFrame([row], columns=frame.columns)
    return pd.concat([frame.iloc[:position], extra, frame.iloc[position:]], ignore_index=True)


def inject_enterprise_errors(frame: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, list[PlannedError]]:
    """Add two extra enterprises: one with a wrong check character, one with an unknown region code.

    They are extra rows (copies of real ones with a new code), so no reported enterprise goes missing.

    >>> df = pd.DataFrame({"credit_code": ["91330100716105852F"] * 3, "region": ["130102"] * 3,
    ...     "name": ["甲", "乙", "丙"]})
    >>> out, planned = inject_enterprise_errors(df, np.random.default_rng(0))
    >>> len(out), sorted(p.rule for p in planned)
    (5, ['enterprise_credit_code', 'enterprise_region_code'])
    """
    frame = frame.copy()
    frame[MARKER] = ""
    planned = []
    donor = frame.iloc[int(rng.integers(0, len(frame)))].to_dict()
    bad = _wrong_check(donor["credit_code"])
    row = {**donor, "credit_code": bad, "name": donor["name"] + "（分公司）", MARKER: "enterprise_check_digit"}
    frame = _insert(frame, int(rng.integers(1, len(frame))), row)
    planned.append(
        PlannedError(
            "enterprise_check_digit", "credit_code", "enterprise_credit_code", bad,
            "统一社会信用代码校验码错误（末位录入错误）", "wrong check character in the credit code (typing slip)",
        )
    )  # fmt: skip
    donor = frame.iloc[int(rng.integers(0, len(frame)))].to_dict()
    code = donor["credit_code"]
    unknown = donor["region"][:4] + "99"  # 130199: no such county in any Hebei city
    row = {**donor, "credit_code": _other_code(code, unknown), "region": unknown, "name": donor["name"] + "（新厂）"}
    row[MARKER] = "enterprise_unknown_region"
    frame = _insert(frame, int(rng.integers(1, len(frame))), row)
    planned.append(
        PlannedError(
            "enterprise_unknown_region", "region", "enterprise_region_code", unknown,
            "地区代码不存在", "region code does not exist",
        )
    )  # fmt: skip
    return frame, planned


def _other_code(code: str, region: str) -> str:
    """A valid credit code with the same organisation part, registered in ``region``."""
    from seimon.reference.credit_code import make_check_digit

    first17 = code[:2] + region + code[8:17]
    return first17 + make_check_digit(first17)


def inject_report_errors(
    frame: pd.DataFrame, rng: np.random.Generator, future_year: int
) -> tuple[pd.DataFrame, list[PlannedError]]:
    """Plant four report mistakes in a year's frame (1-2月 … 1-12月 rows, one block per enterprise).

    * text in a number column (工业增加值 "见附表");
    * value added above revenue, in a 1-2月 row (revenue typed too low, so no cumulative rule fires);
    * a future period (a 1-3月 row whose year was mistyped as ``future_year``);
    * a row sent twice (a 1-5月 row repeated right after itself).

    Each mistake is in a different enterprise.
    """
    frame = frame.copy()
    frame[MARKER] = ""
    frame["value_added"] = frame["value_added"].astype(object)
    months = frame["_month"].to_numpy()
    codes = frame["credit_code"].to_numpy()
    enterprises = list(dict.fromkeys(codes))
    picked = [enterprises[i] for i in rng.choice(len(enterprises), size=4, replace=False)]

    def row_of(code: str, month: int) -> int:
        return int(np.flatnonzero((codes == code) & (months == month))[0])

    planned = []
    i = row_of(picked[0], int(rng.integers(3, 12)))
    frame.loc[i, "value_added"] = "见附表"
    frame.loc[i, MARKER] = "report_text_in_number"
    planned.append(
        PlannedError(
            "report_text_in_number", "value_added", "type", "见附表",
            "数字列中填写了文字", "text in a number column",
        )
    )  # fmt: skip
    i = row_of(picked[1], 2)
    revenue = round(float(frame.loc[i, "value_added"]) * 0.8, 1)
    frame.loc[i, "revenue"] = revenue
    frame.loc[i, MARKER] = "report_va_above_revenue"
    planned.append(
        PlannedError(
            "report_va_above_revenue", "value_added", "va_le_revenue", float(frame.loc[i, "value_added"]),
            "工业增加值大于营业收入", "value added above revenue",
        )
    )  # fmt: skip
    i = row_of(picked[2], 3)
    period = f"{future_year}年1-3月"
    frame.loc[i, "period"] = period
    frame.loc[i, MARKER] = "report_future_period"
    planned.append(
        PlannedError(
            "report_future_period", "period", "report_no_future_period", period,
            "报告期年份录入错误，尚未到来", "period year mistyped into the future",
        )
    )  # fmt: skip
    i = row_of(picked[3], 5)
    duplicate = frame.iloc[i].to_dict()
    duplicate[MARKER] = "report_duplicate"
    frame = _insert(frame, i + 1, duplicate)
    planned.append(
        PlannedError(
            "report_duplicate", "credit_code", "report_duplicate", f"{picked[3]}|{duplicate['period']}",
            "同一企业同一时期重复报送", "the same enterprise and period sent twice",
        )
    )  # fmt: skip
    return frame, planned


def locate(
    frame: pd.DataFrame, planned: list[PlannedError], *, file: str, sheet: str | None, first_data_row: int
) -> list[InjectedError]:
    """Resolve planted errors to the row numbers the import will report (first data row + position).

    >>> df = pd.DataFrame({MARKER: ["", "x", ""]})
    >>> [e.row for e in locate(df, [PlannedError("x", "f", "r", 1, "甲", "a")], file="a.csv", sheet=None,
    ...     first_data_row=2)]
    [3]
    """
    if not planned:
        return []
    markers = frame[MARKER].to_numpy()
    out = []
    for p in planned:
        position = int(np.flatnonzero(markers == p.id)[0])
        out.append(
            InjectedError(
                p.id, file, sheet, first_data_row + position, p.field, p.rule, p.severity, p.value,
                p.description_zh, p.description_en,
            )
        )  # fmt: skip
    return out
