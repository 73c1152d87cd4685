"""Evaluations for the desktop (no Qt): the form's data, saving, the list, the
evaluatee's acknowledgement and action items, the management views.

Reads take the replica ``Engine`` (run them on the read pool through ``Ops.query``);
writes take it too and must run on the writer thread (``Ops.write``). Every figure
comes from ``domain.evaluation``: the live total of the form is ``weighted_total``
(the function the server recomputes with) and the indicator snapshot is
``indicators_at`` over the replica's doctors, visits and plans of the month.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from domain.evaluation import (
    ACKNOWLEDGED,
    DRAFT,
    SUBMITTED,
    FieldError,
    Template,
    competency_trend,
    counts_per_evaluator_month,
    month_key,
    team_average,
    weighted_total,
)
from domain.evaluation_indicators import Indicators, indicators_at
from local_store import evaluation_writes
from local_store.evaluation_writes import EvaluationForm, EvaluationNotValid, ItemDraft
from local_store.read import evaluations as read
from local_store.read.evaluations import ActionItem, EvaluationRecord, ObservableVisit, Person
from local_store.read.plans import company_calendar
from local_store.state import local_user_id
from local_store.writes import InvalidLocalChange

__all__ = [
    "ACKNOWLEDGED",
    "DRAFT",
    "SUBMITTED",
    "TREND_MONTHS",
    "ActionItem",
    "EvaluationForm",
    "EvaluationNotValid",
    "EvaluationRecord",
    "FieldError",
    "FormData",
    "Indicators",
    "ItemDraft",
    "ListData",
    "ManagementData",
    "ObservableVisit",
    "Person",
    "Template",
    "acknowledge",
    "indicators_for",
    "list_data",
    "management_data",
    "my_open_items",
    "open_form",
    "save_form",
    "set_item_done",
    "today_evaluations",
    "visits_for",
    "weighted_total",
]

TREND_MONTHS = 24
REVIEW_DAYS = 7  # Today reminds a manager of the last week's visits nobody reviewed


def _business_today(conn: Any) -> dt.date:
    """Today in the company's calendar (its synced time zone), not the computer's."""
    return company_calendar(conn).today()


# --- the form ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormData:
    """What the form shows when it opens (or when the evaluatee or date changes)."""

    me: Person
    template: Template
    team: tuple[Person, ...]
    record: EvaluationRecord | None
    items: tuple[ActionItem, ...]
    evaluatee_id: uuid.UUID | None
    day: dt.date
    visits: tuple[ObservableVisit, ...]
    indicators: Indicators | None
    amends: EvaluationRecord | None = None
    today: dt.date = dt.date.max  # the company's today: no evaluation is dated later

    @property
    def locked(self) -> bool:
        return self.record is not None and self.record.locked


def _template_for(conn: Any, role: str, record: EvaluationRecord | None) -> Template | None:
    if record is not None:
        return read.template(conn, record.template_id)  # the version it was made with
    for t in read.active_templates(conn):
        if t.evaluator_role == role:
            return t
    return None


def open_form(engine: Engine, evaluation_id: uuid.UUID | None = None, *,
              evaluatee_id: uuid.UUID | None = None, day: dt.date | None = None,
              amends_id: uuid.UUID | None = None) -> FormData:
    """The form for a new evaluation (``evaluation_id`` None), an existing one, or a
    correction of ``amends_id`` (a new draft pre-filled from it)."""
    with engine.connect() as conn:
        me_id = local_user_id(conn)
        me = read.person(conn, me_id) if me_id is not None else None
        if me is None:
            raise InvalidLocalChange("sign in once online before evaluating", reason="no_user")
        record = read.evaluation_record(conn, evaluation_id) if evaluation_id else None
        amends = read.evaluation_record(conn, amends_id) if amends_id else None
        source = record or amends
        template = _template_for(conn, me.role, source)
        if template is None:
            raise InvalidLocalChange("no evaluation template for your role has been synced yet",
                                     reason="no_template")
        items = tuple(read.action_items(conn, [source.id])) if source is not None else ()
        evaluatee = source.evaluatee_id if source is not None else evaluatee_id
        today = _business_today(conn)
        day = source.eval_date if source is not None and amends is None else (
            day or (amends.eval_date if amends else today))
        team = tuple(read.team_of(conn, me.id))
        visits: tuple[ObservableVisit, ...] = ()
        indicators = None
        if evaluatee is not None:
            held = source.observed_visit_ids if source is not None else ()
            visits = tuple(read.observable_visits(conn, evaluatee_id=evaluatee, day=day,
                                                  extra_ids=held))
            indicators = _indicators(conn, evaluatee, day)
    return FormData(me, template, team, record, items, evaluatee, day, visits, indicators,
                    amends, today)


def _indicators(conn: Any, evaluatee_id: uuid.UUID, day: dt.date) -> Indicators | None:
    person = read.person(conn, evaluatee_id)
    if person is None:
        return None
    inputs = read.indicator_inputs(conn, person, day)
    return indicators_at(day, doctors=inputs.doctors, visits=inputs.visits,
                         planned=inputs.planned, rule=inputs.rule, people=inputs.people,
                         plan_known=inputs.plan_known)


def visits_for(engine: Engine, evaluatee_id: uuid.UUID, day: dt.date
               ) -> tuple[tuple[ObservableVisit, ...], Indicators | None]:
    """The observable visits and the indicator snapshot for a new evaluatee or date."""
    with engine.connect() as conn:
        visits = tuple(read.observable_visits(conn, evaluatee_id=evaluatee_id, day=day))
        return visits, _indicators(conn, evaluatee_id, day)


def indicators_for(engine: Engine, evaluatee_id: uuid.UUID, day: dt.date) -> Indicators | None:
    with engine.connect() as conn:
        return _indicators(conn, evaluatee_id, day)


def save_form(engine: Engine, form: EvaluationForm, *, evaluation_id: uuid.UUID | None,
              submit: bool) -> uuid.UUID:
    """Save (draft) or submit; raises ``EvaluationNotValid`` with every field's error."""
    with engine.begin() as conn:
        return evaluation_writes.save_evaluation_form(
            conn, form, evaluation_id=evaluation_id, submit=submit, today=_business_today(conn))


