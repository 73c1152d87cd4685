"""What the Reports page needs from the replica: counted visits, target doctors, sales.

Returns the plain facts of ``domain.kpis`` for the people the signed-in user may see in
the replica (a rep: themselves; a DM: their district's reps; an RM: their region's),
read in a handful of statements whatever the team's size. Which visits count and who is
a target come from the synced frequency rule; days come from the company calendar.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar, LocalDays
from domain.frequency import FrequencyRule
from domain.kpis import Period, SalesFact, TargetDoctor, TargetFact, VisitFact
from local_store.read.ids import hex_text, names_by_id
from local_store.read.plans import company_calendar, frequency_rule
from local_store.replica import synced
from local_store.state import USER_ID, get_state

users_t = synced["users"]
visits_t = synced["visits"]
companions_t = synced["visit_companions"]
doctors_t = synced["doctors"]
sales_t = synced["sales_records"]
targets_t = synced["targets"]
products_t = synced["products"]
institutions_t = synced["institutions"]


@dataclass(frozen=True, slots=True)
class Person:
    user_id: str
    name: str
    role: str
    territory_id: str | None


@dataclass(frozen=True, slots=True)
class ReportInputs:
    """Facts for ``people`` over ``span`` (the period and the one before it)."""

    me: Person
    people: tuple[Person, ...]  # whose figures are shown (the rep alone, or the team's reps)
    visits: tuple[VisitFact, ...]
    targets: dict[str, tuple[TargetDoctor, ...]]  # rep id -> their target doctors now
    sales: tuple[SalesFact, ...]
    sales_targets: tuple[TargetFact, ...]
    product_names: dict[str, str] = field(default_factory=dict)
    institution_names: dict[str, str] = field(default_factory=dict)
    today: dt.date = dt.date.min


def _person(row: Any) -> Person:
    territory = row["territory_id"]
    return Person(hex_text(row["id"]), row["display_name"], row["role"],
                  hex_text(territory) if territory is not None else None)


def people_in_view(conn: Connection, me: Person, me_row: Any) -> tuple[Person, ...]:
    """Whose KPIs the user sees: a rep their own; a manager the reps below them."""
    if me.role == "rep":
        return (me,)
    q = sa.select(users_t).where(users_t.c.role == "rep", users_t.c.active.is_(True), ~users_t.c.deleted)
    if me.role == "dm" and me_row["district_id"] is not None:
        q = q.where(users_t.c.district_id == me_row["district_id"])
    elif me.role == "rm" and me_row["region_id"] is not None:
        q = q.where(users_t.c.region_id == me_row["region_id"])
    return tuple(_person(r) for r in conn.execute(q.order_by(users_t.c.display_name)).mappings())


def _raw(column: Any) -> Any:
    """A UUID column read as its stored hex text: ids only need comparing here, and
    parsing tens of thousands of them into ``uuid.UUID`` costs more than the rest."""
    return sa.type_coerce(column, sa.String())


def report_inputs(conn: Connection, span: Period, *, today: dt.date | None = None) -> ReportInputs:
    """The facts for every KPI of ``span`` (pass the period and its predecessor joined)."""
    calendar: CompanyCalendar = company_calendar(conn)
    rule: FrequencyRule = frequency_rule(conn)
    user_id = get_state(conn, USER_ID)
    me_row = None
    if user_id:
        me_row = conn.execute(sa.select(users_t).where(users_t.c.id == uuid.UUID(user_id))
                              ).mappings().first()
    if me_row is None:
        raise LookupError("the signed-in user is not in the replica yet: sync once")
    me = _person(me_row)
    people = people_in_view(conn, me, me_row)
    rep_ids = [uuid.UUID(hex=p.user_id) for p in people]
    start, end = calendar.start_of(span.first_day), calendar.start_of(span.last_day + dt.timedelta(days=1))
    visits: list[VisitFact] = []
    local_day = LocalDays(calendar)
    in_span = sa.and_(visits_t.c.rep_id.in_(rep_ids), ~visits_t.c.deleted,
                      visits_t.c.started_at >= start.replace(tzinfo=None),
                      visits_t.c.started_at < end.replace(tzinfo=None))
    q = (sa.select(_raw(visits_t.c.id).label("id"),
                   _raw(visits_t.c.rep_id).label("rep_id"), _raw(visits_t.c.doctor_id).label("doctor_id"),
                   _raw(visits_t.c.institution_id).label("institution_id"),
                   visits_t.c.started_at, visits_t.c.quality_score, visits_t.c.planned_visit_id,
                   _raw(visits_t.c.accompanied_by_id).label("accompanied_by_id"), visits_t.c.status,
                   visits_t.c.visit_type, visits_t.c.amends_visit_id)
         .where(in_span))
    # Who came along: one row per companion, and the single column of older visits.
    along: dict[str, list[str]] = defaultdict(list)
    for companion in conn.execute(
            sa.select(_raw(companions_t.c.visit_id), _raw(companions_t.c.user_id))
            .select_from(companions_t.join(visits_t, visits_t.c.id == companions_t.c.visit_id))
            .where(in_span, ~companions_t.c.deleted)):
        along[str(companion[0])].append(str(companion[1]))
    for r in conn.execute(q):
        if not rule.counts_visit(r.status, r.visit_type, r.amends_visit_id):
            continue
        managers = along.get(r.id, [])
        if r.accompanied_by_id and r.accompanied_by_id not in managers:
            managers = [*managers, r.accompanied_by_id]
        visits.append(VisitFact(
            r.rep_id, r.doctor_id, r.institution_id or "", local_day(r.started_at), r.quality_score,
            r.planned_visit_id is not None, tuple(managers)))
    territory_rep: dict[str, list[str]] = defaultdict(list)
    for p in people:
        if p.territory_id:
            territory_rep[p.territory_id].append(p.user_id)
    targets: dict[str, list[TargetDoctor]] = {p.user_id: [] for p in people}
    territory_ids = [uuid.UUID(hex=t) for t in territory_rep]
    if territory_ids:
        q2 = sa.select(_raw(doctors_t.c.id).label("id"), doctors_t.c.grade, doctors_t.c.target_override,
                       doctors_t.c.territory_id).where(
            doctors_t.c.territory_id.in_(territory_ids), ~doctors_t.c.deleted,
            doctors_t.c.status == "active")
        for r in conn.execute(q2):
            if not rule.is_target(r.grade, r.target_override):
                continue
            for rep in territory_rep.get(hex_text(r.territory_id), ()):
                targets[rep].append(TargetDoctor(r.id, r.grade, rule.required(r.grade)))
    sales, goals = _sales(conn, territory_ids, span)
    products = {hex_text(r.id): r.name for r in conn.execute(sa.select(products_t.c.id, products_t.c.name))}
    institution_ids = {s.institution_id for s in sales}
    institution_ids |= {v.institution_id for v in visits if v.institution_id}
    names = names_by_id(conn, institutions_t, institution_ids)
    return ReportInputs(me, people, tuple(visits), {k: tuple(v) for k, v in targets.items()},
                        sales, goals, products, names, today or calendar.today())


def _sales(conn: Connection, territory_ids: Sequence[uuid.UUID], span: Period
           ) -> tuple[tuple[SalesFact, ...], tuple[TargetFact, ...]]:
    if not territory_ids:
        return (), ()
    first = span.first_day.replace(day=1)
    sales = tuple(
        SalesFact(hex_text(r.institution_id), hex_text(r.product_id), r.month, float(r.quantity),
                  float(r.amount) if r.amount is not None else None)
        for r in conn.execute(sa.select(sales_t).where(
            sales_t.c.territory_id.in_(territory_ids), ~sales_t.c.deleted,
            sales_t.c.month >= first, sales_t.c.month <= span.last_day)))
    goals = tuple(
        TargetFact(hex_text(r.product_id), r.month, float(r.quantity),
                   float(r.amount) if r.amount is not None else None,
                   hex_text(r.institution_id) if r.institution_id is not None else None)
        for r in conn.execute(sa.select(targets_t).where(
            targets_t.c.territory_id.in_(territory_ids), ~targets_t.c.deleted,
            targets_t.c.month >= first, targets_t.c.month <= span.last_day)))
    # Territory totals only: an institution's own target is a part of them, not extra.
    return sales, tuple(g for g in goals if g.institution_id is None)


