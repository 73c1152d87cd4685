"""The table rules the write policies name: conditions that need other rows (the
evaluatee's team, an event's organiser), checks (a plan's week, a review's territory)
and the values the server computes (an evaluation's total, a decision's approver).

Rows these read (users, templates, plans, events) are read once per push batch
through the batch memo (``server.visits.rules.BATCH_MEMO_KEY``), so a batch of many
mutations naming the same plan or evaluatee costs one query, not one per mutation.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.evaluation import TemplateError, score_value, template_from_row, weighted_total
from domain.roles import Role
from server.sync.authorize import Rejected, Rule, WriteContext
from server.sync.change_requests import apply_approved_change
from server.sync.feed import utcnow
from server.sync.policies import MANAGERS, Condition, Relation, in_scope
from server.tables import districts, synced, territories
from server.visits.rules import BATCH_MEMO_KEY
from wire.protocol import RejectReason

WEEK_DAYS = 7
MONDAY = 0


def _memo(conn: Connection, key: tuple[Any, ...], load: Callable[[], Any]) -> Any:
    memo = conn.info.get(BATCH_MEMO_KEY)
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def forget(conn: Connection, table: str, row_id: uuid.UUID) -> None:
    """Drop a memoised row that this batch is changing."""
    memo = conn.info.get(BATCH_MEMO_KEY)
    if memo is not None:
        memo.pop(("row", table, row_id), None)


def row_of(conn: Connection, table: str, row_id: Any) -> dict[str, Any] | None:
    if row_id is None:
        return None

    def load() -> dict[str, Any] | None:
        t = synced[table]
        found = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
        return dict(found) if found is not None else None

    result: dict[str, Any] | None = _memo(conn, ("row", table, row_id), load)
    return result


def user_facts(conn: Connection, user_id: Any) -> dict[str, Any] | None:
    """A user's role, district and region (from their territory when they have one)."""
    if user_id is None:
        return None

    def load() -> dict[str, Any] | None:
        u = synced["users"]
        found = conn.execute(
            sa.select(u.c.role, u.c.district_id, u.c.region_id,
                      territories.c.district_id.label("t_district"),
                      districts.c.region_id.label("d_region"))
            .select_from(u.outerjoin(territories, territories.c.id == u.c.territory_id)
                         .outerjoin(districts, districts.c.id == sa.func.coalesce(
                             u.c.district_id, territories.c.district_id)))
            .where(u.c.id == user_id, ~u.c.deleted)).first()
        if found is None:
            return None
        role, district, region, t_district, d_region = found
        return {"role": role, "district_id": district or t_district,
                "region_id": region or d_region}

    result: dict[str, Any] | None = _memo(conn, ("user", user_id), load)
    return result


# --- conditions -----------------------------------------------------------------------


def _in_team(conn: Connection, ctx: WriteContext, row: dict[str, Any]) -> bool:
    """The caller is the evaluator and the evaluatee is on their team: a rep of the
    DM's district, a DM of the RM's region."""
    if row.get("evaluator_id") != ctx.me:
        return False
    facts = user_facts(conn, row.get("evaluatee_id"))
    if facts is None:
        return False
    p = ctx.principal
    if p.role is Role.DM:
        return facts["role"] == Role.REP.value and facts["district_id"] == p.district_id
    if p.role is Role.RM:
        return facts["role"] == Role.DM.value and facts["region_id"] == p.region_id
    return False


EVALUATOR_OF_TEAM = Condition(
    "evaluator_id is you and the evaluatee is on your team",
    _in_team,
    lambda role: (in_scope(role) - {Relation.OWN}) if role in MANAGERS else frozenset(),
    RejectReason.OUT_OF_SCOPE)

EVALUATEE = Condition("evaluatee_id is you",
                      lambda _c, ctx, row: row.get("evaluatee_id") == ctx.me,
                      lambda _role: frozenset({Relation.OWN}))


def _owns_draft_visit(conn: Connection, ctx: WriteContext, row: dict[str, Any]) -> bool:
    """The caller is the rep of the row's visit and the visit is still a draft. Read
    afresh, not through the batch memo: the same batch may have just submitted it."""
    v = synced["visits"]
    visit = conn.execute(sa.select(v.c.rep_id, v.c.status)
                         .where(v.c.id == row.get("visit_id"), ~v.c.deleted)).first()
    return visit is not None and visit.rep_id == ctx.me and visit.status == "draft"


VISIT_DRAFT_OWNER = Condition("visit_id is your own visit, still a draft", _owns_draft_visit,
                              lambda _role: frozenset({Relation.OWN}), RejectReason.NOT_OWNER)

