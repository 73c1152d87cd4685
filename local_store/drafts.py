"""The form journal: what the user typed into a visit form, kept even when it is not a valid draft.

Why: a draft visit row needs a doctor, a type and a start (the wire schema's
required columns) and must pass the visit rules' sanity checks; while the rep is
still typing, the form often is neither (no doctor chosen yet, the end before the
start, a purpose pasted over the limit). Every autosave therefore ends in exactly
one of two places, in one transaction:

* the ``visits`` row (a valid draft) — then this journal entry is cleared; or
* this journal (``form_journal``) — the raw form fields, so nothing typed is lost
  when the app closes or is killed; the saved draft row (if any) keeps its last
  valid state until the form can be saved again.

The table is LOCAL ONLY: it is not part of the wire schema, never reaches the outbox
and is never synced. Values are stored as JSON with the wire encoding of the visit
columns (uuids and datetimes as ISO strings) and decoded leniently: a journal must
give back what was typed even when it breaks a limit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, RowMapping

from local_store.replica import metadata
from local_store.state import utcnow
from wire.schema import TABLES_BY_NAME, Kind, encode_value

# Registered on the replica metadata, so a new replica creates it with the rest;
# local_store.migrations adds it to older replicas.
form_journal = sa.Table(
    "form_journal", metadata,
    sa.Column("visit_id", sa.Uuid(), primary_key=True),
    sa.Column("doctor_id", sa.Uuid(), nullable=True),
    sa.Column("fields_json", sa.JSON(), nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
)

_VISITS = TABLES_BY_NAME["visits"]
# Form fields that are lists of user ids rather than visit columns (the companions).
UUID_LISTS = frozenset({"companion_ids"})


@dataclass(frozen=True, slots=True)
class JournalEntry:
    visit_id: uuid.UUID
    doctor_id: uuid.UUID | None
    fields: dict[str, Any]  # visit column -> Python value (as typed)
    saved_at: dt.datetime


def _kind(name: str) -> Kind | None:
    return _VISITS.column(name).kind if name in _VISITS.column_names else None


def encode_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Visit form fields -> JSON-safe values (unknown names kept as given, if JSON-safe)."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        kind = _kind(name)
        if name in UUID_LISTS and isinstance(value, (list, tuple)):
            out[name] = [str(v) for v in value]
        elif kind is None or value is None:
            out[name] = value
        elif kind is Kind.DATETIME and isinstance(value, dt.datetime):
            out[name] = encode_value(kind, value)
        elif kind is Kind.DATE and isinstance(value, dt.date):
            out[name] = value.isoformat()
        elif kind is Kind.UUID:
            out[name] = str(value)
        else:
            out[name] = value
    return out


def decode_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of ``encode_fields``; a value that does not parse is dropped, never raised."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        kind = _kind(name)
        try:
            if name in UUID_LISTS:
                out[name] = _uuid_list(value)
            elif value is None or kind is None:
                out[name] = value
            elif kind is Kind.DATETIME:
                parsed = dt.datetime.fromisoformat(str(value))
                out[name] = parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
            elif kind is Kind.DATE:
                out[name] = dt.date.fromisoformat(str(value))
            elif kind is Kind.UUID:
                out[name] = uuid.UUID(str(value))
            else:
                out[name] = value
        except ValueError:
            continue
    return out


def _uuid_list(value: Any) -> list[uuid.UUID]:
    """The ids of a stored list, leaving out what does not parse."""
    out = []
    for item in value if isinstance(value, list) else []:
        try:
            out.append(uuid.UUID(str(item)))
        except ValueError:
            continue
    return out


def write_journal(conn: Connection, visit_id: uuid.UUID, fields: Mapping[str, Any]) -> None:
    """Keep ``fields`` (the whole form) for ``visit_id``, replacing the previous entry."""
    doctor = fields.get("doctor_id")
    values = {"doctor_id": doctor if isinstance(doctor, uuid.UUID) else None,
              "fields_json": encode_fields(fields), "saved_at": utcnow()}
    stmt = sqlite_insert(form_journal).values(visit_id=visit_id, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["visit_id"], set_=values))


def read_journal(conn: Connection, visit_id: uuid.UUID) -> JournalEntry | None:
    row = conn.execute(sa.select(form_journal).where(form_journal.c.visit_id == visit_id)
                       ).mappings().first()
    return _entry(row) if row is not None else None


def clear_journal(conn: Connection, visit_id: uuid.UUID) -> bool:
    """Drop the entry (a valid save superseded it, or the user discarded it); True if one existed."""
    result = conn.execute(sa.delete(form_journal).where(form_journal.c.visit_id == visit_id))
    return bool(result.rowcount)


def journaled_visits(conn: Connection) -> list[JournalEntry]:
    """Every journal entry, newest first (e.g. for a visits list: forms never saved as drafts)."""
    rows = conn.execute(sa.select(form_journal).order_by(form_journal.c.saved_at.desc())).mappings()
    return [_entry(r) for r in rows]


def _entry(row: RowMapping) -> JournalEntry:
    saved = row["saved_at"]
    if saved.tzinfo is None:
        saved = saved.replace(tzinfo=dt.UTC)
    return JournalEntry(visit_id=row["visit_id"], doctor_id=row["doctor_id"],
                        fields=decode_fields(row["fields_json"] or {}), saved_at=saved)
