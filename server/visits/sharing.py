"""Good practice: a visit marked exemplary is shared with the whole district team.

Reps only replicate their own territory, so a colleague's exemplary visit (and its
doctor, hospital and rep) is not in their replica. When a manager's review marks a
visit exemplary, the server writes a ``shared_visits`` snapshot of it into the
district's scope (``district:<id>``, which every rep, the DM and the RM of that
district subscribe to); when no exemplary review of the visit is left, the snapshot
is tombstoned. The snapshot holds what a colleague needs to learn from the visit
(who, which doctor and hospital, purpose, products and key messages, feedback,
result, next step, quality) and nothing they could write back.

``share_exemplary_visits`` runs in the writing transaction, before ``publish``, on
every ``visit_reviews`` row the transaction wrote (push, imports, tools).
``refresh_shared_visits`` does the same for given visits, ``share_all_exemplary_visits``
for every visit with an exemplary review (the demo seed's bulk load, a repair).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.feed import ChangeSet, publish
from server.sync.rows import insert_rows, update_row
from server.tables import synced
from wire.in_lists import in_chunks

SHARED_NAMESPACE = uuid.UUID("5b7f3a52-6a3e-4f1c-9a0e-2f1d8c6b7e40")
SNAPSHOT_FIELDS = ("rep_id", "rep_name", "doctor_name", "institution_name", "department_name",
                   "visit_type", "started_at", "purpose", "products_detailed", "doctor_feedback",
                   "result", "next_step", "quality_score", "reviewer_id", "reviewer_name",
                   "district_id", "shared_at")


def shared_visit_id(visit_id: uuid.UUID) -> uuid.UUID:
    """One snapshot per visit, whoever marks it: a stable id from the visit's."""
    return uuid.uuid5(SHARED_NAMESPACE, str(visit_id))


def share_exemplary_visits(conn: Connection, changes: ChangeSet,
                           actor: uuid.UUID | None = None) -> None:
    """Bring the snapshots of the visits whose reviews this transaction wrote up to date."""
    review_ids = {row_id for (_scope, table, row_id) in changes.entries if table == "visit_reviews"}
    if not review_ids:
        return
    r = synced["visit_reviews"]
    visit_ids: set[uuid.UUID] = set()
    ids = list(review_ids)
    for chunk in in_chunks(ids):
        visit_ids.update(conn.execute(sa.select(r.c.visit_id).where(r.c.id.in_(chunk))).scalars())
    refresh_shared_visits(conn, changes, visit_ids, actor=actor)


def _snapshots(conn: Connection, visit_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """The snapshot of each of these visits that has an exemplary review (latest one wins)."""
    v, r = synced["visits"], synced["visit_reviews"]
    rep, reviewer = synced["users"].alias("rep"), synced["users"].alias("reviewer")
    d, i, dep, t = (synced["doctors"], synced["institutions"], synced["departments"],
                    synced["territories"])
    query = (
        sa.select(v.c.id.label("visit_id"), v.c.rep_id, rep.c.display_name.label("rep_name"),
                  d.c.name.label("doctor_name"), i.c.name.label("institution_name"),
                  dep.c.name.label("department_name"), v.c.visit_type, v.c.started_at,
                  v.c.purpose, v.c.products_detailed, v.c.doctor_feedback, v.c.result,
                  v.c.next_step, v.c.quality_score, r.c.reviewer_id,
                  reviewer.c.display_name.label("reviewer_name"), t.c.district_id,
                  r.c.reviewed_at.label("shared_at"))
        .select_from(v)
        .join(r, sa.and_(r.c.visit_id == v.c.id, r.c.exemplary, ~r.c.deleted))
        .join(t, t.c.id == v.c.territory_id)
        .outerjoin(rep, rep.c.id == v.c.rep_id)
        .outerjoin(reviewer, reviewer.c.id == r.c.reviewer_id)
        .outerjoin(d, d.c.id == v.c.doctor_id)
        .outerjoin(i, i.c.id == v.c.institution_id)
        .outerjoin(dep, dep.c.id == v.c.department_id)
        .where(v.c.id.in_(visit_ids), ~v.c.deleted, v.c.status == "submitted")
        .order_by(r.c.reviewed_at)
    )
    return {row["visit_id"]: dict(row) for row in conn.execute(query).mappings()}


def refresh_shared_visits(conn: Connection, changes: ChangeSet, visit_ids: Iterable[uuid.UUID],
                          *, actor: uuid.UUID | None = None) -> None:
    """Write, update or tombstone the snapshot of each visit (feed entries in ``changes``)."""
    pending = list(dict.fromkeys(visit_ids))
    for chunk in in_chunks(pending):
        snapshots = _snapshots(conn, chunk)
        shared = synced["shared_visits"]
        stored_rows = {r["id"]: dict(r) for r in conn.execute(sa.select(shared).where(
            shared.c.id.in_([shared_visit_id(v) for v in chunk]))).mappings()}
        new_rows = []
        for visit_id in chunk:
            shared_id = shared_visit_id(visit_id)
            stored = stored_rows.get(shared_id)
            snapshot = snapshots.get(visit_id)
            if snapshot is None:
                if stored is not None and not stored["deleted"]:
                    update_row(conn, changes, "shared_visits", shared_id, {"deleted": True},
                               actor=actor, before=stored)
                continue
            values = {k: snapshot[k] for k in SNAPSHOT_FIELDS}
            if stored is None:
                new_rows.append({"id": shared_id, "visit_id": visit_id, **values})
                continue
            changed = {k: val for k, val in values.items() if stored.get(k) != val}
            if stored["deleted"]:
                changed["deleted"] = False
            if changed:
                update_row(conn, changes, "shared_visits", shared_id, changed, actor=actor,
                           before=stored)
        insert_rows(conn, changes, "shared_visits", new_rows, actor=actor)


def share_all_exemplary_visits(conn: Connection, *, actor: uuid.UUID | None = None) -> int:
    """Write the snapshot of every exemplary visit and publish them; returns how many."""
    r = synced["visit_reviews"]
    visit_ids: list[uuid.UUID] = list(conn.execute(sa.select(r.c.visit_id).where(r.c.exemplary, ~r.c.deleted)
                                  .distinct()).scalars())
    changes = ChangeSet()
    refresh_shared_visits(conn, changes, visit_ids, actor=actor)
    publish(conn, changes)
    return len(visit_ids)
