"""Local edits of weekly plans and planned visits (row + outbox entry, one transaction).

The device checks early what the server will check anyway (``domain.plans``): a
planned date inside the plan's week, a doctor of the plan's territory, a plan that
is still the rep's to edit (draft or returned), status moves by the right person,
a comment when a manager returns a plan. A refused edit raises ``PlanRefused`` (a
``ValueError`` with ``field`` and ``reason``) and writes nothing.

Route order: ``route_order`` stays empty while the device orders the day itself; a
rep who reorders by hand stores 1..n on the day's planned visits and the order is kept
(new visits of that day go last) until they ask for the automatic order again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import week_start
from domain.plans import (
    APPROVED,
    DRAFT,
    EDITABLE_STATUSES,
    RETURNED,
    SUBMITTED,
    planned_date_error,
    transition_error,
)
from local_store.errors import NotInReplica
from local_store.replica import synced
from local_store.state import local_user_id
from local_store.writes import InvalidLocalChange, get_local_row, record_local_change

plans_t = synced["visit_plans"]
planned_t = synced["planned_visits"]


class PlanRefused(InvalidLocalChange):
    """A plan edit the planning rules refuse (see the module docstring)."""


def _me(conn: Connection) -> uuid.UUID:
    me = local_user_id(conn)
    if me is None:
        raise PlanRefused("sign in once before planning: the replica does not know its user",
                          reason="no_user")
    return me


def _plan(conn: Connection, plan_id: uuid.UUID) -> dict[str, object]:
    plan = get_local_row(conn, "visit_plans", plan_id)
    if plan is None or plan["deleted"]:
        raise NotInReplica("visit_plans", plan_id)
    return plan


def _editable(plan: dict[str, object]) -> None:
    if plan["status"] not in EDITABLE_STATUSES:
        raise PlanRefused(f"this week's plan is {plan['status']}: it can no longer be changed",
                          field="status", reason="locked")


def ensure_week_plan(conn: Connection, monday: dt.date, *,
                     rep_id: uuid.UUID | None = None) -> uuid.UUID:
    """The rep's plan of the week starting ``monday``, created as a draft if missing."""
    if week_start(monday) != monday:
        raise PlanRefused(f"a plan's week starts on a Monday, not on {monday.isoformat()}",
                          field="week_start", reason="not_monday")
    rep = rep_id or _me(conn)
    found = conn.execute(sa.select(plans_t.c.id).where(
        plans_t.c.rep_id == rep, plans_t.c.week_start == monday, ~plans_t.c.deleted)
        .order_by(plans_t.c.updated_at).limit(1)).scalar()
    if found is not None:
        return uuid.UUID(str(found))
    user = get_local_row(conn, "users", rep)
    territory = user.get("territory_id") if user else None
    if territory is None:
        raise PlanRefused("only a user with a territory plans a week of visits",
                          field="territory_id", reason="no_territory")
    return record_local_change(conn, "visit_plans", None, "insert", {
        "rep_id": rep, "territory_id": territory, "week_start": monday, "status": DRAFT})


def add_planned_visit(conn: Connection, plan_id: uuid.UUID, doctor_id: uuid.UUID,
                      day: dt.date, *, objective: str | None = None) -> uuid.UUID:
    """Plan ``doctor_id`` on ``day`` in the plan (``PlanRefused`` when the rules say no)."""
    plan = _plan(conn, plan_id)
    _editable(plan)
    _check_day(day, plan)
    doctor = get_local_row(conn, "doctors", doctor_id)
    if doctor is None or doctor["deleted"]:
        raise PlanRefused("this doctor is not in your replica", field="doctor_id",
                          reason="not_found")
    if doctor["territory_id"] != plan["territory_id"]:
        raise PlanRefused(f"{doctor['name']} is outside this plan's territory", field="doctor_id",
                          reason="out_of_territory")
    twice = conn.execute(sa.select(sa.func.count()).select_from(planned_t).where(
        planned_t.c.plan_id == plan_id, planned_t.c.doctor_id == doctor_id,
        planned_t.c.planned_date == day, ~planned_t.c.deleted)).scalar_one()
    if twice:
        raise PlanRefused(f"{doctor['name']} is already planned on {day.isoformat()}",
                          field="doctor_id", reason="duplicate")
    order = _next_manual_order(conn, plan_id, day)
    return record_local_change(conn, "planned_visits", None, "insert", {
        "plan_id": plan_id, "rep_id": plan["rep_id"], "territory_id": plan["territory_id"],
        "doctor_id": doctor_id, "institution_id": doctor["institution_id"], "planned_date": day,
        "route_order": order, "objective": objective, "status": "planned"})


def _check_day(day: dt.date, plan: dict[str, object]) -> None:
    monday = plan["week_start"]
    assert isinstance(monday, dt.date)
    problem = planned_date_error(day, monday)
    if problem:
        raise PlanRefused(problem, field="planned_date", reason="outside_week")


