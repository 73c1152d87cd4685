"""Put every evaluation (and its action items) in the scopes it belongs to now.

Why: evaluations were published to their evaluator's and evaluatee's ``user:`` scopes
(``ScopeRule.USERS``). Alembic 0006 moved them to ``ScopeRule.MANAGERS`` (the
district's ``managers:`` scope too, a draft only its author's) and filled the
``district_id`` they are filed under, but it published nothing: the feed still had
them only where the old rule put them, so a DM or RM never received the existing
evaluations of their district or region, and an evaluatee kept the evaluator's drafts.

``republish_evaluations`` compares each live row's feed entries with
``feed.scopes_for_row`` and publishes through ``feed.publish`` (sequence numbers,
scope checksums) only what differs: an ``upsert`` at the row's version where it is
missing (or older), a ``remove`` where the row no longer belongs. Running it again
publishes nothing. The versions stay the rows' own, so a replica that already holds a
row at that version keeps it as it is.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.feed import ChangeSet, id_in, publish, scopes_for_row
from server.tables import sync_feed, synced
from wire.protocol import Op

TABLES = ("evaluations", "evaluation_action_items")
BATCH = 500  # rows read and published per feed.publish (one transaction either way)


def republish_evaluations(conn: Connection) -> int:
    """Publish what the feed misses for every live evaluation and action item; returns
    the number of feed entries written (0 when nothing was missing)."""
    written = 0
    for table in TABLES:
        for batch in _live_rows(conn, table):
            changes = _differences(conn, table, batch)
            written += len(changes)
            publish(conn, changes)
    return written


def _live_rows(conn: Connection, table: str) -> Iterator[list[dict[str, Any]]]:
    t = synced[table]
    after: uuid.UUID | None = None
    while True:
        q = sa.select(t).where(~t.c.deleted).order_by(t.c.id).limit(BATCH)
        if after is not None:
            q = q.where(t.c.id > after)
        rows = [dict(r) for r in conn.execute(q).mappings()]
        if not rows:
            return
        yield rows
        after = rows[-1]["id"]


def _differences(conn: Connection, table: str, rows: list[dict[str, Any]]) -> ChangeSet:
    f = sync_feed.c
    published: dict[uuid.UUID, dict[str, tuple[int, str]]] = {}
    for entry in conn.execute(
            sa.select(f.scope, f.row_id, f.version, f.op).where(
                f.table_name == table, id_in(conn, f.row_id, [r["id"] for r in rows]))):
        published.setdefault(entry.row_id, {})[entry.scope] = (int(entry.version), entry.op)
    changes = ChangeSet()
    for row in rows:
        version = int(row["version"])
        now = scopes_for_row(conn, table, row)
        there = published.get(row["id"], {})
        for scope in now:
            if there.get(scope) != (version, Op.UPSERT.value):
                changes.add(scope, table, row["id"], version, Op.UPSERT)
        for scope, (_version, op) in there.items():
            if scope not in now and op == Op.UPSERT.value:
                changes.add(scope, table, row["id"], version, Op.REMOVE)
    return changes
