"""Local edits: write the row and its outbox entry in one transaction.

Every client-writable table of the wire schema (``client_ops`` non-empty) goes
through ``record_local_change``; the named helpers below are thin wrappers that
fill the obvious fields (ids, author, territory from the parent row, timestamps).
The row keeps its server ``version`` (only the server bumps it); ``updated_at`` is
now. Each call runs in a SAVEPOINT inside the caller's transaction, so a refused
edit leaves neither the row nor the outbox entry behind.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.clock import ClockReading
from domain.visit_rules import FieldError, blocking
from local_store import drafts, visit_rules
from local_store.errors import NotInReplica
from local_store.outbox import append_entry, has_entries, resolve_rejections
from local_store.replica import rejected_changes, synced
from local_store.state import local_user_id, utcnow
from wire.rows import plain_rows
from wire.schema import (
    BASE_COLUMNS,
    TABLES_BY_NAME,
    Kind,
    TableSpec,
    WireValueError,
    decode_value,
    encode_value,
)

OPS = ("insert", "update", "delete")


class InvalidLocalChange(ValueError):
    """An edit the schema refuses; ``field`` names the offending column (if one)."""

    def __init__(self, message: str, *, field: str | None = None, reason: str = "invalid") -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason


class RowLocked(InvalidLocalChange):
    """The row may not change any more (a submitted visit is locked forever); ``table``
    says which kind of record, for the UI's words (``desktop.ops.describe_failure``)."""

    def __init__(self, message: str, *, table: str, field: str | None = "status") -> None:
        super().__init__(message, field=field, reason="locked")
        self.table = table


