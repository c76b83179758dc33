"""Server-rendered pages (Chinese first, English switch); data come from the JSON API in the browser."""

from __future__ import annotations

from fastapi import APIRouter


def pages_router() -> APIRouter:
    """Every page route (filled in by the pages modules)."""
    return APIRouter()