def acknowledge(engine: Engine, evaluation_id: uuid.UUID, comment: str) -> None:
    with engine.begin() as conn:
        evaluation_writes.acknowledge(conn, evaluation_id, comment)


def set_item_done(engine: Engine, item_id: uuid.UUID, done: bool, note: str = "") -> None:
    with engine.begin() as conn:
        evaluation_writes.set_action_item_done(conn, item_id, done, note)


# --- the list -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListRow:
    record: EvaluationRecord
    evaluator_name: str
    evaluatee_name: str
    mine: bool  # I wrote it
    about_me: bool
    open_items: int
    overdue_items: int


@dataclass(frozen=True, slots=True)
class ListData:
    me: Person
    rows: tuple[ListRow, ...]
    items: Mapping[uuid.UUID, tuple[ActionItem, ...]]
    templates: Mapping[uuid.UUID, Template]
    people: Mapping[uuid.UUID, Person]
    today: dt.date

    @property
    def pending_acknowledgements(self) -> tuple[ListRow, ...]:
        """Evaluations I submitted that the evaluatee has not acknowledged yet."""
        return tuple(r for r in self.rows if r.mine and r.record.status == SUBMITTED)

    @property
    def overdue(self) -> tuple[tuple[ListRow, ActionItem], ...]:
        """Open action items past their due date, of evaluations I wrote."""
        out = []
        for r in self.rows:
            if not r.mine:
                continue
            for item in self.items.get(r.record.id, ()):
                if item.done_at is None and item.due_date is not None and item.due_date < self.today:
                    out.append((r, item))
        return tuple(out)

    @property
    def to_acknowledge(self) -> tuple[ListRow, ...]:
        return tuple(r for r in self.rows if r.about_me and r.record.status == SUBMITTED)


def list_data(engine: Engine, today: dt.date | None = None) -> ListData:
    """Every evaluation of the replica with names, action items and templates."""
    with engine.connect() as conn:
        today = today or _business_today(conn)
        me_id = local_user_id(conn)
        people = read.people(conn)
        me = people.get(me_id) if me_id is not None else None
        if me is None:
            raise InvalidLocalChange("sign in once online before opening evaluations",
                                     reason="no_user")
        records = read.evaluation_records(conn)
        items: dict[uuid.UUID, list[ActionItem]] = {}
        for item in read.action_items(conn):
            items.setdefault(item.evaluation_id, []).append(item)
        template_ids = {r.template_id for r in records}
        templates = {tid: t for tid in template_ids if (t := read.template(conn, tid)) is not None}
    rows = []
    for r in records:
        if r.status == DRAFT and r.evaluator_id != me.id:
            continue  # a draft is the evaluator's until it is submitted
        own = items.get(r.id, [])
        rows.append(ListRow(
            r, _name(people, r.evaluator_id), _name(people, r.evaluatee_id), r.evaluator_id == me.id,
            r.evaluatee_id == me.id, sum(1 for i in own if i.done_at is None),
            sum(1 for i in own if i.done_at is None and i.due_date is not None and i.due_date < today)))
    return ListData(me, tuple(rows), {k: tuple(v) for k, v in items.items()}, templates, people,
                    today)


