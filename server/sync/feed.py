"""The change feed: every server write goes through here so replicas hear of it.

Writers collect feed entries in a ``ChangeSet`` during their transaction and call
``publish`` as the very last statement before commit. ``publish`` takes the single
``sync_counter`` row lock, so sequence numbers are handed out in commit order and a
reader can never see sequence N+1 committed while N is still in flight (the
PostgreSQL out-of-order-commit trap of DESIGN §3). The lock is held only for the
feed upsert and the commit, never for the transaction's real work.

Under the same lock ``publish`` keeps ``sync_scope_stats`` (per-scope live-row count
and hash sum, see sync/checksum.py) exact, so a pull answers checksums with one
indexed read instead of recounting a scope.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.bulk import insert_many
from server.tables import sync_counter, sync_feed, sync_scope_stats
from sync.checksum import ScopeSum, from_signed64, to_signed64
from sync.protocol import Op
from sync.schema import TABLES_BY_NAME, ScopeRule

FeedKey = tuple[str, str, uuid.UUID]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def id_in(conn: Connection, column: sa.ColumnElement[Any],
          ids: Iterable[Any]) -> sa.ColumnElement[bool]:
    """``column IN ids``; on PostgreSQL ``column = ANY(:array)``, one parameter.

    An IN list is a new statement for every list length: SQLAlchemy expands it and
    psycopg parses it afresh (~1 ms for 100 ids), and PostgreSQL plans it again. The
    array form is one statement, cached by both and prepared by psycopg."""
    values = list(ids)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == sa.any_(sa.bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def territory_scope(territory_id: uuid.UUID | str) -> str:
    return f"territory:{territory_id}"


def user_scope(user_id: uuid.UUID | str) -> str:
    return f"user:{user_id}"


def district_scope(district_id: uuid.UUID | str) -> str:
    return f"district:{district_id}"


GLOBAL_SCOPE = "global"


@dataclass(slots=True)
class ChangeSet:
    """Feed entries to publish with the current transaction, last write per key wins."""

    entries: dict[tuple[str, str, uuid.UUID], tuple[int, Op]] = field(default_factory=dict)

    def add(self, scope: str, table: str, row_id: uuid.UUID, version: int, op: Op) -> None:
        self.entries[(scope, table, row_id)] = (version, op)

    def __len__(self) -> int:
        return len(self.entries)


def scopes_for_row(conn: Connection, table: str, row: Mapping[str, Any]) -> list[str]:
    """Scopes a row belongs to now, by its table's scope rule."""
    spec = TABLES_BY_NAME[table]
    if spec.scope is ScopeRule.GLOBAL:
        return [GLOBAL_SCOPE]
    if spec.scope is ScopeRule.TERRITORY:
        return [territory_scope(row[c]) for c in spec.scope_columns if row.get(c)]
    if spec.scope is ScopeRule.USERS:
        return sorted({user_scope(row[c]) for c in spec.scope_columns if row.get(c)})
    if spec.scope is ScopeRule.DISTRICT:
        return [district_scope(row[c]) for c in spec.scope_columns if row.get(c)]
    # Membership: wherever the row is already published and not removed.
    return member_scopes(conn, table, row["id"])


def member_scopes(conn: Connection, table: str, row_id: uuid.UUID) -> list[str]:
    q = sa.select(sync_feed.c.scope).where(
        sync_feed.c.table_name == table,
        sync_feed.c.row_id == row_id,
        sync_feed.c.op == Op.UPSERT.value,
    )
    return [r[0] for r in conn.execute(q)]


def record_row(
    conn: Connection,
    changes: ChangeSet,
    table: str,
    row: Mapping[str, Any],
    *,
    before: Mapping[str, Any] | None = None,
) -> None:
    """Add feed entries for a row written in this transaction.

    ``before`` is the row as it was (for updates): a row that left a scope gets a
    ``remove`` there. A tombstoned row (``deleted``) is a ``delete`` everywhere.
    """
    now_scopes = scopes_for_row(conn, table, row)
    op = Op.DELETE if row.get("deleted") else Op.UPSERT
    for scope in now_scopes:
        changes.add(scope, table, row["id"], int(row["version"]), op)
    if before is not None and TABLES_BY_NAME[table].scope is not ScopeRule.INSTITUTION_MEMBERSHIP:
        for scope in scopes_for_row(conn, table, before):
            if scope not in now_scopes:
                changes.add(scope, table, row["id"], int(row["version"]), Op.REMOVE)


def publish(conn: Connection, changes: ChangeSet) -> tuple[int, int] | None:
    """Assign sequence numbers (in commit order) and upsert the feed. Call last."""
    if not changes.entries:
        return None
    n = len(changes.entries)
    last = conn.execute(
        sa.update(sync_counter)
        .where(sync_counter.c.id == 1)
        .values(value=sync_counter.c.value + n)
        .returning(sync_counter.c.value)
    ).scalar_one()
    first = last - n + 1
    now = utcnow()
    update_scope_stats(conn, changes.entries, previous_entries(conn, changes.entries.keys()))
    rows = [
        {
            "scope": scope, "table_name": table, "row_id": row_id,
            "seq": first + i, "version": version, "op": op.value, "changed_at": now,
        }
        for i, ((scope, table, row_id), (version, op)) in enumerate(changes.entries.items())
    ]
    upsert_feed(conn, rows)
    changes.entries.clear()
    return first, last


