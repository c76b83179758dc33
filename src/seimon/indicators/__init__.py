"""The indicator system: specs declared in YAML, compiled once to Ibis, computed on DuckDB, PostgreSQL or Spark.

Public API: :func:`query` (one indicator, a region, periods, a breakdown), :func:`compute_cube`
(materialise every indicator × dimension × period), :func:`load_registry` (the indicator system).

>>> from seimon.indicators import load_registry
>>> load_registry()["sei_va_real_growth"].unit
'%'
"""

from __future__ import annotations

from seimon.indicators.cube import compute_cube
from seimon.indicators.query import query
from seimon.indicators.registry import Registry, load_registry

__all__ = ["Registry", "compute_cube", "load_registry", "query"]
