"""The real-plan corpus (tests/plan/corpus/real_plans.yaml) and the extractor's figures on it.

The figures are the ones benchmarks/plan_extract.py reports and docs/plan.md quotes; these tests keep them from
sliding. The tuning part must meet the issue's goal (targets with the right value, unit and deadline: recall and
precision ≥ 0.95); the held-out parts have floors at their measured levels (see real_plans.md for their history).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from seimon.plan.extract_quality import TARGET_KINDS, load_corpus, score_corpus, score_sentences

CORPUS = Path(__file__).parent / "corpus" / "real_plans.yaml"
FRESH = Path(__file__).parent / "corpus" / "real_plans_fresh.yaml"
NEW = Path(__file__).parent / "corpus" / "real_plans_new.yaml"
R2 = Path(__file__).parent / "corpus" / "real_plans_r2.yaml"
R3 = Path(__file__).parent / "corpus" / "real_plans_r3.yaml"
R4 = Path(__file__).parent / "corpus" / "real_plans_r4.yaml"
R5 = Path(__file__).parent / "corpus" / "real_plans_r5.yaml"
R6 = Path(__file__).parent / "corpus" / "real_plans_r6.yaml"
R7 = Path(__file__).parent / "corpus" / "real_plans_r7.yaml"
R8 = Path(__file__).parent / "corpus" / "real_plans_r8.yaml"
GOAL = 0.95  # issue 20: recall and precision of targets (right value, unit and deadline), and of every field
FIELDS = ("value", "unit", "year", "base_year", "kind")
KINDS = TARGET_KINDS | {"qualifier", "baseline"}


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    return score_corpus(CORPUS)


def test_corpus_names_its_real_sources_and_covers_levels_and_periods() -> None:
    documents, sentences = load_corpus(CORPUS)
    assert len(sentences) >= 150
    assert len({s["text"] for s in sentences}) == len(sentences)
    for key, document in documents.items():
        assert document["title"] and document["issuer"] and document["date"], key
        assert document["found_at"], key
    used = Counter(documents[s["doc"]]["level"] for s in sentences)
    assert set(used) == {"national", "provincial", "municipal"}
    assert {documents[s["doc"]]["period"] for s in sentences} >= {"13th", "14th"}
    assert any(s["heldout"] for s in sentences) and any(not s["heldout"] for s in sentences)
    for sentence in sentences:
        for item in sentence["expect"]:
            assert item["kind"] in KINDS, item
            assert ("value_max" in item) == (item["kind"] == "range"), item


def test_scoring_counts_field_errors_and_false_positives() -> None:
    want = {"value": 100, "unit": "家", "year": 2024, "kind": "flow"}
    sentence = {"text": "到2025年，新建企业100家，比重达到15%。", "expect": [want]}
    result = score_sentences([sentence])
    assert result["fields"]["value"] == {"recall": 1.0, "precision": 0.5}
    assert result["fields"]["year"]["recall"] == 0.0
    assert result["targets"] == {"expected": 1, "recall": 0.0, "precision": 0.0}
    assert len(result["false_positives"]) == 1


def goal_failures(result: dict) -> list[str]:
    """What of the benchmark's goal a scored part misses: targets and every field, recall and precision ≥ 0.95."""
    failures = [f"targets {m} {result['targets'][m]}" for m in ("recall", "precision") if result["targets"][m] < GOAL]
    for field in FIELDS:
        failures += [f"{field} {m} {result['fields'][field][m]}" for m in ("recall", "precision")
                     if result["fields"][field][m] < GOAL]  # fmt: skip
    return failures


def below_perfect(result: dict) -> list[str]:
    """The figures of a tuned part below 1.000: after round 4 the tuned parts read every label, on every field, and a
    rule that costs one of them (a kind, a deadline) shows here although the part still meets the goal."""
    figures = [("targets", m, result["targets"][m]) for m in ("recall", "precision")]
    figures += [(field, m, result["fields"][field][m]) for field in FIELDS for m in ("recall", "precision")]
    low = [f"{name} {m} {value}" for name, m, value in figures if value < 1.0]
    return low + result["misses"] + result["wrong_fields"] + result["false_positives"] if low else []


