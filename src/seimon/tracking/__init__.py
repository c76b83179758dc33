"""Who is responsible for what: the registers that sit beside the plan.

The plan names projects, bases, roadmap actions, measures and targets; these registers say who carries each one
and how far it has got:

* :mod:`~seimon.tracking.projects` — the project register and its monthly progress, as of a date, with roll-ups
  (investment completion, 开工率, 竣工率, overdue) and :mod:`~seimon.tracking.schedule` (projects behind schedule);
* :mod:`~seimon.tracking.responsibilities` — targets broken down to cities and years, lead and partner
  departments, and whether the parts add up (assessed per city and department by :mod:`seimon.assess.shares`);
* :mod:`~seimon.tracking.tasks` — every action of 专栏1–12 and every safeguard measure as a task;
* :mod:`~seimon.tracking.bases` — the 35 bases, their enterprises, figures and ranking;
* :mod:`~seimon.tracking.vocab` — project and task states, the plan's industries as a register writes them.

Their files are imported through the ordinary pipeline (``seimon import projects|project-progress|
responsibilities|tasks|task-reports|bases``, kinds declared in :mod:`seimon.ingest.headers`); this package reads
what the store holds. See docs/tracking.md.
"""

from __future__ import annotations
