"""Doctor list, rows and detail for the Doctors screen, read from the replica.

The list is two steps, as in Anki's browser: ``doctor_ids`` returns only the ids
matching the filters, in display order (cheap, even for 100k doctors), and
``doctor_rows`` fetches the display fields of the few ids on screen in one query.
Ids travel as 32-character hex strings (``DoctorKey``): turning 100k database values
into ``uuid.UUID`` objects would cost more than the query itself.

"This month" is the month of ``today`` in the company calendar (``domain.calendar``,
the synced frequency rule's time zone, never the computer's); visits are stored in
UTC, so the month's bounds are converted before comparing. A visit counts as the
frequency rule says (``FrequencyRule.counts_visit``: submitted, not a correction, of a
counted type), and only target doctors can be behind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar
from domain.frequency import COUNTED_STATUS, FrequencyGap, FrequencyRule, frequency_gap
from local_store.read.doctor_index import (
    DoctorIndex,
    DoctorKey,
    IndexFilter,
    behind_keys,
    load_doctor_index,
)
from local_store.read.ids import stored_id
from local_store.read.plans import frequency_rule
from local_store.replica import synced

Order = Literal["name", "grade"]

doctors_t = synced["doctors"]
institutions_t = synced["institutions"]
departments_t = synced["departments"]
visits_t = synced["visits"]
planned_t = synced["planned_visits"]


def key_of(value: uuid.UUID | str) -> DoctorKey:
    """Any spelling of a uuid -> the replica's hex form."""
    return value.hex if isinstance(value, uuid.UUID) else uuid.UUID(str(value)).hex



@dataclass(frozen=True, slots=True)
class MonthWindow:
    """This month's bounds in UTC and how far into it ``today`` is."""

    start: dt.datetime
    end: dt.datetime
    day: int
    days: int

    @classmethod
    def of(cls, today: dt.date, company: CompanyCalendar | None = None) -> MonthWindow:
        span = (company or CompanyCalendar()).month(today)
        start, end = span.naive()
        return cls(start, end, today.day, span.days)


@dataclass(frozen=True, slots=True)
class DoctorFilter:
    """What the filter bar asks for; None/empty means "any"."""

    query: str = ""
    institution_id: DoctorKey | None = None
    department_id: DoctorKey | None = None
    title: str | None = None
    grade: str | None = None
    behind: bool = False
    include_inactive: bool = False
    order: Order = "name"


@dataclass(frozen=True, slots=True)
class DoctorRow:
    """One line of the doctors table."""

    id: DoctorKey
    name: str
    institution: str
    department: str
    title: str | None
    grade: str | None
    visits_this_month: int
    required: int
    expected_by_now: int
    behind: bool
    last_visit: dt.datetime | None


@dataclass(frozen=True, slots=True)
class VisitItem:
    id: DoctorKey
    started_at: dt.datetime
    visit_type: str
    status: str
    purpose: str | None
    result: str | None
    rep_name: str | None


@dataclass(frozen=True, slots=True)
class PlannedItem:
    id: DoctorKey
    planned_date: dt.date
    objective: str | None
    status: str


@dataclass(frozen=True, slots=True)
class DoctorDetail:
    id: DoctorKey
    profile: dict[str, Any]
    grade: str | None
    grade_score: float | None
    explanation: list[dict[str, Any]]
    gap: FrequencyGap
    visits: list[VisitItem] = field(default_factory=list)
    upcoming: list[PlannedItem] = field(default_factory=list)
    # The manager's mark (True always / False never / None by grade) and what it gives.
    target_override: bool | None = None
    is_target: bool = False


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """Choices for the filter bar: only values some doctor in the replica has."""

    institutions: list[tuple[DoctorKey, str]]
    departments: list[tuple[DoctorKey, DoctorKey, str]]  # (id, institution id, name)
    titles: list[str]
    grades: list[str]


def active_frequency_rule(conn: Connection) -> FrequencyRule:
    """The synced frequency rule in force, or the default (``read.plans.frequency_rule``)."""
    return frequency_rule(conn)


def _today(conn: Connection, rule: FrequencyRule, today: dt.date | None) -> dt.date:
    return today or CompanyCalendar(rule.time_zone).today()


def _counted_visits(rule: FrequencyRule, window: MonthWindow | None = None
                    ) -> sa.ColumnElement[bool]:
    """Visits that count toward frequency (same rule as ``doctor_index.behind_keys``)."""
    cond = sa.and_(~visits_t.c.deleted, visits_t.c.amends_visit_id.is_(None),
                   visits_t.c.status == COUNTED_STATUS,
                   visits_t.c.visit_type.in_(rule.counted_types))
    if window is not None:
        cond = sa.and_(cond, visits_t.c.started_at >= window.start,
                       visits_t.c.started_at < window.end)
    return cond


