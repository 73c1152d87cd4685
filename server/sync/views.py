"""Sync endpoints: ``POST /api/v1/sync/pull`` and ``POST /api/v1/sync/push``.

Thin: authentication and the protocol gate here, the work in pull.py / push.py.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from json import JSONDecodeError

import zstandard
from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.engine import Connection, Engine

from server.api.deps import DbDep, RequestDb, SnapshotUser, WriteUser, run_in_transaction
from server.api.errors import error_responses
from server.sync.pull import pull_changes_json
from server.sync.push import push_mutations
from server.sync.versioning import check_protocol
from wire.protocol import PullRequest, PullResponse, PushRequest, PushResponse


async def protocol_gate(request: Request) -> None:
    """426 before body validation, so a client too old to build today's messages
    still learns that it must update rather than getting a validation error.

    Costs no second parse: FastAPI reads the body with ``request.json()`` on this same
    ``Request`` before the dependencies run, and Starlette keeps the parsed value."""
    try:
        body = await request.json()
    except (JSONDecodeError, UnicodeDecodeError):
        return
    if isinstance(body, dict):
        check_protocol(body.get("protocol"))


router = APIRouter(prefix="/api/v1/sync", tags=["sync"], dependencies=[Depends(protocol_gate)])


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read transaction whose queries all see one snapshot, outside a request (the
    endpoint gets the same through ``SnapshotUser``)."""
    db = RequestDb(engine)
    done = False
    try:
        yield db.connection("snapshot")
        done = True
    finally:
        db.finish(commit=done)


COMPRESS_MIN_BYTES = 4096  # below this, compressing costs more than it saves


def _json(model: PullResponse | PushResponse) -> Response:
    return Response(content=model.model_dump_json(), media_type="application/json")


def accepted_encodings(header: str) -> set[str]:
    """The content codings an ``Accept-Encoding`` header allows (``q=0`` refuses one)."""
    accepted: set[str] = set()
    for item in header.split(","):
        name, _, params = item.partition(";")
        q = params.strip().lower().removeprefix("q=")
        if params and q.replace(".", "").strip("0") == "" and q[:1] == "0":
            continue  # q=0, q=0.0, q=0.000
        if name.strip():
            accepted.add(name.strip().lower())
    return accepted


def _json_body(body: bytes, request: Request) -> Response:
    """A JSON body compressed here when large: zstd when the client takes it (the
    FieldRep client does for pull pages: ~5x cheaper than gzip level 1 to compress and
    to inflate, ~40% smaller), else gzip at a fast level. (GZipMiddleware leaves
    responses that already carry Content-Encoding alone.)"""
    if len(body) >= COMPRESS_MIN_BYTES:
        accepted = accepted_encodings(request.headers.get("accept-encoding", ""))
        if "zstd" in accepted:
            return Response(content=zstandard.ZstdCompressor(level=1).compress(body),
                            media_type="application/json",
                            headers={"Content-Encoding": "zstd", "Vary": "Accept-Encoding"})
        if "gzip" in accepted:
            return Response(content=gzip.compress(body, compresslevel=1, mtime=0),
                            media_type="application/json",
                            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return Response(content=body, media_type="application/json")


@router.post("/pull", response_model=PullResponse,
             responses=error_responses(400, 401, 413, 422, 426),
             summary="Download the changes of every subscribed scope after the client's cursors")
async def pull(body: PullRequest, user: SnapshotUser, db: DbDep, request: Request) -> Response:
    # The principal was read in the page's own snapshot: one connection, one transaction
    # (server.api.deps). Serialising and compressing happen in the thread too.
    return await run_in_transaction(
        db, "snapshot", lambda conn: _json_body(pull_changes_json(conn, user, body), request))


@router.post("/push", response_model=PushResponse,
             responses=error_responses(400, 401, 403, 409, 413, 422, 426),
             summary="Upload a batch of outbox mutations; answered per mutation")
async def push(body: PushRequest, user: WriteUser, db: DbDep) -> Response:
    return await run_in_transaction(db, "write",
                                    lambda conn: _json(push_mutations(conn, user, body)))
