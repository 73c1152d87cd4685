"""The planning story over real HTTP: a rep plans offline and submits, the DM returns the
week with a comment, the rep fixes and resubmits, the DM approves, a visit completes the
plan, and both devices count done and missed the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.calendar import CompanyCalendar, week_start
from domain.plans import Outcome
from local_store import plans as lp
from local_store import writes as w
from local_store.read.plans import week_plans
from tests.factories import Factory
from tests.sync.conftest import PASSWORD, Device, server_row


def test_plan_offline_submit_return_fix_approve_and_complete(engine: Engine, device: Any) -> None:
    with engine.begin() as conn:
        f = Factory(conn)
        district = f.district()
        territory = f.territory(district)
        dm = f.user("dm", district_id=district["id"], region_id=district["region_id"],
                    password=PASSWORD)
        rep = f.user(territory=territory, password=PASSWORD, manager_id=dm["id"])
        hospital = f.institution(latitude=31.21, longitude=121.46)
        other = f.institution(latitude=31.25, longitude=121.50)
        doctors = [f.doctor(territory, hospital), f.doctor(territory, hospital),
                   f.doctor(territory, other)]
        f.publish()
    a: Device = device(rep)
    boss: Device = device(dm)
    a.sync()
    boss.sync()
    calendar = CompanyCalendar()
    today = calendar.today()
    monday = week_start(today)

    with a.db.begin() as conn:  # offline: nothing reaches the server until the sync
        plan = lp.ensure_week_plan(conn, monday)
        first = lp.add_planned_visit(conn, plan, doctors[0]["id"], today)
        lp.add_planned_visit(conn, plan, doctors[1]["id"], today)
        lp.submit_plan(conn, plan)
    assert server_row(engine, "visit_plans", plan) is None
    # The plan, its two visits, then the submit: a change of status keeps its place
    # after what was queued since (it does not fold into the plan's insert).
    assert (a.sync().pushed, a.results[-1].rejected) == (4, 0)
    assert server_row(engine, "visit_plans", plan)["status"] == "submitted"  # type: ignore[index]

    boss.sync()
    with boss.db.begin() as conn:
        assert week_plans(conn, [rep["id"]], monday)[0].status == "submitted"
        lp.review_plan(conn, plan, approve=False, comment="请加上第二家医院")
    assert boss.sync().pushed == 1

    a.sync()
    with a.db.begin() as conn:
        returned = week_plans(conn, [rep["id"]], monday)[0]
        assert (returned.status, returned.review_comment) == ("returned", "请加上第二家医院")
        lp.add_planned_visit(conn, plan, doctors[2]["id"], today)
        lp.submit_plan(conn, plan)
    assert a.sync().rejected == 0

    boss.sync()
    with boss.db.begin() as conn:
        lp.review_plan(conn, plan, approve=True)
    boss.sync()
    a.sync()
    with a.db.begin() as conn:
        assert week_plans(conn, [rep["id"]], monday)[0].status == "approved"
        visit = w.save_visit_draft(conn, doctor_id=doctors[0]["id"], visit_type="face_to_face",
                                   started_at=dt.datetime.now(dt.UTC), purpose="介绍新适应症",
                                   planned_visit_id=first)
        w.submit_visit(conn, visit)
    assert a.sync().rejected == 0
    boss.sync()

    after_the_day = calendar.end_of_day(today) + dt.timedelta(minutes=1)
    for replica in (a.db, boss.db):
        with replica.connect() as conn:
            week = week_plans(conn, [rep["id"]], monday, now=after_the_day)[0]
        counts = week.counts()
        assert (week.status, counts[Outcome.DONE], counts[Outcome.MISSED]) == ("approved", 1, 2)
        assert week.adherence == 1 / 3
    with engine.connect() as conn:
        planned = conn.execute(sa.text("SELECT count(*) FROM planned_visits WHERE NOT deleted"))
        assert planned.scalar_one() == 3
    assert server_row(engine, "visit_plans", plan)["review_comment"] is None  # type: ignore[index]
