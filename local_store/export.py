"""Everything this replica knows that the server has not accepted, as plain data.

Used by ``fieldrep export --unsynced`` (and later the GUI) so a user can hand their
unsent or rejected work to support before reinstalling or when sync is stuck.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection, Engine

from local_store import outbox as ob
from local_store.replica import synced
from local_store.state import CLIENT_ID, SERVER_URL, USER_ID, USERNAME, get_state, last_sync_at
from local_store.writes import get_local_row
from wire.schema import TABLES_BY_NAME, encode_row


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _row(conn: Connection, table: str, row_id: Any) -> dict[str, Any] | None:
    if table not in synced:
        return None
    row = get_local_row(conn, table, row_id)
    return encode_row(TABLES_BY_NAME[table], row) if row is not None else None


def unsynced_changes(conn: Connection) -> dict[str, Any]:
    """Pending outbox entries and unresolved rejected changes, each with the current row."""
    pending = [{
        "mutation_id": e["mutation_id"], "table": e["table_name"], "row_id": str(e["row_id"]),
        "op": e["op"], "base_version": e["base_version"], "fields": e["fields"],
        "state": e["state"], "created_at": _iso(e["created_at"]),
        "row": _row(conn, e["table_name"], e["row_id"]),
    } for e in ob.all_entries(conn)]
    rejected = [{
        "mutation_id": r["mutation_id"], "table": r["table_name"], "row_id": str(r["row_id"]),
        "op": r["op"], "base_version": r["base_version"], "fields": r["fields"],
        "reason": r["reason"], "message": r["message"], "field": r["field"],
        "rejected_at": _iso(r["rejected_at"]), "row": _row(conn, r["table_name"], r["row_id"]),
    } for r in ob.unresolved_rejections(conn)]
    return {
        "server_url": get_state(conn, SERVER_URL), "username": get_state(conn, USERNAME),
        "user_id": get_state(conn, USER_ID), "client_id": get_state(conn, CLIENT_ID),
        "last_sync_at": _iso(last_sync_at(conn)),
        "pending": pending, "rejected": rejected,
    }


def read_unsynced(replica: Engine) -> dict[str, Any]:
    """``unsynced_changes`` on its own connection."""
    with replica.connect() as conn:
        return unsynced_changes(conn)


def count_unsynced(data: dict[str, Any]) -> int:
    """How many changes an ``unsynced_changes`` export holds (pending and rejected)."""
    return len(data["pending"]) + len(data["rejected"])


def write_unsynced(replica: Engine, out: Path) -> int:
    """Write the replica's unsynced changes to ``out`` (JSON); returns how many."""
    data = read_unsynced(replica)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return count_unsynced(data)
