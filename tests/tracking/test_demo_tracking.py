"""The demo's tracking registers load through the ordinary pipeline and look like a provincial programme."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from seimon.demo.tracking import write_tracking
from seimon.ingest.pipeline import import_file
from seimon.plan import load_plan
from seimon.store import Store
from seimon.tracking.bases import base_profiles
from seimon.tracking.projects import project_states, roll_up
from seimon.tracking.responsibilities import consistency, read_breakdown
from seimon.tracking.tasks import task_states

AS_OF = dt.date(2020, 12, 31)


def test_demo_registers(duckdb_url: str, tmp_path: Path) -> None:
    from seimon.store import open_store

    files = write_tracking(tmp_path, load_plan(), (2015, 2020), np.random.default_rng([2016, 16]))
    order = ["bases", "projects", "project-progress", "observations", "responsibilities", "tasks", "task-reports"]
    with open_store(duckdb_url) as store:
        for entry in sorted(files, key=lambda f: order.index(f.kind)):
            summary = import_file(store, entry.kind, tmp_path / entry.path)
            assert summary.status == "loaded", (entry.path, summary.errors[:3])
        check(store)


def check(store: Store) -> None:
    states = project_states(store, AS_OF)
    assert len(states) >= 150
    investments = sorted(s.planned_investment for s in states)
    assert investments[0] >= 10_000 and 50_000 <= investments[len(states) // 2] <= 150_000  # median about 8亿元
    totals = roll_up(states, AS_OF)
    assert 1 <= totals.cancelled <= 15 and totals.overdue >= 10 and totals.finished >= 20
    months = store.fetchall(
        "SELECT project_id, count(*), min(year * 12 + end_month), max(year * 12 + end_month) FROM project_progress"
        " GROUP BY project_id"
    )
    assert all(n == last - first + 1 for _, n, first, last in months)  # one report a month, no gap
    tasks = task_states(store, AS_OF)
    assert len(tasks) == 45 and all(t.department for t in tasks)
    assert 1 <= sum(t.overdue for t in tasks) < 45 and any(t.attachments for t in tasks)
    assert all(c.consistent for c in consistency(read_breakdown(store)) if c.year == 2020)
    assert sum(p.name is not None for p in base_profiles(store)) == 35
