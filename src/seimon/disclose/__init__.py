"""Disclosure control: what may be published from figures that rest on enterprise reports.

The Statistics Law (arts. 9, 25, 39) forbids publishing data from which a single respondent's figures can be
deduced. This stage holds what every outlet applies (reports, the API, pages, exports), to the τ-Argus
standard (docs/disclosure.md):

- primary rules from the declared file ``resources/disclose/rules.yaml`` (:mod:`~seimon.disclose.rules`):
  threshold (n ≥ 3) and dominance (p % or (n,k)) on each cell's contributors;
- secondary suppression by MIP over all the linked tables of a release at once (province total, cities in
  the reporting and geographic views, industry trees, region × industry) (:mod:`~seimon.disclose.secondary`);
- an audit by LP of every withheld cell's feasible interval (:mod:`~seimon.disclose.audit`);
- releases recorded in the store, from which later public answers come (:mod:`~seimon.disclose.releases`);
- the public edition of query rows and of ranked tables (:mod:`~seimon.disclose.public`), warnings redacted
  (:mod:`~seimon.disclose.redact`); the stage's entry point is :func:`seimon.disclose.protect.protect`.
"""

from __future__ import annotations

from seimon.disclose.primary import MIN_ENTERPRISES, rests_on_enterprises, sensitivity
from seimon.disclose.rules import Rules, load_rules

__all__ = ["MIN_ENTERPRISES", "Rules", "load_rules", "rests_on_enterprises", "sensitivity"]
