"""Weekly plans read from the replica: a rep's week, a team's week, suggestion inputs.

Every boundary comes from the company calendar (``domain.calendar``) of the synced
frequency rule, never from the computer's zone; which visits count and which doctors
are targets come from the same rule (``domain.frequency``), and done / missed /
planned from ``domain.plans.planned_outcome``, the rule the server applies too.
Queries take a ``Connection`` and return frozen dataclasses; one statement per kind
of row, whatever the number of plans, so a DM's week of 12 reps costs the same few
queries as a rep's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar, week_days
from domain.frequency import FrequencyRule, default_frequency_rule, frequency_gap_on
from domain.plans import Outcome, adherence, shown_outcome
from domain.rule_versions import in_force
from domain.suggestions import Candidate
from local_store.replica import synced

plans_t = synced["visit_plans"]
planned_t = synced["planned_visits"]
visits_t = synced["visits"]
doctors_t = synced["doctors"]
institutions_t = synced["institutions"]
users_t = synced["users"]
rules_t = synced["frequency_rules"]


def frequency_rule(conn: Connection, today: dt.date | None = None) -> FrequencyRule:
    """The synced frequency rule in force ``today`` (the company calendar's today by
    default), or the default rule when none has synced yet."""
    rows = conn.execute(sa.select(rules_t).where(rules_t.c.active.is_(True), ~rules_t.c.deleted)
                        ).mappings().all()
    if not rows:
        return default_frequency_rule()

    def rule_of(row: Any) -> FrequencyRule:
        return FrequencyRule.from_row(row["visits_per_month"] or {},
                                      counted_types=row["counted_visit_types"],
                                      target_grades=row["target_grades"],
                                      time_zone=row["time_zone"], reminder_day=row["reminder_day"])

    newest = max(rows, key=lambda r: int(r["rule_version"]))
    day = today or CompanyCalendar(rule_of(newest).time_zone).today()
    chosen = in_force(((r["effective_from"], r["rule_version"], r) for r in rows), day)
    return rule_of(chosen if chosen is not None else newest)


def company_calendar(conn: Connection) -> CompanyCalendar:
    return CompanyCalendar(frequency_rule(conn).time_zone)


@dataclass(frozen=True, slots=True)
class PlannedVisitRow:
    id: uuid.UUID
    plan_id: uuid.UUID
    doctor_id: uuid.UUID
    doctor_name: str
    grade: str | None
    institution_id: uuid.UUID | None
    institution_name: str
    latitude: float | None
    longitude: float | None
    planned_date: dt.date
    route_order: int | None
    objective: str | None
    outcome: Outcome
    settled: bool = False  # ``outcome`` is the server's final answer


@dataclass(frozen=True, slots=True)
class UnplannedVisit:
    id: uuid.UUID
    doctor_name: str
    day: dt.date


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """One rep's week: the plan row (None: not started) and what happened."""

    rep_id: uuid.UUID
    rep_name: str
    territory_id: uuid.UUID | None
    week_start: dt.date
    plan_id: uuid.UUID | None = None
    status: str | None = None
    notes: str | None = None
    review_comment: str | None = None
    planned: tuple[PlannedVisitRow, ...] = ()
    unplanned: tuple[UnplannedVisit, ...] = ()

    def on(self, day: dt.date) -> list[PlannedVisitRow]:
        """The day's planned visits in route order (unordered ones last, by name)."""
        rows = [p for p in self.planned if p.planned_date == day]
        return sorted(rows, key=lambda p: (p.route_order is None, p.route_order or 0,
                                           p.institution_name, p.doctor_name))

    def counts(self) -> dict[Outcome, int]:
        out = {o: 0 for o in Outcome}
        for p in self.planned:
            out[p.outcome] += 1
        out[Outcome.UNPLANNED] = len(self.unplanned)
        return out

    @property
    def adherence(self) -> float | None:
        return adherence(p.outcome for p in self.planned)


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _utc(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    moment: dt.datetime = value
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def week_plans(conn: Connection, rep_ids: Sequence[uuid.UUID], monday: dt.date, *,
               now: dt.datetime | None = None,
               calendar: CompanyCalendar | None = None) -> list[WeekPlan]:
    """The week starting ``monday`` of each of ``rep_ids`` (in that order)."""
    if not rep_ids:
        return []
    calendar = calendar or company_calendar(conn)
    now = now or dt.datetime.now(dt.UTC)
    reps = {r.id: r for r in conn.execute(
        sa.select(users_t.c.id, users_t.c.display_name, users_t.c.territory_id)
        .where(users_t.c.id.in_(rep_ids)))}
    plans = {r.rep_id: r for r in conn.execute(
        sa.select(plans_t).where(plans_t.c.rep_id.in_(rep_ids), plans_t.c.week_start == monday,
                                 ~plans_t.c.deleted)
        .order_by(plans_t.c.updated_at))}
    plan_ids = [p.id for p in plans.values()]
    p, d, i, v = planned_t, doctors_t, institutions_t, visits_t
    linked: dict[uuid.UUID, list[str]] = defaultdict(list)
    planned_rows: dict[uuid.UUID, list[Any]] = defaultdict(list)
    if plan_ids:
        rows = conn.execute(
            sa.select(p.c.id, p.c.plan_id, p.c.doctor_id, p.c.planned_date, p.c.route_order,
                      p.c.objective, p.c.outcome, d.c.name.label("doctor_name"), d.c.grade,
                      p.c.institution_id.label("inst_id"),
                      i.c.name.label("inst_name"), i.c.latitude, i.c.longitude)
            .select_from(p.join(d, d.c.id == p.c.doctor_id).outerjoin(
                i, i.c.id == p.c.institution_id))
            .where(p.c.plan_id.in_(plan_ids), ~p.c.deleted)).all()
        for row in rows:
            planned_rows[row.plan_id].append(row)
        ids = [row.id for row in rows]
        if ids:
            for pv_id, status in conn.execute(
                    sa.select(v.c.planned_visit_id, v.c.status)
                    .where(v.c.planned_visit_id.in_(ids), ~v.c.deleted)):
                linked[_uuid(pv_id)].append(str(status))
    start, end = calendar.week(monday).naive()
    unplanned: dict[uuid.UUID, list[UnplannedVisit]] = defaultdict(list)
    wanted = set(rep_ids)
    # The week's visits by the started_at index, reps and links picked here: a rep_id or
    # "… IS NULL" filter in SQL makes SQLite walk the team's visits by that column's
    # index instead (every visit of the replica).
    for row in conn.execute(
            sa.select(v.c.id, v.c.rep_id, v.c.started_at, v.c.planned_visit_id,
                      v.c.amends_visit_id, d.c.name)
            .select_from(v.join(d, d.c.id == v.c.doctor_id))
            .where(~v.c.deleted, v.c.status == "submitted",
                   v.c.started_at >= start, v.c.started_at < end)
            .order_by(v.c.started_at)):
        if row.rep_id not in wanted or row.planned_visit_id is not None \
                or row.amends_visit_id is not None:
            continue
        unplanned[row.rep_id].append(
            UnplannedVisit(row.id, row.name, calendar.local_date(_utc(row.started_at))))
    out: list[WeekPlan] = []
    for rep_id in rep_ids:
        rep = reps.get(rep_id)
        plan = plans.get(rep_id)
        items = tuple(PlannedVisitRow(
            r.id, r.plan_id, r.doctor_id, r.doctor_name, r.grade,
            r.inst_id, r.inst_name or "", r.latitude, r.longitude, _date(r.planned_date) or monday,
            r.route_order, r.objective,
            shown_outcome(r.outcome, _date(r.planned_date) or monday, linked.get(r.id, ()), now,
                          calendar), r.outcome is not None)
            for r in (planned_rows.get(plan.id, []) if plan is not None else []))
        out.append(WeekPlan(
            rep_id=rep_id, rep_name=rep.display_name if rep else "",
            territory_id=rep.territory_id if rep else None, week_start=monday,
            plan_id=plan.id if plan else None, status=plan.status if plan else None,
            notes=plan.notes if plan else None,
            review_comment=plan.review_comment if plan else None,
            planned=items, unplanned=tuple(unplanned.get(rep_id, ()))))
    return out


def team_members(conn: Connection, manager_id: uuid.UUID) -> list[tuple[uuid.UUID, str, str]]:
    """(id, display name, role) of the users ``manager_id`` manages, by name."""
    return [(r.id, r.display_name, r.role) for r in conn.execute(
        sa.select(users_t.c.id, users_t.c.display_name, users_t.c.role)
        .where(users_t.c.manager_id == manager_id, users_t.c.active.is_(True), ~users_t.c.deleted)
        .order_by(users_t.c.display_name))]


@dataclass(frozen=True, slots=True)
class MonthAdherence:
    rep_id: uuid.UUID
    done: int
    missed: int
    planned: int

    @property
    def share(self) -> float | None:
        decided = self.done + self.missed
        return self.done / decided if decided else None


def month_adherence(conn: Connection, rep_ids: Sequence[uuid.UUID], day: dt.date, *,
                    now: dt.datetime | None = None,
                    calendar: CompanyCalendar | None = None) -> dict[uuid.UUID, MonthAdherence]:
    """Plan against actual over ``day``'s month, per rep (Team's adherence column)."""
    calendar = calendar or company_calendar(conn)
    now = now or dt.datetime.now(dt.UTC)
    month = calendar.month(day)
    p, v = planned_t, visits_t
    rows = conn.execute(
        sa.select(p.c.id, p.c.rep_id, p.c.planned_date, p.c.outcome)
        .where(p.c.rep_id.in_(rep_ids), ~p.c.deleted, p.c.planned_date >= month.first_day,
               p.c.planned_date <= month.last_day)).all()
    linked: dict[uuid.UUID, list[str]] = defaultdict(list)
    if rows:
        for pv_id, status in conn.execute(
                sa.select(v.c.planned_visit_id, v.c.status).where(
                    v.c.planned_visit_id.in_([r.id for r in rows]), ~v.c.deleted)):
            linked[_uuid(pv_id)].append(str(status))
    counts: dict[uuid.UUID, list[int]] = {r: [0, 0, 0] for r in rep_ids}
    for r in rows:
        outcome = shown_outcome(r.outcome, _date(r.planned_date) or day, linked.get(r.id, ()),
                                now, calendar)
        slot = {Outcome.DONE: 0, Outcome.MISSED: 1}.get(outcome, 2)
        counts[r.rep_id][slot] += 1
    return {rep: MonthAdherence(rep, *c) for rep, c in counts.items()}


@dataclass(frozen=True, slots=True)
class SuggestionInputs:
    candidates: list[Candidate]
    today: dt.date
    rule: FrequencyRule
    coordinates: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)


