"""Benchmark: precision and recall of ``seimon plan extract`` on real plan sentences, per field.

Reads ``tests/plan/corpus/real_plans.yaml`` (152 sentences quoted from 55 published national, provincial and
municipal plans of the 12th–14th five-year periods, labelled by hand; see ``real_plans.md``) and scores the
extractor with :mod:`seimon.plan.extract_quality`: value, unit, deadline year, base year and kind (stock, flow,
annual_flow, rate, range, qualifier, baseline). The held-out documents were not looked at while the extractor
was changed; both parts are reported, and a second held-out set (``real_plans_fresh.yaml``, 26 sentences of 8 other
documents, labelled before the extractor was run on them) as ``fresh``, and a third (``real_plans_new.yaml``, 51
sentences of 13 further documents, labelled and committed after round 1; tuned on in round 2) as ``new``, and a
fourth (``real_plans_r2.yaml``, 61 sentences of 18 further documents, labelled and committed after round 2; tuned on
in round 3) as ``r2``, and a fifth (``real_plans_r3.yaml``, 61 sentences of 22 further documents, labelled and
committed after round 3; tuned on in round 4) as ``r3``, and a sixth (``real_plans_r4.yaml``, 81 sentences of 25
further documents, labelled and committed before the extractor was ever run on them; tuned on in round 5) as ``r4``,
and a seventh (``real_plans_r5.yaml``, 99 sentences of 37 further documents, labelled and committed before the
extractor was ever run on them; tuned on in round 6) as ``r5``, and an eighth (``real_plans_r6.yaml``, 89 sentences
of 42 further documents, labelled and committed before the extractor was ever run on them; tuned on in round 7) as
``r6``, and a ninth (``real_plans_r7.yaml``, 83 sentences of 34 further documents, labelled and committed before the
extractor was ever run on them) as ``r7``, and a tenth (``real_plans_r8.yaml``, 91 sentences of 36 further documents,
labelled and committed before the extractor was ever run on them) as ``r8``. Goal: targets found with the right
value, unit and deadline, recall ≥ 0.95 and precision ≥ 0.95.

Prints a table per part, the misses and false positives of one part with ``--verbose --part``, and as its last
line a JSON object ``{"dev": {...}, "heldout": {...}, "all": {...}, "fresh": {...}, "new": {...}, "r2": {...},
"r3": {...}, "r4": {...}, "r5": {...}, "r6": {...}, "r7": {...}, "r8": {...}}`` with,
per part,
``targets`` (recall, precision) and ``fields`` (recall, precision per field).

    .venv/bin/python benchmarks/plan_extract.py
    .venv/bin/python benchmarks/plan_extract.py --verbose --part dev
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from seimon.plan.extract_quality import FIELDS, score_corpus

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "plan" / "corpus" / "real_plans.yaml"
FRESH = REPO / "tests" / "plan" / "corpus" / "real_plans_fresh.yaml"
NEW = REPO / "tests" / "plan" / "corpus" / "real_plans_new.yaml"
R2 = REPO / "tests" / "plan" / "corpus" / "real_plans_r2.yaml"
R3 = REPO / "tests" / "plan" / "corpus" / "real_plans_r3.yaml"
R4 = REPO / "tests" / "plan" / "corpus" / "real_plans_r4.yaml"
R5 = REPO / "tests" / "plan" / "corpus" / "real_plans_r5.yaml"
R6 = REPO / "tests" / "plan" / "corpus" / "real_plans_r6.yaml"
R7 = REPO / "tests" / "plan" / "corpus" / "real_plans_r7.yaml"
R8 = REPO / "tests" / "plan" / "corpus" / "real_plans_r8.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--fresh", type=Path, default=FRESH, help="second held-out set (all documents held out)")
    parser.add_argument("--new", type=Path, default=NEW, help="third held-out set (labelled before the first run)")
    parser.add_argument("--r2", type=Path, default=R2, help="fourth held-out set (labelled before the first run)")
    parser.add_argument("--r3", type=Path, default=R3, help="fifth held-out set (labelled before the first run)")
    parser.add_argument("--r4", type=Path, default=R4, help="sixth held-out set (tuned on in round 5)")
    parser.add_argument("--r5", type=Path, default=R5, help="seventh held-out set (labelled before the first run)")
    parser.add_argument("--r6", type=Path, default=R6, help="eighth held-out set (labelled before the first run)")
    parser.add_argument("--r7", type=Path, default=R7, help="ninth held-out set (labelled before the first run)")
    parser.add_argument("--r8", type=Path, default=R8, help="tenth held-out set (labelled before the first run)")
    parser.add_argument("--verbose", action="store_true", help="list misses, wrong fields and false positives")
    parser.add_argument(
        "--part",
        default="dev",
        choices=("dev", "heldout", "fresh", "new", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "all"),
        help="part to list",
    )
    args = parser.parse_args(argv)
    results = score_corpus(args.corpus)
    results["fresh"] = score_corpus(args.fresh)["heldout"]
    results["new"] = score_corpus(args.new)["heldout"]
    results["r2"] = score_corpus(args.r2)["heldout"]
    results["r3"] = score_corpus(args.r3)["heldout"]
    results["r4"] = score_corpus(args.r4)["heldout"]
    results["r5"] = score_corpus(args.r5)["heldout"]
    results["r6"] = score_corpus(args.r6)["heldout"]
    results["r7"] = score_corpus(args.r7)["heldout"]
    results["r8"] = score_corpus(args.r8)["heldout"]
    for name, result in results.items():
        targets = result["targets"]
        print(
            f"{name:8} sentences {result['sentences']:4}  expected {result['expected']:4}  "
            f"targets recall {targets['recall']:.3f} precision {targets['precision']:.3f}"
        )
        for field in FIELDS:
            figures = result["fields"][field]
            print(f"    {field:10} recall {figures['recall']:.3f}  precision {figures['precision']:.3f}")
    if args.verbose:
        chosen = results[args.part]
        for key in ("misses", "wrong_fields", "false_positives"):
            for line in chosen[key]:
                print(f"{key[:5].upper():6}{line}", file=sys.stderr)
    summary = {
        name: {"sentences": r["sentences"], "expected": r["expected"], "targets": r["targets"], "fields": r["fields"]}
        for name, r in results.items()
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