class VisitNotValid(InvalidLocalChange):
    """The visit breaks the visit rules; ``errors`` has every problem, one per field,
    so the UI can show each next to its field (``field``/``reason``: the first one)."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(" ".join(e.message for e in errors), field=errors[0].field,
                         reason=errors[0].code)
        self.errors = errors


def _spec(table: str, op: str) -> TableSpec:
    spec = TABLES_BY_NAME.get(table)
    if spec is None:
        raise InvalidLocalChange(f"{table} is not a synced table", reason="unknown_table")
    if op not in OPS:
        raise InvalidLocalChange(f"unknown operation {op!r}", reason="bad_op")
    if op not in spec.client_ops:
        raise InvalidLocalChange(f"{table} does not accept local {op}s", reason="not_allowed")
    return spec


def _validate(spec: TableSpec, fields: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """-> (wire-encoded fields for the outbox, Python values for the row)."""
    wire: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name in BASE_COLUMNS or name not in spec.column_names:
            raise InvalidLocalChange(f"{spec.name} has no field {name!r} you can set",
                                     field=name, reason="unknown_field")
        col = spec.column(name)
        if not col.client_writable:
            raise InvalidLocalChange(f"{name} is set by the server", field=name,
                                     reason="not_allowed")
        try:
            encoded = encode_value(col.kind, value)
            if col.kind is Kind.JSON:
                json.dumps(encoded)
            decoded = decode_value(col, encoded)
        except WireValueError as exc:
            raise InvalidLocalChange(str(exc), field=exc.field, reason=exc.reason) from exc
        except (TypeError, ValueError, AttributeError, AssertionError) as exc:
            raise InvalidLocalChange(f"{name} must be a valid {col.kind.value}", field=name,
                                     reason="bad_type") from exc
        if isinstance(decoded, dt.datetime):
            decoded = decoded.astimezone(dt.UTC)
        wire[name] = encoded
        values[name] = decoded
    return wire, values


def get_local_row(conn: Connection, table: str, row_id: uuid.UUID) -> dict[str, Any] | None:
    t = synced[table]
    row = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
    return dict(row) if row else None


def _check_not_locked(table: str, row: Mapping[str, Any]) -> None:
    if table == "visits" and row.get("status") == "submitted":
        raise RowLocked("this visit is submitted and locked; record a correction as a new visit",
                        table="visits")


def record_local_change(
    conn: Connection,
    table: str,
    row_id: uuid.UUID | None,
    op: str,
    fields: Mapping[str, Any] | None = None,
) -> uuid.UUID:
    """Apply one local edit to the replica and queue it for the server; returns the row id.

    ``insert`` needs every required field (``row_id`` None makes a new uuid);
    ``update`` changes only the given fields; ``delete`` tombstones the row locally.
    Raises ``InvalidLocalChange`` (a ValueError with ``field``), ``RowLocked`` or
    ``LookupError`` (update/delete of a row the replica does not have).
    """
    spec = _spec(table, op)
    wire, values = _validate(spec, fields or {})
    t = synced[table]
    now = utcnow()
    with conn.begin_nested():
        if op == "insert":
            row_id = row_id or uuid.uuid4()
            missing = [c.name for c in spec.columns if not c.nullable and c.name not in values]
            if missing:
                raise InvalidLocalChange(f"{missing[0]} is required", field=missing[0],
                                         reason="required")
            if get_local_row(conn, table, row_id) is not None:
                raise InvalidLocalChange(f"{table} {row_id} already exists", reason="already_exists")
            conn.execute(sa.insert(t).values(
                id=row_id, version=0, updated_at=now, updated_by=local_user_id(conn),
                deleted=False, **values))
            base_version = None
        else:
            if row_id is None:
                raise InvalidLocalChange(f"{op} needs a row id", field="id", reason="required")
            row = get_local_row(conn, table, row_id)
            if row is None or row["deleted"]:
                raise NotInReplica(table, row_id)
            _check_not_locked(table, row)
            base_version = int(row["version"])
            if op == "update":
                if not values:
                    return row_id
                conn.execute(sa.update(t).where(t.c.id == row_id)
                             .values(updated_at=now, **values))
                if base_version == 0 and not has_entries(conn, table, row_id):
                    # The server refused this row's insert (an accepted one leaves a
                    # version >= 1): send the whole row again as an insert.
                    op, base_version = "insert", None
                    wire = _row_wire(spec, {**row, **values})
            else:
                wire = {}
                conn.execute(sa.update(t).where(t.c.id == row_id)
                             .values(updated_at=now, deleted=True))
        append_entry(conn, table=table, row_id=row_id, op=op, base_version=base_version,
                     fields=wire)
    return row_id


def _row_wire(spec: TableSpec, row: Mapping[str, Any]) -> dict[str, Any]:
    """Every client-writable, non-null value of ``row``, wire-encoded (a whole insert)."""
    return {c.name: encode_value(c.kind, row[c.name]) for c in spec.columns
            if c.client_writable and row.get(c.name) is not None}


def save_row(conn: Connection, table: str, row_id: uuid.UUID | None = None,
             **fields: Any) -> uuid.UUID:
    """Insert the row if the replica does not have it yet, otherwise update these fields."""
    if row_id is not None and get_local_row(conn, table, row_id) is not None:
        return record_local_change(conn, table, row_id, "update", fields)
    return record_local_change(conn, table, row_id, "insert", fields)


def delete_row(conn: Connection, table: str, row_id: uuid.UUID) -> None:
    record_local_change(conn, table, row_id, "delete")


def _require_user(conn: Connection, given: uuid.UUID | None) -> uuid.UUID:
    user = given or local_user_id(conn)
    if user is None:
        raise InvalidLocalChange("sign in once before editing: the replica does not know its user",
                                 reason="no_user")
    return user


def _parent_territory(conn: Connection, table: str, row_id: uuid.UUID) -> uuid.UUID:
    row = get_local_row(conn, table, row_id)
    if row is None:
        raise NotInReplica(table, row_id)
    return uuid.UUID(str(row["territory_id"]))


# --- visits -------------------------------------------------------------------------

def save_visit_draft(conn: Connection, visit_id: uuid.UUID | None = None, **fields: Any) -> uuid.UUID:
    """Create a draft visit (rep = signed-in user unless given) or change a draft's fields.

    The draft gets the visit rules' sanity checks (``VisitNotValid``) and its quality
    score is kept on the local row.
    """
    if fields.get("status") == "submitted":
        raise InvalidLocalChange("use submit_visit to submit", field="status")
    existing = get_local_row(conn, "visits", visit_id) if visit_id is not None else None
    if existing is None:
        fields.setdefault("rep_id", _require_user(conn, fields.get("rep_id")))
        fields.setdefault("status", "draft")
        fields.setdefault("client_created_at", utcnow())
        if "territory_id" not in fields and "doctor_id" in fields:
            doctor = get_local_row(conn, "doctors", fields["doctor_id"])
            if doctor is not None:
                fields["territory_id"] = doctor["territory_id"]
                fields.setdefault("institution_id", doctor["institution_id"])
                fields.setdefault("department_id", doctor["department_id"])
        _refuse_invalid(visit_rules.check_visit_draft(conn, fields))
        saved = record_local_change(conn, "visits", visit_id, "insert", fields)
    else:
        if existing["status"] != "submitted":  # a submitted one: RowLocked below
            _refuse_invalid(visit_rules.check_visit_draft(conn, {**existing, **fields}))
        saved = record_local_change(conn, "visits", visit_id, "update", fields)
    visit_rules.store_local_quality(conn, saved)
    return saved


def delete_visit_draft(conn: Connection, visit_id: uuid.UUID) -> None:
    """Throw a draft away (``RowLocked`` for a submitted visit).

    The delete is queued like any edit (after the draft's own queued edits: mutation ids
    must reach the server without gaps), so the server tombstones it. A draft the server
    refused to create (no queued edit left, never accepted) has nothing to delete there:
    it goes from this computer, with its refusals. The form journal of the visit goes too.
    """
    row = get_local_row(conn, "visits", visit_id)
    if row is None or row["deleted"]:
        raise NotInReplica("visits", visit_id)
    _check_not_locked("visits", row)
    with conn.begin_nested():
        drafts.clear_journal(conn, visit_id)
        if int(row["version"]) == 0 and not has_entries(conn, "visits", visit_id):
            rc, t = rejected_changes, synced["visits"]
            conn.execute(sa.update(rc).where(rc.c.table_name == "visits", rc.c.row_id == visit_id)
                         .values(resolved=True))
            conn.execute(sa.delete(t).where(t.c.id == visit_id))
            return
        record_local_change(conn, "visits", visit_id, "delete")


def _refuse_invalid(errors: list[FieldError]) -> None:
    refused = blocking(errors)
    if refused:
        raise VisitNotValid(refused)


def submit_visit(conn: Connection, visit_id: uuid.UUID, *,
                 reading: ClockReading | None = None) -> None:
    """Lock the visit: status submitted, submitted_at the trusted now.

    Runs the full visit rules with the synced rule set and the trusted clock
    (``reading``: the device clocks, read now unless given); refuses with
    ``VisitNotValid`` listing every problem, ``RowLocked`` when already submitted,
    ``LookupError`` when the replica does not have it. Later local edits are refused.
    """
    row = get_local_row(conn, "visits", visit_id)
    if row is None or row["deleted"]:
        raise NotInReplica("visits", visit_id)
    _check_not_locked("visits", row)
    clock = visit_rules.device_clock_check(conn, reading)
    _refuse_invalid(visit_rules.check_visit_submit(conn, row, clock))
    record_local_change(conn, "visits", visit_id, "update",
                        {"status": "submitted", "submitted_at": clock.now})
    visit_rules.store_local_quality(conn, visit_id)


def submit_visits(conn: Connection, visit_ids: list[uuid.UUID], *,
                  reading: ClockReading | None = None) -> dict[uuid.UUID, list[FieldError]]:
    """Submit several drafts, each on its own: id -> its blocking problems ([] = submitted).

    A refused visit changes nothing and does not stop the others.
    """
    out: dict[uuid.UUID, list[FieldError]] = {}
    for visit_id in visit_ids:
        try:
            submit_visit(conn, visit_id, reading=reading)
            out[visit_id] = []
        except VisitNotValid as exc:
            out[visit_id] = exc.errors
        except RowLocked as exc:
            out[visit_id] = [FieldError(None, "locked", str(exc))]
        except LookupError as exc:
            out[visit_id] = [FieldError(None, "not_found", str(exc))]
    return out


# Refusals about who or where, not about what was typed: reopening would only be refused again.
UNFIXABLE_REASONS = frozenset({"out_of_scope", "not_owner", "not_allowed"})


def reopen_rejected_visit(conn: Connection, visit_id: uuid.UUID) -> list[int]:
    """The server refused a change of this visit: make it an editable draft again.

    The only way a locally submitted visit becomes editable: the server refused the
    submit itself (that rejection is still unresolved here), so on the server the
    visit is a draft or does not exist. A visit the server holds as submitted stays
    locked (``RowLocked``). The local row goes back to ``draft``
    and is queued whole (an insert when the server never had it), the rejections
    are marked resolved (the user is fixing them). Returns the resolved rejection
    ids. ``InvalidLocalChange`` (reason ``not_rejected``) when nothing was refused.
    """
    rc = rejected_changes
    refused: list[tuple[int, dict[str, Any] | None, str | None]] = [
        (int(i), f, r) for i, f, r in plain_rows(conn.execute(
            sa.select(rc.c.id, rc.c.fields, rc.c.reason).where(
                rc.c.table_name == "visits", rc.c.row_id == visit_id, ~rc.c.resolved)))]
    if not refused:
        raise InvalidLocalChange("the server has not refused a change of this visit",
                                 reason="not_rejected")
    final = {str(r) for _i, _f, r in refused} & UNFIXABLE_REASONS
    if final:
        raise InvalidLocalChange(
            "editing cannot fix this: the server refuses this visit for who or where it is "
            "(for example its doctor left your territory). Export it to keep a copy, then "
            "discard it.", reason=sorted(final)[0])
    row = get_local_row(conn, "visits", visit_id)
    if row is None:
        raise NotInReplica("visits", visit_id)
    submit_refused = any((f or {}).get("status") == "submitted" for _i, f, _r in refused)
    if row["status"] == "submitted" and not submit_refused:
        raise RowLocked("the server has this visit as submitted and locked; record a correction "
                        "as an amendment (or discard the refused change)", table="visits")
    ids = [int(i) for i, _f, _r in refused]
    spec = TABLES_BY_NAME["visits"]
    with conn.begin_nested():
        resolve_rejections(conn, ids)
        if row["status"] == "submitted":
            t = synced["visits"]
            conn.execute(sa.update(t).where(t.c.id == visit_id).values(
                status="draft", submitted_at=None, updated_at=utcnow()))
            row = {**row, "status": "draft", "submitted_at": None}
            if int(row["version"]) == 0 and not has_entries(conn, "visits", visit_id):
                append_entry(conn, table="visits", row_id=visit_id, op="insert",
                             base_version=None, fields=_row_wire(spec, row))
            else:
                append_entry(conn, table="visits", row_id=visit_id, op="update",
                             base_version=int(row["version"]),
                             fields={"status": "draft", "submitted_at": None})
    visit_rules.store_local_quality(conn, visit_id)
    return ids


# --- plans ----------------------------------------------------------------------------

def save_visit_plan(conn: Connection, plan_id: uuid.UUID | None = None, **fields: Any) -> uuid.UUID:
    if plan_id is None or get_local_row(conn, "visit_plans", plan_id) is None:
        fields.setdefault("rep_id", _require_user(conn, fields.get("rep_id")))
        fields.setdefault("status", "draft")
    return save_row(conn, "visit_plans", plan_id, **fields)


def save_planned_visit(conn: Connection, planned_visit_id: uuid.UUID | None = None,
                       **fields: Any) -> uuid.UUID:
    if planned_visit_id is None or get_local_row(conn, "planned_visits", planned_visit_id) is None:
        if "plan_id" in fields:
            plan = get_local_row(conn, "visit_plans", fields["plan_id"])
            if plan is not None:
                fields.setdefault("rep_id", plan["rep_id"])
                fields.setdefault("territory_id", plan["territory_id"])
        fields.setdefault("status", "planned")
    return save_row(conn, "planned_visits", planned_visit_id, **fields)


def delete_planned_visit(conn: Connection, planned_visit_id: uuid.UUID) -> None:
    delete_row(conn, "planned_visits", planned_visit_id)


# --- review -----------------------------------------------------------------------------

def add_comment(conn: Connection, visit_id: uuid.UUID, text: str, *, kind: str = "comment",
                author_id: uuid.UUID | None = None, comment_id: uuid.UUID | None = None) -> uuid.UUID:
    """A comment on a visit, in the visit's territory, by the signed-in user."""
    return record_local_change(conn, "visit_comments", comment_id, "insert", {
        "visit_id": visit_id, "territory_id": _parent_territory(conn, "visits", visit_id),
        "author_id": _require_user(conn, author_id), "kind": kind, "text": text,
    })


