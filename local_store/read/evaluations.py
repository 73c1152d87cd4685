"""Evaluations as the replica holds them: templates, the evaluator's team, the list,
one evaluation with its action items, the visits a form can name as observed, the
inputs of the indicator snapshot and the scored history for trends.

Plain frozen dataclasses out; ``desktop.evaluations`` composes them with
``domain.evaluation``. Days are business days in Asia/Shanghai (the company calendar):
a visit's UTC ``started_at`` is turned into a half-open UTC range per day or month.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar, LocalDays
from domain.evaluation import (
    LOCKED_STATUSES,
    ScoredEvaluation,
    Template,
    template_from_row,
)
from domain.evaluation_indicators import PlannedFact, TargetDoctor, VisitFact
from domain.frequency import FrequencyRule
from local_store.read.ids import stored_id
from local_store.read.plans import company_calendar, frequency_rule
from local_store.read.team import direct_reports
from local_store.replica import synced
from wire.in_lists import in_chunks
from wire.rows import plain_rows

evaluations_t = synced["evaluations"]
items_t = synced["evaluation_action_items"]
templates_t = synced["evaluation_templates"]
users_t = synced["users"]
territories_t = synced["territories"]
visits_t = synced["visits"]
companions_t = synced["visit_companions"]
doctors_t = synced["doctors"]
institutions_t = synced["institutions"]
planned_t = synced["planned_visits"]

SUBMITTED_VISIT = "submitted"


def day_range(calendar: CompanyCalendar, day: dt.date, days: int = 1
              ) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) in UTC of ``days`` company days from ``day``."""
    return calendar.start_of(day), calendar.start_of(day + dt.timedelta(days=days))


# --- people and templates --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    id: uuid.UUID
    name: str
    role: str
    district_id: uuid.UUID | None
    territory_id: uuid.UUID | None


def _person(row: Any) -> Person:
    return Person(row.id, row.display_name, row.role, row.district_id, row.territory_id)


def people(conn: Connection) -> dict[uuid.UUID, Person]:
    """Everyone the replica knows (names for lists), by id."""
    u = users_t
    rows = conn.execute(sa.select(u.c.id, u.c.display_name, u.c.role, u.c.district_id,
                                  u.c.territory_id).where(~u.c.deleted))
    return {r.id: _person(r) for r in rows}


def person(conn: Connection, user_id: uuid.UUID) -> Person | None:
    u = users_t
    row = conn.execute(sa.select(u.c.id, u.c.display_name, u.c.role, u.c.district_id,
                                 u.c.territory_id).where(u.c.id == user_id)).first()
    return None if row is None else _person(row)


def team_of(conn: Connection, manager_id: uuid.UUID) -> list[Person]:
    """Whom a manager evaluates (``local_store.read.team``: a DM the reps of their
    district, an RM the DMs of their region), by name."""
    return [_person(r) for r in direct_reports(conn, manager_id)]


def active_templates(conn: Connection) -> list[Template]:
    t = templates_t
    rows = conn.execute(sa.select(t).where(~t.c.deleted, t.c.active)
                        .order_by(t.c.code, t.c.template_version.desc())).mappings()
    return [template_from_row(dict(r)) for r in rows]


def template(conn: Connection, template_id: uuid.UUID) -> Template | None:
    t = templates_t
    row = conn.execute(sa.select(t).where(t.c.id == template_id)).mappings().first()
    return None if row is None else template_from_row(dict(row))


def monthly_targets(conn: Connection) -> dict[str, int]:
    """Evaluator role -> evaluations expected a month (the active templates' targets)."""
    t = templates_t
    out: dict[str, int] = {}
    for role, target in plain_rows(conn.execute(sa.select(t.c.evaluator_role, t.c.monthly_target)
                                                .where(~t.c.deleted, t.c.active))):
        if target is not None:
            out[role] = max(out.get(role, 0), int(target))
    return out


# --- evaluations ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActionItem:
    id: uuid.UUID
    evaluation_id: uuid.UUID
    evaluator_id: uuid.UUID
    evaluatee_id: uuid.UUID
    position: int
    text: str
    due_date: dt.date | None
    done_at: dt.datetime | None
    done_note: str | None


