"""Data quality: the exceptions a manager checks each morning, one rule set, pure rules.

Managers cannot read every visit; they can read the list of records that look wrong.
Each rule below takes plain facts (already placed on the company calendar by the
caller) and returns ``Exception_`` rows: a ``kind`` code (the UI translates it), the
rep, the local day, the doctor or institution, and a ``detail`` code with its values.
docs/data-quality.md says what each kind means and why its threshold is what it is.

The thresholds live in one ``DataQualityRules`` value, so what counts as "thin" or
"outside working hours" is decided in one place and tested as a table.

Which visits are looked at: **submitted** visits (a draft is unfinished by nature;
judging it would flag work in progress). Corrections (a visit that amends another)
are the same visit told again, so they are never a duplicate of their original.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MISSING_FIELD = "missing_field"
THIN_FIELD = "thin_field"
OUTSIDE_HOURS = "outside_hours"
DUPLICATE_VISIT = "duplicate_visit"
NO_GRADE_INPUTS = "no_grade_inputs"
PLAN_DAY_NOT_DONE = "plan_day_not_done"
KINDS = (MISSING_FIELD, THIN_FIELD, OUTSIDE_HOURS, DUPLICATE_VISIT, NO_GRADE_INPUTS, PLAN_DAY_NOT_DONE)

# Text that says nothing, whatever its length ("无", "ok", "-"): treated as missing.
PLACEHOLDERS = frozenset({"无", "没有", "暂无", "无反馈", "好", "好的", "ok", "okay", "na", "n/a",
                          "none", "nil", "tbd", "todo", "同上", "略", "test", "测试"})


@dataclass(frozen=True, slots=True)
class DataQualityRules:
    """What counts as an exception (docs/data-quality.md explains each figure).

    ``min_chars`` counts letters, digits and CJK characters only (spaces and
    punctuation do not make a text longer): a Chinese character says about as much as
    an English word, so the minimum is low. ``work_start``/``work_end`` bound the working
    day in company time; a visit inside ``[work_start, work_end]`` (both ends included)
    on a working weekday is fine. ``off_hours_types`` are visit types that happen in the
    evening by design (an academic event)."""

    required_fields: tuple[str, ...] = ("doctor_feedback", "next_step")
    min_chars: Mapping[str, int] = field(default_factory=lambda: {"doctor_feedback": 8, "next_step": 5})
    work_start: dt.time = dt.time(8, 0)
    work_end: dt.time = dt.time(18, 0)
    working_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday..Friday
    off_hours_types: frozenset[str] = frozenset({"academic_event"})
    min_grade_inputs: int = 1  # of the doctor's own grading inputs (title, department, potential)


DEFAULT_RULES = DataQualityRules()


@dataclass(frozen=True, slots=True)
class VisitRecord:
    """One visit as the rules see it: times are local (company calendar), naive."""

    visit_id: str
    rep_id: str
    doctor_id: str
    institution_id: str
    visit_type: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    texts: Mapping[str, str | None]  # field name -> text (doctor_feedback, next_step, …)
    status: str = "submitted"
    amends_visit_id: str | None = None

    @property
    def day(self) -> dt.date:
        return self.started_at.date()


@dataclass(frozen=True, slots=True)
class DoctorInputs:
    """A doctor's own grading inputs (the hospital's level is the institution's)."""

    doctor_id: str
    institution_id: str
    rep_id: str  # the rep holding the doctor's territory ("" when none)
    title: str | None = None
    outpatient_per_month: int | None = None
    department_beds: int | None = None
    product_potential: Mapping[str, int] = field(default_factory=dict)

    def present(self) -> tuple[str, ...]:
        names = []
        if self.title and self.title.strip():
            names.append("title")
        if self.outpatient_per_month is not None:
            names.append("outpatient_per_month")
        if self.department_beds is not None:
            names.append("department_beds")
        if any(v is not None for v in self.product_potential.values()):
            names.append("product_potential")
        return tuple(names)


GRADE_INPUTS = ("title", "outpatient_per_month", "department_beds", "product_potential")


@dataclass(frozen=True, slots=True)
class PlanDay:
    """A day of a rep's weekly plan: how many visits were planned and done that day."""

    rep_id: str
    day: dt.date
    planned: int
    done: int  # planned visits marked done, plus submitted visits the rep made that day


@dataclass(frozen=True, slots=True)
class Exception_:
    kind: str
    rep_id: str
    day: dt.date | None  # None: a standing fact (a doctor's missing inputs)
    doctor_id: str = ""
    institution_id: str = ""
    detail: str = ""  # a code: the field, the reason
    values: tuple[str, ...] = ()  # what the detail names (times, counts, fields)
    visit_id: str = ""


def meaningful_chars(text: str | None) -> int:
    """Letters, digits and CJK characters in ``text`` (spaces and punctuation excluded)."""
    if not text:
        return 0
    return sum(1 for ch in text if unicodedata.category(ch)[0] in ("L", "N"))


