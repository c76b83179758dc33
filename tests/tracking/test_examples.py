"""The example files of docs/tracking.md import cleanly and give the figures the document quotes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from seimon.ingest.pipeline import import_file
from seimon.store import Store
from seimon.tracking.bases import base_profiles
from seimon.tracking.projects import project_states
from seimon.tracking.responsibilities import consistency, read_breakdown
from seimon.tracking.tasks import task_states

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KINDS = {
    "bases.csv": "bases",
    "projects.csv": "projects",
    "project-progress.csv": "project-progress",
    "responsibilities.csv": "responsibilities",
    "tasks.csv": "tasks",
    "task-reports.csv": "task-reports",
}


def test_examples_import_and_give_the_documented_figures(store: Store) -> None:
    for name, kind in KINDS.items():
        summary = import_file(store, kind, EXAMPLES / name)
        assert summary.status == "loaded", (name, summary.errors)
    day = dt.date(2020, 3, 31)
    rates = {s.id: (s.completion_rate, s.overdue) for s in project_states(store, day)}
    assert rates == {"HB2017-001": (1.0, False), "HB2017-002": (0.7, True), "HB2019-003": (0.4, False)}
    assert sorted(t.id for t in task_states(store, day) if t.overdue) == ["box_01_2", "measure_finance"]
    assert next(c for c in consistency(read_breakdown(store)) if c.year == 2020).consistent
    assert all(p.name for p in base_profiles(store))