def _name(people: Mapping[uuid.UUID, Person], user_id: uuid.UUID) -> str:
    found = people.get(user_id)
    return found.name if found is not None else "—"


def my_open_items(engine: Engine) -> tuple[ActionItem, ...]:
    """My open action items (the evaluatee's Today), earliest due first."""
    with engine.connect() as conn:
        me = local_user_id(conn)
        if me is None:
            return ()
        return tuple(read.action_items(conn, evaluatee_id=me, open_only=True))


@dataclass(frozen=True, slots=True)
class TodayEvaluations:
    """What Today shows of evaluations: my open action items; for a manager, how many
    evaluations they made this month against the rule's target, and drafts to finish."""

    open_items: tuple[ActionItem, ...]
    made_this_month: int
    monthly_target: int | None
    drafts: int
    visits_to_review: int = 0  # the team's submitted visits of the last week not reviewed


def today_evaluations(engine: Engine, today: dt.date | None = None) -> TodayEvaluations:
    with engine.connect() as conn:
        calendar = company_calendar(conn)
        today = today or calendar.today()
        me = local_user_id(conn)
        if me is None:
            return TodayEvaluations((), 0, None, 0)
        items = tuple(read.action_items(conn, evaluatee_id=me, open_only=True))
        person = read.person(conn, me)
        target = read.monthly_targets(conn).get(person.role) if person is not None else None
        mine = [r for r in read.evaluation_records(conn, since=today.replace(day=1))
                if r.evaluator_id == me]
        to_review = 0
        if person is not None and person.role in ("dm", "rm"):
            week_ago = calendar.start_of(today - dt.timedelta(days=REVIEW_DAYS))
            to_review = read.visits_to_review(conn, me, week_ago)
    return TodayEvaluations(items, sum(1 for r in mine if r.locked), target,
                            sum(1 for r in mine if r.status == DRAFT), to_review)


# --- management views -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ManagementData:
    months: tuple[str, ...]  # "YYYY-MM", oldest first
    counts: Mapping[str, Mapping[str, int]]  # evaluator id -> month -> count
    targets: Mapping[str, int]  # evaluator id -> evaluations due a month (the template's rule)
    trend: Mapping[str, Mapping[str, float]]  # evaluatee id -> month -> mean score
    team_average: Mapping[str, float]
    people: Mapping[str, str]  # id -> name
    competencies: tuple[tuple[str, str, str], ...]  # (code, name, name_en) of the templates
    evaluators: tuple[str, ...] = field(default=())


def management_data(engine: Engine, *, code: str | None = None,
                    evaluatee_ids: Iterable[str] | None = None, months: int = TREND_MONTHS,
                    today: dt.date | None = None) -> ManagementData:
    """Counts per evaluator per month against the target, and the trend of ``code``
    (``None``: the total) per person over ``months`` months with the team average."""
    with engine.connect() as conn:
        today = today or _business_today(conn)
        since = read.months_back(today, months - 1)
        me = local_user_id(conn)
        scored = read.scored_evaluations(conn, since)
        people = read.people(conn)
        targets = read.monthly_targets(conn)
        templates = read.active_templates(conn)
        role = people[me].role if me is not None and me in people else ""
    wanted = set(evaluatee_ids) if evaluatee_ids is not None else None
    if wanted is not None:
        scored = [e for e in scored if e.evaluatee_id in wanted]
    month_list = []
    day = since
    while day <= today:
        month_list.append(month_key(day))
        day = read.months_back(day, -1)
    counts = counts_per_evaluator_month(scored)
    trend = competency_trend(scored, code)
    seen: dict[str, tuple[str, str, str]] = {}
    for t in templates:
        if role in ("rm", "admin") or t.evaluator_role == role:
            for c in t.competencies:
                seen.setdefault(c.code, (c.code, c.name, c.name_en))
    by_evaluator = {e: targets[people[uuid.UUID(e)].role] for e in counts
                    if uuid.UUID(e) in people and people[uuid.UUID(e)].role in targets}
    return ManagementData(
        tuple(month_list), counts, by_evaluator, trend, team_average(trend),
        {str(k): p.name for k, p in people.items()}, tuple(seen.values()),
        tuple(sorted(counts, key=lambda i: people.get(uuid.UUID(i), Person(
            uuid.UUID(i), i, "", None, None)).name)))
