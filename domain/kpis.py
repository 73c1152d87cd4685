"""The KPIs managers steer by: one pure function each, the same on the device and the server.

Every function takes plain facts for one person (or one team) and one period and
returns a number or a small record; docs/kpis.md gives each formula in words. Facts
are already placed on the company calendar (``domain.calendar``): a visit carries its
local ``day``, a period is an inclusive range of local days. Which visits count is
decided before the call (submitted visits of the counting types, see
``domain.frequency``); the KPIs never look at drafts.

Visits stay with the rep who made them: a doctor reassigned mid-month keeps the
visits already made on the old rep's figures, and counts as a target doctor of the rep
who holds it at the end of the period (``TargetDoctor`` lists are taken at that date).

A ratio whose denominator is zero is ``None`` ("not applicable"), never 0 or 100 %: a
rep with no target doctors has no coverage, rather than a perfect or a failing one.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

WEEKEND = (5, 6)  # Saturday, Sunday (date.weekday())


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of company-calendar days."""

    first_day: dt.date
    last_day: dt.date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError("a period ends on or after the day it starts")

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def days(self) -> Iterable[dt.date]:
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += dt.timedelta(days=1)

    @property
    def months(self) -> float:
        """Length in months, for per-month rules over a quarter or a year (whole months
        count 1 each; a partial month its share of days)."""
        total = 0.0
        day = self.first_day
        while day <= self.last_day:
            month_end = _month_end(day)
            stop = min(month_end, self.last_day)
            total += ((stop - day).days + 1) / month_end.day
            day = stop + dt.timedelta(days=1)
        return total

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = dt.date(year, month, 1)
        return cls(first, _month_end(first))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError("quarter must be 1..4")
        first = dt.date(year, 3 * quarter - 2, 1)
        return cls(first, _month_end(dt.date(year, 3 * quarter, 1)))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def elapsed(self, today: dt.date) -> Period:
        """The part of the period counted on ``today``: up to today while it runs (a
        month's KPIs on the 4th are those of the 1st–4th, its working days and the
        visits due so far), all of it once it is over or before it begins."""
        if self.first_day <= today < self.last_day:
            return Period(self.first_day, today)
        return self

    def previous_to_date(self, today: dt.date) -> Period:
        """What a running period compares with: the previous period's same stretch
        (1st–4th against last month's 1st–4th, never a whole month against four days);
        the whole previous period once this one is over."""
        before = self.previous()
        counted = self.elapsed(today)
        if counted == self:
            return before
        last = before.first_day + (counted.last_day - counted.first_day)
        return Period(before.first_day, min(last, before.last_day))

    def previous(self) -> Period:
        """The period of the same kind just before (month, quarter, year or same length)."""
        if self.first_day.day == 1 and self.last_day == _month_end(self.last_day):
            months = (self.last_day.year - self.first_day.year) * 12 + self.last_day.month \
                - self.first_day.month + 1
            start = _add_months(self.first_day, -months)
            return Period(start, _month_end(_add_months(start, months - 1)))
        length = (self.last_day - self.first_day).days + 1
        return Period(self.first_day - dt.timedelta(days=length),
                      self.first_day - dt.timedelta(days=1))


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class VisitFact:
    """One counted (submitted) visit."""

    rep_id: str
    doctor_id: str
    institution_id: str
    day: dt.date
    quality: float | None = None
    planned: bool = False  # completes a planned visit
    accompanied_by: tuple[str, ...] = ()  # managers riding along


@dataclass(frozen=True, slots=True)
class TargetDoctor:
    doctor_id: str
    grade: str | None
    required_per_month: int


@dataclass(frozen=True, slots=True)
class GradeAttainment:
    grade: str
    doctors: int
    required: float
    done: int  # visits counted toward the requirement (capped per doctor)
    attainment: float | None  # done / required


def in_period(visits: Iterable[VisitFact], period: Period) -> list[VisitFact]:
    return [v for v in visits if period.contains(v.day)]


def coverage(visits: Iterable[VisitFact], targets: Collection[TargetDoctor],
             period: Period) -> float | None:
    """Share of target doctors visited at least once in the period."""
    if not targets:
        return None
    seen = {v.doctor_id for v in in_period(visits, period)}
    return sum(1 for t in targets if t.doctor_id in seen) / len(targets)


def frequency_attainment(visits: Iterable[VisitFact], targets: Collection[TargetDoctor],
                         period: Period) -> dict[str, GradeAttainment]:
    """Per grade: visits done against visits required over the period.

    A doctor's visits count up to their own requirement (an A doctor seen 12 times does
    not make up for a B doctor never seen), rounded up over part of a month: in the
    first days of a month a doctor due 3 a month and seen once counts that visit."""
    counts = Counter(v.doctor_id for v in in_period(visits, period))
    months = period.months
    by_grade: dict[str, list[TargetDoctor]] = defaultdict(list)
    for t in targets:
        by_grade[t.grade or "-"].append(t)
    out: dict[str, GradeAttainment] = {}
    for grade in sorted(by_grade):
        doctors = by_grade[grade]
        required = sum(t.required_per_month * months for t in doctors)
        done = sum(min(counts.get(t.doctor_id, 0), math.ceil(t.required_per_month * months - 1e-9))
                   for t in doctors)
        out[grade] = GradeAttainment(grade, len(doctors), round(required, 2), done,
                                     done / required if required else None)
    return out


