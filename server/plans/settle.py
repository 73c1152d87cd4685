"""The server's final answer on planned visits: done (with the linked visit) or missed.

Device and server decide a planned visit's outcome with ONE rule,
``domain.plans.planned_outcome``: done when a submitted visit is linked to it, missed
when its day is over in the company calendar without one. The device computes it for
itself (offline), but the server's clock decides "the day is over", so its answer is
final: ``settle`` stores it on the planned visit (``outcome``, ``outcome_visit_id``,
``settled_at``: columns no client may write) and publishes the rows, and a device shows
the stored outcome when it has one.

Idempotent: a second run changes nothing. A planned visit settled "done" stays done (a
submitted visit is locked for good); one settled "missed" becomes done if a submitted
visit is linked to it later (a late entry within the submission window), so the two
ends keep agreeing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.plans import SUBMITTED, Outcome, planned_outcome
from server.rules.service import company_calendar
from server.sync.feed import ChangeSet, publish, territory_scope, utcnow
from server.tables import synced
from wire.in_lists import in_chunks
from wire.protocol import Op

SETTLED = (Outcome.DONE.value, Outcome.MISSED.value)


@dataclass
class SettleReport:
    examined: int = 0
    done: int = 0
    missed: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.done + self.missed


def settle_planned_visits(conn: Connection, *, through: dt.date | None = None,
                          now: dt.datetime | None = None, actor: uuid.UUID | None = None,
                          fresh_rows: bool = False) -> SettleReport:
    """Store the outcome of every planned visit dated ``through`` or earlier (default:
    every day already over in the company calendar) that is not settled done yet.

    ``fresh_rows``: the demo seed's rows, written in the same transaction and never
    pulled yet: settled in place (version and feed entry stay those of the insert)."""
    now = now or utcnow()
    calendar = company_calendar(conn)
    last_over = calendar.local_date(now) - dt.timedelta(days=1)
    through = min(through, last_over) if through is not None else last_over
    p, v = synced["planned_visits"], synced["visits"]
    rows = conn.execute(
        sa.select(p.c.id, p.c.version, p.c.territory_id, p.c.planned_date, p.c.outcome,
                  p.c.outcome_visit_id)
        .where(~p.c.deleted, p.c.planned_date <= through,
               sa.or_(p.c.outcome.is_(None), p.c.outcome != Outcome.DONE.value))).all()
    report = SettleReport(examined=len(rows))
    linked: dict[Any, Any] = {}  # planned visit id -> its first submitted visit's id
    for chunk in in_chunks([r.id for r in rows]):
        for pv_id, visit_id in conn.execute(
                sa.select(v.c.planned_visit_id, v.c.id)
                .where(v.c.planned_visit_id.in_(chunk), v.c.status == SUBMITTED, ~v.c.deleted)
                .order_by(v.c.planned_visit_id, v.c.started_at)):
            linked.setdefault(pv_id, visit_id)  # the first submitted visit of the day
    updates: list[dict[str, Any]] = []
    for r in rows:
        visit_id = linked.get(r.id)
        outcome = planned_outcome(r.planned_date, (SUBMITTED,) if visit_id else (), now, calendar)
        if outcome not in (Outcome.DONE, Outcome.MISSED):
            continue
        if r.outcome == outcome.value and r.outcome_visit_id == visit_id:
            report.unchanged += 1
            continue
        report.done += outcome is Outcome.DONE
        report.missed += outcome is Outcome.MISSED
        updates.append({"b_id": r.id, "b_version": int(r.version) + (not fresh_rows),
                        "b_territory": r.territory_id, "b_outcome": outcome.value,
                        "b_visit": visit_id})
    if not updates:
        return report
    stamp = utcnow()
    conn.execute(
        sa.update(p).where(p.c.id == sa.bindparam("b_id"))
        .values(outcome=sa.bindparam("b_outcome"), outcome_visit_id=sa.bindparam("b_visit"),
                settled_at=stamp, version=sa.bindparam("b_version"), updated_at=stamp,
                updated_by=actor),
        [{k: u[k] for k in ("b_id", "b_version", "b_outcome", "b_visit")} for u in updates])
    if fresh_rows:
        return report
    changes = ChangeSet()
    for u in updates:
        changes.add(territory_scope(u["b_territory"]), "planned_visits", u["b_id"],
                    u["b_version"], Op.UPSERT)
    publish(conn, changes)
    return report