@dataclass(frozen=True, slots=True)
class EvaluationRecord:
    """One evaluation as stored (every column a form or a list needs)."""

    id: uuid.UUID
    template_id: uuid.UUID
    evaluator_id: uuid.UUID
    evaluatee_id: uuid.UUID
    kind: str
    eval_date: dt.date
    observed_visit_ids: tuple[str, ...]
    scores: dict[str, Any]
    total_score: float | None
    strengths: str | None
    improvements: str | None
    status: str
    submitted_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    evaluatee_comment: str | None
    indicators: dict[str, Any] | None
    amends_evaluation_id: uuid.UUID | None
    version: int

    @property
    def locked(self) -> bool:
        return self.status in LOCKED_STATUSES


def _record(r: Any) -> EvaluationRecord:
    return EvaluationRecord(
        id=r.id, template_id=r.template_id, evaluator_id=r.evaluator_id,
        evaluatee_id=r.evaluatee_id, kind=r.kind, eval_date=r.eval_date,
        observed_visit_ids=tuple(str(v) for v in (r.observed_visit_ids or ())),
        scores=dict(r.scores or {}), total_score=r.total_score, strengths=r.strengths,
        improvements=r.improvements, status=r.status, submitted_at=r.submitted_at,
        acknowledged_at=r.acknowledged_at, evaluatee_comment=r.evaluatee_comment,
        indicators=r.indicators, amends_evaluation_id=r.amends_evaluation_id,
        version=int(r.version))


def evaluation_records(conn: Connection, *, since: dt.date | None = None,
                       evaluatee_ids: Sequence[uuid.UUID] | None = None) -> list[EvaluationRecord]:
    """Every evaluation in the replica (newest first), optionally from ``since`` on."""
    e = evaluations_t
    query = sa.select(e).where(~e.c.deleted)
    if since is not None:
        query = query.where(e.c.eval_date >= since)
    if evaluatee_ids is not None:
        query = query.where(e.c.evaluatee_id.in_(list(evaluatee_ids)))
    return [_record(r) for r in conn.execute(query.order_by(e.c.eval_date.desc(), e.c.id))]


def evaluation_record(conn: Connection, evaluation_id: uuid.UUID) -> EvaluationRecord | None:
    e = evaluations_t
    row = conn.execute(sa.select(e).where(e.c.id == evaluation_id, ~e.c.deleted)).first()
    return None if row is None else _record(row)


def _item(r: Any) -> ActionItem:
    return ActionItem(r.id, r.evaluation_id, r.evaluator_id, r.evaluatee_id, int(r.position),
                      r.text, r.due_date, r.done_at, r.done_note)


def action_item(conn: Connection, item_id: uuid.UUID) -> ActionItem | None:
    i = items_t
    row = conn.execute(sa.select(i).where(i.c.id == item_id, ~i.c.deleted)).first()
    return None if row is None else _item(row)


def action_items(conn: Connection, evaluation_ids: Iterable[uuid.UUID] | None = None,
                 *, evaluatee_id: uuid.UUID | None = None,
                 open_only: bool = False) -> list[ActionItem]:
    """Action items, earliest due first. With ``evaluatee_id``: that person's items of
    submitted evaluations only (a draft is the evaluator's until it is submitted)."""
    i, e = items_t, evaluations_t
    query = sa.select(i).where(~i.c.deleted)
    if evaluation_ids is not None:
        query = query.where(i.c.evaluation_id.in_(list(evaluation_ids)))
    if evaluatee_id is not None:
        query = (query.join(e, e.c.id == i.c.evaluation_id)
                 .where(i.c.evaluatee_id == evaluatee_id, e.c.status.in_(sorted(LOCKED_STATUSES)),
                        ~e.c.deleted))
    if open_only:
        query = query.where(i.c.done_at.is_(None))
    return [_item(r) for r in conn.execute(query.order_by(i.c.due_date, i.c.position))]


# --- visits a form can name -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ObservableVisit:
    id: uuid.UUID
    rep_id: uuid.UUID
    started_at: dt.datetime
    doctor_name: str
    institution_name: str
    status: str
    companion_ids: frozenset[uuid.UUID]
    day: dt.date  # the company's calendar day of ``started_at``


