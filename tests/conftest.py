"""Shared fixtures: databases (SQLite and PostgreSQL), a live HTTP server, keyring.

Server-facing tests take ``engine`` (parametrized over both databases). PostgreSQL
comes from ``FIELDREP_TEST_DATABASE_URL`` (a server URL; each test session creates
and drops its own database there). When it is unset the PostgreSQL half is skipped
locally, and fails under CI=true, where a skipped PostgreSQL test is a failure.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# --- keyring: an in-memory backend, never the developer's real one -------------------

@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[object]:
    import keyring

    from tools.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# --- databases ------------------------------------------------------------------------

def _postgres_base_url() -> str | None:
    return os.environ.get("FIELDREP_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    base = _postgres_base_url()
    if not base:
        if os.environ.get("CI"):
            pytest.fail("FIELDREP_TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI")
        pytest.skip("FIELDREP_TEST_DATABASE_URL not set")
    url = make_url(base)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        admin.connect().close()
    except sa.exc.OperationalError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {base} is not reachable: {exc}")
        pytest.skip(f"PostgreSQL at {base} is not reachable")
    name = f"{url.database or 'fieldrep_test'}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
            ), {"n": name})
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def _migrated_engine(url: str) -> Engine:
    from server.db import create_engine
    from server.migrate import upgrade

    engine = create_engine(url)
    upgrade(engine)
    return engine


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("serverdb") / "server.db"
    engine = _migrated_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgresql_engine(postgres_url: str) -> Iterator[Engine]:
    engine = _migrated_engine(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A migrated server database, emptied after each test (for HTTP-level tests)."""
    eng: Engine = request.getfixturevalue(f"{request.param}_engine")
    yield eng
    truncate_all(eng)


@pytest.fixture
def conn(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that is rolled back after the test."""
    with engine.connect() as c:
        tx = c.begin()
        try:
            yield c
        finally:
            tx.rollback()


def truncate_all(engine: Engine) -> None:
    from server.migrate import ensure_server_state
    from server.tables import metadata, server_state, sync_counter

    keep = {server_state.name}
    tables = [t for t in reversed(metadata.sorted_tables) if t.name not in keep]
    with engine.begin() as c:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            c.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for t in tables:
                c.execute(t.delete())
        c.execute(sync_counter.delete())
        ensure_server_state(c)


# --- a real HTTP server on 127.0.0.1 -------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving the app in a thread; ``url`` is its base address."""

    def __init__(self, engine: Engine) -> None:
        import uvicorn

        from server.config import Settings
        from server.main import create_app

        self.engine = engine
        self.settings = Settings(database_url=str(engine.url))
        self.app = create_app(engine, self.settings)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port,
                                log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("live server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(engine: Engine) -> Iterator[LiveServer]:
    server = LiveServer(engine).start()
    yield server
    server.stop()
