"""The change feed: every server write goes through here so replicas hear of it.

Writers collect feed entries in a ``ChangeSet`` during their transaction and call
``publish`` as the very last statement before commit. ``publish`` takes the single
``sync_counter`` row lock, so sequence numbers are handed out in commit order and a
reader can never see sequence N+1 committed while N is still in flight (the
PostgreSQL out-of-order-commit trap of DESIGN §3). The lock is held only for the
feed upsert and the commit, never for the transaction's real work.

Under the same lock ``publish`` keeps ``sync_scope_stats`` (per-scope live-row count
and hash sum, see wire/checksum.py) exact, so a pull answers checksums with one
indexed read instead of recounting a scope.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Connection

from server.sync.bulk import CHUNK_ROWS, insert_many, jsonb_param
from server.tables import sync_counter, sync_feed, sync_scope_stats, synced
from wire.checksum import ScopeSum, from_signed64, to_signed64
from wire.in_lists import in_chunks
from wire.protocol import Op
from wire.rows import plain_rows
from wire.schema import TABLES_BY_NAME, ScopeRule, managers_scope_keys, uuid_text

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
        if values and all(type(v) is uuid.UUID for v in values):
            # UUIDs go as the array's text, untyped: PostgreSQL parses it once as the
            # uuid[] parameter, and psycopg does not inspect and dump a list of
            # uuid.UUID objects one by one (~0.5 ms for 100 ids).
            text = "{" + ",".join(map(str, values)) + "}"
            untyped = sa.bindparam(None, text, type_=sa.types.NullType())
            return column == sa.any_(sa.cast(untyped, ARRAY(column.type)))
        return column == sa.any_(sa.bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def any_of(dialect: str, column: sa.ColumnElement[Any], name: str) -> sa.ColumnElement[bool]:
    """``column IN :name`` for a statement built ONCE (bind the value with
    ``any_of_value``): on PostgreSQL ``column = ANY(:name)``, UUIDs as the array's
    untyped text (as ``id_in``); on SQLite an expanding IN."""
    if dialect == "postgresql":
        if isinstance(column.type, sa.Uuid):
            untyped = sa.bindparam(name, type_=sa.types.NullType())
            return column == sa.any_(sa.cast(untyped, ARRAY(column.type)))
        return column == sa.any_(sa.bindparam(name, type_=ARRAY(column.type)))
    return column.in_(sa.bindparam(name, expanding=True))


def any_of_value(dialect: str, column: sa.ColumnElement[Any], values: Iterable[Any]) -> Any:
    """The value to bind to ``any_of(dialect, column, name)``."""
    if dialect == "postgresql" and isinstance(column.type, sa.Uuid):
        return "{" + ",".join(uuid_text(v if type(v) is uuid.UUID else uuid.UUID(str(v)))
                              for v in values) + "}"
    return list(values)


@functools.lru_cache(maxsize=4096)
def territory_scope(territory_id: uuid.UUID | str) -> str:
    """(Remembered: a push of 100 visits names one territory 100 times, and a UUID's
    text is Python code to make.)"""
    return f"territory:{territory_id}"


def user_scope(user_id: uuid.UUID | str) -> str:
    return f"user:{user_id}"


def district_scope(district_id: uuid.UUID | str) -> str:
    return f"district:{district_id}"


def managers_scope(district_id: uuid.UUID | str) -> str:
    """A district's managers-only bucket: its DM and its region's RM subscribe, no rep."""
    return f"managers:{district_id}"


def region_managers_scope(region_id: uuid.UUID | str) -> str:
    """A region's managers-only bucket: its RM alone (the region's own KPI snapshots)."""
    return f"region_managers:{region_id}"


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
    if spec.scope is ScopeRule.MANAGERS:
        return sorted({f"{prefix}:{value}" for prefix, value in managers_scope_keys(spec, row)})
    if spec.scope is ScopeRule.TEAM:
        return team_scopes(conn, row)
    # Membership: wherever the row is already published and not removed.
    return member_scopes(conn, table, row["id"])


def team_scopes(conn: Connection, user: Mapping[str, Any]) -> list[str]:
    """A user row's scopes (``ScopeRule.TEAM``): their own, their district's, and for a
    regional manager (a region, no district) every district of the region."""
    scopes = [user_scope(user["id"])]
    if user.get("district_id"):
        scopes.append(district_scope(user["district_id"]))
    elif user.get("region_id"):
        districts = synced["districts"]
        ids: list[uuid.UUID] = list(conn.execute(
            sa.select(districts.c.id).where(districts.c.region_id == user["region_id"],
                                            ~districts.c.deleted)).scalars())
        scopes += sorted(district_scope(d) for d in ids)
    return scopes


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


# Built once: the statement every publish runs (no construction or cache key per call).
_COUNTER_TAKE = (sa.update(sync_counter).where(sync_counter.c.id == 1)
                 .values(value=sync_counter.c.value + sa.bindparam("n", type_=sa.BigInteger()))
                 .returning(sync_counter.c.value))


def publish(conn: Connection, changes: ChangeSet) -> tuple[int, int] | None:
    """Assign sequence numbers (in commit order) and upsert the feed. Call last."""
    if not changes.entries:
        return None
    n = len(changes.entries)
    last: int = conn.execute(_COUNTER_TAKE, {"n": n}).scalar_one()
    first = last - n + 1
    now = utcnow()
    if conn.dialect.name == "postgresql":
        _publish_postgres(conn, changes.entries, first, now)
    else:
        update_scope_stats(conn, changes.entries, previous_entries(conn, changes.entries.keys()))
        upsert_feed(conn, [
            {
                "scope": scope, "table_name": table, "row_id": row_id,
                "seq": first + i, "version": version, "op": op.value, "changed_at": now,
            }
            for i, ((scope, table, row_id), (version, op)) in enumerate(changes.entries.items())
        ])
    changes.entries.clear()
    return first, last


# PostgreSQL: the previous entries of the keys are read AND the new ones written in
# one statement (the sub-statements of a WITH share one snapshot, so ``old`` is the
# feed before ``up``). It runs after the counter UPDATE, as a statement of its own:
# under READ COMMITTED its snapshot is taken once the lock is held, so no publish can
# have changed these keys since. LATERAL … LIMIT 1 keeps the lookup a primary-key
# probe per entry, whatever the planner's statistics say about the feed.
_PG_FEED_UPSERT = sa.text("""
WITH new AS (
    SELECT (r->>0)::text AS scope, (r->>1)::text AS table_name, (r->>2)::uuid AS row_id,
           (r->>3)::bigint AS seq, (r->>4)::bigint AS version, (r->>5)::text AS op,
           (r->>6)::timestamptz AS changed_at
    FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r
), old AS (
    SELECT new.scope, new.table_name, new.row_id, prev.version, prev.op
    FROM new CROSS JOIN LATERAL (
        SELECT f.version, f.op FROM sync_feed AS f
        WHERE f.scope = new.scope AND f.table_name = new.table_name AND f.row_id = new.row_id
        LIMIT 1) AS prev
), up AS (
    INSERT INTO sync_feed (scope, table_name, row_id, seq, version, op, changed_at)
    SELECT scope, table_name, row_id, seq, version, op, changed_at FROM new
    ON CONFLICT (scope, table_name, row_id) DO UPDATE SET seq = EXCLUDED.seq,
        version = EXCLUDED.version, op = EXCLUDED.op, changed_at = EXCLUDED.changed_at
)
SELECT scope, table_name, row_id, version, op FROM old
""").columns(sa.column("scope", sa.Text()), sa.column("table_name", sa.Text()),
             sa.column("row_id", sa.Uuid()), sa.column("version", sa.BigInteger()),
             sa.column("op", sa.Text()))

# The stats deltas added in SQL, the hash sum modulo 2**64 in two's complement (the
# numeric detour keeps BIGINT from overflowing): one statement for every scope.
_PG_STATS_ADD = sa.text("""
INSERT INTO sync_scope_stats (scope, live_count, hash_sum)
SELECT (r->>0)::text, (r->>1)::bigint, (r->>2)::bigint
FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r
ON CONFLICT (scope) DO UPDATE SET
    live_count = sync_scope_stats.live_count + EXCLUDED.live_count,
    hash_sum = ((((sync_scope_stats.hash_sum::numeric + EXCLUDED.hash_sum::numeric)
                  % 18446744073709551616) + 27670116110564327424)
                % 18446744073709551616 - 9223372036854775808)::bigint
