"""The plan lint: proves that every number in a plan's text is a target, set aside, or structural.

Why (tenet 4, "nothing is silent"): a planner who encodes a plan by hand can miss a commitment. The
extractor (:func:`seimon.plan.extract.scan_numbers`) finds every numeral in the source text; the lint
checks each against the plan data:

- a ``quantity`` token is covered when it lies inside a target's source span and the target's value
  matches it, or when it overlaps the ``number_text`` of a ``set_aside`` entry;
- tokens of the other categories (year, date, list_marker, box_number, period_name, identifier, idiom)
  are covered by rule and counted per category with the extractor's reason;
- a target whose source span does not contain its value as written is an error;
- a target whose semantics (stock, flow, annual_flow, rate, range) differ from what the extractor reads in its
  clause ("新建500家" is a flow) is a warning: the planner confirms or corrects it.

The report counts coverage (numbers covered of all numbers found), targets by semantics and qualitative targets.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from seimon.plan.model import Plan, SetAside, Target

logger = logging.getLogger(__name__)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class LintFinding:
    """One problem: an uncovered number, a target whose clause lacks its value, an unused set-aside."""

    code: str
    severity: Severity
    message_zh: str
    message_en: str
    start: int | None = None
    end: int | None = None
    text: str | None = None
    item_id: str | None = None


@dataclass(frozen=True)
class CategoryCount:
    """Tokens of one non-quantity category, covered by rule, with the extractor's reason."""

    count: int
    reason_zh: str
    reason_en: str


@dataclass
class LintReport:
    """The result of :func:`lint_plan`; ``ok`` is false on any error finding."""

    plan_id: str
    total: int = 0
    covered: int = 0
    by_target: int = 0
    by_set_aside: int = 0
    by_category: dict[str, CategoryCount] = field(default_factory=dict)
    by_semantics: dict[str, int] = field(default_factory=dict)
    qualitative: int = 0
    findings: list[LintFinding] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        """Share of the numbers found in the text that are targets, set aside or structural (1.0 = all)."""
        return self.covered / self.total if self.total else 1.0

    @property
    def ok(self) -> bool:
        """True when nothing is uncovered and every target's clause holds its value."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> list[LintFinding]:
        """The findings that fail the lint."""
        return [f for f in self.findings if f.severity == "error"]

    def to_dict(self) -> dict[str, Any]:
        """The report as the JSON object ``seimon plan lint --json`` prints."""
        return {
            "plan_id": self.plan_id,
            "ok": self.ok,
            "total": self.total,
            "covered": self.covered,
            "covered_by_target": self.by_target,
            "covered_by_set_aside": self.by_set_aside,
            "coverage": round(self.coverage, 4),
            "targets_by_semantics": dict(sorted(self.by_semantics.items())),
            "qualitative_targets": self.qualitative,
            "by_category": {k: asdict(v) for k, v in sorted(self.by_category.items())},
            "findings": [asdict(f) for f in self.findings],
        }


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _matches_target(token: Any, target: Target) -> bool:
    """A token matches a target when its value equals the value as written, the range end or the normalised value.

    The extractor may give "8万家" as 8 or as 80000; both are the same commitment.
    """
    if token.value is None:
        return target.value_text in token.text
    return any(_same(token.value, v) for v in (target.value, target.value_max, target.value_normalized))


def _set_aside_span(item: SetAside, text: str) -> tuple[int, int] | None:
    """Absolute offsets of ``number_text`` inside the set-aside's quote ("500千伏" in "500千伏主网架")."""
    if item.source.start is None:
        return None
    at = text.find(item.number_text, item.source.start, item.source.end)
    return None if at == -1 else (at, at + len(item.number_text))


def _target_value_findings(plan: Plan) -> list[LintFinding]:
    """Targets whose source clause does not contain their value as written."""
    text = plan.text
    found = []
    for target in plan.targets:
        s, e = target.source.start, target.source.end
        if s is None or e is None or target.value_text not in text[s:e]:
            found.append(
                LintFinding(
                    "target_value_not_in_source",
                    "error",
                    f"目标 {target.id} 的出处原文不含其数值「{target.value_text}」",
                    f"the source clause of target {target.id} does not contain its value {target.value_text!r}",
                    s,
                    e,
                    text[s:e] if s is not None and e is not None else None,
                    target.id,
                )
            )
    return found


def _set_aside_spans(plan: Plan) -> tuple[list[tuple[SetAside, tuple[int, int]]], list[LintFinding]]:
    """Each set-aside's number span, and an error for each whose number is not in its quote."""
    spans: list[tuple[SetAside, tuple[int, int]]] = []
    found: list[LintFinding] = []
    for item in plan.set_aside:
        span = _set_aside_span(item, plan.text)
        if span is None:
            found.append(
                LintFinding(
                    "set_aside_number_not_in_quote",
                    "error",
                    f"剔除项 {item.id} 的数字「{item.number_text}」不在其引文中",
                    f"set-aside {item.id}: number {item.number_text!r} is not in its quote",
                    item.source.start,
                    item.source.end,
                    item.source.quote,
                    item.id,
                )
            )
        else:
            spans.append((item, span))
    return spans, found


