"""Appraisal (考核评价) of cities, departments and bases: composite scores with honest uncertainty.

Stage order: … → indicators → assess → **appraise** → disclose → report. A framework (YAML,
:mod:`seimon.appraise.framework`) declares units, pillars, indicators and methods; :func:`appraise` reads the
per-unit values through the indicator query layer, scores and ranks them, and reports Monte Carlo rank intervals,
Sobol sensitivity indices and coherence checks. docs/appraisal.md explains the default framework.
"""

from __future__ import annotations

from seimon.appraise.appraisal import Appraisal, UnitResult, appraise
from seimon.appraise.framework import Framework, load_framework

__all__ = ["Appraisal", "Framework", "UnitResult", "appraise", "load_framework"]
