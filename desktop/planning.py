"""Planning for the Plan page: weeks, suggestions, the week's split, day routes, reviews.

Functions of the replica (``Engine``) the page runs through ``desktop.ops.Ops``: reads
on the read pool, writes on the writer thread. They compose ``local_store.read.plans``
(queries), ``local_store.plans`` (edits with outbox entries) and the pure rules of
``domain`` (suggestion ranking, week split, route order). The dataclasses the page
shows are re-exported here so widgets import nothing below ``desktop``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from domain.calendar import CompanyCalendar, in_week, week_days, week_start
from domain.plans import EDITABLE_STATUSES, Outcome
from domain.route import Route, Stop, make_route
from domain.suggestions import Suggestion, rank, split_week
from local_store import plans as plan_writes
from local_store.plans import PlanRefused
from local_store.read.plans import (
    MonthAdherence,
    PlannedVisitRow,
    UnplannedVisit,
    WeekPlan,
    company_calendar,
    month_adherence,
    suggestion_inputs,
    team_members,
    week_plans,
)
from local_store.state import local_user_id
from local_store.writes import get_local_row

__all__ = [
    "DayRoute", "MonthAdherence", "Outcome", "PlanRefused", "PlannedVisitRow", "Route",
    "Suggestion", "UnplannedVisit", "WeekPlan", "WeekView", "in_week", "week_start",
]

DEFAULT_MAX_PER_DAY = 8
WORKING_DAYS = 5  # Monday to Friday unless the rep says otherwise
SUGGESTIONS_SHOWN = 60


@dataclass(frozen=True, slots=True)
class WeekView:
    """What the Plan page shows for one week."""

    me: uuid.UUID | None
    role: str
    week_start: dt.date
    today: dt.date
    plans: tuple[WeekPlan, ...]  # the rep's own, or the team's (managers)

    @property
    def days(self) -> list[dt.date]:
        return week_days(self.week_start)

    def mine(self) -> WeekPlan | None:
        return next((p for p in self.plans if p.rep_id == self.me), None)

    @property
    def editable(self) -> bool:
        plan = self.mine()
        return plan is not None and (plan.status is None or plan.status in EDITABLE_STATUSES)


def this_week(replica: Engine) -> tuple[dt.date, dt.date]:
    """(today, its Monday) in the company calendar."""
    with replica.connect() as conn:
        today = company_calendar(conn).today()
    return today, week_start(today)


def load_week(replica: Engine, monday: dt.date, *, role: str,
              now: dt.datetime | None = None) -> WeekView:
    """A rep's own week; a manager's team (every user they manage), by name."""
    with replica.connect() as conn:
        me = local_user_id(conn)
        calendar = company_calendar(conn)
        today = calendar.today(now)
        if me is None:
            return WeekView(None, role, monday, today, ())
        ids = [me] if role == "rep" else [uid for uid, _n, _r in team_members(conn, me)]
        plans = week_plans(conn, ids, monday, now=now, calendar=calendar)
    return WeekView(me, role, monday, today, tuple(plans))


def suggestions(replica: Engine, monday: dt.date, *, day: dt.date | None = None,
                limit: int = SUGGESTIONS_SHOWN, today: dt.date | None = None) -> list[Suggestion]:
    """The signed-in rep's doctors to plan this week, best first (``domain.suggestions``);
    ``day`` favours institutions already planned that day."""
    with replica.connect() as conn:
        me = local_user_id(conn)
        user = get_local_row(conn, "users", me) if me else None
        territory = user.get("territory_id") if user else None
        if territory is None:
            return []
        inputs = suggestion_inputs(conn, [territory], today=today)
        plan = week_plans(conn, [me], monday)[0] if me else None
    planned = frozenset(p.doctor_id.hex for p in plan.planned) if plan else frozenset()
    same_day = frozenset(p.institution_id.hex for p in plan.planned
                         if p.institution_id is not None and p.planned_date == day) \
        if plan and day else frozenset()
    return rank(inputs.candidates, today=inputs.today, week_end=monday + dt.timedelta(days=6),
                planned_keys=planned, institutions_that_day=same_day, limit=limit)


# --- edits (writer thread) ------------------------------------------------------------

def plan_doctor(replica: Engine, monday: dt.date, doctor_id: uuid.UUID, day: dt.date) -> uuid.UUID:
    with replica.begin() as conn:
        plan_id = plan_writes.ensure_week_plan(conn, monday)
        return plan_writes.add_planned_visit(conn, plan_id, doctor_id, day)


def move_visit(replica: Engine, planned_visit_id: uuid.UUID, day: dt.date) -> None:
    with replica.begin() as conn:
        plan_writes.move_planned_visit(conn, planned_visit_id, day)


def remove_visit(replica: Engine, planned_visit_id: uuid.UUID) -> None:
    with replica.begin() as conn:
        plan_writes.remove_planned_visit(conn, planned_visit_id)


def auto_fill_week(replica: Engine, monday: dt.date, *, days: int = WORKING_DAYS,
                   max_per_day: int = DEFAULT_MAX_PER_DAY) -> int:
    """Fill the week from the best suggestions: ``days`` working days from Monday (not
    before today), up to ``max_per_day`` doctors each, doctors of one institution on one
    day. Returns how many visits were planned."""
    today, _ = this_week(replica)
    open_days = [d for d in week_days(monday)[:days] if d >= today]
    if not open_days:
        return 0
    view = load_week(replica, monday, role="rep")
    plan = view.mine()
    taken = {d: len(plan.on(d)) if plan else 0 for d in open_days}
    room = sum(max(0, max_per_day - n) for n in taken.values())
    if room == 0:
        return 0
    ranked = suggestions(replica, monday, limit=room)
    spread = split_week([(s.key, s.candidate.institution_key) for s in ranked], open_days,
                        max_per_day)
    for day, count in taken.items():  # keep each day's cap with what is already there
        keys = [k for k, d in spread.items() if d == day]
        for key in keys[max(0, max_per_day - count):]:
            del spread[key]
    with replica.begin() as conn:
        plan_id = plan_writes.ensure_week_plan(conn, monday)
        plan_writes.apply_split(conn, plan_id, {uuid.UUID(k): d for k, d in spread.items()})
    return len(spread)


def submit_week(replica: Engine, plan_id: uuid.UUID) -> None:
    with replica.begin() as conn:
        plan_writes.submit_plan(conn, plan_id)


def review_week(replica: Engine, plan_id: uuid.UUID, *, approve: bool,
                comment: str | None = None) -> None:
    with replica.begin() as conn:
        plan_writes.review_plan(conn, plan_id, approve=approve, comment=comment)


def reorder_day(replica: Engine, ordered: Sequence[uuid.UUID]) -> None:
    with replica.begin() as conn:
        plan_writes.set_route_order(conn, ordered)


def reset_day_order(replica: Engine, planned_visit_ids: Sequence[uuid.UUID]) -> None:
    with replica.begin() as conn:
        plan_writes.reset_route_order(conn, planned_visit_ids)


# --- routes -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DayRoute:
    """A day's route: the stops in order and the planned visits of each stop."""

    day: dt.date
    route: Route
    visits_by_stop: dict[str, tuple[PlannedVisitRow, ...]]

    @property
    def planned_ids_in_order(self) -> list[uuid.UUID]:
        return [p.id for s in self.route.stops for p in self.visits_by_stop.get(s.key, ())]


