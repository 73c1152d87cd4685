"""A DM's field days read from the replica: weeks by manager, a month's totals, and the
days a rep has their manager riding along (for the rep's Plan and Today)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.read.team import direct_reports
from local_store.replica import synced

plans_t = synced["field_plans"]
days_t = synced["field_days"]
users_t = synced["users"]
SHOWN_TO_REPS = ("submitted", "approved")  # a draft is still the DM's own thinking


@dataclass(frozen=True, slots=True)
class FieldDayEntry:
    id: uuid.UUID
    planned_date: dt.date
    rep_id: uuid.UUID | None
    rep_name: str
    note: str | None


@dataclass(frozen=True, slots=True)
class FieldWeek:
    """One manager's week of field days (``plan_id`` None: not started)."""

    manager_id: uuid.UUID
    manager_name: str
    week_start: dt.date
    plan_id: uuid.UUID | None
    status: str | None
    review_comment: str | None
    entries: tuple[FieldDayEntry, ...] = ()

    def on(self, day: dt.date) -> list[FieldDayEntry]:
        return [e for e in self.entries if e.planned_date == day]

    def reps_on(self, day: dt.date) -> list[uuid.UUID]:
        return [e.rep_id for e in self.on(day) if e.rep_id is not None]

    def note_on(self, day: dt.date) -> str:
        return next((e.note for e in self.on(day) if e.note), "")

    @property
    def field_days(self) -> int:
        return len({e.planned_date for e in self.entries if e.rep_id is not None})


@dataclass(frozen=True, slots=True)
class RideAlong:
    """A day a rep's manager rides along with them."""

    day: dt.date
    manager_name: str
    note: str | None
    status: str


@dataclass(frozen=True, slots=True)
class FieldMonth:
    """A manager's field days over a month: days out, distinct reps, weeks by status."""

    manager_id: uuid.UUID
    manager_name: str
    days: int
    reps: int
    submitted: int
    approved: int