SELF_COMPANION = Condition(
    "user_id is you", lambda _c, ctx, row: row.get("user_id") == ctx.me,
    lambda role: in_scope(role) if role in MANAGERS else frozenset(), RejectReason.NOT_OWNER)


def _organises_event(conn: Connection, ctx: WriteContext, row: dict[str, Any]) -> bool:
    event = row_of(conn, "events", row.get("event_id"))
    return event is not None and event.get("organizer_id") == ctx.me


EVENT_ORGANISER = Condition("you organise its event", _organises_event,
                            lambda _role: frozenset({Relation.OWN}))


# --- checks ---------------------------------------------------------------------------


def _refused(message: str, column: str) -> Rejected:
    return Rejected(RejectReason.VALIDATION, message, column)


def week_starts_monday(table: str) -> Rule:
    """A week plan (``visit_plans``, ``field_plans``) starts on a Monday."""

    def check(conn: Connection, ctx: WriteContext) -> None:
        week = ctx.after.get("week_start")
        if isinstance(week, dt.date) and week.weekday() != MONDAY:
            raise _refused(f"{table}.week_start {week.isoformat()} is not a Monday "
                           "(weeks start on Monday).", "week_start")
        forget(conn, table, ctx.row_id)

    return check


plan_week_starts_monday = week_starts_monday("visit_plans")


def _day_of_week_plan(conn: Connection, ctx: WriteContext, table: str, plan_table: str,
                      owners: tuple[str, str], plan_open: Rule) -> dict[str, Any] | None:
    """A day row (a planned visit, a field day) carries its plan's ``owners`` columns,
    falls inside the plan's week, and is written while ``plan_open`` allows; returns
    the plan (None when it is missing: the reference check refuses that)."""
    plan = row_of(conn, plan_table, ctx.after.get("plan_id"))
    if plan is None:
        return None
    for column in owners:
        if plan[column] != ctx.after.get(column):
            raise _refused(f"{table}.{column} must be its plan's.", column)
    plan_open(conn, ctx)
    day, start = ctx.after.get("planned_date"), plan["week_start"]
    if isinstance(day, dt.date) and not start <= day < start + dt.timedelta(days=WEEK_DAYS):
        raise _refused(f"{table}.planned_date {day.isoformat()} is outside the plan's "
                       f"week ({start.isoformat()} to "
                       f"{(start + dt.timedelta(days=WEEK_DAYS - 1)).isoformat()}).",
                       "planned_date")
    return plan


VISIT_PLAN_EDITABLE = frozenset({"draft", "returned"})


def planned_visit_plan_open(conn: Connection, ctx: WriteContext) -> None:
    """A planned visit is added, changed or deleted only while its plan is the rep's to
    edit (draft or returned): a submitted plan is the manager's to judge, an approved
    one is final. (The device sends a week's visits before the submit that follows them.)"""
    plan = row_of(conn, "visit_plans", ctx.after.get("plan_id"))
    if plan is not None and plan["status"] not in VISIT_PLAN_EDITABLE:
        raise Rejected(RejectReason.LOCKED, f"This week's plan is {plan['status']}: its "
                       "planned visits no longer change.", "plan_id")


def planned_date_in_week(conn: Connection, ctx: WriteContext) -> None:
    """A planned visit belongs to its plan's rep and territory, inside its week, while
    the plan is draft or returned."""
    _day_of_week_plan(conn, ctx, "planned_visits", "visit_plans", ("rep_id", "territory_id"),
                      planned_visit_plan_open)


def same_territory_as(column: str, table: str) -> Rule:
    """The row is filed under the territory of the ``table`` row ``column`` names."""

    def check(conn: Connection, ctx: WriteContext) -> None:
        target = ctx.after.get(column)
        if target is None:
            return
        key = (table, target)
        ref = ctx.refs.get(key) if ctx.refs is not None else None
        if ref is not None:
            territory = ref[1]
        else:
            found = row_of(conn, table, target)
            territory = found.get("territory_id") if found is not None else None
        if territory is not None and territory != ctx.after.get("territory_id"):
            raise _refused(f"{ctx.spec.name}.territory_id must be the territory of its "
                           f"{table} row.", "territory_id")

    return check


def _template(conn: Connection, template_id: Any) -> dict[str, Any] | None:
    return row_of(conn, "evaluation_templates", template_id)


def evaluation_fits_template(conn: Connection, ctx: WriteContext) -> None:
    """The template is for the evaluator's role and the evaluatee's (the evaluation's
    kind is the template's, set by the server)."""
    if ctx.existing is not None:
        return  # template, parties and kind are fixed after the insert
    template = _template(conn, ctx.after.get("template_id"))
    if template is None:
        return  # the reference check refuses a missing template
    if template["evaluator_role"] != ctx.principal.role.value:
        raise Rejected(RejectReason.NOT_ALLOWED,
                       f"evaluations: the template {template['name']} is for a "
                       f"{template['evaluator_role']} to fill in.", "template_id")
    facts = user_facts(conn, ctx.after.get("evaluatee_id"))
    if facts is None or facts["role"] != template["evaluatee_role"]:
        raise _refused(f"evaluations: the template {template['name']} evaluates a "
                       f"{template['evaluatee_role']}.", "evaluatee_id")


