"""Disclosure control: what may be published from figures that rest on enterprise reports.

The Statistics Law forbids publishing data from which a single respondent's figures can be deduced. This stage
holds the rules every outlet applies (reports, the API, pages): the primary rule — a cell resting on fewer
than :data:`MIN_ENTERPRISES` enterprises is withheld — and complementary suppression, so that a withheld cell
cannot be recovered as the total minus the published ones. Dominance rules come later.
"""

from __future__ import annotations

from seimon.disclose.primary import MIN_ENTERPRISES, rests_on_enterprises, suppress_small_cells
from seimon.disclose.secondary import suppress_complements

__all__ = ["MIN_ENTERPRISES", "rests_on_enterprises", "suppress_complements", "suppress_small_cells"]
