"""Who is responsible for what: the registers that sit beside the plan.

The plan names projects, bases, roadmap actions and targets; these registers say who carries each one and
how far it has got — the project register with its progress reports (:mod:`~seimon.tracking.projects`),
the breakdown of targets to cities and departments (:mod:`~seimon.tracking.responsibilities`). Their files
are imported through the ordinary pipeline (``seimon import projects|project-progress|responsibilities``,
kinds declared in :mod:`seimon.ingest.headers`); this package reads what the store holds, as of a date.
"""

from __future__ import annotations
