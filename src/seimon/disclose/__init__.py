"""Disclosure control: what may be published from figures that rest on enterprise reports.

The Statistics Law forbids publishing data from which a single respondent's figures can be deduced. This stage
holds the rules every outlet applies (reports, the API, pages); today the primary rule — a cell resting on fewer
than :data:`MIN_ENTERPRISES` enterprises is withheld. Dominance rules and secondary suppression come later.
"""

from __future__ import annotations

from seimon.disclose.primary import MIN_ENTERPRISES, rests_on_enterprises, suppress_small_cells

__all__ = ["MIN_ENTERPRISES", "rests_on_enterprises", "suppress_small_cells"]