def to_index_filter(flt: DoctorFilter) -> IndexFilter:
    return IndexFilter(query=flt.query,
                       institution_id=key_of(flt.institution_id) if flt.institution_id else None,
                       department_id=key_of(flt.department_id) if flt.department_id else None,
                       title=flt.title or None, grade=flt.grade or None,
                       include_inactive=flt.include_inactive, order=flt.order)


def behind_set(conn: Connection, index: DoctorIndex, today: dt.date | None = None) -> set[DoctorKey]:
    """Doctors behind on frequency today (see ``domain.frequency``)."""
    rule = active_frequency_rule(conn)
    window = MonthWindow.of(_today(conn, rule, today), CompanyCalendar(rule.time_zone))
    return behind_keys(conn, index, rule, window.start, window.end, window.day, window.days)


def doctor_ids(conn: Connection, flt: DoctorFilter, today: dt.date | None = None, *,
               index: DoctorIndex | None = None) -> list[DoctorKey]:
    """Ids of the doctors matching ``flt``, in display order (name = pinyin order).

    ``index``: a snapshot already loaded (the screen keeps one); loaded here otherwise.
    """
    index = index if index is not None else load_doctor_index(conn)
    behind = behind_set(conn, index, today) if flt.behind else None
    return index.select(to_index_filter(flt), behind)


def doctor_rows(conn: Connection, ids: Sequence[DoctorKey],
                today: dt.date | None = None) -> dict[DoctorKey, DoctorRow]:
    """Display fields of ``ids`` in ONE query (ids the replica lacks are absent)."""
    if not ids:
        return {}
    rule = active_frequency_rule(conn)
    window = MonthWindow.of(_today(conn, rule, today), CompanyCalendar(rule.time_zone))
    d, i, dep, v = doctors_t, institutions_t, departments_t, visits_t
    done = (sa.select(sa.func.count()).select_from(v)
            .where(v.c.doctor_id == d.c.id, _counted_visits(rule, window)).scalar_subquery())
    last = (sa.select(sa.func.max(v.c.started_at))
            .where(v.c.doctor_id == d.c.id, _counted_visits(rule)).scalar_subquery())
    q = (sa.select(stored_id(d.c.id).label("key"), d.c.name, d.c.title, d.c.grade,
                   d.c.target_override,
                   i.c.name.label("inst"), dep.c.name.label("dept"),
                   done.label("done"), last.label("last"))
         .select_from(d.outerjoin(i, i.c.id == d.c.institution_id)
                      .outerjoin(dep, dep.c.id == d.c.department_id))
         .where(stored_id(d.c.id).in_([key_of(k) for k in ids])))
    out: dict[DoctorKey, DoctorRow] = {}
    for r in conn.execute(q):
        gap = frequency_gap(r.grade, int(r.done or 0), rule, window.day, window.days)
        last_visit = _as_datetime(r.last)
        out[str(r.key)] = DoctorRow(
            id=str(r.key), name=r.name, institution=r.inst or "", department=r.dept or "",
            title=r.title, grade=r.grade, visits_this_month=gap.done, required=gap.required,
            expected_by_now=gap.expected_by_now,
            behind=gap.behind and rule.is_target(r.grade, r.target_override),
            last_visit=last_visit)
    return out


