"""A DM plans their field days offline, the RM approves over the wire, the accompanied
rep's replica shows the ride-along; a hand-made push naming another district's rep and
an approval by an RM of another region are refused by the server."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop import field_days
from local_store.replica import synced
from local_store.writes import record_local_change
from tests.factories import Factory
from tests.sync.conftest import PASSWORD, Device, server_row

MONDAY = dt.date(2026, 11, 2)
TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def region(engine: Engine) -> dict[str, Any]:
    with engine.begin() as conn:
        f = Factory(conn)
        region, other_region = f.region(), f.region()
        district, district2 = f.district(region), f.district(region)
        ta, tb, t2 = f.territory(district), f.territory(district), f.territory(district2)
        rm = f.user("rm", region_id=region["id"], password=PASSWORD, display_name="赵总")
        rm_other = f.user("rm", region_id=other_region["id"], password=PASSWORD)
        dm = f.user("dm", district_id=district["id"], region_id=region["id"],
                    manager_id=rm["id"], password=PASSWORD, display_name="王经理")
        rep = f.user(territory=ta, manager_id=dm["id"], password=PASSWORD, display_name="张伟")
        peer = f.user(territory=tb, manager_id=dm["id"], password=PASSWORD, display_name="李娜")
        stranger = f.user(territory=t2, password=PASSWORD, display_name="外人")
        f.publish()
    return {"rm": rm, "rm_other": rm_other, "dm": dm, "rep": rep, "peer": peer,
            "stranger": stranger}


def test_field_days_travel_offline_dm_to_rm_to_rep(region: dict[str, Any], device: Any,
                                                   engine: Engine) -> None:
    dm: Device = device(region["dm"])
    rm: Device = device(region["rm"])
    rep: Device = device(region["rep"])
    for d in (dm, rm, rep):
        d.sync()

    plan_id = field_days.save_day(dm.db, MONDAY, TUESDAY, [region["rep"]["id"]], "陪访协和")
    field_days.submit(dm.db, plan_id)  # offline: the server knows nothing yet
    assert server_row(engine, "field_plans", plan_id) is None
    assert dm.sync().rejected == 0
    assert server_row(engine, "field_plans", plan_id)["status"] == "submitted"  # type: ignore[index]

    rm.sync()
    view = field_days.load_field_view(rm.db, MONDAY, role="rm")
    assert [name for _id, name in view.team] == ["王经理"]
    week = view.week_of(region["dm"]["id"])
    assert week is not None and week.status == "submitted"
    assert [e.rep_name for e in week.on(TUESDAY)] == ["张伟"]
    field_days.review(rm.db, plan_id, approve=True, comment=None)
    assert rm.sync().rejected == 0
    assert server_row(engine, "field_plans", plan_id)["status"] == "approved"  # type: ignore[index]

    rep.sync()
    [ride] = field_days.rides_in_week(rep.db, MONDAY)
    assert (ride.day, ride.manager_name, ride.note, ride.status) == (
        TUESDAY, "王经理", "陪访协和", "approved")

    # Hand-made writes the device would refuse, straight into the outbox.
    with dm.db.begin() as conn:
        plan2 = record_local_change(conn, "field_plans", None, "insert", {
            "manager_id": region["dm"]["id"], "district_id": region["dm"]["district_id"],
            "week_start": MONDAY + dt.timedelta(days=7), "status": "submitted"})
        record_local_change(conn, "field_days", None, "insert", {
            "plan_id": plan2, "manager_id": region["dm"]["id"],
            "district_id": region["dm"]["district_id"],
            "planned_date": MONDAY + dt.timedelta(days=8), "rep_id": region["stranger"]["id"]})
    result = dm.sync()
    assert result.rejected == 1
    other: Device = device(region["rm_other"])
    other.sync()
    assert other.row("field_plans", plan2) is None  # another region's RM never sees it
    with other.db.begin() as conn:
        conn.execute(sa.insert(synced["field_plans"]).values(
            id=plan2, version=1, updated_at=dt.datetime.now(dt.UTC), deleted=False,
            manager_id=region["dm"]["id"], district_id=region["dm"]["district_id"],
            week_start=MONDAY + dt.timedelta(days=7), status="submitted"))
        record_local_change(conn, "field_plans", plan2, "update", {"status": "approved"})
    assert other.sync().rejected == 1
    assert server_row(engine, "field_plans", plan2)["status"] == "submitted"  # type: ignore[index]