def is_placeholder(text: str | None) -> bool:
    if text is None:
        return True
    stripped = "".join(ch for ch in text if unicodedata.category(ch)[0] in ("L", "N")).lower()
    return not stripped or stripped in PLACEHOLDERS


def _submitted(visits: Iterable[VisitRecord]) -> list[VisitRecord]:
    return [v for v in visits if v.status == "submitted"]


def thin_fields(visits: Iterable[VisitRecord], rules: DataQualityRules = DEFAULT_RULES) -> list[Exception_]:
    """A required field empty or a placeholder (missing), or shorter than its minimum (thin)."""
    out = []
    for v in _submitted(visits):
        for name in rules.required_fields:
            text = v.texts.get(name)
            values: tuple[str, ...]
            if is_placeholder(text):
                kind, values = MISSING_FIELD, ()
            elif meaningful_chars(text) < rules.min_chars.get(name, 0):
                kind, values = THIN_FIELD, (str(meaningful_chars(text)), str(rules.min_chars[name]))
            else:
                continue
            out.append(Exception_(kind, v.rep_id, v.day, v.doctor_id, v.institution_id, name, values,
                                  v.visit_id))
    return out


def outside_hours(visits: Iterable[VisitRecord], rules: DataQualityRules = DEFAULT_RULES) -> list[Exception_]:
    """Started before the working day, ended after it, or on a day off (weekend)."""
    out = []
    for v in _submitted(visits):
        if v.visit_type in rules.off_hours_types:
            continue
        end = v.ended_at or v.started_at
        if v.day.weekday() not in rules.working_weekdays:
            reason = "day_off"
        elif v.started_at.time() < rules.work_start:
            reason = "early"
        elif end.time() > rules.work_end or end.date() > v.day:
            reason = "late"
        else:
            continue
        times = (v.started_at.strftime("%H:%M"), end.strftime("%H:%M"))
        out.append(Exception_(OUTSIDE_HOURS, v.rep_id, v.day, v.doctor_id, v.institution_id, reason, times,
                              v.visit_id))
    return out


def duplicate_visits(visits: Iterable[VisitRecord]) -> list[Exception_]:
    """Two or more visits of one doctor on one day by the same rep (corrections excepted):
    one row per rep, doctor and day, naming the times."""
    groups: dict[tuple[str, str, dt.date], list[VisitRecord]] = defaultdict(list)
    for v in _submitted(visits):
        if v.amends_visit_id:
            continue
        groups[(v.rep_id, v.doctor_id, v.day)].append(v)
    out = []
    for (rep, doctor, day), same in sorted(groups.items()):
        if len(same) < 2:
            continue
        same.sort(key=lambda v: v.started_at)
        out.append(Exception_(DUPLICATE_VISIT, rep, day, doctor, same[0].institution_id, "count",
                              (str(len(same)), ", ".join(v.started_at.strftime("%H:%M") for v in same)),
                              same[0].visit_id))
    return out


def missing_grade_inputs(doctors: Iterable[DoctorInputs],
                         rules: DataQualityRules = DEFAULT_RULES) -> list[Exception_]:
    """Doctors with fewer of their own grading inputs than the rules ask: their grade
    rests on the hospital's level alone."""
    out = []
    for d in doctors:
        present = d.present()
        if len(present) < rules.min_grade_inputs:
            missing = tuple(name for name in GRADE_INPUTS if name not in present)
            out.append(Exception_(NO_GRADE_INPUTS, d.rep_id, None, d.doctor_id, d.institution_id,
                                  "missing", missing))
    return out


def plan_days_not_done(days: Iterable[PlanDay], today: dt.date) -> list[Exception_]:
    """Past days of a weekly plan with visits planned and nothing done (today is not
    over yet, so it is never listed)."""
    return [Exception_(PLAN_DAY_NOT_DONE, d.rep_id, d.day, detail="planned", values=(str(d.planned),))
            for d in sorted(days, key=lambda d: (d.day, d.rep_id))
            if d.day < today and d.planned > 0 and d.done == 0]


def exceptions(visits: Iterable[VisitRecord], doctors: Iterable[DoctorInputs], plan_days: Iterable[PlanDay],
               today: dt.date, rules: DataQualityRules = DEFAULT_RULES) -> list[Exception_]:
    """Every rule over the facts, sorted by day (standing facts last), kind and rep."""
    visits = list(visits)
    found = [*thin_fields(visits, rules), *outside_hours(visits, rules), *duplicate_visits(visits),
             *missing_grade_inputs(doctors, rules), *plan_days_not_done(plan_days, today)]
    return sorted(found, key=lambda e: (e.day is None, e.day or dt.date.min, KINDS.index(e.kind), e.rep_id,
                                        e.doctor_id, e.detail))
