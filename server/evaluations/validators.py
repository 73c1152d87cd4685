"""Server rules for evaluations, their action items and visit companions.

The generic checks of ``server.sync.authorize`` (scope, evaluator/evaluatee ownership,
the lock after submission, acknowledgement only by the evaluatee) run first; these
add what needs the database: the template's roles, the evaluatee in the evaluator's
team, scores inside the scale, observed visits that are the evaluatee's (or the
evaluator's as a companion) on the date. The server computes the total with
``domain.evaluation.weighted_total`` and sets the district, kind and timestamps; what
the client sent for them is ignored.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.evaluation import (
    ACKNOWLEDGED,
    DRAFT,
    LOCKED_STATUSES,
    SUBMITTED,
    ObservedVisit,
    Template,
    TemplateError,
    template_from_row,
    validate_evaluation,
    weighted_total,
)
from domain.roles import Role
from server.sync.authorize import Rejected, WriteContext, register_validator
from server.sync.feed import utcnow
from server.tables import districts, synced, territories, users
from server.visits.rules import BATCH_MEMO_KEY, batch_calendar
from wire.protocol import MutationOp, RejectReason
from wire.rows import plain_rows

SERVER_OWNED = ("total_score", "district_id", "kind", "submitted_at", "acknowledged_at")
EVALUATOR_STATUSES = frozenset({DRAFT, SUBMITTED})
ITEM_EVALUATEE_FIELDS = frozenset({"done_at", "done_note"})


def _memo(conn: Connection) -> dict[Any, Any]:
    """The push batch's memo (templates and people read once per batch), or a
    throwaway one outside a push."""
    memo = conn.info.get(BATCH_MEMO_KEY)
    return memo if memo is not None else {}


def load_template(conn: Connection, template_id: Any) -> Template:
    memo = _memo(conn)
    key = ("evaluation_template", template_id)
    if key not in memo:
        memo[key] = _read_template(conn, template_id)
    return memo[key]


def _read_template(conn: Connection, template_id: Any) -> Template:
    t = synced["evaluation_templates"]
    row = conn.execute(sa.select(t).where(t.c.id == template_id, ~t.c.deleted)).mappings().first()
    if row is None:
        raise Rejected(RejectReason.VALIDATION, "The evaluation template does not exist.",
                       "template_id")
    try:
        return template_from_row(dict(row))
    except TemplateError as exc:
        raise Rejected(RejectReason.VALIDATION, f"The template is not usable: {exc}",
                       "template_id") from exc


def evaluatee_district(conn: Connection, user_id: Any) -> tuple[str, uuid.UUID | None, uuid.UUID | None]:
    """(role, district, region) of a user: a rep's territory's district, a DM's own; an
    RM's region."""
    memo = _memo(conn)
    key = ("evaluation_person", user_id)
    if key not in memo:
        memo[key] = _read_person(conn, user_id)
    return memo[key]


def _read_person(conn: Connection, user_id: Any) -> tuple[str, uuid.UUID | None, uuid.UUID | None]:
    u = users
    row = conn.execute(
        sa.select(u.c.role, sa.func.coalesce(u.c.district_id, territories.c.district_id),
                  sa.func.coalesce(districts.c.region_id, u.c.region_id))  # an RM: their own
        .select_from(u.outerjoin(territories, territories.c.id == u.c.territory_id)
                     .outerjoin(districts, districts.c.id == sa.func.coalesce(
                         u.c.district_id, territories.c.district_id)))
        .where(u.c.id == user_id)).first()
    if row is None:
        return "", None, None
    return str(row[0]), row[1], row[2]


def in_team(ctx: WriteContext, role: str, district: Any, region: Any) -> bool:
    """A DM evaluates the reps of their district, an RM the DMs of their region."""
    p = ctx.principal
    if p.role is Role.DM:
        return role == Role.REP.value and district is not None and district == p.district_id
    if p.role is Role.RM:
        return role == Role.DM.value and region is not None and region == p.region_id
    return p.role is Role.ADMIN


