"""Notifications computed on the device from the replica (no Qt, no server round trip).

Seven kinds, for the signed-in user:

* ``comment``   — a comment, suggestion or note by someone else on my visit, not yet read;
* ``reviewed``  — a manager reviewed my visit (``title_args[2] == "exemplary"`` when they
  also marked it exemplary);
* ``exemplary`` — someone else's visit was marked exemplary (shared with the team);
* ``rejected``  — the server refused a change of mine and I have not dealt with it;
* reminders (``local_store.read.plans.reminder_facts``): ``behind`` — from the reminder
  day of the month, my target doctors behind their visits (once a month); ``planned_today``
  — today's planned visits not yet logged (once a day); ``plan_returned`` — my manager
  returned a weekly plan (once per return).

Two per-kind watermarks live in the replica's ``sync_state`` so nothing is announced
twice, even across restarts:

* ``seen`` (Today's list): reviews and exemplary visits older than it are no longer
  listed; the user moves it with "Mark all as seen". Comments leave the list when they
  are read, rejections when they are resolved.
* ``raised`` (desktop pop-ups): ``take_new_notifications`` returns only what is newer
  than it, then moves it forward.

Times are the rows' ``updated_at`` (the server's time when it accepted the row), so a
manager working offline for a day still gets a time later than the watermark once
the row reaches the server; rejections use the device time they were recorded.

Reads take a Connection or Engine (read pool); moving a watermark
(``local_store.notification_marks``) writes ``sync_state`` on the writer thread.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from local_store import outbox as ob
from local_store.read.plans import reminder_facts
from local_store.replica import synced
from local_store.state import get_state, local_user_id, utcnow

COMMENT = "comment"
REVIEWED = "reviewed"
EXEMPLARY = "exemplary"
REJECTED = "rejected"
BEHIND = "behind"
PLANNED_TODAY = "planned_today"
PLAN_RETURNED = "plan_returned"
KINDS = (COMMENT, REVIEWED, EXEMPLARY, REJECTED, BEHIND, PLANNED_TODAY, PLAN_RETURNED)
# Kinds that arrive by the dozen and are about the team, not the user (a district shares
# many exemplary visits a week): Today shows each as one row with a count, after the
# personal ones, so a manager's comment on my visit is never buried under them.
BULK_KINDS = (EXEMPLARY,)
# A bulk kind with fewer items than this is listed like a personal one.
GROUP_FROM = 2

# A fresh replica (first sync) does not list years of old reviews: only this far back.
LOOKBACK = dt.timedelta(days=30)
DETAIL_CHARS = 140


@dataclass(frozen=True)
class Notification:
    """One thing to tell the user; the UI words it from ``kind`` and ``title_args``.

    ``title_args``: comment (author, doctor, comment kind); reviewed (reviewer, doctor,
    "exemplary" or ""); exemplary (rep, doctor, reviewer); rejected (table, reason,
    message). ``detail``: a short excerpt (comment text) or "". ``key`` is unique per
    notification (kind and row id).
    """

    kind: str
    title_args: tuple[str, ...]
    visit_id: uuid.UUID | None
    at: dt.datetime
    detail: str = ""
    key: str = ""
    # A colleague's exemplary visit known only from the district's shared snapshot
    # (``shared_visits`` id): open the snapshot, the visit is not in this replica.
    shared_id: uuid.UUID | None = None


@dataclass(frozen=True)
class NotificationGroup:
    """All current notifications of one bulk kind, newest first."""

    kind: str
    items: tuple[Notification, ...]

    @property
    def count(self) -> int:
        return len(self.items)


def arrange(items: list[Notification]) -> tuple[list[Notification], list[NotificationGroup]]:
    """Today's order: personal notifications (and bulk kinds with fewer than
    ``GROUP_FROM`` items), newest first, then one group per bulk kind in
    ``BULK_KINDS`` order."""
    by_kind: dict[str, list[Notification]] = {kind: [] for kind in BULK_KINDS}
    single: list[Notification] = []
    for n in items:
        by_kind.get(n.kind, single).append(n)
    groups = []
    for kind in BULK_KINDS:
        found = sorted(by_kind[kind], key=lambda n: n.at, reverse=True)
        if len(found) >= GROUP_FROM:
            groups.append(NotificationGroup(kind, tuple(found)))
        else:
            single += found
    personal = sorted(single, key=lambda n: (n.kind not in BULK_KINDS, n.at), reverse=True)
    return personal, groups


def seen_key(kind: str) -> str:
    return f"notifications.seen.{kind}"


def raised_key(kind: str) -> str:
    return f"notifications.raised.{kind}"


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def watermark(conn: Connection, key: str) -> dt.datetime | None:
    value = get_state(conn, key)
    return _aware(dt.datetime.fromisoformat(value)) if value else None




def _excerpt(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 1] + "…"


def _after(column: sa.ColumnElement[dt.datetime], since: dt.datetime | None) -> sa.ColumnElement[bool]:
    return column > since if since is not None else sa.true()


def _comments(conn: Connection, me: uuid.UUID) -> list[Notification]:
    comments, visits, users, doctors = (synced["visit_comments"], synced["visits"],
                                        synced["users"], synced["doctors"])
    reads = synced["comment_reads"]
    read_ids = sa.select(reads.c.comment_id).where(reads.c.user_id == me, ~reads.c.deleted)
    rows = conn.execute(
        sa.select(comments.c.id, comments.c.visit_id, comments.c.kind, comments.c.text,
                  comments.c.updated_at, users.c.display_name, doctors.c.name)
        .select_from(comments.join(visits, visits.c.id == comments.c.visit_id)
                     .outerjoin(users, users.c.id == comments.c.author_id)
                     .outerjoin(doctors, doctors.c.id == visits.c.doctor_id))
        .where(~comments.c.deleted, visits.c.rep_id == me, comments.c.author_id != me,
               comments.c.id.not_in(read_ids))).all()
    return [Notification(COMMENT, (r.display_name or "?", r.name or "?", str(r.kind)),
                         uuid.UUID(str(r.visit_id)), _aware(r.updated_at), _excerpt(r.text),
                         f"{COMMENT}:{r.id}") for r in rows]


def _reviews(conn: Connection, me: uuid.UUID, since: dt.datetime | None,
             *, mine: bool) -> list[Notification]:
    """Reviews of my visits (``mine``) or exemplary reviews of others' visits."""
    reviews, visits, users, doctors = (synced["visit_reviews"], synced["visits"],
                                       synced["users"], synced["doctors"])
    reviewer = users.alias("reviewer")
    rep = users.alias("rep")
    where = [~reviews.c.deleted, reviews.c.reviewer_id != me, _after(reviews.c.updated_at, since)]
    if mine:
        where.append(visits.c.rep_id == me)
    else:
        where += [visits.c.rep_id != me, reviews.c.exemplary]
    rows = conn.execute(
        sa.select(reviews.c.id, reviews.c.visit_id, reviews.c.exemplary, reviews.c.updated_at,
                  reviewer.c.display_name.label("reviewer"), rep.c.display_name.label("rep"),
                  doctors.c.name.label("doctor"))
        .select_from(reviews.join(visits, visits.c.id == reviews.c.visit_id)
                     .outerjoin(reviewer, reviewer.c.id == reviews.c.reviewer_id)
                     .outerjoin(rep, rep.c.id == visits.c.rep_id)
                     .outerjoin(doctors, doctors.c.id == visits.c.doctor_id))
        .where(*where)).all()
    out = []
    for r in rows:
        if mine:
            kind, args = REVIEWED, (r.reviewer or "?", r.doctor or "?",
                                    EXEMPLARY if r.exemplary else "")
        else:
            kind, args = EXEMPLARY, (r.rep or "?", r.doctor or "?", r.reviewer or "?")
        out.append(Notification(kind, args, uuid.UUID(str(r.visit_id)), _aware(r.updated_at),
                                "", f"{kind}:{r.id}"))
    return out


