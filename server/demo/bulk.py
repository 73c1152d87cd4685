"""Bulk loading of seeded rows with their change-feed entries.

The per-row helpers (``server.sync.rows``) are right for interactive writes but far
too slow for millions of rows. ``BulkLoader`` does the same bookkeeping in bulk:
every synced row gets version 1 and one ``upsert`` feed entry per scope, with
sequence numbers taken from a block reserved on ``sync_counter`` (the row is locked
for the whole load and set to the last number used at the end, so readers never see
a gap), and ``sync_scope_stats`` (per-scope count and hash sum) is kept exact.
Rows are buffered per table and flushed in foreign-key order, so a parent
generated before its child is always written before it.

PostgreSQL gets ``COPY … FROM STDIN`` in text format, and the loader writes that text
itself: each column has a converter chosen once from its SQL type, a row becomes one
tab-separated line, and a batch becomes one string handed to a background thread.
That skips psycopg's per-value adapter lookup (``write_row``), which cost more than
generating the data. SQLite gets ``executemany``.

Ids are canonical UUID strings (``IdFactory``, time-ordered), not ``uuid.UUID``
objects: they go into COPY text, scope names and JSON as they are, and only the
SQLite path turns them into ``UUID`` objects for SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import queue
import random
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.bulk import CHUNK_ROWS
from server.sync.feed import GLOBAL_SCOPE
from server.tables import metadata, sync_counter, sync_feed, sync_scope_stats
from wire.checksum import MASK64, from_signed64, to_signed64
from wire.in_lists import in_chunks
from wire.rows import plain_rows
from wire.schema import TABLES_BY_NAME, ScopeRule, managers_scope_keys

FEED_COLUMNS = ("scope", "table_name", "row_id", "seq", "version", "op", "changed_at")
NULL = "\\N"


class IdFactory:
    """Deterministic, time-ordered ids (UUIDv7 layout) as canonical text.

    Each id is the previous one's millisecond timestamp plus one, followed by 74 bits
    from the seed's ``random.Random``: the same seed gives the same ids, and ids grow
    in generation order. That order matters at scale: every primary-key insert lands
    on the right edge of its B-tree (PostgreSQL's fast path) instead of a random leaf
    of a 3-million-row index that no longer fits in shared buffers. The ids are
    returned as text, not ``uuid.UUID`` objects: they go into COPY text, scope names
    and JSON as they are.
    """

    __slots__ = ("_bits", "_ms")

    _RAND_A_SHIFT = 62
    _RAND_B_MASK = (1 << 62) - 1
    _FIXED = (7 << 76) | (0b10 << 62)  # version 7, RFC 9562 variant

    def __init__(self, rng: random.Random, start: dt.datetime) -> None:
        self._bits = rng.getrandbits
        self._ms = int(start.timestamp() * 1000)

    def __call__(self) -> str:
        self._ms += 1
        r = self._bits(74)
        n = (self._ms << 80) | self._FIXED | ((r >> self._RAND_A_SHIFT) << 64) | (r & self._RAND_B_MASK)
        h = f"{n:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Json:
    """A JSON column value encoded once: generators cache these for repeated values.

    ``text`` is the JSON already escaped for COPY text format; ``value`` is what the
    SQLite path (SQLAlchemy's JSON type) gets.
    """

    __slots__ = ("text", "value")

    def __init__(self, value: Any) -> None:
        self.value = value
        self.text = _escape(json.dumps(value, ensure_ascii=False))


def _escape(s: str) -> str:
    """``s`` as a COPY text-format field (backslash, tab, newline, carriage return)."""
    if "\\" in s:
        s = s.replace("\\", "\\\\")
    if "\n" in s:
        s = s.replace("\n", "\\n")
    if "\t" in s:
        s = s.replace("\t", "\\t")
    if "\r" in s:
        s = s.replace("\r", "\\r")
    return s


def _text(cache: dict[Any, str], v: Any) -> str:
    text = cache[v] = _escape(v if type(v) is str else str(v))
    return text


def _stamp(cache: dict[Any, str], v: dt.date) -> str:
    text = cache[v] = v.isoformat()
    return text


def _json(v: Any) -> str:
    return v.text if type(v) is Json else _escape(json.dumps(v, ensure_ascii=False))


# Per column kind: the f-string expression turning ``v`` (not None) into COPY text.
# ``str.format`` of ids (text), ints and floats is their ``str``: nothing to escape.
_EXPRESSIONS: tuple[tuple[type[sa.types.TypeEngine[Any]], str], ...] = (
    (sa.JSON, "_json(v)"),
    (sa.Boolean, "('t' if v else 'f')"),
    (sa.DateTime, "(S.get(v) or _stamp(S, v))"),
    (sa.Date, "(S.get(v) or _stamp(S, v))"),
    (sa.Uuid, "v"),
    (sa.Integer, "v"),
    (sa.Float, "v"),
    (sa.Numeric, "v"),
    (sa.String, "(E.get(v) or _text(E, v))"),
)


def make_encoder(table: sa.Table, constants: dict[str, str] | None = None,
                 stamps: dict[Any, str] | None = None,
                 texts: dict[Any, str] | None = None) -> Callable[[dict[str, Any]], str]:
    """A function turning a row dict of ``table`` into one COPY text line (no newline).

    Generated once per table (as ``dataclasses`` and ``namedtuple`` do) so a row costs
    one f-string instead of a converter call per value, which is most of the load's
    Python time at millions of rows. ``constants`` gives the text of columns that are
    the same in every row (the base columns of seeded rows). Missing keys are NULL.
    Dates, times and texts go through caches (``stamps``, ``texts``): the seed's
    times are whole minutes within a few months and most texts come from templates,
    so a few hundred thousand distinct values cover millions of rows, and a dict hit
    is cheaper than ``isoformat`` or escaping.
    """
    namespace: dict[str, Any] = {"_json": _json, "_text": _text, "_stamp": _stamp, "N": NULL,
                                 "S": {} if stamps is None else stamps,
                                 "E": {} if texts is None else texts}
    parts = []
    for i, column in enumerate(table.columns):
        if constants and column.name in constants:
            namespace[f"C{i}"] = constants[column.name]
            parts.append(f"{{C{i}}}")
            continue
        expression = next((e for t, e in _EXPRESSIONS if isinstance(column.type, t)), None)
        if expression is None:
            raise TypeError(f"{column}: no COPY text form for {column.type!r}")
        parts.append(f"{{N if (v := g({column.name!r})) is None else {expression}}}")
    line = "\\t".join(parts)  # a backslash-t escape inside the generated f-string
    source = f'def encode(r):\n    g = r.get\n    return f"{line}"\n'
    exec(source, namespace)  # source built above from column metadata only
    encode: Callable[[dict[str, Any]], str] = namespace["encode"]
    return encode


class _CopyThread(threading.Thread):
    """Runs the COPYs of one connection in the background.

    The generator (Python, one core) then overlaps with PostgreSQL ingesting and
    indexing the previous batch (the other core) instead of waiting for it. Only this
    thread touches the connection until ``close``. A job is a whole batch of COPY
    text, so this thread spends its time in libpq (GIL released), not in Python.
    """

    def __init__(self, conn: Connection) -> None:
        super().__init__(name="demo-seed-copy", daemon=True)
        raw = conn.connection.driver_connection
        assert raw is not None
        self.raw = raw
        self.jobs: queue.Queue[tuple[str, str] | None] = queue.Queue(8)
        self.error: BaseException | None = None

    def run(self) -> None:
        while (job := self.jobs.get()) is not None:
            if self.error is not None:
                continue
            statement, text = job
            try:
                with self.raw.cursor() as cur, cur.copy(statement) as copy:
                    copy.write(text)
            except BaseException as exc:
                self.error = exc

    def submit(self, statement: str, text: str) -> None:
        self._raise()
        self.jobs.put((statement, text))

    def close(self) -> None:
        self.jobs.put(None)
        self.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise RuntimeError(f"bulk COPY failed: {self.error}") from self.error


def _copy_statement(table: str, columns: Sequence[str]) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    return f'COPY "{table}" ({cols}) FROM STDIN'


class BulkLoader:
    """Buffers rows per table and writes them (with feed entries) in FK order.

    ``add(table, row)`` fills the base columns (version 1, ``updated_at`` = the seed's
    anchor time) and derives the feed scopes from the table's scope rule; tables with
    the membership rule (institutions, departments) must be given ``scopes``.
    Row values: ids as ``str`` (see ``IdFactory``), JSON columns as plain values or
    ``Json``. Call ``finish()`` once at the end to flush and advance ``sync_counter``.
    """

    def __init__(self, conn: Connection, *, changed_at: dt.datetime, batch_rows: int = 20_000) -> None:
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self.changed_at = changed_at
        self.batch_rows = batch_rows
        self.counts: Counter[str] = Counter()
        self._order = {t.name: i for i, t in enumerate(metadata.sorted_tables)}
        # Per table: its column names, and (PostgreSQL) each column's text converter.
        self._columns = {t.name: [c.name for c in t.columns] for t in metadata.sorted_tables}
        # PostgreSQL: one COPY-line encoder per table; seeded (synced) rows have
        # constant base columns, server-only rows (``add_plain``) do not.
        base_text = {"version": "1", "updated_at": changed_at.isoformat(), "updated_by": NULL,
                     "deleted": "f"}
        self._encoders: dict[str, Callable[[dict[str, Any]], str]] = {}
        self._plain_encoders: dict[str, Callable[[dict[str, Any]], str]] = {}
        if self.postgres:
            stamps: dict[Any, str] = {}
            texts: dict[Any, str] = {}
            for t in metadata.sorted_tables:
                if any(isinstance(c.type, sa.LargeBinary) for c in t.columns):
                    continue  # file contents (knowledge_files) are never bulk-loaded
                self._plain_encoders[t.name] = make_encoder(t, stamps=stamps, texts=texts)
                if t.name in TABLES_BY_NAME:
                    self._encoders[t.name] = make_encoder(t, base_text, stamps, texts)
        # Buffered rows: COPY lines (PostgreSQL) or dicts (SQLite), per table.
        self._buffers: dict[str, list[Any]] = {}
        self._feed: list[Any] = []
        self._pending = 0
        self._scope_cache: dict[str, dict[Any, str]] = {"territory": {}, "user": {},
                                                             "managers": {}, "district": {},
                                                             "region_managers": {}}
        self._scope_rules = {name: (spec.scope, spec.scope_columns)
                             for name, spec in TABLES_BY_NAME.items()}
        # Per-scope (live count, hash sum) for sync_scope_stats, as publish() keeps it.
        self._stats: dict[str, list[int]] = {}
        # Lock the counter row for the whole load: the block after it is ours.
        self._first_seq = int(conn.execute(
            sa.update(sync_counter).where(sync_counter.c.id == 1)
            .values(value=sync_counter.c.value).returning(sync_counter.c.value)
        ).scalar_one()) + 1
        self._next_seq = self._first_seq
        self._base = {"version": 1, "updated_at": changed_at, "updated_by": None, "deleted": False}
        # The constant tail of every feed line: version 1, upsert, the anchor time.
        self._feed_tail = f"\t1\tupsert\t{changed_at.isoformat()}"
        self._copier: _CopyThread | None = None
        if self.postgres:
            self._copier = _CopyThread(conn)
            self._copier.start()

    # --- adding rows ------------------------------------------------------------------

    def _scope(self, prefix: str, row_id: Any) -> str:
        cache = self._scope_cache[prefix]
        scope = cache.get(row_id)
        if scope is None:
            scope = cache[row_id] = f"{prefix}:{row_id}"
        return scope

    def scopes_of(self, table: str, row: dict[str, Any]) -> list[str]:
        rule, columns = self._scope_rules[table]
        if rule is ScopeRule.TERRITORY:
            return [self._scope("territory", row[c]) for c in columns if row.get(c)]
        if rule is ScopeRule.GLOBAL:
            return [GLOBAL_SCOPE]
        if rule is ScopeRule.DISTRICT:  # as server.sync.feed.district_scope
            return [self._scope("district", row[c]) for c in columns if row.get(c)]
        if rule is ScopeRule.USERS:
            return sorted({self._scope("user", row[c]) for c in columns if row.get(c)})
        if rule is ScopeRule.MANAGERS:
            spec = TABLES_BY_NAME[table]
            return sorted({self._scope(prefix, value)
                           for prefix, value in managers_scope_keys(spec, row)})
        if rule is ScopeRule.TEAM and row.get("district_id"):
            return [self._scope("user", row["id"]), self._scope("district", row["district_id"])]
        if rule is ScopeRule.TEAM and not row.get("region_id"):
            return [self._scope("user", row["id"])]
        raise ValueError(f"{table}: membership and regional scopes must be passed explicitly")

    def add(self, table: str, row: dict[str, Any], scopes: Sequence[str] | None = None) -> None:
        """Queue one synced row (``row`` needs ``id`` and its own columns)."""
        if scopes is None:
            scopes = self.scopes_of(table, row)
        row_id = str(row["id"])
        # wire.checksum.row_hash(row_id, 1), inlined: ids are canonical lower-case text.
        digest = int.from_bytes(
            hashlib.blake2b(f"{row_id}:1".encode(), digest_size=8).digest(), "big")
        stats = self._stats
        seq = self._next_seq
        if self.postgres:
            tail = self._feed_tail
            middle = f"\t{table}\t{row_id}\t"
            feed_append = self._feed.append
            for scope in scopes:
                feed_append(f"{scope}{middle}{seq}{tail}")
                seq += 1
                entry = stats.get(scope)
                if entry is None:
                    stats[scope] = [1, digest]
                else:
                    entry[0] += 1
                    entry[1] = (entry[1] + digest) & MASK64
        else:
            for scope in scopes:
                self._feed.append((scope, table, row_id, seq))
                seq += 1
                entry = stats.setdefault(scope, [0, 0])
                entry[0] += 1
                entry[1] = (entry[1] + digest) & MASK64
        self._next_seq = seq
        if self.postgres:
            self._queue(table, self._encoders[table](row))
        else:
            row.update(self._base)
            self._queue(table, row)

    def add_plain(self, table: str, row: dict[str, Any]) -> None:
        """Queue a row of a server-only table (no feed entry)."""
        self._queue(table, self._plain_encoders[table](row) if self.postgres else row)

    def _queue(self, table: str, row: Any) -> None:
        """Buffer ``row`` (a COPY line on PostgreSQL, a dict on SQLite)."""
        buffer = self._buffers.get(table)
        if buffer is None:
            buffer = self._buffers[table] = []
        buffer.append(row)
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
        for chunk in in_chunks(scopes):
            for scope, count, total in plain_rows(self.conn.execute(
                    sa.select(st.scope, st.live_count, st.hash_sum).where(st.scope.in_(chunk))
            )):
                mine = self._stats[str(scope)]
                mine[0] += int(count)
                mine[1] = (mine[1] + from_signed64(int(total))) & MASK64
            self.conn.execute(sa.delete(sync_scope_stats).where(st.scope.in_(chunk)))
        rows = [{"scope": scope, "live_count": count, "hash_sum": to_signed64(total)}
                for scope, (count, total) in self._stats.items()]
        for batch in in_chunks(rows, CHUNK_ROWS):
            self.conn.execute(sa.insert(sync_scope_stats), batch)

    @property
    def feed_entries(self) -> int:
        return self._next_seq - self._first_seq

    def _write(self, table: str, rows: list[Any]) -> None:
        if self.postgres:
            self._copy(_copy_statement(table, self._columns[table]), rows)
            return
        t = metadata.tables[table]
        uuid_cols = [c.name for c in t.columns if isinstance(c.type, sa.Uuid)]
        full = []
        for r in rows:
            values = {c: r.get(c) for c in self._columns[table]}
            for c in uuid_cols:
                if isinstance(values[c], str):
                    values[c] = uuid.UUID(values[c])
            for c, v in values.items():
                if type(v) is Json:
                    values[c] = v.value
            full.append(values)
        self.conn.execute(sa.insert(t), full)

    def _write_feed(self, feed: list[Any]) -> None:
        if self.postgres:
            self._copy(_copy_statement(sync_feed.name, FEED_COLUMNS), feed)
            return
        self.conn.execute(sa.insert(sync_feed), [
            {"scope": scope, "table_name": table, "row_id": uuid.UUID(row_id), "seq": seq,
             "version": 1, "op": "upsert", "changed_at": self.changed_at}
            for scope, table, row_id, seq in feed])

    def _copy(self, statement: str, lines: list[str]) -> None:
        assert self._copier is not None
        lines.append("")  # every line, the last included, ends with a newline
        self._copier.submit(statement, "\n".join(lines))


@contextmanager
def postgres_bulk_mode(conn: Connection, tables: Sequence[str],
                       primary_keys: Sequence[str] = ()) -> Iterator[None]:
    """Load faster on PostgreSQL without changing the schema.

    Secondary (non-unique) indexes of ``tables`` are dropped and rebuilt afterwards
    from their exact ``pg_get_indexdef`` text (one sort per index beats millions of
    B-tree inserts); so are the primary keys of ``primary_keys`` (re-added from
    ``pg_get_constraintdef`` under the same name, which also re-checks uniqueness;
    only for tables no foreign key references, i.e. ``sync_feed``: three index
    inserts per feed entry were the largest part of PostgreSQL's work). For a
    superuser, foreign-key triggers are skipped for this transaction
    (``session_replication_role = replica``): the generator writes parents before
    children, which the SQLite path checks with real foreign keys.
    A no-op on other databases.
    """
    if conn.dialect.name != "postgresql":
        yield
        return
    conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '1GB'")
    if conn.exec_driver_sql("SELECT current_setting('is_superuser')").scalar() == "on":
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
    defs = conn.execute(sa.text(
        "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace "
        "WHERE n.nspname = current_schema() AND t.relname = ANY(:tables) "
        "AND NOT x.indisprimary AND NOT x.indisunique ORDER BY i.relname"
    ), {"tables": list(tables)}).all()
    keys = conn.execute(sa.text(
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace "
        "WHERE n.nspname = current_schema() AND c.contype = 'p' AND t.relname = ANY(:tables) "
        "ORDER BY 1"
    ), {"tables": list(primary_keys)}).all()
    for name, _ in defs:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    for table, name, _ in keys:
        conn.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    yield
    for table, name, definition in keys:
        conn.exec_driver_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    for _, ddl in defs:
        conn.exec_driver_sql(str(ddl))
    conn.exec_driver_sql("SET LOCAL session_replication_role = origin")
