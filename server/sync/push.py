"""Push: apply a client's batch of outbox mutations, idempotently and in order.

One database transaction per batch. Mutation ids are consecutive per client: ids the
server has already processed are answered from ``processed_mutations`` (the stored
original result, nothing re-applied), so a retried batch is harmless; an id beyond
the next expected one is a gap (HTTP 409) and nothing of the batch is applied. Each
new mutation runs in its own SAVEPOINT: a rejected one leaves no partial write and
never blocks the rest of the batch. Feed entries are published last.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from server.auth.principal import Principal
from server.auth.scoping import visible_territory_ids
from server.db import plain_rows
from server.errors import ServiceError
from server.sync.authorize import (
    Rejected,
    WriteContext,
    authorize,
    columns_of,
    decode_fields,
    parse_row_id,
    reference_columns,
    reference_query,
    same_value,
    table_spec,
)
from server.sync.bulk import insert_many
from server.sync.feed import (
    ChangeSet,
    any_of,
    any_of_value,
    id_in,
    publish,
    record_row,
    utcnow,
)
from server.sync.rows import insert_rows, update_row
from server.sync.versioning import check_protocol
from server.tables import audit_log, processed_mutations, sync_clients, synced
from server.visits import comments as _comment_rules  # noqa: F401  (registers validators)
from server.visits import validators as _visit_rules  # noqa: F401  (registers validators)
from server.visits.rules import BATCH_MEMO_KEY
from server.visits.sharing import share_exemplary_visits
from wire.in_lists import IN_LIST_LIMIT, in_chunks
from wire.protocol import (
    PROTOCOL_VERSION,
    Mutation,
    MutationOp,
    MutationResult,
    PushRequest,
    PushResponse,
    RejectReason,
)
from wire.schema import TABLES_BY_NAME, Kind, ScopeRule, TableSpec, encode_value, parse_uuid

# Built once (no construction or cache key per push).
_CLIENT_DONE = (sa.update(sync_clients)
                .where(sync_clients.c.client_id == sa.bindparam("b_client_id"))
                .values(last_mutation_id=sa.bindparam("b_last"), last_seen_at=sa.bindparam("b_now")))


def push_mutations(conn: Connection, principal: Principal, request: PushRequest) -> PushResponse:
    """Apply ``request`` for ``principal``; the caller commits (or rolls back on error)."""
    check_protocol(request.protocol)
    last = lock_client(conn, principal, request.client_id)
    fresh = check_sequence(request.mutations, last)
    stored = stored_results(conn, request.client_id,
                            [m.mutation_id for m in request.mutations if m.mutation_id <= last])
    visible = visible_territory_ids(conn, principal) if fresh else None
    now = utcnow()
    conn.info[BATCH_MEMO_KEY] = {}  # validators read shared settings once per batch
    try:
        # Fast path: checks run before any write, so a rejection leaves nothing to undo
        # and no per-mutation SAVEPOINT is needed; one SAVEPOINT guards the batch.
        with conn.begin_nested():
            changes, results, to_store = _apply_batch(
                conn, principal, request, last, stored, visible, now, savepoints=False)
    except (sa.exc.IntegrityError, sa.exc.DataError):
        # A database rule refused a write: redo the batch one SAVEPOINT per mutation, so
        # only the offending mutation is rejected.
        changes, results, to_store = _apply_batch(
            conn, principal, request, last, stored, visible, now, savepoints=True)
    finally:
        conn.info.pop(BATCH_MEMO_KEY, None)
    if to_store:
        insert_many(conn, processed_mutations, to_store)
        last = fresh[-1].mutation_id
    conn.execute(_CLIENT_DONE, {"b_client_id": request.client_id, "b_last": last, "b_now": now})
    share_exemplary_visits(conn, changes, actor=principal.user_id)  # Good practice snapshots
    publish(conn, changes)
    return PushResponse(protocol=PROTOCOL_VERSION, server_time=now.isoformat(), results=results,
                        last_mutation_id=last)


def _apply_batch(conn: Connection, principal: Principal, request: PushRequest, last: int,
                 stored: dict[int, dict[str, Any]], visible: frozenset[uuid.UUID] | None,
                 now: Any, *, savepoints: bool
                 ) -> tuple[ChangeSet, list[MutationResult], list[dict[str, Any]]]:
    cache = preload_batch(conn, [m for m in request.mutations if m.mutation_id > last],
                          inserts_are_new=not savepoints)
    cache.deferring = not savepoints
    changes = ChangeSet()
    results: list[MutationResult] = []
    to_store: list[dict[str, Any]] = []
    for m in request.mutations:
        if m.mutation_id <= last:
            results.append(duplicate_result(m.mutation_id, dict(stored[m.mutation_id])
                                            if m.mutation_id in stored else None))
            continue
        if cache.must_flush_before(m):
            cache.flush(conn)
        result = apply_mutation(conn, changes, principal, m, visible,
                                client_id=request.client_id, cache=cache, savepoint=savepoints)
        results.append(result)
        to_store.append({"client_id": request.client_id, "mutation_id": m.mutation_id,
                         "result": result.model_dump(mode="json", exclude_none=True),
                         "processed_at": now})
    cache.flush(conn)
    return changes, results, to_store


@functools.cache
def _lock_client_statement(dialect: str) -> sa.Insert:
    """Register-or-lock in ONE statement: ``ON CONFLICT DO UPDATE`` row-locks an
    existing client row as ``SELECT … FOR UPDATE`` did, and RETURNING gives its owner
    and last id (unchanged by the no-op SET)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    c = sync_clients.c
    stmt = insert(sync_clients).values(
        client_id=sa.bindparam("client_id"), user_id=sa.bindparam("user_id"),
        last_mutation_id=0, created_at=sa.bindparam("now"), last_seen_at=sa.bindparam("now"))
    return stmt.on_conflict_do_update(
        index_elements=["client_id"], set_={"client_id": stmt.excluded.client_id}
    ).returning(c.user_id, c.last_mutation_id)


