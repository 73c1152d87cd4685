"""Push: apply a client's batch of outbox mutations, idempotently and in order.

One database transaction per batch. Mutation ids are consecutive per client: ids the
server has already processed are answered from ``processed_mutations`` (the stored
original result, nothing re-applied), so a retried batch is harmless; an id beyond
the next expected one is a gap (HTTP 409) and nothing of the batch is applied. Each
new mutation runs in its own SAVEPOINT: a rejected one leaves no partial write and
never blocks the rest of the batch. Feed entries are published last.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.api.deps import Principal
from server.api.errors import ApiError
from server.auth.scoping import visible_territory_ids
from server.sync.authorize import (
    Rejected,
    WriteContext,
    authorize,
    decode_fields,
    parse_row_id,
    table_spec,
)
from server.sync.feed import ChangeSet, publish, utcnow
from server.sync.rows import insert_rows, update_row
from server.sync.versioning import check_protocol
from server.tables import audit_log, processed_mutations, sync_clients, synced
from sync.protocol import (
    PROTOCOL_VERSION,
    Mutation,
    MutationOp,
    MutationResult,
    PushRequest,
    PushResponse,
    RejectReason,
)
from sync.schema import encode_value


def push_mutations(conn: Connection, principal: Principal, request: PushRequest) -> PushResponse:
    """Apply ``request`` for ``principal``; the caller commits (or rolls back on error)."""
    check_protocol(request.protocol)
    last = lock_client(conn, principal, request.client_id)
    fresh = check_sequence(request.mutations, last)
    stored = stored_results(conn, request.client_id,
                            [m.mutation_id for m in request.mutations if m.mutation_id <= last])
    visible = visible_territory_ids(conn, principal) if fresh else None
    changes = ChangeSet()
    results: list[MutationResult] = []
    to_store: list[dict[str, Any]] = []
    now = utcnow()
    for m in request.mutations:
        if m.mutation_id <= last:
            results.append(duplicate_result(m.mutation_id, stored.get(m.mutation_id)))
            continue
        result = apply_mutation(conn, changes, principal, m, visible,
                                client_id=request.client_id)
        results.append(result)
        to_store.append({"client_id": request.client_id, "mutation_id": m.mutation_id,
                         "result": result.model_dump(mode="json", exclude_none=True),
                         "processed_at": now})
    if to_store:
        conn.execute(sa.insert(processed_mutations), to_store)
        last = fresh[-1].mutation_id
    conn.execute(sa.update(sync_clients).where(sync_clients.c.client_id == request.client_id)
                 .values(last_mutation_id=last, last_seen_at=now))
    publish(conn, changes)
    return PushResponse(protocol=PROTOCOL_VERSION, server_time=now.isoformat(), results=results,
                        last_mutation_id=last)


def lock_client(conn: Connection, principal: Principal, client_id: str) -> int:
    """Register ``client_id`` to the caller on first use, lock it, return its last id.

    The row lock serialises two concurrent pushes of one client (a retry racing the
    original), so the second sees the first's mutations as duplicates.
    """
    c = sync_clients.c
    now = utcnow()
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    conn.execute(insert(sync_clients).values(
        client_id=client_id, user_id=principal.user_id, last_mutation_id=0,
        created_at=now, last_seen_at=now).on_conflict_do_nothing(index_elements=["client_id"]))
    row = conn.execute(sa.select(c.user_id, c.last_mutation_id)
                       .where(c.client_id == client_id).with_for_update()).one()
    if row.user_id != principal.user_id:
        raise ApiError(403, "client_id_taken",
                       "This client id belongs to another user; the app must use a new one.",
                       {"client_id": client_id})
    return int(row.last_mutation_id)


def check_sequence(mutations: list[Mutation], last: int) -> list[Mutation]:
    """The not yet processed mutations; 422 unless ids increase, 409 on a gap."""
    ids = [m.mutation_id for m in mutations]
    if any(b <= a for a, b in itertools.pairwise(ids)):
        raise ApiError(422, "invalid_batch",
                       "Mutation ids in a batch must be strictly increasing.", {"ids": ids})
    fresh = [m for m in mutations if m.mutation_id > last]
    expected = last + 1
    for m in fresh:
        if m.mutation_id != expected:
            raise ApiError(409, "mutation_gap",
                           f"Mutation {expected} is missing: the server has processed up to "
                           f"{last}; send the outbox from {last + 1} in order.",
                           {"expected": expected, "received": m.mutation_id,
                            "last_mutation_id": last})
        expected += 1
    return fresh


def stored_results(conn: Connection, client_id: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    p = processed_mutations.c
    q = sa.select(p.mutation_id, p.result).where(p.client_id == client_id, p.mutation_id.in_(ids))
    return {int(mid): dict(result) for mid, result in conn.execute(q)}


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
                   visible: frozenset[uuid.UUID] | None, *, client_id: str) -> MutationResult:
    """Apply one mutation inside a SAVEPOINT; a rejection rolls back only its writes."""
    own = ChangeSet()
    try:
        with conn.begin_nested():
            version, overwritten = _apply(conn, own, principal, m, visible, client_id)
    except Rejected as r:
        return MutationResult(mutation_id=m.mutation_id, status="rejected", reason=r.reason,
                              message=r.message, field=r.field)
    except (sa.exc.IntegrityError, sa.exc.DataError) as exc:
        return MutationResult(mutation_id=m.mutation_id, status="rejected",
                              reason=RejectReason.BAD_VALUE, field=_constraint_field(exc, m.table),
                              message="The change breaks a database rule (a duplicate unique "
                                      "value or a value the column cannot hold).")
    changes.entries.update(own.entries)
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
           visible: frozenset[uuid.UUID] | None, client_id: str) -> tuple[int, dict[str, Any]]:
    spec = table_spec(m.table, m.op)
    row_id = parse_row_id(m.id)
    incoming = decode_fields(spec, m.op, m.fields)
    t = synced[spec.name]
    found = conn.execute(sa.select(t).where(t.c.id == row_id).with_for_update()).mappings().first()
    existing = dict(found) if found is not None else None
    if m.op is MutationOp.INSERT:
        if existing is not None:
            raise Rejected(RejectReason.ALREADY_EXISTS, f"{spec.name} {row_id} already exists.", "id")
    elif existing is None:
        raise Rejected(RejectReason.NOT_FOUND, f"{spec.name} {row_id} does not exist.", "id")

    ctx = WriteContext(principal=principal, spec=spec, op=m.op, row_id=row_id,
                       existing=existing, incoming=incoming, visible=visible)
    authorize(conn, ctx)
    if existing is not None and existing["deleted"]:
        if m.op is MutationOp.DELETE:  # deletes win, and a second one changes nothing
            return int(existing["version"]), {}
        raise Rejected(RejectReason.DELETED, f"This {spec.name} row has been deleted.")
    me = principal.user_id
    if m.op is MutationOp.INSERT:
        row = insert_rows(conn, changes, spec.name, [{**incoming, "id": row_id}], actor=me)[0]
        return int(row["version"]), {}
    assert existing is not None
    if m.op is MutationOp.DELETE:
        after = update_row(conn, changes, spec.name, row_id, {"deleted": True}, actor=me,
                           before=existing)
        return int(after["version"]), {}

    stored_version = int(existing["version"])
    if m.base_version is not None and m.base_version > stored_version:
        raise Rejected(RejectReason.BAD_VALUE,
                       f"base_version {m.base_version} is newer than the stored version "
                       f"{stored_version}.", "base_version")
    changed = {name: incoming[name] for name in ctx.changed_fields()}
    overwritten: dict[str, Any] = {}
    if m.base_version is not None and stored_version > m.base_version:
        overwritten = {name: encode_value(spec.column(name).kind, existing[name])
                       for name in changed}
        if overwritten:
            conn.execute(sa.insert(audit_log).values(
                at=utcnow(), user_id=me, action="conflict_overwrite", table_name=spec.name,
                row_id=row_id, details={
                    "client_id": client_id, "mutation_id": m.mutation_id,
                    "base_version": m.base_version, "stored_version": stored_version,
                    "overwritten": overwritten,
                    "by": {n: encode_value(spec.column(n).kind, v) for n, v in changed.items()},
                }))
    if not changed:
        return stored_version, {}
    after = update_row(conn, changes, spec.name, row_id, changed, actor=me, before=existing)
    return int(after["version"]), overwritten


__all__ = ["apply_mutation", "push_mutations"]
