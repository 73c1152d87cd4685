"""Key/value sync state of one replica (client id, server, user, last sync …).

Values are text; the helpers below give them types. All take a Connection inside
the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy.engine import Connection, Engine

CLIENT_ID = "client_id"
SERVER_URL = "server_url"
USERNAME = "username"
USER_ID = "user_id"
LAST_SERVER_TIME = "last_server_time"
LAST_SYNC_AT = "last_sync_at"
LAST_MUTATION_ACKED = "last_mutation_acked"
LAST_MUTATION_ID = "last_mutation_id"
USER_INFO = "desktop.user"  # the signed-in user as the server last described them (JSON)


def dbapi(conn: Connection) -> Any:
    """The SQLite (or SQLCipher) connection under ``conn``, in the same transaction.

    For the small statements a sync runs dozens of times: through SQLAlchemy each
    costs ~10x the statement itself (sqlite3 caches the prepared statement).
    Begins ``conn``'s transaction first if it has none yet, as its own ``execute``
    would: a write through here is then committed or rolled back with the rest.
    """
    if not conn.in_transaction():
        conn.begin()
    return conn.connection.driver_connection


def get_state(conn: Connection, key: str) -> str | None:
    row = dbapi(conn).execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def set_state(conn: Connection, key: str, value: str | None) -> None:
    dbapi(conn).execute("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def client_id(conn: Connection) -> str:
    """This replica's client id (uuid hex), generated once and kept for its lifetime."""
    value = get_state(conn, CLIENT_ID)
    if value is None:
        value = uuid.uuid4().hex
        set_state(conn, CLIENT_ID, value)
    return value


def local_user_id(conn: Connection) -> uuid.UUID | None:
    value = get_state(conn, USER_ID)
    return uuid.UUID(value) if value else None


def next_mutation_id(conn: Connection) -> int:
    """Hand out the next mutation id: +1, never reused, never skipped (the server refuses gaps)."""
    value = int(get_state(conn, LAST_MUTATION_ID) or 0) + 1
    set_state(conn, LAST_MUTATION_ID, str(value))
    return value


def last_sync_at(conn: Connection) -> dt.datetime | None:
    value = get_state(conn, LAST_SYNC_AT)
    return dt.datetime.fromisoformat(value) if value else None


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def remember_user(replica: Engine, user: dict[str, Any]) -> None:
    """Store the signed-in user (id and the server's description) after an online sign-in."""
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(user["id"]))
        set_state(conn, USER_INFO, json.dumps(user, default=str))


def remembered_user(replica: Engine) -> dict[str, Any]:
    """The user stored by ``remember_user`` ({} when none or unreadable)."""
    with replica.connect() as conn:
        raw = get_state(conn, USER_INFO)
    try:
        return dict(json.loads(raw)) if raw else {}
    except ValueError:
        return {}