def lock_client(conn: Connection, principal: Principal, client_id: str) -> int:
    """Register ``client_id`` to the caller on first use, lock it, return its last id.

    The row lock serialises two concurrent pushes of one client (a retry racing the
    original), so the second sees the first's mutations as duplicates.
    """
    row = conn.execute(_lock_client_statement(conn.dialect.name), {
        "client_id": client_id, "user_id": principal.user_id, "now": utcnow()}).one()
    if row.user_id != principal.user_id:
        raise ServiceError("client_id_taken",
                           "This client id belongs to another user; the app must use a new one.",
                           details={"client_id": client_id}, kind="forbidden")
    return int(row.last_mutation_id)


def check_sequence(mutations: list[Mutation], last: int) -> list[Mutation]:
    """The not yet processed mutations; 422 unless ids increase, 409 on a gap."""
    ids = [m.mutation_id for m in mutations]
    if any(b <= a for a, b in itertools.pairwise(ids)):
        raise ServiceError("invalid_batch", "Mutation ids in a batch must be strictly increasing.",
                           details={"ids": ids})
    fresh = [m for m in mutations if m.mutation_id > last]
    expected = last + 1
    for m in fresh:
        if m.mutation_id != expected:
            raise ServiceError("mutation_gap",
                               f"Mutation {expected} is missing: the server has processed up to "
                               f"{last}; send the outbox from {last + 1} in order.",
                               details={"expected": expected, "received": m.mutation_id,
                               "last_mutation_id": last}, kind="conflict")
        expected += 1
    return fresh


