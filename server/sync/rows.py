"""Generic writes of synced rows that keep versions and the change feed right.

Every server-side write of a synced table (admin, imports, push, seed) goes through
these helpers or does the same thing in bulk, so a replica never misses a change.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.bulk import insert_many
from server.sync.feed import ChangeSet, district_scope, record_row, territory_scope, utcnow
from server.tables import departments, doctors, institutions, sync_feed, synced
from wire.in_lists import in_chunks
from wire.protocol import Op
from wire.rows import plain_rows


def get_row(conn: Connection, table: str, row_id: uuid.UUID) -> dict[str, Any] | None:
    t = synced[table]
    row = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
    return dict(row) if row else None


def insert_rows(
    conn: Connection,
    changes: ChangeSet,
    table: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    actor: uuid.UUID | None,
) -> list[dict[str, Any]]:
    """Insert new rows at version 1 and add their feed entries."""
    if not rows:
        return []
    now = utcnow()
    full = []
    for r in rows:
        d = dict(r)
        d.setdefault("id", uuid.uuid4())
        d.setdefault("deleted", False)
        d["version"] = 1
        d["updated_at"] = now
        d["updated_by"] = actor
        full.append(d)
    insert_many(conn, synced[table], full)
    for d in full:
        record_row(conn, changes, table, d)
    if table == "doctors":
        ensure_doctor_context(conn, changes, full)
    if table == "districts":
        ensure_regional_managers(conn, changes, full)
    return full


def update_row(
    conn: Connection,
    changes: ChangeSet,
    table: str,
    row_id: uuid.UUID,
    fields: Mapping[str, Any],
    *,
    actor: uuid.UUID | None,
    before: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Change some fields of a row, bump its version and add feed entries."""
    t = synced[table]
    if before is None:
        before = get_row(conn, table, row_id)
        if before is None:
            raise LookupError(f"{table} {row_id} does not exist")
    values = dict(fields)
    values["version"] = int(before["version"]) + 1
    values["updated_at"] = utcnow()
    values["updated_by"] = actor
    conn.execute(sa.update(t).where(t.c.id == row_id).values(**values))
    after = {**before, **values}
    record_row(conn, changes, table, after, before=before)
    if table == "doctors" and after.get("territory_id") != before.get("territory_id"):
        ensure_doctor_context(conn, changes, [after])
    return after


def ensure_members(
    conn: Connection, changes: ChangeSet, scope: str, table: str, row_ids: set[uuid.UUID]
) -> None:
    """Publish rows into ``scope`` unless they are already live there."""
    if not row_ids:
        return
    t = synced[table]
    present: set[uuid.UUID] = set()
    ids = list(row_ids)
    for chunk in in_chunks(ids):
        present.update(
            r[0]
            for r in conn.execute(
                sa.select(sync_feed.c.row_id).where(
                    sync_feed.c.scope == scope,
                    sync_feed.c.table_name == table,
                    sync_feed.c.op == Op.UPSERT.value,
                    sync_feed.c.row_id.in_(chunk),
                )
            )
        )
    missing = [i for i in ids if i not in present and (scope, table, i) not in changes.entries]
    for chunk in in_chunks(missing):
        for rid, version, deleted in plain_rows(conn.execute(
            sa.select(t.c.id, t.c.version, t.c.deleted).where(t.c.id.in_(chunk))
        )):
            changes.add(scope, table, rid, int(version), Op.DELETE if deleted else Op.UPSERT)


def ensure_regional_managers(
    conn: Connection, changes: ChangeSet, district_rows: Sequence[Mapping[str, Any]]
) -> None:
    """A new district's team sees the region's RM (users' ``ScopeRule.TEAM``)."""
    users = synced["users"]
    for d in district_rows:
        managers: set[uuid.UUID] = set(conn.execute(sa.select(users.c.id).where(
            users.c.region_id == d["region_id"], users.c.district_id.is_(None),
            users.c.role == "rm", ~users.c.deleted)).scalars())
        ensure_members(conn, changes, district_scope(d["id"]), "users", managers)


def ensure_doctor_context(
    conn: Connection, changes: ChangeSet, doctor_rows: Sequence[Mapping[str, Any]]
) -> None:
    """A doctor's territory must also hold its institution and department."""
    by_scope: dict[str, tuple[set[uuid.UUID], set[uuid.UUID]]] = {}
    for d in doctor_rows:
        if not d.get("territory_id"):
            continue
        inst, dept = by_scope.setdefault(territory_scope(d["territory_id"]), (set(), set()))
        inst.add(d["institution_id"])
        if d.get("department_id"):
            dept.add(d["department_id"])
    for scope, (inst_ids, dept_ids) in by_scope.items():
        ensure_members(conn, changes, scope, institutions.name, inst_ids)
        ensure_members(conn, changes, scope, departments.name, dept_ids)


__all__ = [
    "doctors",
    "ensure_doctor_context",
    "ensure_members",
    "get_row",
    "insert_rows",
    "update_row",
]
