"""The outbox: local edits waiting for the server, in the order they were made.

An entry is ``pending`` until it is put in a push request, then ``sent`` until the
server answers. A ``sent`` entry is never changed: if the answer is lost, the same
mutation id is sent again and the server recognises it (idempotent retry).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.replica import outbox, rejected_changes
from local_store.state import dbapi, next_mutation_id, utcnow

PENDING = "pending"
SENT = "sent"
STATE_FIELD = "status"  # a row's state (draft, submitted …): its changes keep their place


def append_entry(
    conn: Connection,
    *,
    table: str,
    row_id: uuid.UUID,
    op: str,
    base_version: int | None,
    fields: Mapping[str, Any],
) -> int:
    """Add one edit (wire-encoded ``fields``); returns its mutation id.

    Compaction: an ``update`` following a still-``pending`` insert or update of the
    same row is merged into that entry (which keeps its mutation id and its
    ``base_version``), so a form saved ten times offline sends one mutation. A change
    of state (``status``: a visit submitted) is not merged past entries of other rows
    queued since: the server must see them in the order they were made (a visit's
    companions are recorded while it is a draft, then it is submitted and locked).
    """
    if op == "update":
        last = conn.execute(
            sa.select(outbox.c.mutation_id, outbox.c.op, outbox.c.state, outbox.c.fields)
            .where(outbox.c.table_name == table, outbox.c.row_id == row_id)
            .order_by(outbox.c.mutation_id.desc()).limit(1)
        ).first()
        if last is not None and last.state == PENDING and last.op in ("insert", "update") \
                and not (STATE_FIELD in fields and _queued_after(conn, int(last.mutation_id))):
            merged = {**dict(last.fields), **dict(fields)}
            conn.execute(sa.update(outbox).where(outbox.c.mutation_id == last.mutation_id)
                         .values(fields=merged))
            return int(last.mutation_id)
    mutation_id = next_mutation_id(conn)
    conn.execute(sa.insert(outbox).values(
        mutation_id=mutation_id, table_name=table, row_id=row_id, op=op,
        base_version=base_version, fields=dict(fields), created_at=utcnow(), state=PENDING,
    ))
    return mutation_id


def _queued_after(conn: Connection, mutation_id: int) -> bool:
    return conn.execute(sa.select(outbox.c.mutation_id)
                        .where(outbox.c.mutation_id > mutation_id).limit(1)).first() is not None


def _json(text: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # (e.g. an integer beyond 64 bits)
        return json.loads(text)


def next_batch(conn: Connection, limit: int) -> list[dict[str, Any]]:
    """The oldest ``limit`` entries (sent ones first by id order), marked ``sent``.

    Read and marked on the DBAPI connection, values typed as SQLAlchemy types them
    (a push of 100 edits spent more time here than in the request)."""
    raw = dbapi(conn)
    rows = [{"mutation_id": mid, "table_name": table, "row_id": uuid.UUID(row_id), "op": op,
             "base_version": base, "fields": _json(fields),
             "created_at": dt.datetime.fromisoformat(created), "state": state}
            for mid, table, row_id, op, base, fields, created, state in raw.execute(
                "SELECT mutation_id, table_name, row_id, op, base_version, fields, created_at, "
                "state FROM outbox ORDER BY mutation_id LIMIT ?", (limit,))]
    if any(r["state"] == PENDING for r in rows):
        # The batch is the oldest entries: every entry up to its last id is in it.
        raw.execute("UPDATE outbox SET state = ? WHERE state = ? AND mutation_id <= ?",
                    (SENT, PENDING, rows[-1]["mutation_id"]))
    return rows


def pending_count(conn: Connection) -> int:
    return int(dbapi(conn).execute("SELECT count(*) FROM outbox").fetchone()[0])


def rows_with_entries(conn: Connection) -> set[tuple[str, uuid.UUID]]:
    """(table, row id) of every row that has an unacknowledged local edit."""
    return {(str(t), uuid.UUID(str(r))) for t, r in dbapi(conn).execute(
        "SELECT DISTINCT table_name, row_id FROM outbox")}


def has_entries(conn: Connection, table: str, row_id: uuid.UUID) -> bool:
    return conn.execute(
        sa.select(outbox.c.mutation_id)
        .where(outbox.c.table_name == table, outbox.c.row_id == row_id).limit(1)
    ).first() is not None


def acknowledge(conn: Connection, mutation_id: int) -> None:
    conn.execute(sa.delete(outbox).where(outbox.c.mutation_id == mutation_id))


def acknowledge_many(conn: Connection, mutation_ids: Iterable[int]) -> None:
    """``acknowledge`` for a whole push answer (one prepared statement, many ids)."""
    dbapi(conn).executemany("DELETE FROM outbox WHERE mutation_id = ?",
                            [(int(i),) for i in mutation_ids])


def move_to_rejected(
    conn: Connection, entry: Mapping[str, Any], *, reason: str | None, message: str | None,
    field: str | None, at: dt.datetime | None = None,
) -> None:
    """The server refused this edit: keep it, with why, until the user deals with it."""
    conn.execute(sa.insert(rejected_changes).values(
        mutation_id=entry["mutation_id"], table_name=entry["table_name"],
        row_id=entry["row_id"], op=entry["op"], base_version=entry["base_version"],
        fields=entry["fields"], reason=reason, message=message, field=field,
        rejected_at=at or utcnow(), resolved=False,
    ))
    acknowledge(conn, int(entry["mutation_id"]))


def unresolved_rejections(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(
        sa.select(rejected_changes).where(~rejected_changes.c.resolved)
        .order_by(rejected_changes.c.id)).mappings()]


def resolve_rejections(conn: Connection, ids: Iterable[int]) -> None:
    """The user fixed or discarded these rejected changes: stop showing them."""
    conn.execute(sa.update(rejected_changes).where(rejected_changes.c.id.in_(list(ids)))
                 .values(resolved=True))


def all_entries(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sa.select(outbox).order_by(outbox.c.mutation_id))
            .mappings()]
