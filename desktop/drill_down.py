"""The Reports page's drill-down: region → district → rep → doctors and hospitals.

Where a user starts depends on their role: an admin at the regions, an RM at their
region's districts, a DM at their reps, a rep at their own doctors and hospitals. A
``Crumb`` path says where the user is; ``load_level`` reads the replica (offline) and
computes that level's lines with ``domain.kpi_rollup``, the same KPI columns at every
level of people. Runs off the UI thread (``Ops.query``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from desktop.reports import period_of
from domain.kpi_rollup import (
    DoctorStanding,
    GroupKpis,
    HospitalLine,
    doctor_standing,
    group_kpis,
    hospital_lines,
)
from domain.kpis import Period, SalesFact, TargetDoctor, TargetFact, VisitFact
from local_store.read.drill_down import (
    DoctorRow,
    last_visits,
    rep_places,
    territory_doctors,
    territory_sales,
)
from local_store.read.plans import company_calendar, frequency_rule
from local_store.read.reports import report_inputs

REGIONS, DISTRICTS, REPS, DOCTORS = "regions", "districts", "reps", "doctors"
CHILD = {REGIONS: DISTRICTS, DISTRICTS: REPS, REPS: DOCTORS}
START = {"admin": REGIONS, "rm": DISTRICTS, "dm": REPS, "rep": DOCTORS}

__all__ = ["CHILD", "DISTRICTS", "DOCTORS", "REGIONS", "REPS", "START", "Crumb", "DoctorLine",
           "DoctorStanding", "DrillLevel", "GroupKpis", "HospitalLine", "HospitalRow", "load_level",
           "root_crumb"]


@dataclass(frozen=True, slots=True)
class Crumb:
    """One step of the path: the lines of ``level`` under ``key`` ("" at the top)."""

    level: str
    key: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class DoctorLine:
    doctor: DoctorRow
    standing: DoctorStanding


@dataclass(frozen=True, slots=True)
class HospitalRow:
    name: str
    line: HospitalLine


@dataclass(frozen=True, slots=True)
class DrillLevel:
    crumb: Crumb
    period: Period
    kind: str
    groups: tuple[GroupKpis, ...] = ()  # regions, districts or reps
    doctors: tuple[DoctorLine, ...] = ()  # a rep's doctors
    hospitals: tuple[HospitalRow, ...] = ()  # a rep's hospitals


def root_crumb(role: str) -> Crumb:
    return Crumb(START.get(role, REPS))


def load_level(replica: Engine, kind: str, day: dt.date | None, crumb: Crumb) -> DrillLevel:
    """The lines of ``crumb`` for the period of ``kind`` holding ``day`` (today by default)."""
    with replica.connect() as conn:
        calendar = company_calendar(conn)
        today = calendar.today()
        period = period_of(kind, day or today)
        inputs = report_inputs(conn, period, today=today)
        people = {p.user_id: p for p in inputs.people}
        if crumb.level == DOCTORS:
            rep_id = crumb.key or inputs.me.user_id
            rep = people.get(rep_id)
            if rep is None:
                raise LookupError("this rep is not in your team")
            rule = frequency_rule(conn)
            doctors = territory_doctors(conn, rep.territory_id, rule) if rep.territory_id else []
            last = last_visits(conn, [d.doctor_id for d in doctors], period.last_day + dt.timedelta(days=1),
                               rule, calendar)
            sales, _goals = territory_sales(conn, [rep.territory_id] if rep.territory_id else [], period)
            return _doctor_level(crumb, period, kind, today, rep_id, inputs.visits, doctors, last,
                                 [s for rows in sales.values() for s in rows], inputs.institution_names)
        org = rep_places(conn, people)
        territories = {p.territory_id for p in inputs.people if p.territory_id}
        sales, goals = territory_sales(conn, territories, period)
    groups: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for rep_id, person in people.items():
        place = org.places.get(rep_id)
        if crumb.level == REGIONS:
            key = place.region_id if place else ""
            names[key] = org.regions.get(key, "")
        elif crumb.level == DISTRICTS:
            if crumb.key and (place is None or place.region_id != crumb.key):
                continue
            key = place.district_id if place else ""
            names[key] = org.districts.get(key, "")
        else:
            if crumb.key and (place is None or place.district_id != crumb.key):
                continue
            key, names[rep_id] = rep_id, person.name
        groups[key].append(rep_id)
    lines = []
    counted = period.elapsed(inputs.today)  # a running period counts up to today, as the Overview
    for key, reps in groups.items():
        mine_sales: list[SalesFact] = []
        mine_goals: list[TargetFact] = []
        for t in sorted({people[r].territory_id or "" for r in reps} - {""}):
            mine_sales += sales.get(t, [])
            mine_goals += goals.get(t, [])
        lines.append(group_kpis(key, names.get(key, ""), reps, inputs.visits, inputs.targets,
                                counted, mine_sales, mine_goals))
    lines.sort(key=lambda g: (g.name == "", g.name))
    return DrillLevel(crumb, period, kind, groups=tuple(lines))


def _doctor_level(crumb: Crumb, period: Period, kind: str, today: dt.date, rep_id: str,
                  visits: Sequence[VisitFact], doctors: Sequence[DoctorRow], last: dict[str, dt.date],
                  sales: Sequence[SalesFact], institution_names: dict[str, str]) -> DrillLevel:
    mine = [v for v in visits if v.rep_id == rep_id and period.contains(v.day)]
    targets = [TargetDoctor(d.doctor_id, d.grade, d.required_per_month) for d in doctors]
    lines = tuple(DoctorLine(d, doctor_standing(t, mine, period, today, last.get(d.doctor_id)))
                  for d, t in zip(doctors, targets, strict=True))
    where = {d.doctor_id: d.institution_id for d in doctors}
    names = dict(institution_names)
    names.update({d.institution_id: d.institution for d in doctors if d.institution})
    hospitals = tuple(HospitalRow(names.get(h.institution_id, ""), h)
                      for h in hospital_lines(mine, [t for t in targets if t.required_per_month], where,
                                              sales, period))
    return DrillLevel(crumb, period, kind, doctors=lines,
                      hospitals=tuple(sorted(hospitals, key=lambda h: h.name)))