def test_tuned_parts_read_every_label(scores: dict[str, dict]) -> None:
    parts = {"dev": scores["dev"], "new": score_corpus(NEW)["heldout"], "r2": score_corpus(R2)["heldout"]}
    parts["r3"] = score_corpus(R3)["heldout"]
    parts["r4"] = score_corpus(R4)["heldout"]
    parts["r5"] = score_corpus(R5)["heldout"]
    failures = {name: below_perfect(part) for name, part in parts.items() if below_perfect(part)}
    assert not failures, failures


def test_tuning_part_meets_the_goal(scores: dict[str, dict]) -> None:
    dev = scores["dev"]
    assert not goal_failures(dev), (goal_failures(dev), dev["misses"] + dev["wrong_fields"] + dev["false_positives"])


def test_the_goal_check_fails_when_the_extractor_reads_deadlines_wrong() -> None:
    """The same check on the dev sentences with every deadline label moved a year: the extraction now disagrees."""
    _, sentences = load_corpus(CORPUS)
    shifted = [
        {**s, "expect": [{**e, "year": e["year"] + 1 if e.get("year") else e.get("year")} for e in s["expect"]]}
        for s in sentences
        if not s["heldout"]
    ]
    failures = goal_failures(score_sentences(shifted))
    assert "year recall" in " ".join(failures) and any(f.startswith("targets recall") for f in failures)


def test_held_out_parts_keep_their_level(scores: dict[str, dict]) -> None:
    heldout = scores["heldout"]
    assert heldout["targets"]["recall"] >= 0.95 and heldout["targets"]["precision"] >= 0.95
    assert scores["all"]["targets"]["recall"] >= 0.95 and scores["all"]["targets"]["precision"] >= 0.95
    fresh = score_corpus(FRESH)["heldout"]
    assert fresh["sentences"] >= 25
    assert fresh["targets"]["recall"] >= 0.90 and fresh["targets"]["precision"] >= 0.85


def test_third_held_out_set_keeps_its_tuned_level() -> None:
    """real_plans_new.yaml was measured once unseen (targets 0.525 / 0.457) and then tuned on in round 2 (annual
    documents' year, review chapters, flow verbs): it is held at the goal now, as a tuning set."""
    new = score_corpus(NEW)["heldout"]
    assert new["sentences"] >= 50
    assert not goal_failures(new), goal_failures(new)


def test_fourth_held_out_set_keeps_its_tuned_level() -> None:
    """real_plans_r2.yaml was measured once unseen (targets 0.885 / 0.600) and then tuned on in round 3 (review
    passages and titles, 未来五年, starts from 目前, 落户 flows, spaced units): it is held at the goal now."""
    r2 = score_corpus(R2)["heldout"]
    assert r2["sentences"] >= 60
    assert not goal_failures(r2), goal_failures(r2)
    # Round 4 added 标箱 (TEU) to the unit table: "800万标箱", its one miss, is read since.
    assert r2["fields"]["unit"]["recall"] == 1.0 and r2["targets"]["recall"] == 1.0


def test_fifth_held_out_set_keeps_its_tuned_level() -> None:
    """real_plans_r3.yaml was measured once unseen (targets 0.898 / 0.760; value and unit recall 0.968, year 0.905,
    kind 0.884) and then tuned on in round 4 (achievement headings, day-only dates, counts of a list, milestones to
    reach, goals' year named after them, 培育/孵化/发行 flows): it is held at the goal now, on every field."""
    r3 = score_corpus(R3)["heldout"]
    assert r3["sentences"] >= 60
    assert not goal_failures(r3), goal_failures(r3)
    assert (r3["targets"]["recall"], r3["targets"]["precision"]) == (1.0, 1.0), r3["misses"] + r3["false_positives"]