def mark_comment_read(conn: Connection, comment_id: uuid.UUID, *,
                      user_id: uuid.UUID | None = None) -> uuid.UUID:
    return record_local_change(conn, "comment_reads", None, "insert", {
        "comment_id": comment_id,
        "territory_id": _parent_territory(conn, "visit_comments", comment_id),
        "user_id": _require_user(conn, user_id), "read_at": utcnow(),
    })


def save_visit_review(conn: Connection, visit_id: uuid.UUID, *, exemplary: bool,
                      review_id: uuid.UUID | None = None,
                      reviewer_id: uuid.UUID | None = None) -> uuid.UUID:
    """A manager's review of a visit (``exemplary`` shares it with the team)."""
    if review_id is not None and get_local_row(conn, "visit_reviews", review_id) is not None:
        return record_local_change(conn, "visit_reviews", review_id, "update",
                                   {"exemplary": exemplary, "reviewed_at": utcnow()})
    return record_local_change(conn, "visit_reviews", review_id, "insert", {
        "visit_id": visit_id, "territory_id": _parent_territory(conn, "visits", visit_id),
        "reviewer_id": _require_user(conn, reviewer_id), "reviewed_at": utcnow(),
        "exemplary": exemplary,
    })


# --- evaluations, change requests, events ----------------------------------------------

