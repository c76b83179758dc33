"""Allow ``python -m seimon``."""

from __future__ import annotations

from seimon.cli.app import main

main()
