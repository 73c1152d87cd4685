"""What the weekly report and the day plan read: a rep's planned visits with their
doctors, addresses, coordinates and the submitted visit that fulfilled each.

Plain rows; ``desktop.printing_data`` decides outcomes (done, missed, still planned)
and builds the printing dataclasses. A planned visit is fulfilled by an undeleted
visit that names it (``visits.planned_visit_id``; the earliest one counts), submitted
or still a draft (``fulfilled_submitted`` says which).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.read.ids import stored_id
from local_store.read.prints import SUBMITTED, hex_id
from local_store.replica import synced

planned_t = synced["planned_visits"]
plans_t = synced["visit_plans"]
visits_t = synced["visits"]
doctors_t = synced["doctors"]
institutions_t = synced["institutions"]
departments_t = synced["departments"]



@dataclass(frozen=True, slots=True)
class PlannedRow:
    id: str
    planned_date: dt.date
    route_order: int | None
    doctor_name: str
    doctor_grade: str | None
    institution: str
    department: str
    address: str
    latitude: float | None
    longitude: float | None
    objective: str
    product_ids: tuple[str, ...]
    status: str
    fulfilled_at: dt.datetime | None  # aware UTC: the visit that did it
    fulfilled_submitted: bool = False


def planned_between(conn: Connection, rep_id: str, first: dt.date, last: dt.date) -> list[PlannedRow]:
    """The rep's undeleted planned visits dated ``first``..``last``, in route order."""
    submitted = sa.case((visits_t.c.status == SUBMITTED, 1), else_=0)
    fulfilled = (sa.select(visits_t.c.planned_visit_id.label("pid"),
                           sa.func.min(visits_t.c.started_at).label("at"),
                           sa.func.max(submitted).label("submitted"))
                 .where(~visits_t.c.deleted, visits_t.c.planned_visit_id.is_not(None))
                 .group_by(visits_t.c.planned_visit_id).subquery())
    rows = conn.execute(
        sa.select(stored_id(planned_t.c.id), planned_t.c.planned_date, planned_t.c.route_order,
                  doctors_t.c.name,
                  doctors_t.c.grade, institutions_t.c.name, departments_t.c.name, institutions_t.c.address,
                  institutions_t.c.latitude, institutions_t.c.longitude, planned_t.c.objective,
                  planned_t.c.products, planned_t.c.status, fulfilled.c.at, fulfilled.c.submitted)
        .select_from(planned_t)
        .join(doctors_t, doctors_t.c.id == planned_t.c.doctor_id, isouter=True)
        .join(institutions_t, institutions_t.c.id == sa.func.coalesce(planned_t.c.institution_id,
                                                                       doctors_t.c.institution_id),
              isouter=True)
        .join(departments_t, departments_t.c.id == doctors_t.c.department_id, isouter=True)
        .join(fulfilled, fulfilled.c.pid == planned_t.c.id, isouter=True)
        .where(stored_id(planned_t.c.rep_id) == hex_id(rep_id), ~planned_t.c.deleted,
               planned_t.c.planned_date >= first, planned_t.c.planned_date <= last)
        .order_by(planned_t.c.planned_date, planned_t.c.route_order, doctors_t.c.name, planned_t.c.id))
    out = []
    for r in rows:
        products = tuple(str(p) for p in (r[11] if isinstance(r[11], list) else []) if p)
        at = r[13]
        if at is not None and at.tzinfo is None:
            at = at.replace(tzinfo=dt.UTC)
        out.append(PlannedRow(id=r[0], planned_date=r[1], route_order=r[2], doctor_name=r[3] or "",
                              doctor_grade=r[4], institution=r[5] or "", department=r[6] or "",
                              address=r[7] or "", latitude=r[8], longitude=r[9], objective=r[10] or "",
                              product_ids=products, status=r[12] or "", fulfilled_at=at,
                              fulfilled_submitted=bool(r[14])))
    return out


def plan_notes(conn: Connection, rep_id: str, week_start: dt.date) -> str:
    """The notes of the rep's plan for the week starting ``week_start`` ("" without one)."""
    notes = conn.execute(
        sa.select(plans_t.c.notes).where(stored_id(plans_t.c.rep_id) == hex_id(rep_id),
                                         plans_t.c.week_start == week_start, ~plans_t.c.deleted)
        .order_by(plans_t.c.updated_at.desc()).limit(1)).scalar()
    return str(notes or "")