def _as_datetime(value: Any) -> dt.datetime | None:
    """max() over a DateTime column comes back as text in SQLite; read it as UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value if isinstance(value, dt.datetime) else None


def doctor_detail(conn: Connection, doctor_id: DoctorKey | uuid.UUID,
                  today: dt.date | None = None, *, history: int = 50) -> DoctorDetail | None:
    """Profile, grade with its explanation, frequency gap, last ``history`` visits
    (newest first) and upcoming planned visits of one doctor; None if not in the replica."""
    rule = active_frequency_rule(conn)
    today = _today(conn, rule, today)
    key = key_of(doctor_id)
    d, i, dep = doctors_t, institutions_t, departments_t
    row = conn.execute(
        sa.select(d, i.c.name.label("institution_name"), i.c.level.label("institution_level"),
                  dep.c.name.label("department_name"))
        .select_from(d.outerjoin(i, i.c.id == d.c.institution_id)
                     .outerjoin(dep, dep.c.id == d.c.department_id))
        .where(stored_id(d.c.id) == key, ~d.c.deleted)).mappings().first()
    if row is None:
        return None
    profile = dict(row)
    potential = profile.get("product_potential") or {}
    if isinstance(potential, dict) and potential:
        products = synced["products"]
        names = {str(pid): name for pid, name in conn.execute(
            sa.select(products.c.id, products.c.name))}
        profile["product_potential_named"] = sorted(
            ((names.get(_uuid_text(k), k), int(v)) for k, v in potential.items()),
            key=lambda kv: -kv[1])
        profile["product_potential_ids"] = [
            _uuid_text(k) for k, _v in sorted(potential.items(), key=lambda kv: -int(kv[1]))
            if _uuid_text(k) in names]
    rows = doctor_rows(conn, [key], today)
    window = MonthWindow.of(today, CompanyCalendar(rule.time_zone))
    done = rows[key].visits_this_month if key in rows else 0
    gap = frequency_gap(row["grade"], done, rule, window.day, window.days)
    is_target = rule.is_target(row["grade"], row["target_override"])
    if gap.behind and not is_target:
        gap = dataclasses.replace(gap, behind=False)  # as the list: only targets fall behind

    users = synced["users"]
    v = visits_t
    visits = [VisitItem(str(r.key), _as_datetime(r.started_at) or dt.datetime.min.replace(tzinfo=dt.UTC),
                        r.visit_type, r.status, r.purpose, r.result, r.rep_name)
              for r in conn.execute(
                  sa.select(stored_id(v.c.id).label("key"), v.c.started_at, v.c.visit_type, v.c.status,
                            v.c.purpose, v.c.result, users.c.display_name.label("rep_name"))
                  .select_from(v.outerjoin(users, users.c.id == v.c.rep_id))
                  .where(stored_id(v.c.doctor_id) == key, ~v.c.deleted)
                  .order_by(v.c.started_at.desc()).limit(history))]
    p = planned_t
    upcoming = [PlannedItem(str(r.key), r.planned_date, r.objective, r.status)
                for r in conn.execute(
                    sa.select(stored_id(p.c.id).label("key"), p.c.planned_date, p.c.objective, p.c.status)
                    .where(stored_id(p.c.doctor_id) == key, ~p.c.deleted, p.c.planned_date >= today,
                           p.c.status == "planned")
                    .order_by(p.c.planned_date, p.c.route_order))]
    explanation = row["grade_explanation"] if isinstance(row["grade_explanation"], list) else []
    return DoctorDetail(id=key, profile=profile, grade=row["grade"], grade_score=row["grade_score"],
                        explanation=explanation, gap=gap, visits=visits, upcoming=upcoming,
                        target_override=row["target_override"], is_target=is_target)


def _uuid_text(text: str) -> str:
    """A product key as ``str(uuid)`` when it is a uuid (any spelling), else unchanged."""
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return text


def filter_options(conn: Connection) -> FilterOptions:
    """Institutions, departments, titles and grades that live doctors in the replica have."""
    d, i, dep = doctors_t, institutions_t, departments_t
    live = ~d.c.deleted
    inst_ids = sa.select(d.c.institution_id).where(live).distinct()
    dept_ids = sa.select(d.c.department_id).where(live, d.c.department_id.is_not(None)).distinct()
    institutions = [(str(k), str(n)) for k, n in conn.execute(
        sa.select(stored_id(i.c.id), i.c.name).where(i.c.id.in_(inst_ids), ~i.c.deleted)
        .order_by(i.c.name))]
    departments = [(str(k), str(ik), str(n)) for k, ik, n in conn.execute(
        sa.select(stored_id(dep.c.id), stored_id(dep.c.institution_id), dep.c.name)
        .where(dep.c.id.in_(dept_ids), ~dep.c.deleted).order_by(dep.c.name))]
    titles = [str(t) for (t,) in conn.execute(
        sa.select(d.c.title).where(live, d.c.title.is_not(None)).distinct().order_by(d.c.title))]
    grades = [str(g) for (g,) in conn.execute(
        sa.select(d.c.grade).where(live, d.c.grade.is_not(None)).distinct().order_by(d.c.grade))]
    return FilterOptions(institutions, departments, titles, grades)


def doctor_count(conn: Connection) -> int:
    """Live doctors in the replica (0 = never synced: the screen shows its empty state)."""
    return int(conn.execute(sa.select(sa.func.count()).select_from(doctors_t)
                            .where(~doctors_t.c.deleted)).scalar_one())
