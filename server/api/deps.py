"""FastAPI dependencies: the request's database connection and the signed-in principal.

One request, one pooled connection (``RequestDb``): the principal check and the
endpoint's work share it, so an authenticated request costs one pool checkout, not
two. The connection is opened on first use in the mode its first user asks for and
changed (commit, then a new transaction) only when a later user needs a stronger one:

- ``read``: the principal lookup. SQLite ``BEGIN DEFERRED`` (readers never queue
  behind the write lock); PostgreSQL READ COMMITTED.
- ``write``: ``ConnDep``. SQLite ``BEGIN IMMEDIATE`` (a deferred transaction that reads
  and then writes can fail to upgrade its lock; taking the write lock at BEGIN avoids
  that); PostgreSQL READ COMMITTED, so a read transaction is already fit to write.
- ``snapshot``: ``SnapshotUser`` (pull). PostgreSQL REPEATABLE READ, so every query of
  the page sees one snapshot; SQLite ``BEGIN DEFERRED`` (a SQLite read transaction is a
  snapshot already). The principal is read in that snapshot, so PostgreSQL opens it
  at once instead of committing a read transaction first.

The transaction is committed (or rolled back on any error) before the response is
sent (``scope="function"``): a client never hears "applied" about a commit that then
failed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, Request
from sqlalchemy.engine import Connection, Engine
from starlette.concurrency import run_in_threadpool

from server.api.errors import ApiError
from server.auth.principal import Principal
from server.auth.service import principal_from_access_token
from server.config import Settings

Mode = Literal["read", "write", "snapshot"]


async def get_engine(request: Request) -> Engine:
    """(async: a trivial dependency must not cost a thread-pool hop)"""
    engine: Engine = request.app.state.engine
    return engine


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


class RequestDb:
    """The request's one connection, opened lazily (see the module docstring)."""

    __slots__ = ("_conn", "_mode", "engine")

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self._mode: Mode | None = None

    @property
    def opened(self) -> bool:
        return self._conn is not None

    def connection(self, mode: Mode) -> Connection:
        """The connection inside a transaction fit for ``mode``."""
        conn = self._conn
        if conn is None:
            conn = self._conn = self.engine.connect()
            self._begin(conn, mode)
        elif not self._fits(mode):
            conn.commit()  # e.g. SQLite read -> write: BEGIN IMMEDIATE anew
            self._begin(conn, mode)
        elif self._mode == "read":
            self._mode = mode
        return conn

    def _fits(self, mode: Mode) -> bool:
        """Whether the open transaction already serves ``mode``."""
        current = self._mode
        if mode == current or mode == "read":
            return True  # any transaction can read
        sqlite = self.engine.dialect.name == "sqlite"
        if mode == "snapshot":
            return sqlite  # every SQLite transaction reads one snapshot
        return current == "read" and not sqlite  # PostgreSQL READ COMMITTED may write

    def _begin(self, conn: Connection, mode: Mode) -> None:
        if conn.dialect.name == "sqlite":
            conn.execution_options(sqlite_begin="IMMEDIATE" if mode == "write" else "DEFERRED")
        elif mode == "snapshot":
            conn.execution_options(isolation_level="REPEATABLE READ")
        elif self._mode == "snapshot":
            conn.execution_options(isolation_level="READ COMMITTED")
        conn.begin()
        self._mode = mode

    def finish(self, commit: bool) -> None:
        """Commit (or roll back) and give the connection back to the pool."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            if commit:
                conn.commit()
            else:
                conn.rollback()
        finally:
            conn.close()


async def get_db(engine: Annotated[Engine, Depends(get_engine)]) -> AsyncIterator[RequestDb]:
    """The request's ``RequestDb``; commits before the response goes out.

    Async on purpose: creating the holder does no I/O, so it costs no thread hop; only
    a commit (when a connection was opened) goes to the thread pool.
    """
    db = RequestDb(engine)
    try:
        yield db
    except BaseException:
        if db.opened:
            await run_in_threadpool(db.finish, False)
        raise
    if db.opened:
        await run_in_threadpool(db.finish, True)


DbDep = Annotated[RequestDb, Depends(get_db, scope="function")]


def get_conn(db: DbDep) -> Connection:
    """The request's connection in a write transaction: committed on success,
    rolled back on error."""
    return db.connection("write")


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ConnDep = Annotated[Connection, Depends(get_conn)]


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "not_authenticated", "Sign in first: send 'Authorization: Bearer <token>'.")
    return token.strip()


def get_principal(request: Request, db: DbDep, settings: SettingsDep) -> Principal:
    """The caller, read through the request's own connection (no second checkout)."""
    token = bearer_token(request)
    return principal_from_access_token(db.connection("read"), settings, token)


CurrentUser = Annotated[Principal, Depends(get_principal)]

T = TypeVar("T")


def _signed_in(mode: Mode) -> Callable[..., Any]:
    async def signed_in(request: Request, db: DbDep) -> Principal:
        token = bearer_token(request)  # 401 before any I/O (and before body validation)
        settings: Settings = request.app.state.settings
        return await run_in_threadpool(
            lambda: principal_from_access_token(db.connection(mode), settings, token))

    return signed_in


# For the hot sync endpoints: the principal read in the transaction mode the endpoint
# will use, so the endpoint's own work (``run_in_transaction``) continues on it.
SnapshotUser = Annotated[Principal, Depends(_signed_in("snapshot"))]
WriteUser = Annotated[Principal, Depends(_signed_in("write"))]


async def run_in_transaction(db: RequestDb, mode: Mode, work: Callable[[Connection], T]) -> T:
    """``work`` and the commit in ONE thread-pool hop (for the sync endpoints).

    With ``CurrentUser`` + ``ConnDep`` + a sync endpoint FastAPI hops to the thread pool
    and back for each, and each hop costs about as much as a small query; here a sync
    request makes two (principal, then work + commit).
    """

    def job() -> T:
        result = work(db.connection(mode))
        db.finish(commit=True)  # before the response is sent, as for ConnDep
        return result

    return await run_in_threadpool(job)
