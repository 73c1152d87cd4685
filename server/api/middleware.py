"""ASGI middleware: request ids, request size limit and gzip-compressed request bodies.

Written as plain ASGI so the limit holds while the body streams in, before any of
it is parsed: a 2 GB upload is cut at the limit, never buffered.
"""

from __future__ import annotations

import json
import uuid
import zlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send


async def _send_error(send: Send, status: int, error: str, message: str) -> None:
    body = json.dumps({"error": error, "message": message, "details": None}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


REQUEST_ID_HEADER = b"x-request-id"


def request_id_of(scope: Scope) -> str:
    """The id ``RequestIdMiddleware`` gave this request (a new one if it ran outside)."""
    state = scope.setdefault("state", {})
    return str(state.setdefault("request_id", uuid.uuid4().hex))


class RequestIdMiddleware:
    """Give every request an id, answered as ``X-Request-ID`` and logged with any
    failure, so a user's "it said error 3f2c…" leads to the one log record. The id is
    always the server's own: one a client sends is not trusted into the logs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope).encode()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != REQUEST_ID_HEADER]
                message = {**message, "headers": [*headers, (REQUEST_ID_HEADER, request_id)]}
            await send(message)

        await self.app(scope, receive, send_with_id)


class BodyLimitAndGzipMiddleware:
    """Refuse bodies over ``max_bytes`` (compressed or not) and inflate gzip bodies."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                await _send_error(send, 400, "bad_request", "Invalid Content-Length header.")
                return
            if too_big:
                await _send_error(send, 413, "body_too_large",
                                  f"The request body exceeds {self.max_bytes} bytes.")
                return
        gzipped = headers.get(b"content-encoding", b"").strip().lower() == b"gzip"
        if not gzipped and declared is not None:
            await self.app(scope, receive, send)
            return
        # Read the whole body with a running limit, then hand it on (inflated).
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _send_error(send, 413, "body_too_large",
                                  f"The request body exceeds {self.max_bytes} bytes.")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if gzipped and body:  # an empty body stays empty, whatever its declared encoding
            try:
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                body = d.decompress(body, self.max_bytes + 1)
                if len(body) > self.max_bytes or d.unconsumed_tail:
                    await _send_error(send, 413, "body_too_large",
                                      f"The inflated body exceeds {self.max_bytes} bytes.")
                    return
                if not d.eof:
                    await _send_error(send, 400, "bad_gzip", "The gzip request body is truncated.")
                    return
            except zlib.error:
                await _send_error(send, 400, "bad_gzip", "The gzip request body is corrupt.")
                return
            new_headers = [(k, v) for k, v in scope["headers"]
                           if k.lower() not in (b"content-encoding", b"content-length")]
            new_headers.append((b"content-length", str(len(body)).encode()))
            scope = dict(scope, headers=new_headers)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


