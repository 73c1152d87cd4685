"""The evaluatee's indicators at an evaluation's date (pure functions over plain inputs).

The desktop reads the evaluatee's target doctors, their visits and planned visits of
the month from the replica and stores the snapshot on the evaluation, so a printed form
shows the figures as they were on the day. For an RM → DM evaluation the inputs are the
DM's whole team (``people`` = the reps counted).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from domain.frequency import FrequencyRule


@dataclass(frozen=True, slots=True)
class TargetDoctor:
    """A doctor of the evaluatee's territory (``target_override``: the DM's choice)."""

    id: str
    grade: str | None
    target_override: bool | None = None


@dataclass(frozen=True, slots=True)
class VisitFact:
    """A submitted visit as the indicators count it (``counted``: the frequency rule
    counts it toward its doctor, e.g. a face-to-face visit that is not a correction)."""

    doctor_id: str
    day: dt.date
    quality_score: float | None = None
    planned_visit_id: str | None = None
    counted: bool = True


@dataclass(frozen=True, slots=True)
class PlannedFact:
    id: str
    day: dt.date


@dataclass(frozen=True, slots=True)
class GradeAttainment:
    grade: str
    doctors: int
    required: float  # visits due so far this month (pro rata)
    done: int  # visits counted toward it (at most the monthly requirement per doctor)

    @property
    def ratio(self) -> float | None:
        return None if self.required <= 0 else min(self.done / self.required, 1.0)


@dataclass(frozen=True, slots=True)
class Indicators:
    """The evaluatee's standing on a date: the month from its first day to the date."""

    as_of: dt.date
    period_start: dt.date
    people: int  # reps counted (1 for a rep; the team's size for a DM)
    by_grade: tuple[GradeAttainment, ...]
    target_doctors: int
    covered_doctors: int
    visits: int
    working_days: int
    average_quality: float | None
    planned: int
    planned_done: int

    @property
    def frequency_attainment(self) -> float | None:
        required = sum(g.required for g in self.by_grade)
        return None if required <= 0 else min(sum(g.done for g in self.by_grade) / required, 1.0)

    @property
    def coverage(self) -> float | None:
        return None if not self.target_doctors else self.covered_doctors / self.target_doctors

    @property
    def visits_per_day(self) -> float | None:
        if not self.working_days or not self.people:
            return None
        return self.visits / self.working_days / self.people

    @property
    def plan_adherence(self) -> float | None:
        return None if not self.planned else self.planned_done / self.planned

    def to_json(self) -> dict[str, Any]:
        """The stored snapshot (``evaluations.indicators``)."""
        def r(value: float | None) -> float | None:
            return None if value is None else round(value, 4)
        return {
            "as_of": self.as_of.isoformat(), "period_start": self.period_start.isoformat(),
            "people": self.people,
            "by_grade": [{"grade": g.grade, "doctors": g.doctors, "required": round(g.required, 2),
                          "done": g.done, "ratio": r(g.ratio)} for g in self.by_grade],
            "frequency_attainment": r(self.frequency_attainment),
            "target_doctors": self.target_doctors, "covered_doctors": self.covered_doctors,
            "coverage": r(self.coverage), "visits": self.visits,
            "working_days": self.working_days, "visits_per_day": r(self.visits_per_day),
            "average_quality": r(self.average_quality),
            "planned": self.planned, "planned_done": self.planned_done,
            "plan_adherence": r(self.plan_adherence),
        }


def working_days(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days from ``start`` to ``end`` inclusive."""
    days = 0
    day = start
    while day <= end:
        if day.weekday() < 5:
            days += 1
        day += dt.timedelta(days=1)
    return days


def indicators_at(as_of: dt.date, *, doctors: Iterable[TargetDoctor],
                  visits: Iterable[VisitFact], planned: Iterable[PlannedFact] = (),
                  rule: FrequencyRule, people: int = 1,
                  plan_known: bool = True) -> Indicators:
    """The indicators of the month to ``as_of`` (inclusive).

    ``visits``: submitted visits of the evaluatee (or the DM's team); any outside the
    period are ignored. Frequency attainment counts, per grade, the counted visits toward
    each doctor's requirement (capped at the monthly requirement, so over-visiting one A
    doctor does not hide another never seen) against what is due by the date pro rata.
    Coverage is of the *target* doctors (the rule's target grades or the DM's override)
    seen at least once. ``plan_known=False``: no plans exist for the period, adherence
    is left out."""
    start = as_of.replace(day=1)
    days_in_month = calendar.monthrange(as_of.year, as_of.month)[1]
    share = as_of.day / days_in_month
    doctors = list(doctors)
    targets = {d.id: d.grade for d in doctors}
    target_ids = {d.id for d in doctors if rule.is_target(d.grade, d.target_override)}
    in_period = [v for v in visits if start <= v.day <= as_of]
    per_doctor: dict[str, int] = {}
    for v in in_period:
        if v.counted and v.doctor_id in targets:
            per_doctor[v.doctor_id] = per_doctor.get(v.doctor_id, 0) + 1
    grades: dict[str, list[str]] = {}
    for doctor_id, grade in targets.items():
        if grade:
            grades.setdefault(grade, []).append(doctor_id)
    by_grade = []
    for grade in sorted(grades):
        required_month = rule.required(grade)
        if required_month <= 0:
            continue
        ids = grades[grade]
        by_grade.append(GradeAttainment(
            grade=grade, doctors=len(ids), required=required_month * share * len(ids),
            done=sum(min(per_doctor.get(i, 0), required_month) for i in ids)))
    qualities = [v.quality_score for v in in_period if v.quality_score is not None]
    plan_rows = [p for p in planned if start <= p.day <= as_of] if plan_known else []
    done_plans = {v.planned_visit_id for v in in_period if v.planned_visit_id}
    return Indicators(
        as_of=as_of, period_start=start, people=max(people, 0), by_grade=tuple(by_grade),
        target_doctors=len(target_ids), covered_doctors=len(target_ids & per_doctor.keys()),
        visits=len(in_period),
        working_days=working_days(start, as_of),
        average_quality=(sum(qualities) / len(qualities)) if qualities else None,
        planned=len(plan_rows), planned_done=sum(1 for p in plan_rows if p.id in done_plans))
