"""A DM's field days, written offline: which reps they ride along with on which day.

The week (``field_plans``) is the DM's own: draft → submitted → approved or returned by
the RM of the region (the same moves as a rep's visit plan, ``domain.plans``). Each day
holds one ``field_days`` row per accompanied rep (``rep_id`` None: a day with a note
only). The device refuses early what the server's write policy refuses anyway (only the
DM edits, only while draft or returned, only reps of their own team, inside the week)
so a person reads why at once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import in_week, week_start
from domain.plans import APPROVED, DRAFT, EDITABLE_STATUSES, RETURNED, SUBMITTED, TRANSITIONS
from local_store.errors import NotInReplica
from local_store.read.field_days import team_of
from local_store.replica import synced
from local_store.state import local_user_id
from local_store.writes import InvalidLocalChange, get_local_row, record_local_change

FIELD_CHANGES = frozenset({"field_plans", "field_days"})
plans_t = synced["field_plans"]
days_t = synced["field_days"]
users_t = synced["users"]


class FieldPlanRefused(InvalidLocalChange):
    """A field-day edit the rules refuse (see the module docstring)."""


def _me(conn: Connection) -> dict[str, object]:
    me = local_user_id(conn)
    user = get_local_row(conn, "users", me) if me is not None else None
    if user is None:
        raise FieldPlanRefused("Sign in once before planning: the replica does not know "
                               "its user.", reason="no_user")
    return user


def _plan(conn: Connection, plan_id: uuid.UUID) -> dict[str, object]:
    plan = get_local_row(conn, "field_plans", plan_id)
    if plan is None or plan["deleted"]:
        raise NotInReplica("field_plans", plan_id)
    return plan


def ensure_field_plan(conn: Connection, monday: dt.date) -> uuid.UUID:
    """The signed-in DM's field plan of the week starting ``monday`` (a draft if new)."""
    if week_start(monday) != monday:
        raise FieldPlanRefused(f"A week starts on a Monday, not on {monday.isoformat()}.",
                               field="week_start", reason="not_monday")
    me = _me(conn)
    if me["role"] != "dm" or me.get("district_id") is None:
        raise FieldPlanRefused("Only a district manager plans field days.", field="manager_id",
                               reason="not_allowed")
    found = conn.execute(sa.select(plans_t.c.id).where(
        plans_t.c.manager_id == me["id"], plans_t.c.week_start == monday, ~plans_t.c.deleted)
        .order_by(plans_t.c.updated_at).limit(1)).scalar()
    if found is not None:
        return uuid.UUID(str(found))
    return record_local_change(conn, "field_plans", None, "insert", {
        "manager_id": me["id"], "district_id": me["district_id"], "week_start": monday,
        "status": DRAFT})


def save_field_day(conn: Connection, monday: dt.date, day: dt.date,
                   rep_ids: Sequence[uuid.UUID], note: str | None) -> uuid.UUID:
    """Set whom the DM rides along with on ``day`` (and the day's note); returns the plan.

    The day's rows become exactly ``rep_ids`` (a note-only row when no rep is named but
    a note is), each carrying the note."""
    plan_id = ensure_field_plan(conn, monday)
    plan = _plan(conn, plan_id)
    if plan["status"] not in EDITABLE_STATUSES:
        raise FieldPlanRefused(f"This week's field plan is {plan['status']}: it can no "
                               "longer be changed.", field="status", reason="locked")
    if not in_week(day, monday):
        raise FieldPlanRefused(f"{day.isoformat()} is outside the week of "
                               f"{monday.isoformat()}.", field="planned_date",
                               reason="outside_week")
    team = {uid for uid, _name in team_of(conn, plan["manager_id"])}  # type: ignore[arg-type]
    strangers = [r for r in rep_ids if r not in team]
    if strangers:
        raise FieldPlanRefused("You can only ride along with the reps of your own team.",
                               field="rep_id", reason="out_of_scope")
    note = (note or "").strip() or None
    wanted: list[uuid.UUID | None] = list(dict.fromkeys(rep_ids))
    if not wanted and note:
        wanted = [None]
    existing = {r.rep_id: r for r in conn.execute(sa.select(days_t).where(
        days_t.c.plan_id == plan_id, days_t.c.planned_date == day, ~days_t.c.deleted))}
    for rep, row in existing.items():
        if rep not in wanted:
            record_local_change(conn, "field_days", row.id, "delete")
        elif row.note != note:
            record_local_change(conn, "field_days", row.id, "update", {"note": note})
    for rep in wanted:
        if rep not in existing:
            record_local_change(conn, "field_days", None, "insert", {
                "plan_id": plan_id, "manager_id": plan["manager_id"],
                "district_id": plan["district_id"], "planned_date": day, "rep_id": rep,
                "note": note})
    return plan_id


def submit_field_plan(conn: Connection, plan_id: uuid.UUID) -> None:
    """The DM sends their week to the RM (at least one field day planned)."""
    plan = _plan(conn, plan_id)
    if plan["manager_id"] != _me(conn)["id"]:
        raise FieldPlanRefused("Only the district manager who owns the field plan can "
                               "submit it.", reason="not_owner")
    if TRANSITIONS.get((str(plan["status"]), SUBMITTED)) != "rep":
        raise FieldPlanRefused(f"A {plan['status']} field plan cannot be submitted.",
                               field="status", reason="bad_transition")
    count = conn.execute(sa.select(sa.func.count()).select_from(days_t).where(
        days_t.c.plan_id == plan_id, ~days_t.c.deleted)).scalar_one()
    if not count:
        raise FieldPlanRefused("Plan at least one field day before submitting the week.",
                               field="status", reason="empty")
    record_local_change(conn, "field_plans", plan_id, "update", {"status": SUBMITTED})


def review_field_plan(conn: Connection, plan_id: uuid.UUID, *, approve: bool,
                      comment: str | None = None) -> None:
    """The RM approves a DM's submitted week or returns it with ``comment`` (why)."""
    plan = _plan(conn, plan_id)
    me = _me(conn)
    dms = {uid for uid, _name in team_of(conn, me["id"])}  # type: ignore[arg-type]
    if me["role"] != "rm" or plan["manager_id"] not in dms:
        raise FieldPlanRefused("Only the regional manager of this district manager can "
                               "approve or return the field plan.", reason="not_manager")
    wanted = APPROVED if approve else RETURNED
    if TRANSITIONS.get((str(plan["status"]), wanted)) != "manager":
        raise FieldPlanRefused(f"A {plan['status']} field plan cannot become {wanted}.",
                               field="status", reason="bad_transition")
    text = (comment or "").strip()
    if not approve and not text:
        raise FieldPlanRefused("Say why the field plan goes back: the district manager sees "
                               "your comment.", field="review_comment", reason="required")
    record_local_change(conn, "field_plans", plan_id, "update",
                        {"status": wanted, "review_comment": text or None})