def observable_visits(conn: Connection, *, evaluatee_id: uuid.UUID,
                      day: dt.date, extra_ids: Iterable[str] = ()) -> list[ObservableVisit]:
    """The visits on ``day`` the evaluatee took part in (their own, and those they
    accompanied: an RM evaluating a DM sees the reps' visits the DM rode along on), and
    any ``extra_ids`` already named (so a form shows what it holds). Who else came
    along (the evaluator, another manager) does not matter: a visit without the
    evaluatee is not theirs to be evaluated on (``domain.evaluation`` agrees).

    The day's visits are found through the ``started_at`` index first (a day of a
    district is a few dozen rows); an OR over rep, companion and id would make SQLite
    read every visit of the rep and every visit the evaluatee ever accompanied."""
    start, end = day_range(company_calendar(conn), day)
    v, c = visits_t, companions_t
    on_day = conn.execute(sa.select(v.c.id, v.c.rep_id, v.c.accompanied_by_id).where(
        v.c.started_at >= start, v.c.started_at < end, ~v.c.deleted)).all()
    day_ids = [r.id for r in on_day if r.rep_id != evaluatee_id and r.accompanied_by_id != evaluatee_id]
    along: set[uuid.UUID] = set()
    for chunk in in_chunks(day_ids):
        along.update(conn.execute(sa.select(c.c.visit_id).where(
            c.c.visit_id.in_(chunk), c.c.user_id == evaluatee_id, ~c.c.deleted)).scalars())
    wanted = {r.id for r in on_day if r.rep_id == evaluatee_id
              or r.accompanied_by_id == evaluatee_id or r.id in along}
    for value in extra_ids:
        try:
            wanted.add(uuid.UUID(str(value)))
        except ValueError:
            continue
    return visits_by_ids(conn, wanted)


def visit_territory(conn: Connection, visit_id: uuid.UUID) -> uuid.UUID | None:
    v = visits_t
    return conn.execute(sa.select(v.c.territory_id).where(v.c.id == visit_id)).scalar()


def visits_by_ids(conn: Connection, ids: Iterable[uuid.UUID]) -> list[ObservableVisit]:
    """These visits with names and companions, by start time (absent ids left out)."""
    wanted = list(ids)
    if not wanted:
        return []
    v, c, d, inst = visits_t, companions_t, doctors_t, institutions_t
    rows = conn.execute(
        sa.select(v.c.id, v.c.rep_id, v.c.started_at, v.c.status, v.c.accompanied_by_id,
                  d.c.name.label("doctor"), inst.c.name.label("institution"))
        .select_from(v.outerjoin(d, d.c.id == v.c.doctor_id)
                     .outerjoin(inst, inst.c.id == v.c.institution_id))
        .where(v.c.id.in_(wanted), ~v.c.deleted).order_by(v.c.started_at)).all()
    local_day = LocalDays(company_calendar(conn))
    companions: dict[uuid.UUID, set[uuid.UUID]] = {}
    for visit_id, user_id in plain_rows(conn.execute(sa.select(c.c.visit_id, c.c.user_id).where(
            c.c.visit_id.in_(wanted), ~c.c.deleted))):
        companions.setdefault(visit_id, set()).add(user_id)
    out = []
    for r in rows:
        who = companions.get(r.id, set())
        if r.accompanied_by_id is not None:
            who = who | {r.accompanied_by_id}
        out.append(ObservableVisit(r.id, r.rep_id, r.started_at, r.doctor or "",
                                   r.institution or "", r.status, frozenset(who),
                                   local_day(r.started_at)))
    return out


# --- indicator inputs -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorInputs:
    """What ``domain.evaluation.indicators_at`` needs, read for one evaluatee."""

    doctors: tuple[TargetDoctor, ...]
    visits: tuple[VisitFact, ...]
    planned: tuple[PlannedFact, ...]
    rule: FrequencyRule
    people: int
    plan_known: bool


