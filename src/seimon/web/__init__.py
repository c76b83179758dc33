"""The web platform: the JSON API under ``/api/v1`` and the pages, over the same library functions as the CLI.

``create_app(settings)`` builds the application; ``seimon serve`` runs it with uvicorn.
"""

from __future__ import annotations

from seimon.web.app import create_app
from seimon.web.settings import Settings, settings_from_env

__all__ = ["Settings", "create_app", "settings_from_env"]