def _shared(conn: Connection, me: uuid.UUID, since: dt.datetime | None,
            known: set[uuid.UUID]) -> list[Notification]:
    """Exemplary visits of colleagues shared with the district (not in ``known``)."""
    shared = synced["shared_visits"]
    rows = conn.execute(
        sa.select(shared.c.id, shared.c.visit_id, shared.c.rep_name, shared.c.doctor_name,
                  shared.c.reviewer_name, shared.c.updated_at)
        .where(~shared.c.deleted, sa.or_(shared.c.rep_id.is_(None), shared.c.rep_id != me),
               sa.or_(shared.c.reviewer_id.is_(None), shared.c.reviewer_id != me),
               _after(shared.c.updated_at, since))).all()
    return [Notification(EXEMPLARY, (r.rep_name or "?", r.doctor_name or "?", r.reviewer_name or "?"),
                         uuid.UUID(str(r.visit_id)), _aware(r.updated_at), "",
                         f"{EXEMPLARY}:shared:{r.id}", shared_id=uuid.UUID(str(r.id)))
            for r in rows if uuid.UUID(str(r.visit_id)) not in known]


def _rejections(conn: Connection) -> list[Notification]:
    out = []
    for r in ob.unresolved_rejections(conn):
        visit_id: uuid.UUID | None = None
        if r["table_name"] == "visits":
            visit_id = uuid.UUID(str(r["row_id"]))
        elif isinstance(r["fields"], dict) and r["fields"].get("visit_id"):
            visit_id = uuid.UUID(str(r["fields"]["visit_id"]))
        out.append(Notification(
            REJECTED, (str(r["table_name"]), str(r["reason"] or ""), str(r["message"] or "")),
            visit_id, _aware(r["rejected_at"]), _excerpt(r["message"]),
            f"{REJECTED}:{r['id']}"))
    return out


