"""The one place that creates the replica's SQLAlchemy engine.

Every connection detail lives here (PRAGMAs, busy timeout, transaction mode) so that
switching the replica to SQLCipher later is a change to this function only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_SECONDS = 30


def create_replica_engine(path: Path) -> Engine:
    """An engine on the replica file ``path`` (created with its folder if missing).

    WAL lets the UI read while the sync engine writes; ``synchronous=NORMAL`` is safe
    with WAL (a power cut may lose the last transaction, never corrupt the file);
    foreign keys are ON for the local tables that declare them. Transactions start
    with ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout instead of
    failing with a lock upgrade error half way through.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_SECONDS},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy owns BEGIN/COMMIT
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
