"""The facts of everyone's KPIs for one period, read set-based: a handful of statements
for the whole company, whatever the number of reps (never a query per rep).

The facts are the ``domain.kpis`` dataclasses the device builds from its replica
(``local_store.read.reports``), selected the same way, so the same functions give the
same figures on both ends: counted visits by the frequency rule in force, target
doctors the rep's territory holds now, territory sales and territory targets (a
target naming an institution is a part of its territory's, not extra).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar, LocalDays
from domain.frequency import COUNTED_STATUS, FrequencyRule
from domain.kpis import Period, SalesFact, TargetDoctor, TargetFact, VisitFact
from server.tables import districts, doctors, synced, territories, users, visits
from wire.rows import plain_rows

sales_t = synced["sales_records"]
targets_t = synced["targets"]


def key(value: Any) -> str:
    """An id as the facts carry it: 32 lower-case hex digits, whichever the database
    (PostgreSQL's uuid text has dashes, SQLite stores the hex)."""
    return str(value).replace("-", "").lower()


def _raw(column: Any) -> Any:
    """A UUID column read as text: parsing a month of visits' ids into ``uuid.UUID``
    costs more than the figures."""
    return sa.type_coerce(column, sa.String())


@dataclass(frozen=True, slots=True)
class Rep:
    user_id: str
    territory_id: str | None
    district_id: str | None
    region_id: str | None


@dataclass(slots=True)
class CompanyFacts:
    """Every active rep with their period's facts, and the managers who ride along."""

    reps: dict[str, Rep]
    visits: dict[str, list[VisitFact]] = field(default_factory=lambda: defaultdict(list))
    targets: dict[str, list[TargetDoctor]] = field(default_factory=lambda: defaultdict(list))
    sales: dict[str, list[SalesFact]] = field(default_factory=lambda: defaultdict(list))  # territory
    sales_targets: dict[str, list[TargetFact]] = field(
        default_factory=lambda: defaultdict(list))  # territory
    district_manager: dict[str, str] = field(default_factory=dict)
    region_manager: dict[str, str] = field(default_factory=dict)
    district_region: dict[str, str] = field(default_factory=dict)


def read_facts(conn: Connection, period: Period, calendar: CompanyCalendar,
               rule: FrequencyRule) -> CompanyFacts:
    """Five statements: reps, managers, the period's counted visits, target doctors,
    sales and targets grouped per territory, product and month."""
    district_of_rep = sa.func.coalesce(territories.c.district_id, users.c.district_id)
    q = (sa.select(_raw(users.c.id), _raw(users.c.territory_id), _raw(district_of_rep),
                   _raw(districts.c.region_id))
         .select_from(users.outerjoin(territories, territories.c.id == users.c.territory_id)
                      .outerjoin(districts, districts.c.id == district_of_rep))
         .where(users.c.role == "rep", users.c.active.is_(True), ~users.c.deleted))
    reps = {key(u): Rep(key(u), key(t) if t else None, key(d) if d else None, key(r) if r else None)
            for u, t, d, r in plain_rows(conn.execute(q))}
    facts = CompanyFacts(reps)
    for d, r in plain_rows(conn.execute(sa.select(_raw(districts.c.id), _raw(districts.c.region_id))
                                        .where(~districts.c.deleted))):
        facts.district_region[key(d)] = key(r)
    managers = sa.select(_raw(users.c.id), users.c.role, _raw(users.c.district_id),
                         _raw(users.c.region_id)).where(
        users.c.role.in_(("dm", "rm")), users.c.active.is_(True), ~users.c.deleted
    ).order_by(users.c.username)
    for uid, role, d, r in plain_rows(conn.execute(managers)):
        if role == "dm" and d:
            facts.district_manager.setdefault(key(d), key(uid))
        elif role == "rm" and r:
            facts.region_manager.setdefault(key(r), key(uid))

    start, end = calendar.start_of(period.first_day), calendar.start_of(
        period.last_day + dt.timedelta(days=1))
    if conn.dialect.name == "sqlite":  # stored naive UTC: compare like with like
        start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    local_day = LocalDays(calendar)
    q = (sa.select(_raw(visits.c.rep_id), _raw(visits.c.doctor_id), _raw(visits.c.institution_id),
                   visits.c.started_at, visits.c.quality_score,
                   visits.c.planned_visit_id.is_not(None), _raw(visits.c.accompanied_by_id))
         .where(visits.c.started_at >= start, visits.c.started_at < end,
                visits.c.status == COUNTED_STATUS, visits.c.amends_visit_id.is_(None),
                visits.c.visit_type.in_(list(rule.counted_types)), ~visits.c.deleted))
    for rep, doctor, institution, started, quality, planned, companion in plain_rows(
            conn.execute(q)):
        rep_key = key(rep)
        if rep_key not in reps:
            continue
        facts.visits[rep_key].append(VisitFact(
            rep_key, key(doctor), key(institution) if institution else "", local_day(started),
            quality, bool(planned), (key(companion),) if companion else ()))

    reps_of_territory: dict[str, list[str]] = defaultdict(list)
    for rep_row in reps.values():
        if rep_row.territory_id:
            reps_of_territory[rep_row.territory_id].append(rep_row.user_id)
    q = sa.select(_raw(doctors.c.id), doctors.c.grade, doctors.c.target_override,
                  _raw(doctors.c.territory_id)).where(
        doctors.c.territory_id.is_not(None), ~doctors.c.deleted, doctors.c.status == "active")
    for doctor, grade, override, territory in plain_rows(conn.execute(q)):
        if not rule.is_target(grade, override):
            continue
        for rep_key in reps_of_territory.get(key(territory), ()):
            facts.targets[rep_key].append(TargetDoctor(key(doctor), grade, rule.required(grade)))

    first_month = period.first_day.replace(day=1)
    q = (sa.select(_raw(sales_t.c.territory_id), _raw(sales_t.c.product_id), sales_t.c.month,
                   sa.func.sum(sales_t.c.quantity))
         .where(~sales_t.c.deleted, sales_t.c.month >= first_month,
                sales_t.c.month <= period.last_day)
         .group_by(sales_t.c.territory_id, sales_t.c.product_id, sales_t.c.month))
    for territory, product, month, quantity in plain_rows(conn.execute(q)):
        facts.sales[key(territory)].append(SalesFact("", key(product), month, float(quantity)))
    q = (sa.select(_raw(targets_t.c.territory_id), _raw(targets_t.c.product_id), targets_t.c.month,
                   sa.func.sum(targets_t.c.quantity))
         .where(~targets_t.c.deleted, targets_t.c.institution_id.is_(None),
                targets_t.c.month >= first_month, targets_t.c.month <= period.last_day)
         .group_by(targets_t.c.territory_id, targets_t.c.product_id, targets_t.c.month))
    for territory, product, month, quantity in plain_rows(conn.execute(q)):
        facts.sales_targets[key(territory)].append(TargetFact(key(product), month, float(quantity)))
    return facts
