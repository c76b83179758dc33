"""Integer parameters range-checked at the edge, before any query sees them.

A 95-digit ``offset`` or id used to reach the store and come back as a DuckDB conversion error (a 500); the
store's integers are 64-bit, so the API refuses anything outside that range with the documented 422.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Path, Query

logger = logging.getLogger(__name__)

MAX_ID = 2**63 - 1
"""The largest BIGINT of DuckDB and PostgreSQL."""

RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="编号 / id")]
"""A path id (batch, submission …): 1 … 2**63 − 1."""

Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="跳过的行数 / rows to skip")]

__all__ = ["MAX_ID", "Offset", "RowId"]
