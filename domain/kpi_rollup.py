"""KPIs rolled up and down the organisation: a group of reps, one doctor, one hospital.

The Reports page's drill-down (region → district → rep → doctor/hospital) shows the
same columns at every level of people; these pure functions compute them from the
facts of ``domain.kpis`` so a district's line is the pool of its reps' facts, never an
average of their percentages (a rep with 5 target doctors weighs less than one with 500).

* **Group** (a region, a district, a rep): coverage, frequency attainment over all
  grades, visits per working day **per rep** (so a district of 12 compares with one of
  8), average quality, sales against target (quantities of the group's territories).
* **Doctor**: visits in the period, visits required so far, the last visit, behind or not.
* **Hospital**: visits in the period, sales in the period, sales per visit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from domain.kpis import (
    Period,
    SalesFact,
    TargetDoctor,
    TargetFact,
    VisitFact,
    average_quality,
    coverage,
    frequency_attainment,
    in_period,
    working_days,
)


@dataclass(frozen=True, slots=True)
class GroupKpis:
    key: str
    name: str
    reps: int
    target_doctors: int
    visits: int
    coverage: float | None
    frequency: float | None  # all grades together: credited visits ÷ required visits
    visits_per_rep_day: float | None
    average_quality: float | None
    sold: float
    target: float
    sales_attainment: float | None


def overall_frequency(visits: Iterable[VisitFact], targets: Collection[TargetDoctor],
                      period: Period) -> float | None:
    """Frequency attainment over every grade: Σ credited ÷ Σ required (each doctor's
    visits capped at their own requirement, as ``frequency_attainment``)."""
    grades = frequency_attainment(visits, targets, period).values()
    required = sum(g.required for g in grades)
    return sum(g.done for g in grades) / required if required else None


def group_kpis(key: str, name: str, rep_ids: Collection[str], visits: Iterable[VisitFact],
               targets: Mapping[str, Collection[TargetDoctor]], period: Period,
               sales: Iterable[SalesFact] = (), goals: Iterable[TargetFact] = (),
               holidays: Collection[dt.date] = ()) -> GroupKpis:
    """One line of the drill-down for the reps ``rep_ids`` (their visits, their targets);
    ``sales`` and ``goals`` are already those of the group's territories."""
    reps = set(rep_ids)
    mine = [v for v in in_period(visits, period) if v.rep_id in reps]
    pooled = [t for rep in sorted(reps) for t in targets.get(rep, ())]
    days = working_days(period, holidays)
    sold = sum(s.quantity for s in sales if period.first_day <= s.month.replace(day=1) <= period.last_day)
    wanted = sum(g.quantity for g in goals if period.first_day <= g.month.replace(day=1) <= period.last_day)
    return GroupKpis(
        key=key, name=name, reps=len(reps), target_doctors=len(pooled), visits=len(mine),
        coverage=coverage(mine, pooled, period),
        frequency=overall_frequency(mine, pooled, period),
        visits_per_rep_day=len(mine) / days / len(reps) if days and reps else None,
        average_quality=average_quality(mine, period),
        sold=round(sold, 4), target=round(wanted, 4),
        sales_attainment=sold / wanted if wanted else None)


@dataclass(frozen=True, slots=True)
class DoctorStanding:
    doctor_id: str
    visits: int
    required: int  # over the whole period
    due: int  # required by ``as_of`` (pro rata, rounded down)
    behind: bool
    last_visit: dt.date | None


def doctor_standing(doctor: TargetDoctor, visits: Iterable[VisitFact], period: Period, as_of: dt.date,
                    last_visit: dt.date | None = None) -> DoctorStanding:
    """Where one doctor stands in ``period`` on ``as_of``: visits required by then are the
    period's requirement pro rata of the days gone (rounded down, as
    ``domain.frequency.frequency_gap``), all of it once the period is over; a doctor
    is behind with fewer visits than are due. ``last_visit`` is the latest before the
    period's end when known beyond ``visits``."""
    counted = [v for v in in_period(visits, period) if v.doctor_id == doctor.doctor_id]
    required = doctor.required_per_month * period.months
    if as_of < period.first_day:
        gone = 0.0
    elif as_of >= period.last_day:
        gone = period.months
    else:
        gone = Period(period.first_day, as_of).months
    due = math.floor(doctor.required_per_month * gone + 1e-9)
    latest = max((v.day for v in counted), default=None)
    if last_visit is not None and last_visit <= period.last_day:
        latest = max(latest, last_visit) if latest else last_visit
    return DoctorStanding(doctor.doctor_id, len(counted), round(required), due, len(counted) < due, latest)


@dataclass(frozen=True, slots=True)
class HospitalLine:
    institution_id: str
    target_doctors: int
    visits: int
    sold: float
    sales_per_visit: float | None


def hospital_lines(visits: Iterable[VisitFact], targets: Iterable[TargetDoctor],
                   doctor_institution: Mapping[str, str], sales: Iterable[SalesFact],
                   period: Period) -> list[HospitalLine]:
    """Per institution where the rep has target doctors, visits or sales: effort set
    against what the hospital buys (quantity sold ÷ visits, None where nobody visited)."""
    made = Counter(v.institution_id for v in in_period(visits, period) if v.institution_id)
    doctors = Counter(doctor_institution.get(t.doctor_id, "") for t in targets)
    sold: dict[str, float] = {}
    for s in sales:
        if period.first_day <= s.month.replace(day=1) <= period.last_day:
            sold[s.institution_id] = sold.get(s.institution_id, 0.0) + s.quantity
    keys = sorted((set(made) | set(doctors) | set(sold)) - {""})
    return [HospitalLine(k, doctors.get(k, 0), made.get(k, 0), round(sold.get(k, 0.0), 4),
                         sold.get(k, 0.0) / made[k] if made.get(k) else None) for k in keys]
