"""A DM's field days for the Plan page: their own week of ride-alongs, the RM's review
of their DMs' weeks (month → week → day), and the rep's "your manager rides along".

Functions of the replica (``Engine``) run through ``desktop.ops.Ops``; they compose
``local_store.read.field_days`` (queries) and ``local_store.field_days`` (edits with
outbox entries). The dataclasses widgets show are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from local_store.field_days import (
    FIELD_CHANGES,
    FieldPlanRefused,
    review_field_plan,
    save_field_day,
    submit_field_plan,
)
from local_store.read.field_days import (
    FieldDayEntry,
    FieldMonth,
    FieldWeek,
    OwnFieldDay,
    RideAlong,
    field_month,
    field_weeks,
    own_field_days,
    ride_alongs,
    team_of,
)
from local_store.read.plans import company_calendar
from local_store.state import local_user_id

__all__ = ["FIELD_CHANGES", "FieldDayEntry", "FieldMonth", "FieldPlanRefused", "FieldView",
           "FieldWeek", "OwnFieldDay", "RideAlong", "field_days_ahead", "load_field_view",
           "review", "rides_ahead", "rides_in_week", "save_day", "submit"]

FIELD_TABLES = frozenset({"field_plans", "field_days", "users"})


@dataclass(frozen=True, slots=True)
class FieldView:
    """What the field-days panel shows for one week.

    A DM: ``weeks`` holds their own week, ``team`` their reps (to pick from). An RM:
    ``weeks`` and ``month`` hold each of their DMs'."""

    me: uuid.UUID | None
    role: str
    week_start: dt.date
    team: tuple[tuple[uuid.UUID, str], ...]
    weeks: tuple[FieldWeek, ...]
    month: dict[uuid.UUID, FieldMonth] = field(default_factory=dict)

    def week_of(self, manager_id: uuid.UUID | None) -> FieldWeek | None:
        for week in self.weeks:
            if week.manager_id == manager_id:
                return week
        return self.weeks[0] if self.weeks else None


def load_field_view(replica: Engine, monday: dt.date, *, role: str) -> FieldView:
    with replica.connect() as conn:
        me = local_user_id(conn)
        team = tuple(team_of(conn, me)) if me is not None else ()
        if role == "dm":
            weeks = field_weeks(conn, [me], monday) if me is not None else []
            return FieldView(me, role, monday, team, tuple(weeks))
        dms = [uid for uid, _name in team]
        month = company_calendar(conn).month(monday + dt.timedelta(days=3))  # the week's
        return FieldView(me, role, monday, team, tuple(field_weeks(conn, dms, monday)),
                         field_month(conn, dms, month.first_day, month.last_day))


def save_day(replica: Engine, monday: dt.date, day: dt.date, rep_ids: Sequence[uuid.UUID],
             note: str | None) -> uuid.UUID:
    with replica.begin() as conn:
        return save_field_day(conn, monday, day, rep_ids, note)


def submit(replica: Engine, plan_id: uuid.UUID) -> None:
    with replica.begin() as conn:
        submit_field_plan(conn, plan_id)


def review(replica: Engine, plan_id: uuid.UUID, *, approve: bool, comment: str | None) -> None:
    with replica.begin() as conn:
        review_field_plan(conn, plan_id, approve=approve, comment=comment)


def rides_in_week(replica: Engine, monday: dt.date) -> list[RideAlong]:
    """The days of the week starting ``monday`` the signed-in rep's manager rides along."""
    with replica.connect() as conn:
        me = local_user_id(conn)
        if me is None:
            return []
        return ride_alongs(conn, me, monday, monday + dt.timedelta(days=6))


def rides_ahead(replica: Engine, days: int = 7) -> tuple[dt.date, list[RideAlong]]:
    """(today, the ride-alongs from today over ``days`` days) for the signed-in rep,
    today in the company calendar (the Today page)."""
    with replica.connect() as conn:
        today = company_calendar(conn).today()
        me = local_user_id(conn)
        if me is None:
            return today, []
        return today, ride_alongs(conn, me, today, today + dt.timedelta(days=days - 1))


def field_days_ahead(replica: Engine, days: int = 7) -> tuple[dt.date, list[OwnFieldDay]]:
    """(today, the signed-in DM's field days from today over ``days`` days) (Today page)."""
    with replica.connect() as conn:
        today = company_calendar(conn).today()
        me = local_user_id(conn)
        if me is None:
            return today, []
        return today, own_field_days(conn, me, today, today + dt.timedelta(days=days - 1))