""")


def _publish_postgres(conn: Connection, entries: Mapping[FeedKey, tuple[int, Op]],
                      first: int, now: dt.datetime) -> None:
    """Feed upsert with the previous entries read back, then the stats deltas: two
    statements for any number of entries (were one per (scope, table), one per scope
    and the upsert)."""
    stamp = now.isoformat()
    for start in range(0, len(entries), CHUNK_ROWS):
        chunk = dict(itertools.islice(entries.items(), start, start + CHUNK_ROWS))
        payload = jsonb_param(orjson.dumps([
            [scope, table, uuid_text(row_id), first + start + i, version, op.value, stamp]
            for i, ((scope, table, row_id), (version, op)) in enumerate(chunk.items())
        ]))
        old = {(scope, table, row_id): (int(version), op)
               for scope, table, row_id, version, op in plain_rows(conn.execute(_PG_FEED_UPSERT,
                                                                     {"rows": payload}))}
        deltas = scope_deltas(chunk, old)
        if deltas:
            conn.execute(_PG_STATS_ADD, {"rows": jsonb_param(orjson.dumps([
                [scope, d.count, to_signed64(d.total)] for scope, d in deltas.items()
            ]))})


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
        for chunk in in_chunks(ids):
            q = sa.select(f.row_id, f.version, f.op).where(
                f.scope == scope, f.table_name == table, id_in(conn, f.row_id, chunk))
            for row_id, version, op in plain_rows(conn.execute(q)):
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
    deltas = scope_deltas(new, old)
    if not deltas:
        return
    st = sync_scope_stats.c
    current = {
        scope: ScopeSum(int(count), from_signed64(int(total)))
        for scope, count, total in plain_rows(conn.execute(
            sa.select(st.scope, st.live_count, st.hash_sum).where(st.scope.in_(list(deltas)))
        ))
    }
    for scope, delta in deltas.items():
        merged = current.get(scope, ScopeSum()).combine(delta)
        values = {"live_count": merged.count, "hash_sum": to_signed64(merged.total)}
        if scope in current:
            conn.execute(sa.update(sync_scope_stats).where(st.scope == scope).values(**values))
        else:
            conn.execute(sa.insert(sync_scope_stats).values(scope=scope, **values))


def scope_deltas(
    new: Mapping[FeedKey, tuple[int, Op]],
    old: Mapping[FeedKey, tuple[int, str]],
) -> dict[str, ScopeSum]:
    """Per scope, the (count, hash sum) change of replacing ``old`` entries by ``new``
    (scopes whose change is nil left out)."""
    deltas: dict[str, ScopeSum] = {}
    for key, (version, op) in new.items():
        scope, _table, row_id = key
        delta = deltas.setdefault(scope, ScopeSum())
        before = old.get(key)
        if before is not None and before[1] == Op.UPSERT.value:
            delta.discard(row_id, before[0])
        if op is Op.UPSERT:
            delta.add(row_id, version)
    return {s: d for s, d in deltas.items() if d.count or d.total}


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
    for scope, row_id, version in plain_rows(conn.execute(q)):
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
