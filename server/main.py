"""The FastAPI application: routers, error shape, body limits, compression."""

from __future__ import annotations

import gc
import logging
import time

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy.engine import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.admin.views import router as admin_router
from server.api.errors import install_error_handlers
from server.api.middleware import (
    BodyLimitAndGzipMiddleware,
    RequestIdMiddleware,
    request_id_of,
)
from server.auth.views import router as auth_router
from server.config import Settings
from server.health import router as health_router
from server.kb.views import router as kb_router
from server.org.views import router as org_router
from server.sync.views import router as sync_router

log = logging.getLogger("fieldrep.server.http")


class AccessLogMiddleware:
    """One log record per HTTP request (path, method, status, ms).

    Plain ASGI, not ``BaseHTTPMiddleware``: that one runs the app in a separate task
    and streams the response through a memory channel, a fixed cost on every request
    that a sync of one small pull page notices. Here the status is read off the
    ``http.response.start`` message as it passes.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # what the client gets if the app fails before answering

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            log.info("request", extra={
                "path": scope["path"], "method": scope["method"], "status": status,
                "request_id": request_id_of(scope),
                "ms": round((time.perf_counter() - start) * 1000, 1),
            })


def create_app(engine: Engine, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="FieldRep server",
        version="1",
        description="Central server of FieldRep: auth, scoped sync, imports.",
    )
    app.state.engine = engine
    app.state.settings = settings
    install_error_handlers(app)

    app.include_router(health_router)
    app.include_router(auth_router)
    app.include_router(org_router)
    app.include_router(sync_router)
    app.include_router(kb_router)
    app.include_router(admin_router)

    app.add_middleware(AccessLogMiddleware)
    # Level 5, not Starlette's 9: ~3x cheaper for large answers, ~4% bigger. (Pull pages
    # are compressed by their endpoint, zstd or gzip level 1: server/sync/views.py.)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.add_middleware(BodyLimitAndGzipMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestIdMiddleware)  # outermost of ours: every answer carries the id
    return app


def settle_heap() -> None:
    """Call once the server process has started (imports done, app built): move every
    object alive now out of the garbage collector's sight (``gc.freeze``).

    The modules, tables, compiled statements and app objects live as long as the
    process, yet each full collection walked them all again: a pause of 50-70 ms in
    the middle of whichever request was running (seen as a push taking 110 ms instead
    of 40). Frozen, they are no longer walked; objects made later are collected as
    before. Not done by ``create_app``: tests build many apps in one process."""
    gc.collect()
    gc.freeze()
