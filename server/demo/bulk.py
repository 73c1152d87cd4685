"""Bulk loading of seeded rows with their change-feed entries.

The per-row helpers (``server.sync.rows``) are right for interactive writes but far
too slow for millions of rows. ``BulkLoader`` does the same bookkeeping in bulk:
every synced row gets version 1 and one ``upsert`` feed entry per scope, with
sequence numbers taken from a block reserved on ``sync_counter`` (the row is locked
for the whole load and set to the last number used at the end, so readers never see
a gap), and ``sync_scope_stats`` (per-scope count and hash sum) is kept exact.
Rows are buffered per table and flushed in foreign-key order, so a parent
generated before its child is always written before it. PostgreSQL gets ``COPY``,
SQLite ``executemany``.
"""

from __future__ import annotations

import datetime as dt
import json
import queue
import threading
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.feed import GLOBAL_SCOPE
from server.tables import metadata, sync_counter, sync_feed, sync_scope_stats
from sync.checksum import MASK64, from_signed64, row_hash, to_signed64
from sync.schema import TABLES_BY_NAME, Kind, ScopeRule

FEED_COLUMNS = ("scope", "table_name", "row_id", "seq", "version", "op", "changed_at")


class _CopyThread(threading.Thread):
    """Runs the COPYs of one connection in the background.

    The generator (Python, one core) then overlaps with PostgreSQL ingesting and
    indexing the previous batch (the other core) instead of waiting for it. Only this
    thread touches the connection until ``close``.
    """

    def __init__(self, conn: Connection) -> None:
        super().__init__(name="demo-seed-copy", daemon=True)
        raw = conn.connection.driver_connection
        assert raw is not None
        self.raw = raw
        self.jobs: queue.Queue[tuple[str, list[str], list[Sequence[Any]]] | None] = queue.Queue(4)
        self.error: BaseException | None = None

    def run(self) -> None:
        while (job := self.jobs.get()) is not None:
            if self.error is not None:
                continue
            table, columns, records = job
            try:
                cols = ", ".join(f'"{c}"' for c in columns)
                with self.raw.cursor() as cur, cur.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
                    for record in records:
                        copy.write_row(record)
            except BaseException as exc:
                self.error = exc

    def submit(self, table: str, columns: list[str], records: list[Sequence[Any]]) -> None:
        self._raise()
        self.jobs.put((table, columns, records))

    def close(self) -> None:
        self.jobs.put(None)
        self.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise RuntimeError(f"bulk COPY failed: {self.error}") from self.error