def suggestion_inputs(conn: Connection, territory_ids: Iterable[uuid.UUID], *,
                      today: dt.date | None = None) -> SuggestionInputs:
    """Every active doctor of ``territory_ids`` with what the ranking needs (four queries)."""
    rule = frequency_rule(conn, today)
    calendar = CompanyCalendar(rule.time_zone)
    today = today or calendar.today()
    territories = list(territory_ids)
    d, i, v = doctors_t, institutions_t, visits_t
    doctors = conn.execute(
        sa.select(d.c.id, d.c.name, d.c.grade, d.c.target_override, d.c.institution_id,
                  i.c.name.label("inst"), i.c.latitude, i.c.longitude)
        .select_from(d.outerjoin(i, i.c.id == d.c.institution_id))
        .where(d.c.territory_id.in_(territories), ~d.c.deleted, d.c.status == "active")).all()
    start, end = calendar.month(today).naive()
    counted = sa.and_(~v.c.deleted, v.c.status == "submitted", v.c.amends_visit_id.is_(None),
                      v.c.visit_type.in_(rule.counted_types),
                      v.c.territory_id.in_(territories))
    done: dict[Any, int] = dict(conn.execute(
        sa.select(v.c.doctor_id, sa.func.count()).where(
            counted, v.c.started_at >= start, v.c.started_at < end).group_by(v.c.doctor_id)).all())
    history = {r[0]: (r[1], r[2]) for r in conn.execute(
        sa.select(v.c.doctor_id, sa.func.max(v.c.started_at), sa.func.max(v.c.next_visit_date))
        .where(counted).group_by(v.c.doctor_id))}
    candidates: list[Candidate] = []
    coords: dict[str, tuple[float | None, float | None]] = {}
    for r in doctors:
        last_at, next_date = history.get(r.id, (None, None))
        last = calendar.local_date(_utc(last_at)) if last_at is not None else None
        nxt = _date(next_date)
        if nxt is not None and last is not None and nxt <= last:
            nxt = None
        gap = frequency_gap_on(r.grade, int(done.get(r.id, 0)), rule, today)
        key = r.id.hex
        inst_key = r.institution_id.hex if r.institution_id else None
        candidates.append(Candidate(
            key, r.name, inst_key, r.inst or "", r.grade,
            rule.is_target(r.grade, r.target_override), gap.required, gap.done,
            gap.expected_by_now, last, nxt))
        if inst_key is not None:
            coords[inst_key] = (r.latitude, r.longitude)
    return SuggestionInputs(candidates, today, rule, coords)


