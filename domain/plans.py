"""Weekly plans: statuses, the date checks a device makes early, and plan against actual.

A plan is one rep's Monday-to-Sunday week (``visit_plans.week_start`` is a Monday in the
company calendar). Its status moves draft → submitted → approved or returned; a returned
plan goes back to the rep, who fixes it and submits again. The server decides who may
make which move (write policies); ``transition_error`` lets the device refuse early
with a message a person understands.

**Plan against actual** (``planned_outcome``) is one rule for the device and the
server: a planned visit is *done* when a submitted visit is linked to it; it is
*missed* when its day has ended in the company calendar without one; until then it is
*planned*. A submitted visit in the week not linked to any planned visit is
*unplanned*. The server's answer is final because its clock decides "the day has
ended", but both ends compute it with this function: ``fieldrep-server plans settle``
stores it on the planned visit, and a device shows that stored answer when it has one
(``shown_outcome``), its own computation until then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from domain.calendar import CompanyCalendar, in_week, week_start

DRAFT = "draft"
SUBMITTED = "submitted"
APPROVED = "approved"
RETURNED = "returned"
PLAN_STATUSES = (DRAFT, SUBMITTED, APPROVED, RETURNED)

# (from, to) -> who may make the move ("rep": the plan's owner, "manager": their DM/RM).
TRANSITIONS: dict[tuple[str, str], str] = {
    (DRAFT, SUBMITTED): "rep",
    (RETURNED, SUBMITTED): "rep",
    (SUBMITTED, APPROVED): "manager",
    (SUBMITTED, RETURNED): "manager",
}
EDITABLE_STATUSES = frozenset({DRAFT, RETURNED})


class Outcome(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    MISSED = "missed"
    UNPLANNED = "unplanned"


def planned_outcome(planned_date: dt.date, linked_visit_statuses: Iterable[str | None],
                    now: dt.datetime, calendar: CompanyCalendar) -> Outcome:
    """done / missed / planned for one planned visit (see the module docstring)."""
    if any(status == SUBMITTED for status in linked_visit_statuses):
        return Outcome.DONE
    moment = now if now.tzinfo is not None else now.replace(tzinfo=dt.UTC)
    if moment >= calendar.end_of_day(planned_date):
        return Outcome.MISSED
    return Outcome.PLANNED


SETTLED_OUTCOMES = frozenset({Outcome.DONE.value, Outcome.MISSED.value})


def shown_outcome(settled: str | None, planned_date: dt.date,
                  linked_visit_statuses: Iterable[str | None], now: dt.datetime,
                  calendar: CompanyCalendar) -> Outcome:
    """What a device shows: the server's settled outcome (``planned_visits.outcome``,
    final) when it has one, else the device's own ``planned_outcome``."""
    if settled in SETTLED_OUTCOMES:
        return Outcome(settled)
    return planned_outcome(planned_date, linked_visit_statuses, now, calendar)


def transition_error(current: str, wanted: str, actor: str, *,
                     comment: str | None = None, planned_count: int | None = None) -> str | None:
    """Why ``actor`` ("rep"/"manager") may not move a plan from ``current`` to ``wanted``
    (None: allowed). Returning a plan needs a comment; submitting needs a planned visit."""
    who = TRANSITIONS.get((current, wanted))
    if who is None:
        return f"A {current} plan cannot become {wanted}."
    if who != actor:
        return ("Only the rep who owns the plan can submit it." if who == "rep"
                else "Only the rep's manager can approve or return a plan.")
    if wanted == RETURNED and not (comment or "").strip():
        return "Say why the plan goes back: the rep sees your comment."
    if wanted == SUBMITTED and planned_count == 0:
        return "Add at least one planned visit before submitting the week."
    return None


def planned_date_error(planned_date: dt.date, plan_week_start: dt.date) -> str | None:
    """Why a planned visit's date does not fit its plan (None: it fits)."""
    if week_start(plan_week_start) != plan_week_start:
        return f"A plan's week starts on a Monday, not on {plan_week_start.isoformat()}."
    if not in_week(planned_date, plan_week_start):
        last = plan_week_start + dt.timedelta(days=6)
        return (f"{planned_date.isoformat()} is outside this plan's week "
                f"({plan_week_start.isoformat()} – {last.isoformat()}).")
    return None


def adherence(outcomes: Iterable[Outcome]) -> float | None:
    """Share of the decided planned visits (done or missed) that were done; None if none."""
    done = missed = 0
    for outcome in outcomes:
        done += outcome is Outcome.DONE
        missed += outcome is Outcome.MISSED
    decided = done + missed
    return done / decided if decided else None