class BulkLoader:
    """Buffers rows per table and writes them (with feed entries) in FK order.

    ``add(table, row)`` fills the base columns (version 1, ``updated_at`` = the seed's
    anchor time) and derives the feed scopes from the table's scope rule; tables with
    the membership rule (institutions, departments) must be given ``scopes``.
    Call ``finish()`` once at the end to flush and advance ``sync_counter``.
    """

    def __init__(self, conn: Connection, *, changed_at: dt.datetime, batch_rows: int = 20_000) -> None:
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self.changed_at = changed_at
        self.batch_rows = batch_rows
        self.counts: Counter[str] = Counter()
        self._buffers: dict[str, list[dict[str, Any]]] = {}
        self._feed: list[tuple[Any, ...]] = []
        self._pending = 0
        self._order = {t.name: i for i, t in enumerate(metadata.sorted_tables)}
        self._scope_cache: dict[tuple[str, uuid.UUID], str] = {}
        # Per-scope (live count, hash sum) for sync_scope_stats, as publish() keeps it.
        self._stats: dict[str, list[int]] = {}
        # Lock the counter row for the whole load: the block after it is ours.
        self._first_seq = int(conn.execute(
            sa.update(sync_counter).where(sync_counter.c.id == 1)
            .values(value=sync_counter.c.value).returning(sync_counter.c.value)
        ).scalar_one()) + 1
        self._next_seq = self._first_seq
        self._columns = {t.name: [c.name for c in t.columns] for t in metadata.sorted_tables}
        self._json_columns = {
            name: {c.name for c in spec.columns if c.kind is Kind.JSON}
            for name, spec in TABLES_BY_NAME.items()
        }
        self._base = {"version": 1, "updated_at": changed_at, "updated_by": None, "deleted": False}
        self._copier: _CopyThread | None = None
        if self.postgres:
            self._copier = _CopyThread(conn)
            self._copier.start()

    # --- adding rows ------------------------------------------------------------------

    def _scope(self, prefix: str, row_id: uuid.UUID) -> str:
        key = (prefix, row_id)
        scope = self._scope_cache.get(key)
        if scope is None:
            scope = self._scope_cache[key] = f"{prefix}:{row_id}"
        return scope

    def scopes_of(self, table: str, row: dict[str, Any]) -> list[str]:
        spec = TABLES_BY_NAME[table]
        if spec.scope is ScopeRule.GLOBAL:
            return [GLOBAL_SCOPE]
        if spec.scope is ScopeRule.TERRITORY:
            return [self._scope("territory", row[c]) for c in spec.scope_columns if row.get(c)]
        if spec.scope is ScopeRule.USERS:
            return sorted({self._scope("user", row[c]) for c in spec.scope_columns if row.get(c)})
        raise ValueError(f"{table}: membership scopes must be passed explicitly")

    def add(self, table: str, row: dict[str, Any], scopes: Sequence[str] | None = None) -> None:
        """Queue one synced row (``row`` needs ``id`` and its own columns)."""
        row.update(self._base)
        if scopes is None:
            scopes = self.scopes_of(table, row)
        digest = row_hash(row["id"], 1)
        stats = self._stats
        for scope in scopes:
            self._feed.append((scope, table, row["id"], self._next_seq, 1, "upsert", self.changed_at))
            self._next_seq += 1
            entry = stats.get(scope)
            if entry is None:
                stats[scope] = [1, digest]
            else:
                entry[0] += 1
                entry[1] = (entry[1] + digest) & MASK64
        self._queue(table, row)

    def add_plain(self, table: str, row: dict[str, Any]) -> None:
        """Queue a row of a server-only table (no feed entry)."""
        self._queue(table, row)

    def _queue(self, table: str, row: dict[str, Any]) -> None:
        self._buffers.setdefault(table, []).append(row)
        self.counts[table] += 1
        self._pending += 1
        if self._pending >= self.batch_rows:
            self.flush()

    # --- writing ----------------------------------------------------------------------

    def flush(self) -> None:
        for table in sorted(self._buffers, key=self._order.__getitem__):
            rows = self._buffers[table]
            if rows:
                self._write(table, rows)
                self._buffers[table] = []
        if self._feed:
            self._write_feed(self._feed)
            self._feed = []
        self._pending = 0

    def finish(self) -> tuple[int, int]:
        """Flush everything and move ``sync_counter`` past the block used; returns it."""
        self.flush()
        if self._copier is not None:
            self._copier.close()
            self._copier = None
        self._write_scope_stats()
        last = self._next_seq - 1
        self.conn.execute(sa.update(sync_counter).where(sync_counter.c.id == 1).values(value=last))
        return self._first_seq, last

    def _write_scope_stats(self) -> None:
        st = sync_scope_stats.c
        scopes = list(self._stats)
        for i in range(0, len(scopes), 1000):
            chunk = scopes[i : i + 1000]
            for scope, count, total in self.conn.execute(
                    sa.select(st.scope, st.live_count, st.hash_sum).where(st.scope.in_(chunk))):
                mine = self._stats[scope]
                mine[0] += int(count)
                mine[1] = (mine[1] + from_signed64(int(total))) & MASK64
            self.conn.execute(sa.delete(sync_scope_stats).where(st.scope.in_(chunk)))
        rows = [{"scope": scope, "live_count": count, "hash_sum": to_signed64(total)}
                for scope, (count, total) in self._stats.items()]
        for i in range(0, len(rows), 5000):
            self.conn.execute(sa.insert(sync_scope_stats), rows[i : i + 5000])

    @property
    def feed_entries(self) -> int:
        return self._next_seq - self._first_seq

    def _write(self, table: str, rows: list[dict[str, Any]]) -> None:
        columns = self._columns[table]
        if self.postgres:
            json_cols = self._json_columns.get(table, set())
            json_idx = [i for i, c in enumerate(columns) if c in json_cols]
            records: list[Sequence[Any]] = []
            for r in rows:
                values = [r.get(c) for c in columns]
                for i in json_idx:
                    if values[i] is not None:
                        values[i] = json.dumps(values[i], ensure_ascii=False)
                records.append(values)
            self._copy(table, columns, records)
        else:
            full = [{c: r.get(c) for c in columns} for r in rows]
            self.conn.execute(sa.insert(metadata.tables[table]), full)

    def _write_feed(self, feed: list[tuple[Any, ...]]) -> None:
        if self.postgres:
            self._copy(sync_feed.name, list(FEED_COLUMNS), feed)
        else:
            self.conn.execute(sa.insert(sync_feed), [dict(zip(FEED_COLUMNS, f, strict=True)) for f in feed])

    def _copy(self, table: str, columns: list[str], records: list[Sequence[Any]]) -> None:
        assert self._copier is not None
        self._copier.submit(table, columns, records)


@contextmanager
def postgres_bulk_mode(conn: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Load faster on PostgreSQL without changing the schema.

    Secondary (non-unique) indexes of ``tables`` are dropped and rebuilt afterwards
    from their exact ``pg_get_indexdef`` text (one sort per index beats millions of
    B-tree inserts), and, for a superuser, foreign-key triggers are skipped for this
    transaction (``session_replication_role = replica``): the generator writes
    parents before children, which the SQLite path checks with real foreign keys.
    A no-op on other databases.
    """
    if conn.dialect.name != "postgresql":
        yield
        return
    conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    if conn.exec_driver_sql("SELECT current_setting('is_superuser')").scalar() == "on":
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
    defs = conn.execute(sa.text(
        "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace "
        "WHERE n.nspname = current_schema() AND t.relname = ANY(:tables) "
        "AND NOT x.indisprimary AND NOT x.indisunique ORDER BY i.relname"
    ), {"tables": list(tables)}).all()
    for name, _ in defs:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, ddl in defs:
        conn.exec_driver_sql(ddl)
    conn.exec_driver_sql("SET LOCAL session_replication_role = origin")