def indicator_inputs(conn: Connection, evaluatee: Person, as_of: dt.date) -> IndicatorInputs:
    """A rep: their territory's doctors and their visits of the month to ``as_of``; a
    DM: their district's (every rep's), ``people`` = the reps counted."""
    t = territories_t
    if evaluatee.role == "dm" and evaluatee.district_id is not None:
        territory_ids: list[Any] = list(conn.execute(sa.select(t.c.id).where(
            t.c.district_id == evaluatee.district_id, ~t.c.deleted)).scalars())
        u = users_t
        rep_ids = list(conn.execute(sa.select(u.c.id).where(
            u.c.role == "rep", u.c.territory_id.in_(territory_ids), ~u.c.deleted)).scalars())
    else:
        territory_ids = [evaluatee.territory_id] if evaluatee.territory_id else []
        rep_ids = [evaluatee.id]
    d, v, p = doctors_t, visits_t, planned_t
    rule = frequency_rule(conn, as_of)  # the rule in force on the date
    # Ids as the replica stores them (hex text): the figures only match them up, and
    # building a UUID per doctor and visit was most of the snapshot's cost.
    doctors = tuple(TargetDoctor(doctor_id, grade, override) for doctor_id, grade, override
                    in plain_rows(conn.execute(sa.select(stored_id(d.c.id), d.c.grade,
                                                         d.c.target_override).where(
                        d.c.territory_id.in_(territory_ids), ~d.c.deleted,
                        d.c.status == "active"))))
    month_start = as_of.replace(day=1)
    calendar = company_calendar(conn)
    start, end = day_range(calendar, month_start, (as_of - month_start).days + 1)
    local_day = LocalDays(calendar)
    visits = tuple(
        VisitFact(doctor_id, local_day(started), quality, planned_id,
                  rule.counts_visit(status, visit_type, amends))
        for doctor_id, started, quality, planned_id, status, visit_type, amends in plain_rows(conn.execute(
            sa.select(stored_id(v.c.doctor_id), v.c.started_at, v.c.quality_score,
                      stored_id(v.c.planned_visit_id), v.c.status, v.c.visit_type,
                      stored_id(v.c.amends_visit_id))
            .where(v.c.rep_id.in_(rep_ids), v.c.started_at >= start, v.c.started_at < end,
                   v.c.status == SUBMITTED_VISIT, ~v.c.deleted))))
    planned = tuple(PlannedFact(planned_id, day) for planned_id, day in plain_rows(conn.execute(
        sa.select(stored_id(p.c.id), p.c.planned_date).where(
            p.c.rep_id.in_(rep_ids), p.c.planned_date >= month_start, p.c.planned_date <= as_of,
            ~p.c.deleted))))
    return IndicatorInputs(doctors, visits, planned, rule, max(len(rep_ids), 1), bool(planned))


def visits_to_review(conn: Connection, manager_id: uuid.UUID, since: dt.datetime) -> int:
    """Submitted visits of others since ``since`` that nobody has reviewed yet (a
    manager's reminder on Today)."""
    v, r = visits_t, synced["visit_reviews"]
    reviewed = sa.select(r.c.visit_id).where(~r.c.deleted)
    return int(conn.execute(sa.select(sa.func.count()).select_from(v).where(
        v.c.started_at >= since, v.c.status == SUBMITTED_VISIT, ~v.c.deleted,
        v.c.rep_id != manager_id, v.c.id.not_in(reviewed))).scalar_one())


# --- history for trends -----------------------------------------------------------------


def scored_evaluations(conn: Connection, since: dt.date) -> list[ScoredEvaluation]:
    """Submitted (and acknowledged) evaluations from ``since`` on, oldest first."""
    e = evaluations_t
    rows = conn.execute(sa.select(e.c.evaluator_id, e.c.evaluatee_id, e.c.eval_date, e.c.scores,
                                  e.c.total_score)
                        .where(~e.c.deleted, e.c.eval_date >= since,
                               e.c.status.in_(sorted(LOCKED_STATUSES)))
                        .order_by(e.c.eval_date))
    return [ScoredEvaluation(str(r.evaluator_id), str(r.evaluatee_id), r.eval_date,
                             r.scores or {}, r.total_score) for r in rows]


def months_back(today: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` before ``today``'s."""
    index = today.year * 12 + (today.month - 1) - months
    return dt.date(index // 12, index % 12 + 1, 1)
