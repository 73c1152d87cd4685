"""A push batch's rows, read up front: one query per table instead of one per mutation.

``preload_batch`` reads the rows a batch's mutations target (locked FOR UPDATE) and
the rows their reference fields point at; ``BatchCache`` holds them for the batch and,
on the fast path, the new rows whose INSERT waits to go with the next ones of the same
table in one statement (``server.sync.push`` decides when to flush them).
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.authorize import (
    reference_columns,
    reference_query,
)
from server.sync.bulk import insert_many
from server.sync.feed import (
    any_of,
    any_of_value,
    id_in,
)
from server.tables import synced
from wire.in_lists import IN_LIST_LIMIT, in_chunks
from wire.protocol import (
    Mutation,
    MutationOp,
)
from wire.schema import TABLES_BY_NAME, Kind, ScopeRule, TableSpec, parse_uuid, uuid_text


@dataclass(slots=True)
class BatchCache:
    """Rows a batch needs, read with one query per table instead of one per mutation.

    ``rows``: the mutations' target rows, locked FOR UPDATE (None = absent); ``refs``:
    rows their reference fields point at, as ``authorize.check_references`` reads
    them (up front, or one by one as it needs one the batch creates, kept for the
    batch's next mutations). A row the batch writes is forgotten, so a later mutation
    of the batch reads it again from the database and sees the earlier one's effect.
    """

    rows: dict[tuple[str, uuid.UUID], dict[str, Any] | None] = field(default_factory=dict)
    refs: dict[tuple[str, uuid.UUID], tuple[Any, ...] | None] = field(default_factory=dict)
    # Fast path only: new rows whose INSERT waits to be sent with the next ones of the
    # same table in one statement. Flushed before an insert that cannot wait and any
    # mutation that names a waiting row (``must_flush_before``), and at the end of the
    # batch, so every read (checks, validators) sees the rows it can refer to.
    deferring: bool = False
    waiting: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    waiting_ids: set[str] = field(default_factory=set)  # as text, as mutations name them
    waiting_rows: set[uuid.UUID] = field(default_factory=set)  # the same ids, as written

    def forget(self, table: str, row_id: uuid.UUID) -> None:
        if row_id in self.waiting_rows:
            return
        self.rows.pop((table, row_id), None)
        self.refs.pop((table, row_id), None)

    def can_defer(self, spec: TableSpec) -> bool:
        return self.deferring and spec.name != "doctors" and spec.scope in (
            ScopeRule.TERRITORY, ScopeRule.USERS, ScopeRule.MANAGERS)

    def defer_insert(self, table: str, row: dict[str, Any]) -> None:
        self.waiting.append((table, row))
        self.waiting_ids.add(uuid_text(row["id"]))
        self.waiting_rows.add(row["id"])
        self.rows[(table, row["id"])] = row

    def must_flush_before(self, m: Mutation) -> bool:
        """Whether the waiting inserts must be sent before ``m`` is applied: when ``m``
        is an insert that cannot wait, or names a waiting row (its own id or one of its
        id fields). An update or delete of other rows runs before them: it reads its
        stored row, the rows it refers to and the settings, none of which a waiting row
        is; if the database refuses a write, the batch is redone in order, one
        SAVEPOINT per mutation, so the outcome is the same."""
        if not self.waiting:
            return False
        spec = TABLES_BY_NAME.get(m.table)
        if spec is None or (m.op is MutationOp.INSERT and not self.can_defer(spec)):
            return True
        waiting, fields = self.waiting_ids, m.fields
        if m.id in waiting:
            return True
        for name in _uuid_columns(spec.name):
            value = fields.get(name)
            if isinstance(value, str) and value in waiting:
                return True
        return False

    def flush(self, conn: Connection) -> None:
        """Send the waiting inserts, one statement per table. The order across tables
        does not matter: no waiting row refers to another (``must_flush_before`` sends
        them before a mutation that names one), and a manager's session interleaves
        reviews, comments and evaluations, which went one statement per row."""
        by_table: dict[str, list[dict[str, Any]]] = {}
        for table, row in self.waiting:
            by_table.setdefault(table, []).append(row)
        for table, rows in by_table.items():
            insert_many(conn, synced[table], rows)
        for table, row in self.waiting:
            self.rows.pop((table, row["id"]), None)
            self.refs.pop((table, row["id"]), None)
        self.waiting.clear()
        self.waiting_ids.clear()
        self.waiting_rows.clear()


@functools.cache
def _uuid_columns(table: str) -> tuple[str, ...]:
    """The columns whose value can name a row (references, and ids without one)."""
    return tuple(c.name for c in TABLES_BY_NAME[table].columns if c.kind is Kind.UUID)


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_uuid(value)
    except ValueError:
        return None


def preload_batch(conn: Connection, mutations: list[Mutation], *,
                  inserts_are_new: bool = False) -> BatchCache:
    """Load the target and referenced rows of ``mutations`` (one IN query per table).

    ``inserts_are_new`` (the fast path): a row that the batch only inserts is taken to
    be absent without reading it (reading it would only confirm that it is: for a new
    row there is nothing to lock). If it does exist, its INSERT fails on the primary
    key and the caller redoes the batch with savepoints, where it is read and refused
    as ``already_exists``.
    """
    cache = BatchCache()
    targets: dict[str, set[uuid.UUID]] = {}
    only_inserted: dict[str, set[uuid.UUID]] = {}
    named: set[tuple[str, uuid.UUID]] = set()  # rows an earlier mutation of the batch names
    inserted: set[tuple[str, uuid.UUID]] = set()  # rows the batch creates
    refs: dict[str, set[uuid.UUID]] = {}
    for m in mutations:
        spec = TABLES_BY_NAME.get(m.table)
        row_id = _uuid_or_none(m.id)
        if spec is None or row_id is None:
            continue
        if inserts_are_new and m.op is MutationOp.INSERT and (spec.name, row_id) not in named:
            only_inserted.setdefault(spec.name, set()).add(row_id)
        else:
            targets.setdefault(spec.name, set()).add(row_id)
        named.add((spec.name, row_id))
        if m.op is MutationOp.INSERT:
            inserted.add((spec.name, row_id))
        if m.op is MutationOp.DELETE:
            continue
        fields = m.fields
        for name, referenced in reference_columns(spec).items():
            target = _uuid_or_none(fields.get(name))
            if target is not None:
                refs.setdefault(referenced, set()).add(target)
    for table, ids in only_inserted.items():
        ids -= targets.get(table, set())  # also updated or deleted by the batch: read it
        for row_id in ids:
            cache.rows[(table, row_id)] = None
    # A row the batch creates is not read up front (it would read as absent, and be
    # forgotten once written): a reference to it is read once it is written, and kept.
    for table, row_id in inserted:
        if table in refs:
            refs[table].discard(row_id)
    refs = {table: ids for table, ids in refs.items() if ids}
    dialect = conn.dialect.name
    for table, ids in targets.items():
        t = synced[table]
        # (order only matters across chunks; the statement locks in id order itself)
        ordered = list(ids) if len(ids) <= IN_LIST_LIMIT else sorted(ids, key=lambda u: u.bytes)
        for chunk in in_chunks(ordered):
            found = {r["id"]: dict(r) for r in conn.execute(
                _target_query(dialect, table), {"ids": any_of_value(dialect, t.c.id, chunk)}
            ).mappings()}
            for row_id in chunk:
                cache.rows[(table, row_id)] = found.get(row_id)
    if refs and all(len(ids) <= IN_LIST_LIMIT for ids in refs.values()):
        tables = tuple(sorted(refs))
        statement, widths = _references_query(dialect, tables)
        rows = conn.execute(statement, {
            f"ids_{i}": any_of_value(dialect, synced[table].c.id, refs[table])
            for i, table in enumerate(tables)})
        found_refs = {(tables[r[0]], r[1]): tuple(r[1 : 1 + widths[r[0]]]) for r in rows}
        for table in tables:
            for ref_id in refs[table]:
                cache.refs[(table, ref_id)] = found_refs.get((table, ref_id))
        return cache
    for table, ids in refs.items():
        t = synced[table]
        ordered = sorted(ids)
        for chunk in in_chunks(ordered):
            got = {r[0]: tuple(r) for r in conn.execute(
                reference_query(table).where(id_in(conn, t.c.id, chunk)))}
            for ref_id in chunk:
                cache.refs[(table, ref_id)] = got.get(ref_id)
    return cache


@functools.cache
def _target_query(dialect: str, table: str) -> sa.Select[Any]:
    """The batch's target rows of ``table``, locked (built once; bind ``ids``)."""
    t = synced[table]
    return (sa.select(t).where(any_of(dialect, t.c.id, "ids")).order_by(t.c.id)
            .with_for_update())


@functools.cache
def _references_query(dialect: str, tables: tuple[str, ...]
                      ) -> tuple[sa.CompoundSelect, tuple[int, ...]]:
    """Every referenced table's rows in ONE statement, built once per set of tables
    (bind ``ids_<i>``): a ``UNION ALL`` of each table's ``reference_query``, tagged
    with the table's index and padded to one width; and each table's own width. A
    push of visits names doctors, institutions, users and territories: four round
    trips before."""
    queries = [reference_query(table) for table in tables]
    width = max(len(q.selected_columns) for q in queries)
    branches = []
    for i, (table, q) in enumerate(zip(tables, queries, strict=True)):
        cols = [sa.literal(i, sa.Integer()).label("k"), *q.selected_columns]
        cols += [sa.cast(sa.null(), sa.Uuid()) for _ in range(width - len(q.selected_columns))]
        branches.append(sa.select(*cols).where(any_of(dialect, synced[table].c.id, f"ids_{i}")))
    return sa.union_all(*branches), tuple(len(q.selected_columns) for q in queries)