def _covering_target(plan: Plan, token: Any) -> Target | None:
    for target in plan.targets:
        s, e = target.source.start, target.source.end
        if s is not None and e is not None and s <= token.start and token.end <= e and _matches_target(token, target):
            return target
    return None


def _unused_findings(
    plan: Plan, spans: list[tuple[SetAside, tuple[int, int]]], matched: set[str], used: set[str]
) -> list[LintFinding]:
    """Warnings: targets the extractor did not see, set-asides that cover nothing."""
    found = [
        LintFinding(
            "target_not_extracted",
            "warning",
            f"提取器未在目标 {t.id} 的出处中找到数值 {t.value_text}",
            f"the extractor found no number matching target {t.id} ({t.value_text}) in its clause",
            t.source.start,
            t.source.end,
            t.source.text,
            t.id,
        )
        for t in plan.targets
        if t.id not in matched
    ]
    found.extend(
        LintFinding(
            "set_aside_unused",
            "warning",
            f"剔除项 {item.id}（{item.number_text}）未对应提取器识别的数量",
            f"set-aside {item.id} ({item.number_text}) matches no quantity the extractor found",
            item.source.start,
            item.source.end,
            item.number_text,
            item.id,
        )
        for item, _span in spans
        if item.id not in used
    )
    return found


def _semantics_findings(plan: Plan) -> list[LintFinding]:
    """Warnings for targets whose semantics differ from the kind the extractor reads in their clause."""
    from seimon.plan.extract import extract_commitments

    found_kinds = [
        (c.value_start, c.value_end, c.value, c.kind)
        for c in extract_commitments(plan.text, document_year=plan.metadata.date.year)
        if c.role == "commitment"
    ]
    findings = []
    for target in plan.targets:
        s, e = target.source.start, target.source.end
        if s is None or e is None:
            continue
        kinds = {k for a, b, v, k in found_kinds if s <= a and b <= e and _same(v, target.value)}
        if kinds and target.semantics not in kinds:
            read = "/".join(sorted(kinds))
            findings.append(
                LintFinding(
                    "target_semantics_differs",
                    "warning",
                    f"目标 {target.id} 的含义为 {target.semantics}，但原文读作 {read}（请确认）",
                    f"target {target.id} is encoded as {target.semantics} but its clause reads as {read} (confirm)",
                    s,
                    e,
                    target.source.text,
                    target.id,
                )
            )
    return findings


def lint_plan(plan: Plan, tokens: Iterable[Any] | None = None) -> LintReport:
    """Check every numeral of the plan text against the plan's targets and set-aside numbers.

    ``tokens`` defaults to ``scan_numbers(plan.text)``; passing them lets a caller lint against a fixed scan.

    >>> from seimon.plan import load_plan
    >>> report = lint_plan(load_plan())
    >>> report.ok, report.covered == report.total
    (True, True)
    """
    if tokens is None:
        from seimon.plan.extract import scan_numbers

        tokens = scan_numbers(plan.text)
    tokens = list(tokens)
    report = LintReport(plan_id=plan.metadata.id, total=len(tokens))
    report.findings.extend(_target_value_findings(plan))
    spans, span_findings = _set_aside_spans(plan)
    report.findings.extend(span_findings)

    matched: set[str] = set()
    used: set[str] = set()
    categories: dict[str, list[Any]] = {}
    for token in tokens:
        if token.category != "quantity":
            categories.setdefault(token.category, []).append(token)
            report.covered += 1
            continue
        target = _covering_target(plan, token)
        if target is not None:
            matched.add(target.id)
            report.covered += 1
            report.by_target += 1
            continue
        aside = next((a for a, (s, e) in spans if token.start < e and s < token.end), None)
        if aside is not None:
            used.add(aside.id)
            report.covered += 1
            report.by_set_aside += 1
            continue
        report.findings.append(
            LintFinding(
                "uncovered_number",
                "error",
                f"数字「{token.text}」既不是已编码的目标，也未附理由剔除",
                f"number {token.text!r} is neither an encoded target nor set aside with a reason",
                token.start,
                token.end,
                token.text,
            )
        )

    for category, found in categories.items():
        report.by_category[category] = CategoryCount(len(found), found[0].reason_zh, found[0].reason_en)
    report.findings.extend(_unused_findings(plan, spans, matched, used))
    report.findings.extend(_semantics_findings(plan))
    for target in plan.targets:
        key = str(target.semantics)
        report.by_semantics[key] = report.by_semantics.get(key, 0) + 1
    report.qualitative = len(plan.qualitative_targets)
    logger.debug("lint %s: covered %d/%d", plan.metadata.id, report.covered, report.total)
    return report
