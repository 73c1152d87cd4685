"""Planning reminders on the device: behind from the reminder day, today's open planned
visits, a returned plan; each raised as a pop-up once, even after a restart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.engine import Engine

from desktop import notifications as nt
from local_store import plans as lp
from local_store.read.plans import REMINDER_DAY_KEY, company_calendar
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from tests.local_store.plan_world import build_plan_world, put

LATE_IN_MONTH = dt.datetime(2026, 12, 28, 2, 0, tzinfo=dt.UTC)  # day 28 in Shanghai


def _kinds(items: list[nt.Notification]) -> list[str]:
    return sorted(n.kind for n in items)


def test_reminders_listed_and_raised_once_across_a_restart(replica: Engine, tmp_path: Path) -> None:
    with replica.begin() as conn:
        world = build_plan_world(conn)
        today = company_calendar(conn).today()
        monday = today - dt.timedelta(days=today.weekday())
        plan = lp.ensure_week_plan(conn, monday)
        lp.add_planned_visit(conn, plan, world.doctors[0], today)
        done = lp.add_planned_visit(conn, plan, world.doctors[1], today)
        put(conn, "visits", rep_id=world.rep, territory_id=world.territory,
            doctor_id=world.doctors[1], planned_visit_id=done, visit_type="face_to_face",
            started_at=dt.datetime.now(dt.UTC), status="draft")
        lp.submit_plan(conn, plan)
        set_state(conn, USER_ID, str(world.dm))
        lp.review_plan(conn, plan, approve=False, comment="周三太少")
        set_state(conn, USER_ID, str(world.rep))
        listed = nt.current_notifications(conn)
    planned_today = [n for n in listed if n.kind == nt.PLANNED_TODAY]
    assert planned_today and planned_today[0].title_args == ("1",)  # the other one is logged
    returned = [n for n in listed if n.kind == nt.PLAN_RETURNED]
    assert returned and returned[0].detail == "周三太少"

    raised = nt.take_new_notifications(replica)
    assert {nt.PLANNED_TODAY, nt.PLAN_RETURNED} <= set(_kinds(raised))
    assert nt.take_new_notifications(replica) == []
    replica.dispose()
    restarted = open_replica(tmp_path / "replica.sqlite3")
    try:
        assert nt.take_new_notifications(restarted) == []
        assert nt.PLAN_RETURNED in _kinds(nt.compute_notifications(restarted))  # still listed
    finally:
        restarted.dispose()


def test_behind_only_from_the_reminder_day(replica: Engine) -> None:
    with replica.begin() as conn:
        build_plan_world(conn)
        late = nt.current_notifications(conn, now=LATE_IN_MONTH)
        behind = [n for n in late if n.kind == nt.BEHIND]
        assert behind and int(behind[0].title_args[0]) == 5  # A, A, B, B, C: no visits yet
        early = dt.datetime(2026, 12, 10, 2, 0, tzinfo=dt.UTC)
        assert nt.BEHIND not in _kinds(nt.current_notifications(conn, now=early))
        set_state(conn, REMINDER_DAY_KEY, "5")  # the rep's own reminder day (Settings)
        assert nt.BEHIND in _kinds(nt.current_notifications(conn, now=early))
