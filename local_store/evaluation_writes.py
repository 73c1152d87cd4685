"""Local edits of evaluations: the form (evaluation and its action items in one
transaction, each with its outbox entry), acknowledgement, action items done.

The form is checked on the device with the same ``domain.evaluation`` rules the server
applies (team, scale, observed visits, every score on submit), so the evaluator sees
each problem next to its field before anything is queued; the total is the domain's
weighted total (the server recomputes and stores its own, the same number). A
submitted evaluation is locked here as on the server: corrections are new
evaluations linked by ``amends_evaluation_id``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from domain.evaluation import (
    ACKNOWLEDGED,
    DRAFT,
    SUBMITTED,
    FieldError,
    ObservedVisit,
    Template,
    validate_evaluation,
    weighted_total,
)
from local_store.errors import NotInReplica
from local_store.read import evaluations as read
from local_store.state import local_user_id, utcnow
from local_store.writes import InvalidLocalChange, RowLocked, record_local_change


class EvaluationNotValid(InvalidLocalChange):
    """The form breaks the evaluation rules; ``errors`` holds each, by field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(" ".join(e.message for e in errors), field=errors[0].field,
                         reason=errors[0].code)
        self.errors = errors


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """An action item as the form holds it (``id`` None: new)."""

    text: str
    due_date: dt.date | None = None
    id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class EvaluationForm:
    """Everything the evaluator typed, as the form hands it over."""

    template_id: uuid.UUID
    evaluatee_id: uuid.UUID | None
    eval_date: dt.date | None
    scores: Mapping[str, Any]
    observed_visit_ids: Sequence[str] = ()
    strengths: str = ""
    improvements: str = ""
    items: Sequence[ItemDraft] = ()
    indicators: Mapping[str, Any] | None = None
    amends_evaluation_id: uuid.UUID | None = None


def check_form(conn: Connection, form: EvaluationForm, *, evaluator_id: uuid.UUID,
               submitting: bool, today: dt.date | None = None,
               template: Template | None = None) -> list[FieldError]:
    """Every problem of ``form`` against the replica (team, template, visits)."""
    tmpl = template or read.template(conn, form.template_id)
    if tmpl is None:
        return [FieldError("template_id", "unknown_template", "The template is not available.")]
    team = [str(p.id) for p in read.team_of(conn, evaluator_id)]
    visits: dict[str, ObservedVisit] = {}
    ids = []
    for value in form.observed_visit_ids:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue  # reported as an unknown visit
    if ids:
        for v in read.visits_by_ids(conn, ids):
            visits[str(v.id)] = ObservedVisit(str(v.id), str(v.rep_id), v.day,
                                              frozenset(str(c) for c in v.companion_ids))
    errors = validate_evaluation(
        template=tmpl, evaluator_id=str(evaluator_id),
        evaluatee_id=str(form.evaluatee_id) if form.evaluatee_id else None, team_ids=team,
        eval_date=form.eval_date, scores=form.scores,
        observed_visit_ids=[str(v) for v in form.observed_visit_ids], visits=visits,
        submitting=submitting, today=today)
    for i, item in enumerate(form.items):
        if not item.text.strip():
            errors.append(FieldError(f"items.{i}", "required", "An action item needs a text."))
        elif len(item.text) > 1000:
            errors.append(FieldError(f"items.{i}", "too_long",
                                     "An action item is at most 1000 characters."))
        elif submitting and item.due_date is not None and form.eval_date is not None \
                and item.due_date < form.eval_date:
            errors.append(FieldError(f"items.{i}", "due_before_date",
                                     "An action item is due on or after the evaluation date."))
    return errors


