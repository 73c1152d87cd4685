"""Engine creation and the server's metadata (synced tables + server-only tables).

The server uses SQLAlchemy Core throughout: sync, imports and the demo seed all move
rows generically by table, and Core keeps the bulk paths fast on PostgreSQL.
"""

from __future__ import annotations

import argparse
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from server.config import settings_from
from server.tables import metadata


def create_engine(url: str, **kwargs: Any) -> Engine:
    """One engine per process. SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
        engine = sa.create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy own transactions: BEGIN IMMEDIATE avoids lock upgrades.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # IMMEDIATE unless the connection says otherwise: a read-only request
            # (server.api.deps.RequestDb) asks for DEFERRED, so readers never queue
            # behind the write lock.
            mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
            conn.exec_driver_sql("BEGIN DEFERRED" if mode == "DEFERRED" else "BEGIN IMMEDIATE")

        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    # No pool_pre_ping: it costs a round trip on every checkout (one per request). A
    # connection the database dropped fails that one request with a 5xx, which the
    # clients retry; pool_recycle keeps idle connections from aging out silently.
    kwargs.setdefault("pool_recycle", 1800)
    return sa.create_engine(url, **kwargs)


def open_engine(args: argparse.Namespace) -> Engine:
    """The engine of a ``fieldrep-server`` command's database (see ``settings_from``)."""
    return create_engine(settings_from(args).resolved_database_url())


def is_postgres(bind: sa.engine.Connection | Engine) -> bool:
    return bind.dialect.name == "postgresql"


__all__ = ["create_engine", "is_postgres", "metadata"]