def working_days(period: Period, holidays: Collection[dt.date] = (),
                 extra_working_days: Collection[dt.date] = ()) -> int:
    """Monday–Friday in the period, less holidays, plus make-up working days (调休)."""
    return sum(1 for day in period.days()
               if (day.weekday() not in WEEKEND and day not in holidays) or day in extra_working_days)


def visits_per_working_day(visits: Iterable[VisitFact], period: Period,
                           holidays: Collection[dt.date] = (),
                           extra_working_days: Collection[dt.date] = ()) -> float | None:
    """Counted visits in the period divided by its working days."""
    days = working_days(period, holidays, extra_working_days)
    if days == 0:
        return None
    return len(in_period(visits, period)) / days


def average_quality(visits: Iterable[VisitFact], period: Period) -> float | None:
    """Mean quality score of the period's scored visits."""
    scores = [v.quality for v in in_period(visits, period) if v.quality is not None]
    return sum(scores) / len(scores) if scores else None


def share_on_plan(visits: Iterable[VisitFact], period: Period) -> float | None:
    """Share of the period's visits that complete a planned visit."""
    counted = in_period(visits, period)
    if not counted:
        return None
    return sum(1 for v in counted if v.planned) / len(counted)


@dataclass(frozen=True, slots=True)
class SalesFact:
    institution_id: str
    product_id: str
    month: dt.date  # first day of the month
    quantity: float
    amount: float | None = None


@dataclass(frozen=True, slots=True)
class TargetFact:
    product_id: str
    month: dt.date
    quantity: float
    amount: float | None = None
    institution_id: str | None = None


@dataclass(frozen=True, slots=True)
class SalesAttainment:
    product_id: str
    quantity: float
    target: float
    attainment: float | None


def _month_in(period: Period, month: dt.date) -> bool:
    return period.first_day <= month.replace(day=1) <= period.last_day


def sales_attainment(sales: Iterable[SalesFact], targets: Iterable[TargetFact],
                     period: Period) -> dict[str, SalesAttainment]:
    """Per product: quantity sold against the target over the months of the period
    (targets roll up from months to quarter and year by summing)."""
    sold: dict[str, float] = defaultdict(float)
    wanted: dict[str, float] = defaultdict(float)
    for s in sales:
        if _month_in(period, s.month):
            sold[s.product_id] += s.quantity
    for t in targets:
        if _month_in(period, t.month):
            wanted[t.product_id] += t.quantity
    return {p: SalesAttainment(p, round(sold.get(p, 0.0), 4), round(wanted.get(p, 0.0), 4),
                               sold.get(p, 0.0) / wanted[p] if wanted.get(p) else None)
            for p in sorted(set(sold) | set(wanted))}


def sales_per_visit(sales: Iterable[SalesFact], visits: Iterable[VisitFact],
                    period: Period) -> dict[str, float | None]:
    """Per institution: quantity sold over the period divided by the visits made there
    (None where nobody visited): effort set against what the hospital buys."""
    sold: dict[str, float] = defaultdict(float)
    for s in sales:
        if _month_in(period, s.month):
            sold[s.institution_id] += s.quantity
    made = Counter(v.institution_id for v in in_period(visits, period))
    return {inst: (sold.get(inst, 0.0) / made[inst] if made.get(inst) else None)
            for inst in sorted(set(sold) | set(made))}


def ride_along_days(visits: Iterable[VisitFact], manager_id: str, period: Period) -> int:
    """Days in the period on which ``manager_id`` accompanied at least one visit."""
    return len({v.day for v in in_period(visits, period) if manager_id in v.accompanied_by})


@dataclass(frozen=True, slots=True)
class RepKpis:
    """A rep's figures for one period (what the KPI cards and snapshots show)."""

    visits: int
    coverage: float | None
    visits_per_working_day: float | None
    average_quality: float | None
    share_on_plan: float | None
    frequency: Mapping[str, GradeAttainment]


def rep_kpis(visits: Iterable[VisitFact], targets: Collection[TargetDoctor], period: Period,
             holidays: Collection[dt.date] = ()) -> RepKpis:
    """Every visit KPI of one rep for one period, computed the one way both ends use."""
    counted = in_period(visits, period)
    return RepKpis(
        visits=len(counted),
        coverage=coverage(counted, targets, period),
        visits_per_working_day=visits_per_working_day(counted, period, holidays),
        average_quality=average_quality(counted, period),
        share_on_plan=share_on_plan(counted, period),
        frequency=frequency_attainment(counted, targets, period),
    )


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change against the previous period (None when either is unknown or 0)."""
    if current is None or previous in (None, 0):
        return None
    assert previous is not None
    return (current - previous) / previous


def rank(values: Mapping[str, float | None], *, higher_is_better: bool = True) -> dict[str, int]:
    """Competition ranking (1, 2, 2, 4): equal values share a rank; unknowns rank last."""
    known = sorted(((v, k) for k, v in values.items() if v is not None),
                   key=lambda pair: (-pair[0] if higher_is_better else pair[0], pair[1]))
    out: dict[str, int] = {}
    previous: float | None = None
    place = 0
    for index, (value, key) in enumerate(known, start=1):
        if value != previous:
            place, previous = index, value
        out[key] = place
    last = len(known) + 1
    for key, unknown in values.items():
        if unknown is None:
            out[key] = last
    return out


def median(values: Iterable[float | None]) -> float | None:
    """The median of the known values (a rep sees the district's, never a peer's figure)."""
    known = sorted(v for v in values if v is not None)
    if not known:
        return None
    mid = len(known) // 2
    return known[mid] if len(known) % 2 else (known[mid - 1] + known[mid]) / 2
