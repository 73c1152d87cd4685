"""Master-data operations that move rows between scopes (reassignment)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.feed import ChangeSet, member_scopes, territory_scope, utcnow
from server.sync.rows import get_row, insert_rows, update_row
from server.tables import assignments, audit_log, doctors, sync_feed, synced
from wire.in_lists import in_chunks
from wire.protocol import Op

# Rows that travel with a doctor to the new territory: its whole visit history.
HISTORY_TABLES = ("visits", "event_attendees")
VISIT_CHILD_TABLES = ("visit_comments", "visit_reviews")


def reassign_doctor(
    conn: Connection,
    changes: ChangeSet,
    doctor_id: uuid.UUID,
    new_territory_id: uuid.UUID | None,
    *,
    valid_from: dt.date,
    actor: uuid.UUID | None,
    reason: str | None = None,
) -> dict[str, Any]:
    """Move a doctor to another territory, keeping the assignment history.

    The old assignment is closed (valid_to = valid_from - 1 day), a new one opened;
    the doctor's visits, their comments, reviews and read receipts and its event
    attendance move with it (the new territory receives the whole history, the old
    one gets ``remove`` entries). Institutions and departments leave the old scope
    when no doctor there needs them any more.
    """
    doctor = get_row(conn, "doctors", doctor_id)
    if doctor is None:
        raise LookupError(f"doctor {doctor_id} does not exist")
    old_territory = doctor["territory_id"]
    if old_territory == new_territory_id:
        return doctor
    a = assignments
    open_rows = conn.execute(
        sa.select(a).where(a.c.doctor_id == doctor_id, a.c.valid_to.is_(None), ~a.c.deleted)
    ).mappings().all()
    for row in open_rows:
        end = max(valid_from - dt.timedelta(days=1), row["valid_from"])
        update_row(conn, changes, "assignments", row["id"], {"valid_to": end},
                   actor=actor, before=dict(row))
    if new_territory_id is not None:
        insert_rows(conn, changes, "assignments", [{
            "doctor_id": doctor_id, "territory_id": new_territory_id,
            "valid_from": valid_from, "valid_to": None, "reason": reason,
        }], actor=actor)
    after = update_row(conn, changes, "doctors", doctor_id,
                       {"territory_id": new_territory_id}, actor=actor, before=doctor)
    if new_territory_id is not None:
        _move_history(conn, changes, doctor_id, new_territory_id, actor)
    if old_territory is not None:
        _release_context(conn, changes, doctor, old_territory)
    conn.execute(sa.insert(audit_log).values(
        at=utcnow(), user_id=actor, action="reassign_doctor", table_name="doctors",
        row_id=doctor_id, details={"from": str(old_territory) if old_territory else None,
                                   "to": str(new_territory_id) if new_territory_id else None,
                                   "valid_from": valid_from.isoformat()},
    ))
    return after


def _move_history(conn: Connection, changes: ChangeSet, doctor_id: uuid.UUID,
                  territory_id: uuid.UUID, actor: uuid.UUID | None) -> None:
    moved_visit_ids: list[uuid.UUID] = []
    for table in HISTORY_TABLES:
        t = synced[table]
        for row in conn.execute(sa.select(t).where(t.c.doctor_id == doctor_id)).mappings():
            update_row(conn, changes, table, row["id"], {"territory_id": territory_id},
                       actor=actor, before=dict(row))
            if table == "visits":
                moved_visit_ids.append(row["id"])
    if not moved_visit_ids:
        return
    comment_ids: list[uuid.UUID] = []
    for table in VISIT_CHILD_TABLES:
        t = synced[table]
        for chunk in in_chunks(moved_visit_ids):
            for row in conn.execute(sa.select(t).where(t.c.visit_id.in_(chunk))).mappings():
                update_row(conn, changes, table, row["id"], {"territory_id": territory_id},
                           actor=actor, before=dict(row))
                if table == "visit_comments":
                    comment_ids.append(row["id"])
    reads = synced["comment_reads"]
    for chunk in in_chunks(comment_ids):
        for row in conn.execute(sa.select(reads).where(reads.c.comment_id.in_(chunk))).mappings():
            update_row(conn, changes, "comment_reads", row["id"], {"territory_id": territory_id},
                       actor=actor, before=dict(row))


def _release_context(conn: Connection, changes: ChangeSet, doctor: dict[str, Any],
                     old_territory: uuid.UUID) -> None:
    """Remove the doctor's institution/department from the old scope if now unused there."""
    scope = territory_scope(old_territory)
    d = doctors
    for table, column in (("institutions", "institution_id"), ("departments", "department_id")):
        row_id = doctor[column]
        if row_id is None or scope not in member_scopes(conn, table, row_id):
            continue
        still_needed = conn.execute(
            sa.select(d.c.id).where(d.c[column] == row_id, d.c.territory_id == old_territory,
                                    d.c.id != doctor["id"]).limit(1)
        ).first()
        if still_needed is None:
            version: int = conn.execute(
                sa.select(sync_feed.c.version).where(
                    sync_feed.c.scope == scope, sync_feed.c.table_name == table,
                    sync_feed.c.row_id == row_id)
            ).scalar_one()
            changes.add(scope, table, row_id, int(version), Op.REMOVE)