def team_of(conn: Connection, manager_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of whom ``manager_id`` plans or reviews field days for, by name: a DM's
    reps, an RM's DMs (``local_store.read.team``, the server's rule)."""
    return [(r.id, r.display_name) for r in direct_reports(conn, manager_id)]


def _names(conn: Connection, ids: Sequence[object]) -> dict[object, str]:
    if not ids:
        return {}
    return {r.id: r.display_name for r in conn.execute(
        sa.select(users_t.c.id, users_t.c.display_name).where(users_t.c.id.in_(list(ids))))}


def field_weeks(conn: Connection, manager_ids: Sequence[uuid.UUID],
                monday: dt.date) -> list[FieldWeek]:
    """The week starting ``monday`` of each of ``manager_ids`` (in that order)."""
    if not manager_ids:
        return []
    plans = {r.manager_id: r for r in conn.execute(
        sa.select(plans_t).where(plans_t.c.manager_id.in_(list(manager_ids)),
                                 plans_t.c.week_start == monday, ~plans_t.c.deleted)
        .order_by(plans_t.c.updated_at))}
    entries: dict[object, list[FieldDayEntry]] = defaultdict(list)
    if plans:
        rows = conn.execute(sa.select(days_t).where(
            days_t.c.plan_id.in_([p.id for p in plans.values()]), ~days_t.c.deleted)
            .order_by(days_t.c.planned_date)).all()
        names = _names(conn, [*manager_ids, *{r.rep_id for r in rows if r.rep_id}])
        for r in rows:
            entries[r.plan_id].append(FieldDayEntry(r.id, r.planned_date, r.rep_id,
                                                    names.get(r.rep_id, ""), r.note))
    else:
        names = _names(conn, manager_ids)
    out = []
    for manager in manager_ids:
        plan = plans.get(manager)
        out.append(FieldWeek(
            manager, names.get(manager, ""), monday, plan.id if plan else None,
            plan.status if plan else None, plan.review_comment if plan else None,
            tuple(sorted(entries.get(plan.id, ()) if plan else (),
                         key=lambda e: (e.planned_date, e.rep_name)))))
    return out


def field_month(conn: Connection, manager_ids: Sequence[uuid.UUID], first: dt.date,
                last: dt.date) -> dict[uuid.UUID, FieldMonth]:
    """Per manager: field days (with a rep) between ``first`` and ``last``, distinct reps
    accompanied, and the weeks of those days submitted / approved."""
    names = _names(conn, manager_ids)
    days: dict[object, set[dt.date]] = defaultdict(set)
    reps: dict[object, set[object]] = defaultdict(set)
    weeks: dict[object, dict[object, str]] = defaultdict(dict)
    if manager_ids:
        for r in conn.execute(
                sa.select(days_t.c.manager_id, days_t.c.planned_date, days_t.c.rep_id,
                          plans_t.c.id, plans_t.c.status)
                .select_from(days_t.join(plans_t, plans_t.c.id == days_t.c.plan_id))
                .where(days_t.c.manager_id.in_(list(manager_ids)), ~days_t.c.deleted,
                       ~plans_t.c.deleted, days_t.c.planned_date >= first,
                       days_t.c.planned_date <= last, days_t.c.rep_id.is_not(None))):
            days[r.manager_id].add(r.planned_date)
            reps[r.manager_id].add(r.rep_id)
            weeks[r.manager_id][r.id] = r.status
    return {m: FieldMonth(m, names.get(m, ""), len(days[m]), len(reps[m]),
                          sum(s == "submitted" for s in weeks[m].values()),
                          sum(s == "approved" for s in weeks[m].values()))
            for m in manager_ids}


def ride_alongs(conn: Connection, rep_id: uuid.UUID, first: dt.date,
                last: dt.date) -> list[RideAlong]:
    """The days between ``first`` and ``last`` a manager rides along with ``rep_id``
    (weeks submitted or approved), by day."""
    rows = conn.execute(
        sa.select(days_t.c.planned_date, days_t.c.note, plans_t.c.status,
                  users_t.c.display_name)
        .select_from(days_t.join(plans_t, plans_t.c.id == days_t.c.plan_id)
                     .outerjoin(users_t, users_t.c.id == days_t.c.manager_id))
        .where(days_t.c.rep_id == rep_id, ~days_t.c.deleted, ~plans_t.c.deleted,
               plans_t.c.status.in_(SHOWN_TO_REPS), days_t.c.planned_date >= first,
               days_t.c.planned_date <= last)
        .order_by(days_t.c.planned_date)).all()
    return [RideAlong(r.planned_date, r.display_name or "", r.note, r.status) for r in rows]


@dataclass(frozen=True, slots=True)
class OwnFieldDay:
    """A day the signed-in DM rides along: with whom, and the day's note."""

    day: dt.date
    rep_names: tuple[str, ...]
    note: str | None
    status: str


def own_field_days(conn: Connection, manager_id: uuid.UUID, first: dt.date,
                   last: dt.date) -> list[OwnFieldDay]:
    """``manager_id``'s field days with a rep between ``first`` and ``last``, by day."""
    by_day: dict[dt.date, list[tuple[str, str | None, str]]] = defaultdict(list)
    for r in conn.execute(
            sa.select(days_t.c.planned_date, days_t.c.note, plans_t.c.status,
                      users_t.c.display_name)
            .select_from(days_t.join(plans_t, plans_t.c.id == days_t.c.plan_id)
                         .outerjoin(users_t, users_t.c.id == days_t.c.rep_id))
            .where(days_t.c.manager_id == manager_id, ~days_t.c.deleted, ~plans_t.c.deleted,
                   days_t.c.rep_id.is_not(None), days_t.c.planned_date >= first,
                   days_t.c.planned_date <= last)
            .order_by(days_t.c.planned_date, users_t.c.display_name)):
        by_day[r.planned_date].append((r.display_name or "", r.note, r.status))
    return [OwnFieldDay(day, tuple(name for name, _n, _s in rows),
                        next((n for _name, n, _s in rows if n), None), rows[0][2])
            for day, rows in sorted(by_day.items())]
