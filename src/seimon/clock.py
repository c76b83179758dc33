"""The platform's clock: when something happened on it (an import, a login, an audit event, a signature).

These stamps say when the platform did a thing, never when a figure was known about the past (vintages come from
the data's own release dates). Both store engines keep a ``TIMESTAMP`` column as given, so the stamp is naive UTC.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

logger = logging.getLogger(__name__)


def utc_now() -> datetime:
    """Naive UTC timestamp, the form both store engines keep in a ``TIMESTAMP`` column unchanged.

    >>> utc_now().tzinfo is None
    True
    """
    return datetime.now(UTC).replace(tzinfo=None)


__all__ = ["utc_now"]
