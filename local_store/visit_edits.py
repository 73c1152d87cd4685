"""Visit edits composed from ``local_store.writes`` and ``local_store.drafts``, one transaction each.

The Visits screens and the visit form run these on the writer thread (``Ops.write``):
saving a draft (and its journal), submitting one or several, amending a submitted visit,
deleting drafts. Each function opens its own transaction, so a refusal leaves nothing
half-written; the row and its outbox entry are written together by ``writes``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from domain.clock import ClockReading
from domain.visit_rules import SUBMITTED, FieldError
from local_store import drafts, writes
from local_store import visit_rules as device_rules
from local_store.errors import NotInReplica
from local_store.outbox import has_entries
from local_store.read.visit_form import (
    COMPANIONS,
    FORM_FIELDS,
    LEGACY_COMPANION,
    LINK_FIELDS,
    MANAGER_ROLES,
    NEEDED_FOR_DRAFT,
    SaveOutcome,
    SubmitOutcome,
    doctor_row,
    form_fields,
    saved_companion_ids,
)
from local_store.replica import synced
from local_store.state import local_user_id

# What a visit edit announces to open screens (the companions are rows of their own).
VISIT_CHANGES = frozenset({"visits", "visit_companions"})


def delete_drafts(replica: Engine, ids: Sequence[uuid.UUID]) -> int:
    """Throw these drafts away, with their companions (writer thread); submitted ones
    are refused (RowLocked)."""
    with replica.begin() as conn:
        for visit_id in ids:
            row = writes.get_local_row(conn, "visits", visit_id)
            if row is not None and row["status"] != SUBMITTED and (
                    int(row["version"]) > 0 or has_entries(conn, "visits", visit_id)):
                _remove_companion_rows(conn, visit_id, keep=())  # queued before the visit's
            writes.delete_visit_draft(conn, visit_id)
    return len(ids)


# --- companions ---------------------------------------------------------------------


def _live_companion_rows(conn: Connection, visit_id: uuid.UUID) -> list[tuple[uuid.UUID, uuid.UUID]]:
    c = synced["visit_companions"]
    return [(r.id, r.user_id) for r in conn.execute(
        sa.select(c.c.id, c.c.user_id).where(c.c.visit_id == visit_id, c.c.deleted.is_(False)))]


def _remove_companion_rows(conn: Connection, visit_id: uuid.UUID,
                           keep: Sequence[uuid.UUID]) -> None:
    for row_id, user_id in _live_companion_rows(conn, visit_id):
        if user_id not in keep:
            writes.record_local_change(conn, "visit_companions", row_id, "delete")


def set_visit_companions(conn: Connection, visit_id: uuid.UUID,
                         wanted: Sequence[uuid.UUID]) -> bool:
    """Make the draft's companions exactly ``wanted``: a ``visit_companions`` row for
    each one added, a delete for each one taken off (each queued for the server). An
    old visit's single-companion column is cleared when its companions change (the
    rows then hold them all). Only the visit's rep does this, and only while it is a
    draft (``RowLocked`` once submitted), as the server's policy allows. Returns
    whether anything changed."""
    row = writes.get_local_row(conn, "visits", visit_id)
    if row is None or row["deleted"]:
        raise NotInReplica("visits", visit_id)
    if row["status"] == SUBMITTED:
        raise writes.RowLocked("this visit is submitted and locked", table="visits")
    if row["rep_id"] != local_user_id(conn):
        raise writes.InvalidLocalChange("only the visit's rep records who came along",
                                        field=COMPANIONS, reason="not_owner")
    wanted = list(dict.fromkeys(wanted))
    legacy = row.get(LEGACY_COMPANION)
    if set(wanted) == set(saved_companion_ids(conn, visit_id, legacy)):
        return False
    if row["rep_id"] in wanted:
        raise writes.InvalidLocalChange("you cannot accompany your own visit",
                                        field=COMPANIONS, reason="not_a_companion")
    users = synced["users"]
    have = {user_id for _row_id, user_id in _live_companion_rows(conn, visit_id)}
    new = [u for u in wanted if u not in have]
    named = [u for u in new if u != legacy]  # the old column's was accepted long ago
    if named:
        managers: set[uuid.UUID] = set(conn.execute(sa.select(users.c.id).where(
            users.c.id.in_(named), users.c.role.in_(MANAGER_ROLES))).scalars())
        if len(managers) != len(named):
            raise writes.InvalidLocalChange("a companion is a district or regional manager",
                                            field=COMPANIONS, reason="not_a_manager")
    with conn.begin_nested():
        _remove_companion_rows(conn, visit_id, keep=wanted)
        for user_id in new:
            writes.record_local_change(conn, "visit_companions", None, "insert", {
                "visit_id": visit_id, "territory_id": row["territory_id"], "user_id": user_id})
        if legacy is not None:
            writes.record_local_change(conn, "visits", visit_id, "update",
                                       {LEGACY_COMPANION: None})
    return True


def submit_selected(replica: Engine, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[FieldError]]:
    """Submit these drafts, each on its own (writer thread): id -> its refusals ([] = submitted)."""
    with replica.begin() as conn:
        return writes.submit_visits(conn, list(ids))


def _needed_for_new_draft(conn: Connection, fields: Mapping[str, Any]) -> list[FieldError]:
    out = [FieldError(name, "needed_for_draft", f"{name} is needed to save a draft.")
           for name in NEEDED_FOR_DRAFT if fields.get(name) in (None, "")]
    doctor_id = fields.get("doctor_id")
    if doctor_id is not None:
        doctor = doctor_row(conn, doctor_id)
        if doctor is None or doctor["deleted"] or doctor.get("territory_id") is None:
            out.append(FieldError("doctor_id", "doctor_not_in_scope",
                                  "This doctor is no longer in your territory."))
    return out


def _changes(row: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    saved = form_fields(row)
    return {k: v for k, v in fields.items() if saved.get(k) != v}


def save_fields(conn: Connection, visit_id: uuid.UUID, fields: Mapping[str, Any]) -> SaveOutcome:
    """Save ``fields`` as the draft, or journal them with the reasons it cannot be (one
    transaction: the caller's). A submitted visit refuses (``writes.RowLocked``)."""
    wanted = fields.get(COMPANIONS)
    fields = {k: v for k, v in fields.items() if k in (*FORM_FIELDS, *LINK_FIELDS)}
    journal = {**fields, COMPANIONS: list(wanted)} if wanted is not None else fields
    row = writes.get_local_row(conn, "visits", visit_id)
    if row is not None and row["status"] == SUBMITTED:
        raise writes.RowLocked("this visit is submitted and locked", table="visits")
    errors: list[FieldError] = []
    if row is None:
        errors = _needed_for_new_draft(conn, fields)
    if not errors:
        try:
            if row is None:
                writes.save_visit_draft(conn, visit_id, **{k: v for k, v in fields.items()
                                                           if v is not None})
            else:
                changed = _changes(row, fields)
                if changed:
                    writes.save_visit_draft(conn, visit_id, **changed)
            if wanted is not None:
                set_visit_companions(conn, visit_id, wanted)
        except writes.VisitNotValid as exc:
            errors = exc.errors
        except writes.InvalidLocalChange as exc:
            errors = [FieldError(exc.field, exc.reason, str(exc))]
        except LookupError as exc:
            errors = [FieldError("doctor_id", "doctor_not_in_scope", str(exc))]
    if errors:
        drafts.write_journal(conn, visit_id, journal)
        return SaveOutcome(visit_id, saved=False, journaled=True, errors=errors)
    drafts.clear_journal(conn, visit_id)
    return SaveOutcome(visit_id, saved=True, journaled=False)


def autosave(replica: Engine, visit_id: uuid.UUID, fields: Mapping[str, Any]) -> SaveOutcome:
    """``save_fields`` in its own transaction (writer thread)."""
    with replica.begin() as conn:
        return save_fields(conn, visit_id, fields)


def submit(replica: Engine, visit_id: uuid.UUID, fields: Mapping[str, Any], *,
           reading: ClockReading | None = None) -> SubmitOutcome:
    """Save the fields, then submit with the full rules and the trusted clock. Refused:
    the draft (or journal) keeps the fields and the answer lists every problem."""
    with replica.begin() as conn:
        saved = save_fields(conn, visit_id, fields)
        if not saved.saved:  # also name what submitting would need, so all shows at once
            clock = device_rules.device_clock_check(conn, reading)
            more = device_rules.check_visit_submit(conn, {"id": visit_id, **fields}, clock)
            seen = {(e.field, e.code) for e in saved.errors}
            errors = saved.errors + [e for e in more if e.blocking
                                     and (e.field, e.code) not in seen]
            return SubmitOutcome(visit_id, False, errors, saved=False)
    with replica.begin() as conn:
        try:
            writes.submit_visit(conn, visit_id, reading=reading)
        except writes.VisitNotValid as exc:
            return SubmitOutcome(visit_id, False, exc.errors)
        except writes.RowLocked as exc:
            return SubmitOutcome(visit_id, False, [FieldError(None, "locked", str(exc))])
        row = writes.get_local_row(conn, "visits", visit_id)
    submitted_at = row["submitted_at"] if row is not None else None
    if isinstance(submitted_at, dt.datetime) and submitted_at.tzinfo is None:
        submitted_at = submitted_at.replace(tzinfo=dt.UTC)
    return SubmitOutcome(visit_id, True, [], submitted_at)


def create_amendment(replica: Engine, original_id: uuid.UUID) -> SaveOutcome:
    """A new draft correcting the submitted visit ``original_id``, pre-filled from it
    and linked by ``amends_visit_id`` (journaled when it cannot be saved, e.g. the
    doctor left the territory)."""
    new_id = uuid.uuid4()
    with replica.begin() as conn:
        original = writes.get_local_row(conn, "visits", original_id)
        if original is None or original["status"] != SUBMITTED:
            raise writes.InvalidLocalChange("only a submitted visit can be amended",
                                            field="amends_visit_id", reason="not_submitted")
        fields = {name: original.get(name) for name in FORM_FIELDS}
        fields["planned_visit_id"] = original.get("planned_visit_id")
        fields["amends_visit_id"] = original_id
        fields = form_fields(fields)
        fields[COMPANIONS] = saved_companion_ids(conn, original_id,
                                                 original.get(LEGACY_COMPANION))
        return save_fields(conn, new_id, fields)


def discard_journal(replica: Engine, visit_id: uuid.UUID) -> bool:
    """Forget what was typed but never saved as a draft (the saved draft stays)."""
    with replica.begin() as conn:
        return drafts.clear_journal(conn, visit_id)