def days_of(monday: dt.date) -> list[dt.date]:
    return week_days(monday)


REMINDER_DAY_KEY = "reminders.day_of_month"  # the user's own reminder day (Settings)


@dataclass(frozen=True, slots=True)
class ReturnedPlan:
    plan_id: uuid.UUID
    week_start: dt.date
    comment: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class ReminderFacts:
    """What the device reminds a rep of today (``desktop.notifications``)."""

    today: dt.date
    day_start: dt.datetime  # today's start, UTC (reminders of the day are "at" it)
    reminder_day: int
    month_reminder_at: dt.datetime | None  # the reminder day's start once reached, else None
    behind: int  # target doctors behind (counted only from the reminder day)
    open_today: int  # today's planned visits without a logged visit
    returned: tuple[ReturnedPlan, ...]


def reminder_day(conn: Connection, rule: FrequencyRule) -> int:
    """The user's own reminder day when set in Settings, else the rule's."""
    from local_store.state import get_state

    own = get_state(conn, REMINDER_DAY_KEY)
    return int(own) if own and own.isdigit() and 1 <= int(own) <= 28 else rule.reminder_day


def reminder_facts(conn: Connection, me: uuid.UUID, *,
                   now: dt.datetime | None = None) -> ReminderFacts:
    rule = frequency_rule(conn)
    calendar = CompanyCalendar(rule.time_zone)
    today = calendar.today(now)
    day = reminder_day(conn, rule)
    user = conn.execute(sa.select(users_t.c.territory_id).where(users_t.c.id == me)).first()
    behind = 0
    month_at: dt.datetime | None = None
    if today.day >= day:
        month_at = calendar.start_of(today.replace(day=day))
        if user is not None and user.territory_id is not None:
            inputs = suggestion_inputs(conn, [user.territory_id], today=today)
            behind = sum(1 for c in inputs.candidates
                         if c.target and c.done < c.expected_by_now)
    p, v = planned_t, visits_t
    planned_ids = [r[0] for r in conn.execute(sa.select(p.c.id).where(
        p.c.rep_id == me, p.c.planned_date == today, ~p.c.deleted))]
    logged: set[uuid.UUID] = set()
    if planned_ids:
        logged = {r[0] for r in conn.execute(sa.select(v.c.planned_visit_id).where(
            v.c.planned_visit_id.in_(planned_ids), ~v.c.deleted))}
    returned = tuple(
        ReturnedPlan(r.id, _date(r.week_start) or today, r.review_comment or "", _utc(r.updated_at))
        for r in conn.execute(sa.select(plans_t.c.id, plans_t.c.week_start,
                                        plans_t.c.review_comment, plans_t.c.updated_at)
                              .where(plans_t.c.rep_id == me, plans_t.c.status == "returned",
                                     ~plans_t.c.deleted)))
    return ReminderFacts(today, calendar.start_of(today), day, month_at, behind,
                         len([i for i in planned_ids if i not in logged]), returned)
