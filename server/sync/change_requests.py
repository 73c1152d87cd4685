"""An approved change request changes master data: the server applies ``proposed``.

Reps never write doctors or institutions; they file a change request (create, change,
deactivate) and a DM or RM of the territory decides. On approval the server writes
the doctor or institution through the change feed and an ``audit_log`` row, in the
push's transaction: the request and its effect commit together or not at all.
``apply_approved_change`` validates first (a bad ``proposed`` refuses the approval as
``validation``) and returns the write to run once the request itself is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.authorize import Rejected
from server.sync.feed import ChangeSet, member_scopes, territory_scope, utcnow
from server.sync.rows import ensure_members, get_row, insert_rows, update_row
from server.tables import audit_log
from wire.protocol import RejectReason
from wire.schema import BASE_COLUMNS, TABLES_BY_NAME, WireValueError, decode_value, encode_value

TARGET_TABLES = ("doctors", "institutions")
ACTIONS = ("create", "change", "deactivate")
# Columns a request may not set: the server's (grades) and the territory (the
# request's own territory is used for a new doctor; a move is a reassignment).
NOT_PROPOSABLE = frozenset({"grade", "grade_score", "grade_explanation", "territory_id"})
INACTIVE = "inactive"
ACTIVE = "active"

Write = Callable[[Connection, ChangeSet], None]


def _refuse(message: str, column: str = "proposed") -> Rejected:
    return Rejected(RejectReason.VALIDATION, f"change_requests: {message}", column)


def _decoded(table: str, proposed: Any) -> dict[str, Any]:
    if not isinstance(proposed, dict):
        raise _refuse("proposed must be an object of fields.")
    spec = TABLES_BY_NAME[table]
    columns = {c.name: c for c in spec.columns}
    out: dict[str, Any] = {}
    for name, value in proposed.items():
        if name in BASE_COLUMNS or name in NOT_PROPOSABLE or name not in columns:
            raise _refuse(f"{table} has no field {name!r} a request may set.")
        try:
            out[name] = decode_value(columns[name], value)
        except WireValueError as exc:
            raise _refuse(f"proposed {name}: {exc}") from None
    return out


def apply_approved_change(conn: Connection, request: dict[str, Any], *,
                          actor: uuid.UUID) -> Write:
    """Check ``request`` can be applied; return the write that applies it."""
    table, action = request.get("target_table"), request.get("action")
    if table not in TARGET_TABLES:
        raise _refuse(f"target_table must be one of {', '.join(TARGET_TABLES)}.", "target_table")
    if action not in ACTIONS:
        raise _refuse(f"action must be one of {', '.join(ACTIONS)}.", "action")
    fields = _decoded(table, request.get("proposed") or {}) if action != "deactivate" else {}
    target_id = request.get("target_id")
    if action == "create":
        new = {**fields, "id": uuid.uuid4()}
        new.setdefault("status", ACTIVE)
        if table == "doctors":
            new["territory_id"] = request["territory_id"]
        required = [c.name for c in TABLES_BY_NAME[table].columns
                    if not c.nullable and new.get(c.name) is None]
        if required:
            raise _refuse(f"a new {table[:-1]} needs {', '.join(required)}.")
        return _writer(request, actor, table, new["id"], "create", new=new)
    if target_id is None:
        raise _refuse("target_id is required to change or deactivate.", "target_id")
    target_uuid = target_id if isinstance(target_id, uuid.UUID) else uuid.UUID(str(target_id))
    before = get_row(conn, table, target_uuid)
    if before is None or before["deleted"]:
        raise _refuse(f"the {table[:-1]} {target_id} does not exist.", "target_id")
    if not _in_territory(conn, table, before, request.get("territory_id")):
        raise _refuse(f"the {table[:-1]} is not in the request's territory.", "target_id")
    if action == "deactivate":
        fields = {"status": INACTIVE}
    return _writer(request, actor, table, target_uuid, action, fields=fields, before=before)


def _in_territory(conn: Connection, table: str, row: dict[str, Any], territory_id: Any) -> bool:
    """A doctor belongs to one territory; an institution to every territory whose
    replicas hold it (where its doctors are): the approver may only change what the
    request's territory sees, or a DM could rewrite any hospital in the country."""
    if territory_id is None:
        return False
    if table == "doctors":
        return bool(row.get("territory_id") == territory_id)
    tid = territory_id if isinstance(territory_id, uuid.UUID) else uuid.UUID(str(territory_id))
    return territory_scope(tid) in member_scopes(conn, table, row["id"])


def _writer(request: dict[str, Any], actor: uuid.UUID, table: str, row_id: uuid.UUID,
            action: str, *, new: dict[str, Any] | None = None,
            fields: dict[str, Any] | None = None,
            before: dict[str, Any] | None = None) -> Write:
    spec = TABLES_BY_NAME[table]
    kinds = {c.name: c.kind for c in spec.columns}

    def write(conn: Connection, changes: ChangeSet) -> None:
        if new is not None:
            insert_rows(conn, changes, table, [new], actor=actor)
            if table == "institutions":
                # Nobody's doctors are there yet: the requesting territory sees it.
                ensure_members(conn, changes, territory_scope(request["territory_id"]),
                               table, {new["id"]})
            applied = new
        else:
            update_row(conn, changes, table, row_id, fields or {}, actor=actor, before=before)
            applied = fields or {}
        conn.execute(sa.insert(audit_log).values(
            at=utcnow(), user_id=actor, action="change_request_applied", table_name=table,
            row_id=row_id, details={
                "change_request_id": str(request["id"]), "action": action,
                "requester_id": str(request.get("requester_id")),
                "fields": {k: encode_value(kinds[k], v) for k, v in applied.items()
                           if k in kinds}}))

    return write
