"""A row a client cannot store never stops a sync (issue 21): it is set aside with its
reason, reported, counted in its scope's checksum, and released when the server sends
a storable version. The bad row is written straight into the server database, as an
old server or a hand edit would have left it (PostgreSQL: a visit in the year 10000
UTC; SQLite: a doctor's name longer than its column)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store.quarantine import quarantined
from server.sync.feed import ChangeSet, publish
from server.sync.rows import update_row
from tests.factories import Factory
from tests.sync.conftest import Device, World


def _break_row(engine: Engine, world: World) -> tuple[str, uuid.UUID, str]:
    """Make one row of rep A's territory unstorable by every client; (table, id, column)."""
    with engine.begin() as conn:
        changes = ChangeSet()
        if engine.dialect.name == "postgresql":
            table, row_id, column = "visits", world.visit_a["id"], "started_at"
            update_row(conn, changes, table, row_id, {"purpose": "改过"}, actor=None)
            conn.execute(sa.text("UPDATE visits SET started_at = '9999-12-31 23:59:59-14' "
                                 "WHERE id = :id"), {"id": row_id})
        else:
            table, row_id, column = "doctors", world.doc_a["id"], "name"
            update_row(conn, changes, table, row_id, {"name": "李" * 101}, actor=None)
        publish(conn, changes)
    return table, row_id, column


def test_an_unstorable_row_is_quarantined_and_the_sync_carries_on(
        world: World, device: Any, engine: Engine) -> None:
    a: Device = device(world.rep_a)
    a.sync()
    table, row_id, column = _break_row(engine, world)
    with engine.begin() as conn:
        f = Factory(conn)
        newcomer = f.doctor(world.ta)  # arrives in the same pull as the bad row
        f.publish()

    result = a.sync()  # (before: SyncStateError, and every later sync stopped there too)
    assert len(result.quarantined) == 1 and column in result.quarantined[0]
    assert newcomer["id"] in a.ids("doctors")
    with a.db.connect() as conn:
        (held,) = quarantined(conn)
    assert (held.table, held.row_id) == (table, row_id) and column in held.reason
    assert a.row(table, row_id) is not None  # the last good version stays readable

    with a.db.begin() as conn:  # the next check recounts every scope in full
        conn.execute(sa.text("DELETE FROM sync_state WHERE key LIKE 'verified_checksum:%'"))
    with engine.begin() as conn:
        f = Factory(conn)
        f.doctor(world.ta)
        f.publish()
    again = a.sync()  # counted in the scope's checksum: no re-download
    assert (again.quarantined, again.resynced_scopes, again.checksum_mismatches) == ([], [], [])

    with engine.begin() as conn:  # the server puts it right: the next sync stores it
        changes = ChangeSet()
        if table == "visits":
            conn.execute(sa.text("UPDATE visits SET started_at = :at WHERE id = :id"),
                         {"at": world.visit_a["started_at"], "id": row_id})
            update_row(conn, changes, table, row_id, {"purpose": "改好"}, actor=None)
        else:
            update_row(conn, changes, table, row_id, {"name": "李明"}, actor=None)
        publish(conn, changes)
    a.sync()
    with a.db.connect() as conn:
        assert quarantined(conn) == []
    stored = a.row(table, row_id)
    assert stored is not None and stored["version"] == held.version + 1
