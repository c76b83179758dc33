"""Precision and recall of the commitment extractor on a labelled corpus of real plan sentences.

Why a module and not only a benchmark script: the same scoring is used by ``benchmarks/plan_extract.py`` (the
figures reported in docs/plan.md) and by the tests that keep those figures from sliding, so both must count
the same way. The corpus format and labelling conventions are in ``tests/plan/corpus/real_plans.md``.

Counting, per sentence (``context`` + ``text``; only what lies in ``text`` is scored):

- extracted items are those with role ``commitment``, ``qualifier`` or ``baseline`` (descriptors and status
  figures are the extractor saying "not a target" and are neither credited nor charged);
- each expected item is aligned to an unused extracted item with the same value (and upper end of a range),
  preferring one with the same unit;
- a field (unit, year, base_year, kind) is correct for an aligned pair when it is equal; ``year`` is not
  asked of qualifiers and baselines. recall = correct / expected, precision = correct / extracted;
- the headline ``targets`` figures count a target (kind stock, flow, annual_flow, rate or range) as found
  only when value, unit and deadline year are all right.

>>> want = {"value": 100, "unit": "家", "year": 2025, "kind": "stock"}
>>> score_sentences([{"text": "到2025年,企业达到100家。", "expect": [want]}])["targets"]["recall"]
1.0
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from seimon.plan.annual_plan import annual_plan_year
from seimon.plan.extract import extract_commitments

logger = logging.getLogger(__name__)

FIELDS = ("value", "unit", "year", "base_year", "kind")
TARGET_KINDS = frozenset({"stock", "flow", "annual_flow", "rate", "range"})
SCORED_ROLES = frozenset({"commitment", "qualifier", "baseline"})
_NO_DEADLINE_KINDS = frozenset({"qualifier", "baseline"})


def load_corpus(path: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The corpus's documents (by key) and sentences, each carrying its document's ``heldout`` flag, its year and,
    for an annual document, the year its title names (``plan_year``), as ``seimon plan new`` reads it from a text."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    documents: dict[str, dict[str, Any]] = data["documents"]
    sentences = []
    for sentence in data["sentences"]:
        document = documents[sentence["doc"]]
        dated = re.match(r"\d{4}", str(document.get("date", "")))
        year = int(dated.group()) if dated else None
        plan_year = annual_plan_year(str(document.get("title", "")))
        heldout = bool(document.get("heldout", False))
        title = str(document.get("title", ""))
        sentences.append(
            {**sentence, "heldout": heldout, "document_year": year, "plan_year": plan_year, "title": title}
        )
    return documents, sentences


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _extracted(sentence: dict[str, Any]) -> list[dict[str, Any]]:
    context = sentence.get("context") or ""
    year = sentence.get("document_year")
    found = extract_commitments(
        context + sentence["text"],
        document_year=year,
        plan_year=sentence.get("plan_year"),
        section=sentence.get("section"),
        title=sentence.get("title"),
    )
    return [c.to_dict() for c in found if c.value_start >= len(context) and c.role in SCORED_ROLES]


def _align(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int | None]]:
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], int | None]] = []
    for want in expected:
        same_value = [
            i
            for i, item in enumerate(got)
            if i not in used
            and _close(item["value"], want["value"])
            and _close(item.get("value_max"), want.get("value_max"))
        ]
        same_unit = [i for i in same_value if got[i]["unit"] == want.get("unit", "")]
        hit = (same_unit or same_value or [None])[0]
        if hit is not None:
            used.add(hit)
        pairs.append((want, hit))
    return pairs


def _field_ok(field: str, want: dict[str, Any], item: dict[str, Any]) -> bool:
    if field == "value":
        return True  # aligned on value
    if field == "year" and want.get("kind") in _NO_DEADLINE_KINDS:
        return True
    return bool(item.get(field) == want.get(field, "" if field == "unit" else None))


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 1.0


def score_sentences(sentences: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Per-field and headline precision/recall over ``sentences``, with the misses and false positives listed."""
    sentences = list(sentences)
    n_expected = n_extracted = n_targets = n_target_hits = n_commitments = n_commitment_hits = 0
    correct = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    wrong: list[str] = []
    false_positives: list[str] = []
    for sentence in sentences:
        expected = list(sentence.get("expect") or [])
        got = _extracted(sentence)
        pairs = _align(expected, got)
        n_expected += len(expected)
        n_extracted += len(got)
        aligned = {hit for _, hit in pairs if hit is not None}
        n_commitments += sum(1 for item in got if item["role"] == "commitment")
        for want, hit in pairs:
            is_target = want.get("kind") in TARGET_KINDS
            n_targets += is_target
            if hit is None:
                misses.append(f"{sentence['text']} -> expected {want}")
                continue
            item = got[hit]
            for field in FIELDS:
                correct[field] += _field_ok(field, want, item)
            bad = [f for f in FIELDS if not _field_ok(f, want, item)]
            if bad:
                shown = {f: item.get(f) for f in bad}
                wrong.append(f"{sentence['text']} -> {want['value']}: expected {want}, got {shown}")
            target_ok = all(_field_ok(f, want, item) for f in ("unit", "year"))
            if is_target and target_ok:
                n_target_hits += 1
                n_commitment_hits += item["role"] == "commitment"
        false_positives += [
            f"{sentence['text']} -> got {item['number_text']} ({item['role']}, {item.get('kind')}, {item['year']})"
            for i, item in enumerate(got)
            if i not in aligned
        ]
    fields = {
        field: {"recall": _ratio(correct[field], n_expected), "precision": _ratio(correct[field], n_extracted)}
        for field in FIELDS
    }
    return {
        "sentences": len(sentences),
        "expected": n_expected,
        "extracted": n_extracted,
        "fields": fields,
        "targets": {
            "expected": n_targets,
            "recall": _ratio(n_target_hits, n_targets),
            "precision": _ratio(n_commitment_hits, n_commitments),
        },
        "misses": misses,
        "wrong_fields": wrong,
        "false_positives": false_positives,
    }


def score_corpus(path: Path) -> dict[str, dict[str, Any]]:
    """Scores of the corpus at ``path`` for its tuning part (``dev``), its held-out part and all of it."""
    _, sentences = load_corpus(path)
    parts = {
        "dev": [s for s in sentences if not s["heldout"]],
        "heldout": [s for s in sentences if s["heldout"]],
        "all": sentences,
    }
    results: dict[str, dict[str, Any]] = {}
    for name, part in parts.items():
        results[name] = score_sentences(part)
    return results
