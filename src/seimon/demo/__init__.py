"""Synthetic, realistic Hebei demo data in the import formats (``seimon demo generate``).

Entry point: :func:`generate_demo`, which writes a directory of enterprise, report, deflator, regional
and observation files plus ``manifest.json`` (:class:`DemoManifest`). All data are synthetic; the
calibration file (``resources/demo/calibration.yaml``) says which figures are published and which are
assumptions.
"""

from __future__ import annotations

from seimon.demo.generate import Progress, generate_demo
from seimon.demo.manifest import LOAD_ORDER, MANIFEST_NAME, DemoManifest

__all__ = ["LOAD_ORDER", "MANIFEST_NAME", "DemoManifest", "Progress", "generate_demo"]