def save_evaluation_form(conn: Connection, form: EvaluationForm, *,
                         evaluation_id: uuid.UUID | None = None, submit: bool = False,
                         today: dt.date | None = None) -> uuid.UUID:
    """Save the form as a draft (``submit=False``) or submit it (locks it); returns the
    evaluation id. Raises ``EvaluationNotValid`` (nothing written) or ``RowLocked``."""
    me = local_user_id(conn)
    if me is None:
        raise InvalidLocalChange("sign in once before evaluating", reason="no_user")
    existing = read.evaluation_record(conn, evaluation_id) if evaluation_id else None
    if existing is not None and (existing.locked or existing.evaluator_id != me):
        raise RowLocked("this evaluation is submitted and locked; record a correction as a "
                        "new evaluation", table="evaluations")
    tmpl = read.template(conn, form.template_id)
    errors = check_form(conn, form, evaluator_id=me, submitting=submit, today=today,
                        template=tmpl)
    if errors:
        raise EvaluationNotValid(errors)
    assert tmpl is not None
    fields: dict[str, Any] = {
        "template_id": form.template_id, "evaluator_id": me, "evaluatee_id": form.evaluatee_id,
        "kind": tmpl.kind, "eval_date": form.eval_date,
        "observed_visit_ids": [str(v) for v in form.observed_visit_ids],
        "scores": dict(form.scores), "total_score": weighted_total(tmpl, form.scores),
        "strengths": form.strengths or None, "improvements": form.improvements or None,
        "action_plan": "\n".join(i.text for i in form.items) or None,
        "status": SUBMITTED if submit else DRAFT,
        "indicators": dict(form.indicators) if form.indicators is not None else None,
        "amends_evaluation_id": form.amends_evaluation_id,
    }
    if submit:
        fields["submitted_at"] = utcnow()
    with conn.begin_nested():
        if existing is None:
            evaluation_id = record_local_change(conn, "evaluations", evaluation_id, "insert",
                                                {k: v for k, v in fields.items() if v is not None})
        else:
            record_local_change(conn, "evaluations", evaluation_id, "update", fields)
        assert evaluation_id is not None
        _save_items(conn, evaluation_id, me, form, new=existing is None)
        if submit:
            record_companion(conn, me, form.observed_visit_ids)
    return evaluation_id


def _save_items(conn: Connection, evaluation_id: uuid.UUID, me: uuid.UUID,
                form: EvaluationForm, *, new: bool) -> None:
    stored = {} if new else {i.id: i for i in read.action_items(conn, [evaluation_id])}
    kept: set[uuid.UUID] = set()
    for position, item in enumerate(form.items, 1):
        values = {"text": item.text.strip(), "due_date": item.due_date, "position": position}
        old = stored.get(item.id) if item.id is not None else None
        if old is None:
            record_local_change(conn, "evaluation_action_items", item.id, "insert", {
                **{k: v for k, v in values.items() if v is not None},
                "evaluation_id": evaluation_id, "evaluator_id": me,
                "evaluatee_id": form.evaluatee_id})
            continue
        kept.add(old.id)
        changed = {k: v for k, v in values.items() if getattr(old, k) != v}
        if changed:
            record_local_change(conn, "evaluation_action_items", old.id, "update", changed)
    for item_id in stored.keys() - kept:
        record_local_change(conn, "evaluation_action_items", item_id, "delete")


def record_companion(conn: Connection, user_id: uuid.UUID, visit_ids: Sequence[str]) -> None:
    """Record ``user_id`` as a companion of each of these visits that does not name them
    yet (an evaluator who observed a visit was there: a DM and an RM can both be)."""
    wanted = [uuid.UUID(str(v)) for v in visit_ids]
    for visit in read.visits_by_ids(conn, wanted):
        if user_id in visit.companion_ids:
            continue
        record_local_change(conn, "visit_companions", None, "insert", {
            "visit_id": visit.id, "territory_id": read.visit_territory(conn, visit.id),
            "user_id": user_id})


def acknowledge(conn: Connection, evaluation_id: uuid.UUID, comment: str = "") -> None:
    """The evaluatee acknowledges a submitted evaluation, with an optional comment."""
    record = read.evaluation_record(conn, evaluation_id)
    me = local_user_id(conn)
    if record is None:
        raise NotInReplica("evaluations", evaluation_id)
    if record.evaluatee_id != me:
        raise InvalidLocalChange("only the evaluated person acknowledges an evaluation",
                                 field="status", reason="not_allowed")
    if record.status != SUBMITTED:
        raise InvalidLocalChange("only a submitted evaluation can be acknowledged",
                                 field="status", reason="invalid_transition")
    if len(comment) > 2000:
        raise InvalidLocalChange("the comment is at most 2000 characters",
                                 field="evaluatee_comment", reason="too_long")
    record_local_change(conn, "evaluations", evaluation_id, "update", {
        "status": ACKNOWLEDGED, "evaluatee_comment": comment.strip() or None,
        "acknowledged_at": utcnow()})


def set_action_item_done(conn: Connection, item_id: uuid.UUID, done: bool,
                         note: str = "") -> None:
    """The evaluatee marks an action item done (or not done after all)."""
    item = read.action_item(conn, item_id)
    if item is None:
        raise NotInReplica("evaluation_action_items", item_id)
    if item.evaluatee_id != local_user_id(conn):
        raise InvalidLocalChange("only the evaluated person marks an action item done",
                                 field="done_at", reason="not_allowed")
    record_local_change(conn, "evaluation_action_items", item_id, "update", {
        "done_at": utcnow() if done else None, "done_note": note.strip() or None})

