"""Open a replica: create the engine, bring the schema up to date, give it a client id."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from local_store.db import create_replica_engine
from local_store.migrations import migrate
from local_store.state import SERVER_URL, USERNAME, client_id, get_state, set_state


def open_replica(path: Path, *, server_url: str | None = None,
                 username: str | None = None, key: bytes | None = None) -> Engine:
    """The replica at ``path``, created and migrated as needed (safe to call each start).

    ``key`` opens it encrypted (see ``local_store.db``); None is plain SQLite.
    """
    engine = create_replica_engine(path, key)
    migrate(engine)
    with engine.begin() as conn:
        client_id(conn)
        if server_url is not None and get_state(conn, SERVER_URL) is None:
            set_state(conn, SERVER_URL, server_url)
        if username is not None and get_state(conn, USERNAME) is None:
            set_state(conn, USERNAME, username)
    return engine