def _next_manual_order(conn: Connection, plan_id: uuid.UUID, day: dt.date) -> int | None:
    """After the day's last hand-ordered visit, or None while the day is ordered automatically."""
    highest = conn.execute(sa.select(sa.func.max(planned_t.c.route_order)).where(
        planned_t.c.plan_id == plan_id, planned_t.c.planned_date == day,
        ~planned_t.c.deleted)).scalar()
    return int(highest) + 1 if highest is not None else None


def move_planned_visit(conn: Connection, planned_visit_id: uuid.UUID, day: dt.date) -> None:
    row = get_local_row(conn, "planned_visits", planned_visit_id)
    if row is None or row["deleted"]:
        raise NotInReplica("planned_visits", planned_visit_id)
    plan = _plan(conn, row["plan_id"])
    _editable(plan)
    _check_day(day, plan)
    if row["planned_date"] == day:
        return
    record_local_change(conn, "planned_visits", planned_visit_id, "update", {
        "planned_date": day, "route_order": _next_manual_order(conn, row["plan_id"], day)})


def remove_planned_visit(conn: Connection, planned_visit_id: uuid.UUID) -> None:
    row = get_local_row(conn, "planned_visits", planned_visit_id)
    if row is None or row["deleted"]:
        raise NotInReplica("planned_visits", planned_visit_id)
    _editable(_plan(conn, row["plan_id"]))
    record_local_change(conn, "planned_visits", planned_visit_id, "delete")


def set_route_order(conn: Connection, ordered: Sequence[uuid.UUID]) -> None:
    """The rep's own order of one day's planned visits (kept until reset)."""
    for position, pv_id in enumerate(ordered, 1):
        row = get_local_row(conn, "planned_visits", pv_id)
        if row is None or row["deleted"]:
            raise NotInReplica("planned_visits", pv_id)
        if position == 1:
            _editable(_plan(conn, row["plan_id"]))
        if row["route_order"] != position:
            record_local_change(conn, "planned_visits", pv_id, "update", {"route_order": position})


def reset_route_order(conn: Connection, planned_visit_ids: Sequence[uuid.UUID]) -> None:
    """Back to the automatic (shortest) order for these planned visits."""
    for pv_id in planned_visit_ids:
        row = get_local_row(conn, "planned_visits", pv_id)
        if row is not None and not row["deleted"] and row["route_order"] is not None:
            record_local_change(conn, "planned_visits", pv_id, "update", {"route_order": None})


def apply_split(conn: Connection, plan_id: uuid.UUID,
                assignments: dict[uuid.UUID, dt.date]) -> list[uuid.UUID]:
    """Add each doctor on its day (an automatic split of the week); returns the new ids.
    All or nothing: one refusal leaves the plan as it was."""
    with conn.begin_nested():
        return [add_planned_visit(conn, plan_id, doctor, day) for doctor, day in assignments.items()]


def submit_plan(conn: Connection, plan_id: uuid.UUID) -> None:
    plan = _plan(conn, plan_id)
    if plan["rep_id"] != _me(conn):
        raise PlanRefused("only the rep who owns the plan can submit it", reason="not_owner")
    count = conn.execute(sa.select(sa.func.count()).select_from(planned_t).where(
        planned_t.c.plan_id == plan_id, ~planned_t.c.deleted)).scalar_one()
    problem = transition_error(str(plan["status"]), SUBMITTED, "rep", planned_count=int(count))
    if problem:
        raise PlanRefused(problem, field="status", reason="bad_transition")
    record_local_change(conn, "visit_plans", plan_id, "update", {"status": SUBMITTED})


def review_plan(conn: Connection, plan_id: uuid.UUID, *, approve: bool,
                comment: str | None = None) -> None:
    """A manager approves a submitted plan or returns it with ``comment`` (why)."""
    plan = _plan(conn, plan_id)
    me = _me(conn)
    rep = get_local_row(conn, "users", plan["rep_id"])  # type: ignore[arg-type]
    actor = "manager" if rep is not None and rep.get("manager_id") == me else "rep"
    wanted = APPROVED if approve else RETURNED
    problem = transition_error(str(plan["status"]), wanted, actor, comment=comment)
    if problem:
        raise PlanRefused(problem, field="review_comment" if "why" in problem else "status",
                          reason="bad_transition")
    fields: dict[str, object] = {"status": wanted}
    if comment is not None and comment.strip():
        fields["review_comment"] = comment.strip()
    elif approve:
        fields["review_comment"] = None
    record_local_change(conn, "visit_plans", plan_id, "update", fields)


def set_reminder_day(conn: Connection, day: int | None) -> None:
    """The rep's own reminder day of the month (1–28), or None for the rule's."""
    from local_store.read.plans import REMINDER_DAY_KEY
    from local_store.state import set_state

    if day is not None and not 1 <= day <= 28:
        raise PlanRefused("the reminder day must be between 1 and 28", field="reminder_day",
                          reason="out_of_range")
    set_state(conn, REMINDER_DAY_KEY, str(day) if day is not None else None)
