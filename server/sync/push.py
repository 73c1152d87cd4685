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
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from server.auth.principal import Principal
from server.auth.scoping import visible_territory_ids
from server.errors import ServiceError
from server.evaluations import validators as _evaluation_rules  # noqa: F401  (registers validators)
from server.sync import policy_tables as _policy_tables  # noqa: F401  (declares the policies)
from server.sync.audit import push_audit_rows
from server.sync.authorize import (
    Rejected,
    WriteContext,
    columns_of,
    decode_fields,
    parse_row_id,
    same_value,
    table_spec,
)
from server.sync.batch_cache import BatchCache, preload_batch
from server.sync.bulk import insert_many_at_once
from server.sync.feed import (
    ChangeSet,
    publish,
    record_row,
    utcnow,
)
from server.sync.policies import authorize
from server.sync.rows import insert_rows, update_row
from server.sync.versioning import check_protocol
from server.tables import audit_log, processed_mutations, sync_clients, synced
from server.visits import comments as _comment_rules  # noqa: F401  (registers validators)
from server.visits import validators as _visit_rules  # noqa: F401  (registers validators)
from server.visits.rules import BATCH_MEMO_KEY
from server.visits.sharing import share_exemplary_visits
from wire.protocol import (
    PROTOCOL_VERSION,
    Mutation,
    MutationOp,
    MutationResult,
    PushRequest,
    PushResponse,
    RejectReason,
)
from wire.rows import plain_rows
from wire.schema import encode_value

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
    if to_store:  # the batch's results and its audit trail, in one statement
        insert_many_at_once(conn, [
            (processed_mutations, to_store),
            (audit_log, push_audit_rows(principal.user_id, request.client_id, fresh,
                                        [row["result"] for row in to_store], now))])
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
    for write in ctx.after_write:  # e.g. an approved change request changes its doctor
        write(conn, changes)
    return int(after["version"]), overwritten


__all__ = ["apply_mutation", "push_mutations"]
