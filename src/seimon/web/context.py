"""The application object's state: settings, the store owner, the result cache and the login limiter.

FastAPI keeps it at ``app.state.seimon``; route functions reach it through :func:`web_context`.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from fastapi import Request

from seimon.access.ratelimit import LoginRateLimiter
from seimon.web.cache import ResultCache
from seimon.web.settings import Settings
from seimon.web.storeowner import StoreOwner
from seimon.web.upload_progress import UploadTracker

logger = logging.getLogger(__name__)


@dataclass
class WebContext:
    """Everything a request needs besides its own parameters."""

    settings: Settings
    owner: StoreOwner
    cache: ResultCache
    limiter: LoginRateLimiter
    upload_slots: threading.BoundedSemaphore
    uploads: UploadTracker

    @classmethod
    def start(cls, settings: Settings) -> WebContext:
        owner = StoreOwner(settings.store)
        return cls(
            settings,
            owner,
            ResultCache(owner.version, settings.cache_entries),
            LoginRateLimiter(settings.login_max_failures, settings.login_window_seconds),
            threading.BoundedSemaphore(settings.upload_workers),
            UploadTracker(),
        )


def web_context(request: Request) -> WebContext:
    """The running application's context."""
    return request.app.state.seimon