def day_route(plan: WeekPlan, day: dt.date) -> DayRoute:
    """The day's route (pure: from the loaded week): the rep's own order when they set
    one, the shortest otherwise; doctors of one institution are one stop."""
    rows = plan.on(day)
    manual = bool(rows) and all(r.route_order is not None for r in rows)
    by_stop: dict[str, list[PlannedVisitRow]] = {}
    stops: list[Stop] = []
    for r in rows:
        key = r.institution_id.hex if r.institution_id else f"doctor:{r.doctor_id.hex}"
        if key not in by_stop:
            by_stop[key] = []
            stops.append(Stop(key, r.institution_name or r.doctor_name, r.latitude, r.longitude))
        by_stop[key].append(r)
    stops = [Stop(s.key, s.name, s.latitude, s.longitude,
                  tuple(p.doctor_name for p in by_stop[s.key])) for s in stops]
    return DayRoute(day, make_route(stops, manual=manual),
                    {k: tuple(v) for k, v in by_stop.items()})


def week_route_stats(plan: WeekPlan) -> tuple[float, int, int]:
    """(distance km, stops, planned visits) over the week: the rep's route statistics."""
    distance = 0.0
    stops = visits = 0
    for day in week_days(plan.week_start):
        r = day_route(plan, day)
        distance += r.route.distance_km
        stops += len(r.route.stops)
        visits += sum(len(v) for v in r.visits_by_stop.values())
    return distance, stops, visits


def team_adherence(replica: Engine, day: dt.date | None = None) -> dict[uuid.UUID, MonthAdherence]:
    """Plan adherence this month of every user the signed-in manager manages."""
    with replica.connect() as conn:
        me = local_user_id(conn)
        if me is None:
            return {}
        calendar: CompanyCalendar = company_calendar(conn)
        ids = [uid for uid, _n, _r in team_members(conn, me)]
        return month_adherence(conn, ids, day or calendar.today(), calendar=calendar)
