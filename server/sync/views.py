"""Sync endpoints (filled in by the sync work)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])
