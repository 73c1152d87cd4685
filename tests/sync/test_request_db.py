"""One connection per sync request, and SQLite read requests that never take the write lock."""

from __future__ import annotations

import threading
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from server.api.deps import RequestDb
from sync.client import SyncHttpClient
from tests.conftest import LiveServer
from tests.sync.conftest import PASSWORD, World
from wire.protocol import PROTOCOL_VERSION, PullRequest


def signed_in(live_server: LiveServer, user: dict[str, Any]) -> SyncHttpClient:
    http = SyncHttpClient(live_server.url, retries=0)
    http.login(user["username"], PASSWORD)
    return http


def test_a_pull_checks_out_one_connection_for_auth_and_page(
    world: World, live_server: LiveServer, engine: Engine
) -> None:
    http = signed_in(live_server, world.rep_a)
    checkouts: list[int] = []
    lock = threading.Lock()

    def count(*_args: Any) -> None:
        with lock:
            checkouts.append(1)

    event.listen(engine, "checkout", count)
    try:
        page = http.pull(PullRequest(protocol=PROTOCOL_VERSION, cursors={}))
    finally:
        event.remove(engine, "checkout", count)
        http.close()
    assert page.changes and len(checkouts) == 1


def test_on_sqlite_a_pull_answers_while_another_transaction_holds_the_write_lock(
    world: World, live_server: LiveServer, engine: Engine
) -> None:
    if engine.dialect.name != "sqlite":
        return  # PostgreSQL readers never wait for writers anyway
    http = signed_in(live_server, world.rep_a)
    with engine.connect() as writer:
        writer.execution_options(sqlite_begin="IMMEDIATE")
        with writer.begin():  # holds SQLite's write lock until the pull has answered
            writer.execute(sa.text("SELECT 1"))
            http.timeout = (5, 10)
            page = http.pull(PullRequest(protocol=PROTOCOL_VERSION, cursors={}))
    http.close()
    assert page.changes


def test_request_db_upgrades_a_read_transaction_only_when_it_must(engine: Engine) -> None:
    db = RequestDb(engine)
    read = db.connection("read")
    assert db.connection("read") is read
    write = db.connection("write")
    assert write is read  # same connection: one pool checkout per request
    if engine.dialect.name == "postgresql":
        assert write.in_transaction()
        snap = db.connection("snapshot")  # REPEATABLE READ needs a new transaction
        assert snap.get_isolation_level() == "REPEATABLE READ"
        assert db.connection("write").get_isolation_level() == "READ COMMITTED"
    db.finish(commit=True)
    assert not db.opened