def evaluation_server_values(conn: Connection, ctx: WriteContext) -> None:
    """The total from the template weights; the submit and acknowledge times."""
    status = ctx.after.get("status")
    before = (ctx.existing or {}).get("status")
    now = utcnow()
    if status == "submitted" and before != "submitted":
        ctx.server_values["submitted_at"] = now
    if status == "acknowledged" and before != "acknowledged":
        ctx.server_values["acknowledged_at"] = now
    if ctx.existing is not None and "scores" not in ctx.incoming and ctx.existing.get(
            "total_score") is not None:
        return
    template = _template(conn, ctx.after.get("template_id"))
    if template is None:
        return
    try:
        parsed = template_from_row(template)
    except TemplateError:
        return  # an unusable template is refused by the evaluation validators
    scores = ctx.after.get("scores") or {}
    if not isinstance(scores, dict):
        raise _refused("evaluations.scores must be an object of competency scores.", "scores")
    for code in scores:
        if parsed.competency(code) is None:
            raise _refused(f"evaluations.scores: {code} is not a competency of this template.",
                           f"scores.{code}")
        value = score_value(scores, code)
        raw = scores[code].get("score") if isinstance(scores[code], dict) else scores[code]
        if raw is not None and (value is None or not parsed.scale_min <= value <= parsed.scale_max):
            raise _refused(f"evaluations.scores: the score of {code} must be a whole number "
                           f"from {parsed.scale_min} to {parsed.scale_max}.", f"scores.{code}")
    ctx.server_values["total_score"] = weighted_total(parsed, scores)


def approve_change_request(conn: Connection, ctx: WriteContext) -> None:
    """A decision stamps its approver and time; an approval changes the doctor or
    institution after the request is written (``WriteContext.after_write``)."""
    status = ctx.after.get("status")
    if ctx.existing is None or status == ctx.existing.get("status"):
        return
    ctx.server_values["approver_id"] = ctx.me
    ctx.server_values["decided_at"] = utcnow()
    if status == "approved":
        request = {**ctx.after}
        apply = apply_approved_change(conn, request, actor=ctx.me)  # validates now
        ctx.after_write.append(apply)


# --- a DM's field days ------------------------------------------------------------------


def _rm_of_district(conn: Connection, ctx: WriteContext, row: dict[str, Any]) -> bool:
    if ctx.principal.role is not Role.RM or ctx.principal.region_id is None:
        return False
    region = _memo(conn, ("district region", row.get("district_id")), lambda: conn.execute(
        sa.select(districts.c.region_id).where(districts.c.id == row.get("district_id"))
    ).scalar())
    return region is not None and region == ctx.principal.region_id


REGION_MANAGER = Condition(
    "you are the RM of its district's region", _rm_of_district,
    lambda role: (in_scope(role) - {Relation.OWN}) if role is Role.RM else frozenset(),
    RejectReason.OUT_OF_SCOPE)

FIELD_PLAN_EDITABLE = frozenset({"draft", "returned"})


field_plan_week_starts_monday = week_starts_monday("field_plans")


def field_day_plan_open(conn: Connection, ctx: WriteContext) -> None:
    """A field day is added, changed or deleted only until its plan is approved."""
    plan = row_of(conn, "field_plans", ctx.after.get("plan_id"))
    if plan is not None and plan["status"] == "approved":
        # Only approval locks the days: an offline device's outbox may carry the week as
        # submitted (its insert merged with the submission) ahead of the days it holds.
        raise Rejected(RejectReason.LOCKED, "This field plan is approved: its days no longer "
                       "change.", "plan_id")


def field_day_fits_plan(conn: Connection, ctx: WriteContext) -> None:
    """A field day is its plan's manager's and district's, inside the plan's week, until
    the plan is approved; the accompanied rep is a rep of that district."""
    plan = _day_of_week_plan(conn, ctx, "field_days", "field_plans",
                             ("manager_id", "district_id"), field_day_plan_open)
    if plan is None:
        return
    rep = ctx.after.get("rep_id")
    if rep is not None:
        facts = user_facts(conn, rep)
        if facts is None or facts["role"] != Role.REP.value \
                or facts["district_id"] != plan["district_id"]:
            raise Rejected(RejectReason.OUT_OF_SCOPE,
                           "field_days.rep_id must name a rep of your district.", "rep_id")