def save_evaluation(conn: Connection, evaluation_id: uuid.UUID | None = None,
                    **fields: Any) -> uuid.UUID:
    if evaluation_id is None or get_local_row(conn, "evaluations", evaluation_id) is None:
        fields.setdefault("evaluator_id", _require_user(conn, fields.get("evaluator_id")))
        fields.setdefault("status", "draft")
    return save_row(conn, "evaluations", evaluation_id, **fields)


def save_change_request(conn: Connection, request_id: uuid.UUID | None = None,
                        **fields: Any) -> uuid.UUID:
    if request_id is None or get_local_row(conn, "change_requests", request_id) is None:
        fields.setdefault("requester_id", _require_user(conn, fields.get("requester_id")))
        fields.setdefault("status", "pending")
    return save_row(conn, "change_requests", request_id, **fields)


def save_event(conn: Connection, event_id: uuid.UUID | None = None, **fields: Any) -> uuid.UUID:
    if event_id is None or get_local_row(conn, "events", event_id) is None:
        fields.setdefault("organizer_id", _require_user(conn, fields.get("organizer_id")))
        fields.setdefault("status", "planned")
    return save_row(conn, "events", event_id, **fields)


def delete_event(conn: Connection, event_id: uuid.UUID) -> None:
    delete_row(conn, "events", event_id)


def save_event_attendee(conn: Connection, attendee_id: uuid.UUID | None = None,
                        **fields: Any) -> uuid.UUID:
    if attendee_id is None or get_local_row(conn, "event_attendees", attendee_id) is None:
        if "territory_id" not in fields and "event_id" in fields:
            fields["territory_id"] = _parent_territory(conn, "events", fields["event_id"])
        fields.setdefault("invited", True)
    return save_row(conn, "event_attendees", attendee_id, **fields)

