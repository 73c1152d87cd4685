"""Tombstone retention: old delete/remove feed entries are purged, cursors behind
the purge point re-download their scope.

A client offline for longer than the retention (Settings.tombstone_retention_days,
default 180) could otherwise miss a delete forever: its cursor would skip past the
purged entry. ``purged_through_seq`` (server_state) records the highest purged
sequence; a pull whose cursor is below it gets ``resync_required`` for that scope.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.feed import lock_counter
from server.tables import server_state, sync_feed
from wire.protocol import Op

PURGED_THROUGH_KEY = "purged_through_seq"


def purged_through_seq(conn: Connection) -> int:
    """The highest purged tombstone sequence (0 when nothing was ever purged)."""
    value = conn.execute(
        sa.select(server_state.c.value).where(server_state.c.key == PURGED_THROUGH_KEY)
    ).scalar_one_or_none()
    return int(value) if value is not None else 0


def purge_tombstones(conn: Connection, older_than: dt.datetime) -> int:
    """Delete delete/remove feed entries changed before ``older_than``; return how many.

    Takes the counter lock so no publish interleaves, and raises ``purged_through_seq``
    in the same transaction, so a reader's snapshot sees both or neither.
    """
    lock_counter(conn)
    f = sync_feed.c
    tombstone = sa.and_(f.op.in_([Op.DELETE.value, Op.REMOVE.value]), f.changed_at < older_than)
    highest = conn.execute(sa.select(sa.func.max(f.seq)).where(tombstone)).scalar_one_or_none()
    if highest is None:
        return 0
    purged = conn.execute(sa.delete(sync_feed).where(tombstone, f.seq <= highest)).rowcount
    mark = max(int(highest), purged_through_seq(conn))
    if conn.execute(sa.update(server_state).where(server_state.c.key == PURGED_THROUGH_KEY)
                    .values(value=str(mark))).rowcount == 0:
        conn.execute(sa.insert(server_state).values(key=PURGED_THROUGH_KEY, value=str(mark)))
    return int(purged)
