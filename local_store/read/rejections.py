"""Changes the server refused, as the Rejected changes dialog needs them (no Qt).

A rejection is described for people: which record (a visit: the doctor and the
day), what was tried, why. ``fix`` decides what "Fix" means per table: a visit is
reopened as an editable draft (``local_store.writes.reopen_rejected_visit``) and the
dialog opens it in the visit form; any other record is shown as it is now next to
the refused change, so the user can redo the change where it belongs or discard it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store import outbox as ob
from local_store.export import write_unsynced
from local_store.replica import synced
from local_store.writes import UNFIXABLE_REASONS, get_local_row

__all__ = ["UNFIXABLE_REASONS", "Rejection", "current_row", "export_unsynced",
           "load_rejections"]


@dataclass(frozen=True)
class Rejection:
    id: int
    table: str
    row_id: uuid.UUID
    op: str
    reason: str
    message: str
    field: str | None
    rejected_at: dt.datetime | None
    fields: dict[str, Any]
    subject: str  # e.g. "张伟 · 2026-11-20" for a visit; "" when nothing better is known


def _visit_subject(conn: sa.Connection, row_id: uuid.UUID) -> str:
    v, d = synced["visits"], synced["doctors"]
    found = conn.execute(sa.select(d.c.name, v.c.started_at).select_from(v)
                         .outerjoin(d, d.c.id == v.c.doctor_id).where(v.c.id == row_id)).first()
    if found is None:
        return ""
    name, started = found
    day = started.date().isoformat() if isinstance(started, dt.datetime) else ""
    return " · ".join(p for p in (str(name or ""), day) if p)


def load_rejections(replica: Engine) -> list[Rejection]:
    with replica.connect() as conn:
        out = []
        for r in ob.unresolved_rejections(conn):
            subject = _visit_subject(conn, r["row_id"]) if r["table_name"] == "visits" else ""
            out.append(Rejection(int(r["id"]), str(r["table_name"]), r["row_id"], str(r["op"]),
                                 str(r["reason"] or ""), str(r["message"] or ""), r["field"],
                                 r["rejected_at"], dict(r["fields"] or {}), subject))
        return out


def current_row(replica: Engine, table: str, row_id: uuid.UUID) -> dict[str, Any] | None:
    with replica.connect() as conn:
        return get_local_row(conn, table, row_id)






def export_unsynced(replica: Engine, out: Path) -> int:
    """Write pending and rejected changes to ``out`` (JSON); returns how many."""
    return write_unsynced(replica, out)