def stored_results(conn: Connection, client_id: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    p = processed_mutations.c
    q = sa.select(p.mutation_id, p.result).where(p.client_id == client_id, p.mutation_id.in_(ids))
    return {int(mid): dict(result) for mid, result in plain_rows(conn.execute(q))}


def duplicate_result(mutation_id: int, original: dict[str, Any] | None) -> MutationResult:
    """A retried mutation: the first answer again, marked ``duplicate``."""
    if original is None:  # processed before results were kept: nothing more to say
        return MutationResult(mutation_id=mutation_id, status="duplicate",
                              message="Already processed.")
    original_status = original.pop("status", None)
    original.pop("mutation_id", None)
    return MutationResult(mutation_id=mutation_id, status="duplicate",
                          original_status=original_status, **original)


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
    waiting_ids: set[str] = field(default_factory=set)

    def forget(self, table: str, row_id: uuid.UUID) -> None:
        if str(row_id) in self.waiting_ids:
            return
        self.rows.pop((table, row_id), None)
        self.refs.pop((table, row_id), None)

    def can_defer(self, spec: TableSpec) -> bool:
        return self.deferring and spec.name != "doctors" and spec.scope in (
            ScopeRule.TERRITORY, ScopeRule.USERS)

    def defer_insert(self, table: str, row: dict[str, Any]) -> None:
        self.waiting.append((table, row))
        self.waiting_ids.add(str(row["id"]))
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


def apply_mutation(conn: Connection, changes: ChangeSet, principal: Principal, m: Mutation,
                   visible: frozenset[uuid.UUID] | None, *, client_id: str,
                   cache: BatchCache | None = None, savepoint: bool = True) -> MutationResult:
    """Apply one mutation inside a SAVEPOINT; a rejection rolls back only its writes.

    With ``savepoint=False`` (the batch fast path) a database error is raised to the
    caller, which redoes the batch with savepoints; ``Rejected`` is always raised
    before the first write, so it needs no rollback.
    """
    own = ChangeSet()
    try:
        with conn.begin_nested() if savepoint else contextlib.nullcontext():
            version, overwritten = _apply(conn, own, principal, m, visible, client_id,
                                          cache or BatchCache())
    except Rejected as r:
        return MutationResult(mutation_id=m.mutation_id, status="rejected", reason=r.reason,
                              message=r.message, field=r.field)
    except (sa.exc.IntegrityError, sa.exc.DataError) as exc:
        if not savepoint:
            raise
        return MutationResult(mutation_id=m.mutation_id, status="rejected",
                              reason=RejectReason.BAD_VALUE, field=_constraint_field(exc, m.table),
                              message="The change breaks a database rule (a duplicate unique "
                                      "value or a value the column cannot hold).")
    changes.entries.update(own.entries)
    if cache is not None:
        for _scope, table, row_id in own.entries:
            cache.forget(table, row_id)
    return MutationResult(mutation_id=m.mutation_id, status="applied", version=version,
                          overwritten=overwritten or None)


def _constraint_field(exc: sa.exc.DBAPIError, table: str) -> str | None:
    diag = getattr(exc.orig, "diag", None)
    name = getattr(diag, "constraint_name", None) or ""
    for prefix in (f"uq_{table}_", f"fk_{table}_"):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return None


def _apply(conn: Connection, changes: ChangeSet, principal: Principal, m: Mutation,
           visible: frozenset[uuid.UUID] | None, client_id: str,
           cache: BatchCache) -> tuple[int, dict[str, Any]]:
    spec = table_spec(m.table, m.op)
    row_id = parse_row_id(m.id)
    incoming = decode_fields(spec, m.op, m.fields)
    t = synced[spec.name]
    if (spec.name, row_id) in cache.rows:
        cached = cache.rows[(spec.name, row_id)]
        existing = dict(cached) if cached is not None else None
    else:
        found = conn.execute(sa.select(t).where(t.c.id == row_id).with_for_update()
                             ).mappings().first()
        existing = dict(found) if found is not None else None
    if m.op is MutationOp.INSERT:
        if existing is not None:
            raise Rejected(RejectReason.ALREADY_EXISTS, f"{spec.name} {row_id} already exists.", "id")
    elif existing is None:
        raise Rejected(RejectReason.NOT_FOUND, f"{spec.name} {row_id} does not exist.", "id")

    ctx = WriteContext(principal=principal, spec=spec, op=m.op, row_id=row_id,
                       existing=existing, incoming=incoming, visible=visible, refs=cache.refs)
    authorize(conn, ctx)
    if existing is not None and existing["deleted"]:
        if m.op is MutationOp.DELETE:  # deletes win, and a second one changes nothing
            return int(existing["version"]), {}
        raise Rejected(RejectReason.DELETED, f"This {spec.name} row has been deleted.")
    me = principal.user_id
    if m.op is MutationOp.INSERT and cache.can_defer(spec):
        # Every column named (NULL where not given, as a single INSERT would leave it),
        # so rows of one executemany share their keys.
        row = {**dict.fromkeys(columns_of(spec)), **incoming, **ctx.server_values,
               "id": row_id, "deleted": False, "version": 1, "updated_at": utcnow(),
               "updated_by": me}
        record_row(conn, changes, spec.name, row)
        cache.defer_insert(spec.name, row)
        return 1, {}
    if m.op is MutationOp.INSERT:
        row = insert_rows(conn, changes, spec.name,
                          [{**incoming, **ctx.server_values, "id": row_id}], actor=me)[0]
        return int(row["version"]), {}
    assert existing is not None
    if m.op is MutationOp.DELETE:
        after = update_row(conn, changes, spec.name, row_id, {"deleted": True}, actor=me,
                           before=existing)
        return int(after["version"]), {}

    stored_version = int(existing["version"])
    cols = columns_of(spec)
    if m.base_version is not None and m.base_version > stored_version:
        raise Rejected(RejectReason.BAD_VALUE,
                       f"base_version {m.base_version} is newer than the stored version "
                       f"{stored_version}.", "base_version")
    changed = {name: incoming[name] for name in ctx.changed_fields()}
    overwritten: dict[str, Any] = {}
    if m.base_version is not None and stored_version > m.base_version:
        overwritten = {name: encode_value(cols[name].kind, existing[name])
                       for name in changed}
        if overwritten:
            conn.execute(sa.insert(audit_log).values(
                at=utcnow(), user_id=me, action="conflict_overwrite", table_name=spec.name,
                row_id=row_id, details={
                    "client_id": client_id, "mutation_id": m.mutation_id,
                    "base_version": m.base_version, "stored_version": stored_version,
                    "overwritten": overwritten,
                    "by": {n: encode_value(cols[n].kind, v) for n, v in changed.items()},
                }))
    if not changed:
        return stored_version, {}
    changed.update({name: value for name, value in ctx.server_values.items()
                    if not same_value(cols[name].kind, existing[name], value)})
    after = update_row(conn, changes, spec.name, row_id, changed, actor=me, before=existing)
    return int(after["version"]), overwritten


__all__ = ["apply_mutation", "push_mutations"]