def previous_entries(
    conn: Connection, keys: Iterable[FeedKey]
) -> dict[FeedKey, tuple[int, str]]:
    """The current (version, op) of feed keys, one IN query per (scope, table)."""
    grouped: dict[tuple[str, str], list[uuid.UUID]] = {}
    for scope, table, row_id in keys:
        grouped.setdefault((scope, table), []).append(row_id)
    found: dict[FeedKey, tuple[int, str]] = {}
    f = sync_feed.c
    for (scope, table), ids in grouped.items():
        for i in range(0, len(ids), 1000):
            q = sa.select(f.row_id, f.version, f.op).where(
                f.scope == scope, f.table_name == table, id_in(conn, f.row_id, ids[i : i + 1000]))
            for row_id, version, op in conn.execute(q):
                found[(scope, table, row_id)] = (int(version), op)
    return found


def update_scope_stats(
    conn: Connection,
    new: Mapping[FeedKey, tuple[int, Op]],
    old: Mapping[FeedKey, tuple[int, str]],
) -> None:
    """Apply the count/hash-sum deltas of replacing ``old`` feed entries by ``new``.

    Runs under the counter lock taken by ``publish``, so read-modify-write is safe.
    """
    deltas: dict[str, ScopeSum] = {}
    for key, (version, op) in new.items():
        scope, _table, row_id = key
        delta = deltas.setdefault(scope, ScopeSum())
        before = old.get(key)
        if before is not None and before[1] == Op.UPSERT.value:
            delta.discard(row_id, before[0])
        if op is Op.UPSERT:
            delta.add(row_id, version)
    deltas = {s: d for s, d in deltas.items() if d.count or d.total}
    if not deltas:
        return
    st = sync_scope_stats.c
    current = {
        scope: ScopeSum(int(count), from_signed64(int(total)))
        for scope, count, total in conn.execute(
            sa.select(st.scope, st.live_count, st.hash_sum).where(st.scope.in_(list(deltas))))
    }
    for scope, delta in deltas.items():
        merged = current.get(scope, ScopeSum()).combine(delta)
        values = {"live_count": merged.count, "hash_sum": to_signed64(merged.total)}
        if scope in current:
            conn.execute(sa.update(sync_scope_stats).where(st.scope == scope).values(**values))
        else:
            conn.execute(sa.insert(sync_scope_stats).values(scope=scope, **values))


def rebuild_scope_stats(conn: Connection, scopes: Iterable[str] | None = None) -> int:
    """Recount ``sync_scope_stats`` from the feed (all scopes by default).

    For writers that fill ``sync_feed`` in bulk without ``publish`` (the demo seed)
    and for operators after manual repairs; returns the number of scopes written.
    """
    lock_counter(conn)
    f = sync_feed.c
    q = sa.select(f.scope, f.row_id, f.version).where(f.op == Op.UPSERT.value)
    wanted = None if scopes is None else sorted(set(scopes))
    if wanted is not None:
        q = q.where(f.scope.in_(wanted))
    sums: dict[str, ScopeSum] = {s: ScopeSum() for s in wanted or ()}
    for scope, row_id, version in conn.execute(q):
        sums.setdefault(scope, ScopeSum()).add(row_id, int(version))
    st = sync_scope_stats.c
    if wanted is None:
        conn.execute(sa.delete(sync_scope_stats))
    else:
        conn.execute(sa.delete(sync_scope_stats).where(st.scope.in_(wanted)))
    rows = [{"scope": s, "live_count": v.count, "hash_sum": to_signed64(v.total)}
            for s, v in sums.items()]
    if rows:
        conn.execute(sa.insert(sync_scope_stats), rows)
    return len(rows)


def upsert_feed(conn: Connection, rows: Iterable[dict[str, Any]]) -> None:
    """Insert or replace feed entries by (scope, table_name, row_id), in one statement
    per 5,000 entries (``server.sync.bulk``)."""
    insert_many(conn, sync_feed, list(rows), on_conflict=("scope", "table_name", "row_id"),
                update=("seq", "version", "op", "changed_at"))


def current_seq(conn: Connection) -> int:
    return int(conn.execute(sa.select(sync_counter.c.value).where(sync_counter.c.id == 1))
               .scalar_one())


def lock_counter(conn: Connection) -> int:
    """Take the ``sync_counter`` row lock (as ``publish`` does) and return its value.

    For maintenance that must not interleave with publishers (stats rebuild, tombstone
    purge). SQLite needs nothing: its writers are already serialised.
    """
    q = sa.select(sync_counter.c.value).where(sync_counter.c.id == 1).with_for_update()
    return int(conn.execute(q).scalar_one())
