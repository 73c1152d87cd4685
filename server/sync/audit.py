"""The audit trail of client writes: who changed what, and who tried what they may not.

Every accepted pushed mutation, and every one refused for a reason of authority
(someone else's row, a locked row, a change of state not theirs to make), becomes one
``audit_log`` row (who, when, table, row, operation, outcome) in the push's
transaction: the trail commits with the writes or not at all. Refusals for bad input
(a too-long text, a missing field) are the user's own typing, not an attempt on
someone else's data, and are not logged. ``fieldrep-server audit`` lists the trail.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.bulk import insert_many
from server.tables import audit_log
from wire.protocol import Mutation, RejectReason
from wire.rows import plain_rows
from wire.schema import TABLES_BY_NAME, parse_uuid

PUSH_REFUSED = "push_refused"
# An accepted write is "push_<op>" with no details (the hot path: a 100-visit push
# writes 100 of these; ``processed_mutations`` keeps the client's ids and the result).
PUSH_APPLIED_PREFIX = "push_"
AUTHORITY_REASONS = frozenset({RejectReason.NOT_ALLOWED.value, RejectReason.OUT_OF_SCOPE.value,
                               RejectReason.NOT_OWNER.value, RejectReason.LOCKED.value,
                               RejectReason.INVALID_TRANSITION.value})


def _row_id(text: str) -> uuid.UUID | None:
    try:
        return parse_uuid(text)
    except ValueError:
        return None


def write_push_audit(conn: Connection, user_id: uuid.UUID, client_id: str,
                     mutations: Sequence[Mutation], results: Sequence[dict[str, Any]],
                     at: dt.datetime) -> None:
    """One ``audit_log`` row per accepted mutation and per refusal of authority;
    ``results`` are the stored results (``processed_mutations.result``) in the order
    of ``mutations``. One statement for the batch."""
    insert_many(conn, audit_log, push_audit_rows(user_id, client_id, mutations, results, at))


def push_audit_rows(user_id: uuid.UUID, client_id: str, mutations: Sequence[Mutation],
                    results: Sequence[dict[str, Any]], at: dt.datetime) -> list[dict[str, Any]]:
    """The rows ``write_push_audit`` writes, for a caller that sends them in one
    statement with its own (``server.sync.bulk.insert_many_at_once``)."""
    rows: list[dict[str, Any]] = []
    for m, result in zip(mutations, results, strict=True):
        status = result.get("status")
        reason = result.get("reason")
        if status != "applied" and reason not in AUTHORITY_REASONS:
            continue
        applied = status == "applied"
        rows.append({"at": at, "user_id": user_id,
                     "action": PUSH_APPLIED_PREFIX + m.op.value if applied else PUSH_REFUSED,
                     "table_name": m.table if m.table in TABLES_BY_NAME else None,
                     "row_id": _row_id(m.id),
                     "details": None if applied else {
                         "op": m.op.value, "outcome": status, "reason": reason,
                         "field": result.get("field"), "client_id": client_id,
                         "mutation_id": m.mutation_id}})
    return rows


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    user_id: uuid.UUID | None
    action: str
    table: str | None
    row_id: uuid.UUID | None
    details: dict[str, Any]

    @property
    def op(self) -> str:
        return str(self.details.get("op") or self.action.removeprefix(PUSH_APPLIED_PREFIX))

    @property
    def outcome(self) -> str:
        outcome = self.details.get("outcome")
        if outcome is None:
            return "applied"
        reason = self.details.get("reason")
        return f"{outcome} ({reason})" if reason else str(outcome)


def list_audit(conn: Connection, *, user_id: uuid.UUID | None = None,
               since: dt.datetime | None = None, limit: int = 1000) -> list[AuditEntry]:
    """The trail, oldest first, optionally of one user and from a time on."""
    a = audit_log.c
    query = sa.select(a.at, a.user_id, a.action, a.table_name, a.row_id, a.details)
    if user_id is not None:
        query = query.where(a.user_id == user_id)
    if since is not None:
        query = query.where(a.at >= since)
    rows = plain_rows(conn.execute(query.order_by(a.at, a.id).limit(limit)).all())
    return [AuditEntry(at, user, action, table, row, details or {})
            for at, user, action, table, row, details in rows]


def format_entries(entries: Iterable[AuditEntry], names: dict[uuid.UUID, str]) -> list[str]:
    out = []
    for e in entries:
        at = e.at if e.at.tzinfo is not None else e.at.replace(tzinfo=dt.UTC)
        who = names.get(e.user_id, str(e.user_id)) if e.user_id else "-"
        out.append("\t".join((at.isoformat(timespec="seconds"), who, e.table or "-",
                              str(e.row_id or "-"), e.op, e.outcome)))
    return out
