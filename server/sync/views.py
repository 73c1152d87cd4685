"""Sync endpoints: ``POST /api/v1/sync/pull`` and ``POST /api/v1/sync/push``.

Thin: authentication and the protocol gate here, the work in pull.py / push.py.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from json import JSONDecodeError

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.engine import Connection, Engine

from server.api.deps import ConnDep, CurrentUser, EngineDep
from server.api.errors import error_responses
from server.db import is_postgres
from server.sync.pull import pull_changes_json
from server.sync.push import push_mutations
from server.sync.versioning import check_protocol
from sync.protocol import PullRequest, PullResponse, PushRequest, PushResponse


async def protocol_gate(request: Request) -> None:
    """426 before body validation, so a client too old to build today's messages
    still learns that it must update rather than getting a validation error."""
    try:
        body = await request.json()
    except (JSONDecodeError, UnicodeDecodeError):
        return
    if isinstance(body, dict):
        check_protocol(body.get("protocol"))


router = APIRouter(prefix="/api/v1/sync", tags=["sync"], dependencies=[Depends(protocol_gate)])


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read transaction whose queries all see one snapshot (REPEATABLE READ on
    PostgreSQL; a SQLite transaction is a snapshot already)."""
    with engine.connect() as conn:
        if is_postgres(conn):
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


GZIP_MIN_BYTES = 4096  # below this, compressing costs more than it saves


def _json(model: PullResponse | PushResponse) -> Response:
    return Response(content=model.model_dump_json(), media_type="application/json")


def _json_body(body: bytes, request: Request) -> Response:
    """A JSON body, gzip-compressed here at a fast level when large and accepted
    (GZipMiddleware leaves responses that already carry Content-Encoding alone)."""
    if len(body) >= GZIP_MIN_BYTES and "gzip" in request.headers.get("accept-encoding", ""):
        return Response(content=gzip.compress(body, compresslevel=1, mtime=0),
                        media_type="application/json",
                        headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return Response(content=body, media_type="application/json")


@router.post("/pull", response_model=PullResponse,
             responses=error_responses(400, 401, 413, 422, 426),
             summary="Download the changes of every subscribed scope after the client's cursors")
def pull(body: PullRequest, user: CurrentUser, engine: EngineDep, request: Request) -> Response:
    with snapshot(engine) as conn:
        return _json_body(pull_changes_json(conn, user, body), request)


@router.post("/push", response_model=PushResponse,
             responses=error_responses(400, 401, 403, 409, 413, 422, 426),
             summary="Upload a batch of outbox mutations; answered per mutation")
def push(body: PushRequest, user: CurrentUser, conn: ConnDep) -> Response:
    return _json(push_mutations(conn, user, body))
