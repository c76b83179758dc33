"""Packaged data: the built-in plan, code lists, indicator specs, rules and migrations.

Files are read through :func:`resource_path` so that the package works from a wheel as well as from a
source checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a packaged resource, e.g. ``resource_path("plans", "hebei_sei_13fyp.yaml")``."""
    return Path(str(resources.files("seimon.resources").joinpath(*parts)))
