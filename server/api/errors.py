"""One error shape for every failure: ``{"error": code, "message": text, "details": ...}``.

Nothing reaches a client as a traceback or a bare 500: unexpected exceptions are
logged with their stack and answered with a generic ``internal_error``.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.api.middleware import request_id_of
from server.errors import ErrorKind, ServiceError

log = logging.getLogger("fieldrep.server")


class ApiError(Exception):
    """Raise from any endpoint or service to answer with a specific 4xx."""

    def __init__(self, status: int, error: str, message: str, details: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.details = details
        self.headers = headers


def error_response(status: int, error: str, message: str, details: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content={"error": error, "message": message, "details": details},
        headers=headers,
    )


STATUS_OF_KIND: dict[ErrorKind, int] = {
    "validation": 422, "not_found": 404, "conflict": 409, "forbidden": 403,
    "unauthorized": 401, "rate_limited": 429, "gone": 410, "upgrade_required": 426,
}


def service_error_response(exc: ServiceError) -> JSONResponse:
    """A service's refusal in the one error shape, with the status its kind maps to."""
    details = exc.details
    if details is None and exc.field is not None:
        details = {"field": exc.field}
    headers = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s is not None else None
    return error_response(STATUS_OF_KIND[exc.kind], exc.code, exc.message, details, headers)


_HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "body_too_large",
    415: "unsupported_media_type", 429: "too_many_requests",
}


def _clean_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ())]
        out.append({"field": ".".join(loc[1:] if loc and loc[0] == "body" else loc),
                    "type": e.get("type"), "message": e.get("msg")})
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.error, exc.message, exc.details, exc.headers)

    @app.exception_handler(ServiceError)
    async def _service_error(_req: Request, exc: ServiceError) -> JSONResponse:
        return service_error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(_req: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _clean_errors(list(exc.errors()))
        if any(e["type"] == "json_invalid" for e in errors):
            return error_response(400, "malformed_json", "The request body is not valid JSON.",
                                  errors)
        first = errors[0] if errors else {"field": "", "message": "invalid"}
        return error_response(
            422, "invalid_request",
            f"Invalid request: {first['field'] or 'body'}: {first['message']}", errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail),
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        request_id = request_id_of(request.scope)
        log.error("unhandled error", exc_info=exc, extra={
            "request_id": request_id, "path": request.url.path, "method": request.method})
        return error_response(
            500, "internal_error",
            f"The server could not complete this request; it has been logged as {request_id}.",
            {"request_id": request_id}, headers={"X-Request-ID": request_id})

    install_error_openapi(app)


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": {"type": "string", "description": "machine-readable code"},
        "message": {"type": "string", "description": "human-readable explanation"},
        "details": {"description": "optional structured detail, e.g. per-field errors"},
    },
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries for the documented error statuses."""
    return {
        s: {"description": _HTTP_CODES.get(s, "error").replace("_", " "),
            "content": {"application/json": {"schema": ERROR_SCHEMA}}}
        for s in statuses
    }


# Errors any operation can answer, whatever its own code does: the body-limit and
# gzip middleware (400, 413) and, where it takes input, request validation (422, in
# our shape, not FastAPI's).
COMMON_ERROR_STATUSES = (400, 413, 422)


def document_common_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Give every operation the common error responses, all with ``ERROR_SCHEMA``.

    FastAPI documents 422 as its own ``HTTPValidationError``; our handler answers
    with the one error shape instead, so the document is corrected to say so.
    """
    common = error_responses(*COMMON_ERROR_STATUSES)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            takes_input = "requestBody" in operation or bool(operation.get("parameters"))
            for status, entry in common.items():
                key = str(status)
                if key == "422" and not (takes_input or key in responses):
                    continue  # nothing to validate, so no 422
                if key == "422" or key not in responses:  # ours replaces FastAPI's 422
                    responses[key] = entry
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        still_used = f'"#/components/schemas/{name}"' in json.dumps(schema.get("paths", {}))
        if name in components and not still_used and not (
            name == "ValidationError" and "HTTPValidationError" in components
        ):
            components.pop(name)
    return schema


def install_error_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` document the common errors (see ``document_common_errors``)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_common_errors(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
