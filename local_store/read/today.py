"""The Today page's numbers and notifications, read from the replica (run on the read pool)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store import outbox as ob
from local_store.read.notifications import Notification, current_notifications
from local_store.read.plans import company_calendar
from local_store.replica import synced
from local_store.state import last_sync_at, local_user_id


@dataclass(frozen=True)
class TodaySummary:
    pending: int
    rejected: int
    last_sync: dt.datetime | None
    doctors_by_grade: dict[str, int] = field(default_factory=dict)
    unread_comments: int = 0
    visits_this_month: int = 0
    notifications: list[Notification] = field(default_factory=list)


def today_summary(replica: Engine, today: dt.date | None = None) -> TodaySummary:
    doctors = synced["doctors"]
    comments = synced["visit_comments"]
    reads = synced["comment_reads"]
    visits = synced["visits"]
    with replica.connect() as conn:
        calendar = company_calendar(conn)
        month_start = calendar.month(today or calendar.today()).start
        me: uuid.UUID | None = local_user_id(conn)
        grades = {str(g or "-"): int(str(n)) for g, n in conn.execute(
            sa.select(doctors.c.grade, sa.func.count())
            .where(~doctors.c.deleted, doctors.c.status == "active")
            .group_by(doctors.c.grade))}
        unread = 0
        visits_month = 0
        if me is not None:
            read_ids = sa.select(reads.c.comment_id).where(reads.c.user_id == me, ~reads.c.deleted)
            unread = int(conn.execute(
                sa.select(sa.func.count()).select_from(comments)
                .join(visits, visits.c.id == comments.c.visit_id)
                .where(~comments.c.deleted, comments.c.author_id != me, visits.c.rep_id == me,
                       comments.c.id.not_in(read_ids))).scalar() or 0)
            visits_month = int(conn.execute(
                sa.select(sa.func.count()).select_from(visits)
                .where(~visits.c.deleted, visits.c.rep_id == me,
                       visits.c.started_at >= month_start)).scalar() or 0)
        return TodaySummary(ob.pending_count(conn), len(ob.unresolved_rejections(conn)),
                            last_sync_at(conn), grades, unread, visits_month,
                            current_notifications(conn))