def observed_visits(conn: Connection, ids: Iterable[Any]) -> dict[str, ObservedVisit]:
    wanted: list[uuid.UUID] = []
    for value in ids:
        try:
            wanted.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    if not wanted:
        return {}
    v, c = synced["visits"], synced["visit_companions"]
    companions: dict[uuid.UUID, set[str]] = {}
    for visit_id, user_id in plain_rows(conn.execute(sa.select(c.c.visit_id, c.c.user_id).where(
            c.c.visit_id.in_(wanted), ~c.c.deleted))):
        companions.setdefault(visit_id, set()).add(str(user_id))
    calendar = batch_calendar(conn)
    out: dict[str, ObservedVisit] = {}
    for row in conn.execute(sa.select(v.c.id, v.c.rep_id, v.c.started_at, v.c.accompanied_by_id)
                            .where(v.c.id.in_(wanted), ~v.c.deleted)):
        with_me = companions.get(row.id, set())
        if row.accompanied_by_id is not None:
            with_me.add(str(row.accompanied_by_id))
        out[str(row.id)] = ObservedVisit(str(row.id), str(row.rep_id),
                                         calendar.local_date(row.started_at), frozenset(with_me))
    return out


@register_validator("evaluations")
def enforce_evaluation_rules(conn: Connection, ctx: WriteContext) -> None:
    stored = ctx.existing or {}
    if stored and stored.get("evaluatee_id") == ctx.me and stored.get("evaluator_id") != ctx.me:
        if ctx.after.get("status") == ACKNOWLEDGED and stored.get("status") != ACKNOWLEDGED:
            ctx.server_values["acknowledged_at"] = utcnow()
        return
    for name in SERVER_OWNED:
        ctx.incoming.pop(name, None)
    after: dict[str, Any] = {**(stored or {"id": ctx.row_id}), **ctx.incoming}
    ctx.after = after
    status = after.get("status")
    if status not in EVALUATOR_STATUSES:
        raise Rejected(RejectReason.VALIDATION,
                       "An evaluator saves an evaluation as draft or submits it.", "status")
    template = load_template(conn, after.get("template_id"))
    if template.evaluator_role != ctx.principal.role.value and ctx.principal.role is not Role.ADMIN:
        raise Rejected(RejectReason.NOT_ALLOWED,
                       f"This template is for evaluations by a {template.evaluator_role}.",
                       "template_id")
    if stored and stored.get("template_id") not in (None, after.get("template_id")):
        raise Rejected(RejectReason.VALIDATION,
                       "An evaluation keeps the template version it was made with.", "template_id")
    role, district, region = evaluatee_district(conn, after.get("evaluatee_id"))
    team = [str(after.get("evaluatee_id"))] if (
        role == template.evaluatee_role and in_team(ctx, role, district, region)) else []
    observed = [str(v) for v in (after.get("observed_visit_ids") or [])]
    scores = after.get("scores") or {}
    if not isinstance(scores, dict):
        raise Rejected(RejectReason.VALIDATION, "Scores must map competencies to scores.", "scores")
    errors = validate_evaluation(
        template=template, evaluator_id=str(after.get("evaluator_id")),
        evaluatee_id=str(after.get("evaluatee_id")), team_ids=team,
        eval_date=after.get("eval_date"), scores=scores, observed_visit_ids=observed,
        visits=observed_visits(conn, observed), submitting=status == SUBMITTED,
        today=batch_calendar(conn).today(utcnow()))
    if errors:
        first = errors[0]
        reason = (RejectReason.OUT_OF_SCOPE if first.field == "evaluatee_id"
                  else RejectReason.VALIDATION)
        raise Rejected(reason, " ".join(e.message for e in errors), first.field)
    amends = after.get("amends_evaluation_id")
    if amends is not None and "amends_evaluation_id" in ctx.changed_fields():
        e = synced["evaluations"]
        original = conn.execute(sa.select(e.c.evaluator_id, e.c.evaluatee_id, e.c.status)
                                .where(e.c.id == amends)).first()
        if (original is None or original.evaluator_id != ctx.me
                or original.evaluatee_id != after.get("evaluatee_id")
                or original.status not in LOCKED_STATUSES):
            raise Rejected(RejectReason.VALIDATION, "A correction links a submitted evaluation "
                           "of yours about the same person.", "amends_evaluation_id")
    ctx.server_values["total_score"] = weighted_total(template, scores)
    ctx.server_values["district_id"] = district
    ctx.server_values["kind"] = template.kind
    if status == SUBMITTED:
        ctx.server_values["submitted_at"] = utcnow()


