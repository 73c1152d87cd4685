"""The FastAPI application: routers, error shape, body limits, compression."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy.engine import Engine

from server.api.errors import install_error_handlers
from server.api.middleware import BodyLimitAndGzipMiddleware
from server.config import Settings

log = logging.getLogger("fieldrep.server.http")


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

    from server.auth.views import router as auth_router
    from server.health import router as health_router
    from server.org.views import router as org_router
    from server.sync.views import router as sync_router

    app.include_router(health_router)
    app.include_router(auth_router)
    app.include_router(org_router)
    app.include_router(sync_router)

    @app.middleware("http")
    async def access_log(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        start = time.perf_counter()
        response = await call_next(request)
        log.info("request", extra={
            "path": request.url.path, "method": request.method,
            "status": response.status_code, "ms": round((time.perf_counter() - start) * 1000, 1),
        })
        return response

    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimitAndGzipMiddleware, max_bytes=settings.max_body_bytes)
    return app
