"""Where the application's own static files live (scripts, styles, and the npm-built ``vendor/`` folder)."""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
VENDOR_DIR = STATIC_DIR / "vendor"
