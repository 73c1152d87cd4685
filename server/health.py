"""Liveness and version: the one endpoint that needs no sign-in."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi import APIRouter

from server.api.deps import EngineDep
from wire.protocol import MIN_SUPPORTED_PROTOCOL, PROTOCOL_VERSION

router = APIRouter(tags=["health"])


@router.get("/api/v1/health")
def health(engine: EngineDep) -> dict[str, object]:
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT 1"))
    return {
        "status": "ok",
        "database": engine.dialect.name,
        "protocol": PROTOCOL_VERSION,
        "protocols_supported": [MIN_SUPPORTED_PROTOCOL, PROTOCOL_VERSION],
    }
