"""Recall and precision of the commitment extractor on the second independently written corpus.

``corpus/independent2.yaml`` was composed and labelled by a second labeller who had read only
``corpus/README.md`` and the rules block (R1–R9) at the top of ``corpus/independent.yaml`` (not the
extractor, its tests, the sentences of the other corpora); the extra labelling rules it needed (R10–R19)
are written at the top of that file. Scoring is the same as ``test_extract_independent``: an expected
commitment is hit by an unused extracted commitment (role "commitment") that matches value, unit,
value_max, comparator, year and relation, and base_year / aspirational where the corpus gives them;
every unmatched extracted commitment counts against precision.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml

from seimon.plan.extract import extract_commitments

CORPUS = Path(__file__).parent / "corpus" / "independent2.yaml"
MATCH_FIELDS = ("value", "unit", "value_max", "comparator", "year", "relation", "base_year", "aspirational")


def _same(key: str, got: Any, want: Any) -> bool:
    if key in ("value", "value_max") and got is not None and want is not None:
        return math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-12)
    return bool(got == want)


def _score_independent2() -> tuple[float, float, int, int, list[str], list[str]]:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    tp = fn = 0
    misses: list[str] = []
    false_positives: list[str] = []
    for sentence in data["sentences"]:
        got = [c.to_dict() for c in extract_commitments(sentence["text"]) if c.role == "commitment"]
        used: set[int] = set()
        for raw in sentence["expect"] or []:
            expected: dict[str, Any] = {"value_max": None, "relation": None, **raw}
            assert set(expected) <= set(MATCH_FIELDS), raw
            hit = next(
                (i for i, c in enumerate(got) if i not in used and all(_same(k, c[k], v) for k, v in expected.items())),
                None,
            )
            if hit is None:
                fn += 1
                misses.append(f"{sentence['text']} -> expected {raw}")
            else:
                used.add(hit)
                tp += 1
        false_positives += [
            f"{sentence['text']} -> got {got[i]['number_text']} "
            f"({got[i]['value']} {got[i]['unit']} {got[i]['comparator']} {got[i]['year']} {got[i]['relation']})"
            for i in range(len(got))
            if i not in used
        ]
    fp = len(false_positives)
    return tp / (tp + fn), tp / max(1, tp + fp), len(data["sentences"]), tp + fn, misses, false_positives


def test_independent2_corpus_shape() -> None:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    sentences = data["sentences"]
    assert data["source"]
    assert len(sentences) >= 100
    assert sum(len(s["expect"] or []) for s in sentences) >= 170
    assert {s["style"] for s in sentences} == {"national", "provincial", "city", "park", "sector"}
    texts = [s["text"] for s in sentences]
    assert len(set(texts)) == len(texts)


def test_independent2_recall() -> None:
    recall, precision, n, expected, misses, false_positives = _score_independent2()
    print(f"independent2: {n} sentences, {expected} expected, recall {recall:.3f}, precision {precision:.3f}")
    for line in misses:
        print("MISS", line)
    for line in false_positives:
        print("FP  ", line)
    assert recall >= 0.95, misses