@register_validator("evaluation_action_items")
def enforce_action_item_rules(conn: Connection, ctx: WriteContext) -> None:
    """The evaluator writes items (text and due date while the evaluation is a draft;
    new items until it is acknowledged); the evaluatee only marks them done."""
    stored = ctx.existing or {}
    after = ctx.after
    e = synced["evaluations"]
    evaluation = conn.execute(
        sa.select(e.c.evaluator_id, e.c.evaluatee_id, e.c.status, e.c.district_id)
        .where(e.c.id == after.get("evaluation_id"), ~e.c.deleted)).first()
    if evaluation is None:
        raise Rejected(RejectReason.VALIDATION, "The action item's evaluation does not exist.",
                       "evaluation_id")
    if (after.get("evaluator_id") != evaluation.evaluator_id
            or after.get("evaluatee_id") != evaluation.evaluatee_id
            or (stored and stored.get("evaluation_id") != after.get("evaluation_id"))):
        raise Rejected(RejectReason.VALIDATION,
                       "An action item names the people of its evaluation.", "evaluation_id")
    if ctx.me == evaluation.evaluatee_id and ctx.me != evaluation.evaluator_id:
        if ctx.op is not MutationOp.UPDATE:
            raise Rejected(RejectReason.NOT_ALLOWED,
                           "The evaluated person may only mark action items done.")
        for name in ctx.changed_fields():
            if name not in ITEM_EVALUATEE_FIELDS:
                raise Rejected(RejectReason.NOT_ALLOWED,
                               "The evaluated person may only mark action items done.", name)
        return
    if ctx.me != evaluation.evaluator_id:
        raise Rejected(RejectReason.NOT_OWNER, "Only the evaluator writes action items.")
    if evaluation.status == ACKNOWLEDGED or (
            ctx.op is not MutationOp.INSERT and evaluation.status in LOCKED_STATUSES):
        raise Rejected(RejectReason.LOCKED, "The evaluation is submitted: its action items "
                       "can no longer be changed.")
    ctx.server_values["district_id"] = evaluation.district_id


@register_validator("visit_companions")
def enforce_companion_rules(conn: Connection, ctx: WriteContext) -> None:
    """A companion row is filed under its visit's territory and names a DM or RM over
    that territory (the district's DM, the region's RM), never the visit's own rep.
    Who may write it (the rep of a draft, a manager adding themselves) is the policy's
    (``server.sync.policy_tables.VISIT_COMPANIONS``); a delete only needs that."""
    if ctx.op is MutationOp.DELETE:
        return
    v = synced["visits"]
    visit = conn.execute(sa.select(v.c.rep_id, v.c.territory_id, v.c.status)
                         .where(v.c.id == ctx.after.get("visit_id"))).first()
    if visit is None:
        raise Rejected(RejectReason.VALIDATION, "The visit does not exist.", "visit_id")
    if ctx.after.get("territory_id") != visit.territory_id:
        raise Rejected(RejectReason.VALIDATION, "A companion row carries its visit's territory.",
                       "territory_id")
    companion = ctx.after.get("user_id")
    role, district, region = evaluatee_district(conn, companion)
    if role not in (Role.DM.value, Role.RM.value) or companion == visit.rep_id:
        raise Rejected(RejectReason.VALIDATION, "A companion is a district or regional manager.",
                       "user_id")
    place = conn.execute(sa.select(territories.c.district_id, districts.c.region_id)
                         .select_from(territories.join(districts,
                                                       districts.c.id == territories.c.district_id))
                         .where(territories.c.id == visit.territory_id)).first()
    over = place is not None and (district == place.district_id if role == Role.DM.value
                                  else region == place.region_id)
    if not over:
        raise Rejected(RejectReason.VALIDATION, "A companion manages the visit's district or "
                       "region.", "user_id")