def _reminders(conn: Connection, me: uuid.UUID, now: dt.datetime | None) -> list[Notification]:
    """Planning reminders; each is "at" the start of its period, so it is raised once."""
    facts = reminder_facts(conn, me, now=now)
    out = []
    if facts.month_reminder_at is not None and facts.behind:
        out.append(Notification(BEHIND, (str(facts.behind),), None, facts.month_reminder_at, "",
                                f"{BEHIND}:{facts.today:%Y-%m}"))
    if facts.open_today:
        out.append(Notification(PLANNED_TODAY, (str(facts.open_today),), None, facts.day_start,
                                "", f"{PLANNED_TODAY}:{facts.today.isoformat()}"))
    for plan in facts.returned:
        out.append(Notification(PLAN_RETURNED, (plan.week_start.isoformat(),), None, plan.at,
                                _excerpt(plan.comment), f"{PLAN_RETURNED}:{plan.plan_id}"))
    return out


def current_notifications(conn: Connection, *, now: dt.datetime | None = None) -> list[Notification]:
    """What Today lists for the signed-in user, newest first ([] before the first sign-in)."""
    me = local_user_id(conn)
    if me is None:
        return []
    floor = (now or utcnow()) - LOOKBACK

    def since(kind: str) -> dt.datetime:
        seen = watermark(conn, seen_key(kind))
        return max(seen, floor) if seen is not None else floor

    exemplary = _reviews(conn, me, since(EXEMPLARY), mine=False)
    local = {n.visit_id for n in exemplary if n.visit_id is not None}
    found = (_comments(conn, me) + _reviews(conn, me, since(REVIEWED), mine=True) + exemplary
             + _shared(conn, me, since(EXEMPLARY), local) + _rejections(conn)
             + _reminders(conn, me, now))
    return sorted(found, key=lambda n: n.at, reverse=True)


def compute_notifications(replica: Engine) -> list[Notification]:
    """``current_notifications`` on its own connection (read pool)."""
    with replica.connect() as conn:
        return current_notifications(conn)




