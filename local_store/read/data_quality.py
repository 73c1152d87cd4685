"""What the Data quality tab judges: a team's visits, doctors and plan days, from the replica.

Returns the plain facts of ``domain.data_quality`` for the reps the signed-in user sees
(``people_in_view``: a DM their district's reps, an RM their region's, an admin every
rep in the replica), with visit times turned into company-calendar local times, and
the names the table shows. Three statements whatever the range, plus names.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar
from domain.data_quality import DoctorInputs, PlanDay, VisitRecord
from local_store.read.ids import hex_text, names_by_id
from local_store.read.plans import company_calendar
from local_store.read.reports import Person, people_in_view
from local_store.replica import synced
from local_store.state import USER_ID, get_state

users_t = synced["users"]
visits_t = synced["visits"]
doctors_t = synced["doctors"]
departments_t = synced["departments"]
institutions_t = synced["institutions"]
plans_t = synced["visit_plans"]
planned_t = synced["planned_visits"]

TEXT_FIELDS = ("purpose", "doctor_feedback", "result", "next_step")


@dataclass(frozen=True, slots=True)
class QualityFacts:
    """Facts for ``people`` over ``first``..``last`` (local days, inclusive)."""

    me: Person
    people: tuple[Person, ...]
    first: dt.date
    last: dt.date
    today: dt.date
    visits: tuple[VisitRecord, ...]
    doctors: tuple[DoctorInputs, ...]
    plan_days: tuple[PlanDay, ...]
    doctor_names: dict[str, str] = field(default_factory=dict)
    institution_names: dict[str, str] = field(default_factory=dict)



def _local(calendar: CompanyCalendar, instant: dt.datetime | None) -> dt.datetime | None:
    if instant is None:
        return None
    aware = instant.replace(tzinfo=dt.UTC) if instant.tzinfo is None else instant
    return aware.astimezone(calendar.zone).replace(tzinfo=None)


def signed_in_person(conn: Connection) -> tuple[Person, Any]:
    user_id = get_state(conn, USER_ID)
    row = None
    if user_id:
        row = conn.execute(sa.select(users_t).where(users_t.c.id == uuid.UUID(user_id))).mappings().first()
    if row is None:
        raise LookupError("the signed-in user is not in the replica yet: sync once")
    territory = row["territory_id"]
    return Person(hex_text(row["id"]), row["display_name"], row["role"],
                  hex_text(territory) if territory is not None else None), row


def quality_facts(conn: Connection, first: dt.date, last: dt.date, *,
                  today: dt.date | None = None) -> QualityFacts:
    """Every fact the rules need for the signed-in user's reps and the days given."""
    if last < first:
        raise ValueError("the range ends on or after the day it starts")
    calendar = company_calendar(conn)
    me, me_row = signed_in_person(conn)
    people = people_in_view(conn, me, me_row)
    rep_ids = [uuid.UUID(hex=p.user_id) for p in people]
    wanted = {p.user_id for p in people}
    start = calendar.start_of(first).replace(tzinfo=None)
    end = calendar.start_of(last + dt.timedelta(days=1)).replace(tzinfo=None)
    v = visits_t
    visits: list[VisitRecord] = []
    # By the started_at index; reps are picked here (see local_store.read.plans.week_plans).
    for r in conn.execute(sa.select(v.c.id, v.c.rep_id, v.c.doctor_id, v.c.institution_id, v.c.visit_type,
                                    v.c.started_at, v.c.ended_at, v.c.status, v.c.amends_visit_id,
                                    *(v.c[name] for name in TEXT_FIELDS))
                          .where(~v.c.deleted, v.c.started_at >= start, v.c.started_at < end)):
        rep = hex_text(r.rep_id)
        if rep not in wanted:
            continue
        started = _local(calendar, r.started_at)
        assert started is not None
        visits.append(VisitRecord(
            hex_text(r.id), rep, hex_text(r.doctor_id),
            hex_text(r.institution_id) if r.institution_id else "",
            r.visit_type, started, _local(calendar, r.ended_at),
            {name: getattr(r, name) for name in TEXT_FIELDS}, r.status,
            hex_text(r.amends_visit_id) if r.amends_visit_id else None))
    doctors = _doctor_inputs(conn, people)
    plan_days = _plan_days(conn, rep_ids, first, last, visits)
    doctor_ids = {d.doctor_id for d in doctors} | {x.doctor_id for x in visits}
    institution_ids = {d.institution_id for d in doctors} | {x.institution_id for x in visits}
    return QualityFacts(me, people, first, last, today or calendar.today(), tuple(visits), doctors,
                        plan_days, names_by_id(conn, doctors_t, doctor_ids),
                        names_by_id(conn, institutions_t, institution_ids))


def _doctor_inputs(conn: Connection, people: tuple[Person, ...]) -> tuple[DoctorInputs, ...]:
    territory_rep: dict[str, str] = {}
    for p in people:
        if p.territory_id:
            territory_rep.setdefault(p.territory_id, p.user_id)
    if not territory_rep:
        return ()
    d, dep = doctors_t, departments_t
    rows = conn.execute(
        sa.select(d.c.id, d.c.institution_id, d.c.territory_id, d.c.title, d.c.product_potential,
                  dep.c.outpatient_per_month, dep.c.beds)
        .select_from(d.outerjoin(dep, dep.c.id == d.c.department_id))
        .where(d.c.territory_id.in_([uuid.UUID(hex=t) for t in territory_rep]), ~d.c.deleted,
               d.c.status == "active"))
    out = []
    for r in rows:
        potential = r.product_potential if isinstance(r.product_potential, dict) else {}
        out.append(DoctorInputs(hex_text(r.id), hex_text(r.institution_id),
                                territory_rep.get(hex_text(r.territory_id), ""),
                                r.title, r.outpatient_per_month, r.beds,
                                {str(k): val for k, val in potential.items()}))
    return tuple(out)


def _plan_days(conn: Connection, rep_ids: list[uuid.UUID], first: dt.date, last: dt.date,
               visits: list[VisitRecord]) -> tuple[PlanDay, ...]:
    if not rep_ids:
        return ()
    p, plan = planned_t, plans_t
    planned: Counter[tuple[str, dt.date]] = Counter()
    for r in conn.execute(
            sa.select(p.c.rep_id, p.c.planned_date)
            .select_from(p.join(plan, plan.c.id == p.c.plan_id))
            .where(p.c.rep_id.in_(rep_ids), ~p.c.deleted, ~plan.c.deleted,
                   p.c.planned_date >= first, p.c.planned_date <= last)):
        planned[(hex_text(r.rep_id), r.planned_date)] += 1
    done: dict[tuple[str, dt.date], int] = defaultdict(int)
    for x in visits:
        if x.status == "submitted":
            done[(x.rep_id, x.day)] += 1
    return tuple(PlanDay(rep, day, n, done.get((rep, day), 0)) for (rep, day), n in sorted(planned.items()))