def test_sixth_held_out_set_keeps_its_tuned_level() -> None:
    """real_plans_r4.yaml was measured once unseen after round 4: targets recall 0.964, precision 0.884 (value and
    unit 0.974 / 0.889, year 0.965 / 0.881, base year 0.974 / 0.889, kind 0.939 / 0.857). It was then tuned on in
    round 5 (reported review findings and evaluation titles, past dated levels, counts of a document's programmes, of
    its indicators and of a share's subject, "6 . 5", 年限…年, a five-year plan presented in a work report, the
    planned year of a plan report, 选树/立项/获…奖 flows): it is held at the goal now, on every field."""
    r4 = score_corpus(R4)["heldout"]
    assert r4["sentences"] >= 80
    assert not goal_failures(r4), goal_failures(r4)
    assert (r4["targets"]["recall"], r4["targets"]["precision"]) == (1.0, 1.0), r4["misses"] + r4["false_positives"]


def test_seventh_held_out_set_keeps_its_tuned_level() -> None:
    """real_plans_r5.yaml was measured once unseen after round 5: targets recall 0.939, precision 0.836 (value and
    unit 0.953 / 0.871, year 0.943 / 0.862, base year 0.953 / 0.871, kind 0.859 / 0.784). It was then tuned on in
    round 6 (a past year naming what a figure counts, 二○二五 years, 刚刚过去的一年, 目前…已, standings and honours
    with no deadline, thresholds of a count, restatements in brackets, text lengths, focus counts, an issued plan's
    period, 成 as tenths, 累计 over a list, 开工/投产/治理/撬动/投资 flows): it is held at the goal now, on every
    field."""
    r5 = score_corpus(R5)["heldout"]
    assert r5["sentences"] >= 95
    assert not goal_failures(r5), goal_failures(r5)
    assert (r5["targets"]["recall"], r5["targets"]["precision"]) == (1.0, 1.0), r5["misses"] + r5["false_positives"]


def test_eighth_held_out_set_keeps_its_tuned_level() -> None:
    """real_plans_r6.yaml was measured once unseen after round 6: targets recall 0.895, precision 0.722 (value
    0.973 / 0.790, unit 0.966 / 0.784, year 0.905 / 0.735, base year 0.973 / 0.790, kind 0.898 / 0.729). It was then
    tuned on in round 7 (a paragraph opening on an earlier year, a meeting since which, 截至今年N月, changes between
    relative dates, news of something done, a document's parts and lists, figures inside an example of a counted
    list, session numbers, 年底将/当年计划, a paragraph going on from a goal paragraph, fractions, ratios to one,
    平方千米, 基于 base years, 及以上 classes, planned spending and projects starting as flows). It meets the goal on
    every field but does not read every label: 3 wrong fields and 4 false positives are left (docs/plan.md, "Round
    7"), so it is held at its tuned figures, not at 1.000."""
    r6 = score_corpus(R6)["heldout"]
    assert r6["sentences"] >= 85
    assert not goal_failures(r6), goal_failures(r6)
    assert r6["targets"]["recall"] >= 0.985 and r6["targets"]["precision"] >= 0.965, (
        r6["misses"] + r6["false_positives"]
    )


def test_ninth_held_out_set_at_its_tuned_level() -> None:
    """real_plans_r7.yaml was measured unseen after round 6 (targets 0.820 / 0.735) and again after round 7, which was
    tuned on r6 without seeing it (0.820 / 0.755). Round 8 was tuned on it: 0.9942 / 0.9602 measured (value, unit,
    year and base year 0.990 / 0.970, kind 0.938 / 0.920); docs/plan.md lists what is left."""
    r7 = score_corpus(R7)["heldout"]
    assert r7["sentences"] >= 80
    assert r7["targets"]["recall"] >= 0.994 and r7["targets"]["precision"] >= 0.960, (
        r7["misses"] + r7["false_positives"]
    )
    for field in ("value", "unit", "year", "base_year"):
        assert r7["fields"][field]["recall"] >= 0.989 and r7["fields"][field]["precision"] >= 0.969, field


def test_tenth_held_out_set_keeps_its_first_measurement() -> None:
    """real_plans_r8.yaml (strategic emerging industry plans and their sub-fields) was measured unseen after round 7
    and after round 8 (tuned on r7 without seeing it): targets 0.911 / 0.863 both times. Until it is tuned on, that is
    its floor."""
    r8 = score_corpus(R8)["heldout"]
    assert r8["sentences"] >= 90
    assert r8["targets"]["recall"] >= 0.910 and r8["targets"]["precision"] >= 0.862, (
        r8["misses"] + r8["false_positives"]
    )
