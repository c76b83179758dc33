"""What the cube is made of: its tables and its cuts (region roll-ups, then each extra dimension above county).

A leaf module, so that the cube (:mod:`seimon.indicators.cube`), its compiled plan
(:mod:`seimon.indicators.cubeplan`) and the kept register side all read one definition without importing each
other.
"""

from __future__ import annotations

import logging

from seimon.indicators.compile import Cut
from seimon.indicators.spec import CUBE_DIMENSIONS

logger = logging.getLogger(__name__)

CUBE_TABLE = "indicator_cube"
RUNS_TABLE = "indicator_cube_runs"
REGION_CUTS: tuple[tuple[str, str], ...] = (
    ("reporting", "province"),
    ("reporting", "city"),
    ("geographic", "city"),
    ("reporting", "county"),
)


def cube_cuts() -> list[Cut]:
    """The cuts of the cube: all region roll-ups without an extra dimension, then each extra above county.

    >>> [c.extra for c in cube_cuts()]
    [None, 'plan_industry', 'sei_field', 'sei_item', 'base', 'size']
    """
    above_county = tuple(r for r in REGION_CUTS if r[1] != "county")
    return [Cut(REGION_CUTS, None), *(Cut(above_county, extra) for extra in CUBE_DIMENSIONS)]
