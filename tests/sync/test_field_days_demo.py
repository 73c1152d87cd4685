"""The demo's field days hold up: after seeding the small demo, dm001 rides along with
reps of their own district only this week (submitted) and the three weeks before
(approved); their replica, their RM's and an accompanied rep's receive the rows over
HTTP, and the server's policy accepts the RM approving the seeded week."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop import field_days
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from server.auth.passwords import hash_password
from server.demo.seed import DEMO_PASSWORD, seed_demo
from server.tables import synced, users
from sync.client import SyncHttpClient
from sync.engine import SyncEngine
from tests.conftest import LiveServer, truncate_all

TODAY = dt.date(2026, 12, 3)  # a Thursday
MONDAY = dt.date(2026, 11, 30)


@pytest.fixture
def demo(sqlite_engine: Engine) -> Iterator[tuple[Engine, LiveServer]]:
    truncate_all(sqlite_engine)
    seed_demo(sqlite_engine, "small", seed=1, today=TODAY,
              password_hash=hash_password(DEMO_PASSWORD))
    server = LiveServer(sqlite_engine).start()
    try:
        yield sqlite_engine, server
    finally:
        server.stop()
        truncate_all(sqlite_engine)


def synced_replica(server: LiveServer, folder: Path, username: str) -> tuple[Engine, SyncHttpClient]:
    replica = open_replica(folder / f"{username}.sqlite3")
    http = SyncHttpClient(server.url, retries=0)
    answer = http.login(username, DEMO_PASSWORD)
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(answer["user"]["id"]))
    assert SyncEngine(replica, http).run().rejected == 0
    return replica, http


def test_demo_dm_rides_along_with_own_reps_and_replicas_agree(
        demo: tuple[Engine, LiveServer], tmp_path: Path) -> None:
    engine, server = demo
    plans, days = synced["field_plans"], synced["field_days"]
    with engine.connect() as conn:
        people = {r.username: r for r in conn.execute(
            sa.select(users.c.id, users.c.username, users.c.role, users.c.district_id))}
        dm = people["dm001"]
        own_reps = {r.id for r in people.values()
                    if r.role == "rep" and r.district_id == dm.district_id}
        weeks = {r.week_start: r for r in conn.execute(
            sa.select(plans).where(plans.c.manager_id == dm.id))}
        rows = conn.execute(sa.select(days).where(days.c.manager_id == dm.id)).all()
    assert sorted(weeks) == [MONDAY - dt.timedelta(weeks=n) for n in (3, 2, 1, 0)]
    assert {w: p.status for w, p in weeks.items()} == {
        **{MONDAY - dt.timedelta(weeks=n): "approved" for n in (1, 2, 3)}, MONDAY: "submitted"}
    assert {r.rep_id for r in rows} <= own_reps and len({r.rep_id for r in rows}) > 1
    for monday in weeks:
        per_day = Counter(r.planned_date for r in rows if r.plan_id == weeks[monday].id)
        assert 2 <= len(per_day) <= 3 and set(per_day.values()) <= {1, 2}
        assert all(monday <= d < monday + dt.timedelta(days=5) for d in per_day)
    assert all(r.note and r.note[:2] in ("协访", "随访") for r in rows)

    dm_db, dm_http = synced_replica(server, tmp_path, "dm001")
    rm_db, rm_http = synced_replica(server, tmp_path, "rm001")
    try:
        mine = field_days.load_field_view(dm_db, MONDAY, role="dm").week_of(None)
        assert mine is not None and mine.status == "submitted"
        this_week = sorted((e.planned_date, e.rep_id) for e in mine.entries)
        assert this_week == sorted((r.planned_date, r.rep_id) for r in rows
                                   if r.plan_id == weeks[MONDAY].id)
        team = dict(field_days.load_field_view(dm_db, MONDAY, role="dm").team)
        assert set(team) == {uuid.UUID(str(r)) for r in own_reps}
        assert all(e.rep_name == team[e.rep_id] for e in mine.entries if e.rep_id)

        rm_view = field_days.load_field_view(rm_db, MONDAY, role="rm")
        assert uuid.UUID(str(dm.id)) in {uid for uid, _name in rm_view.team}
        theirs = rm_view.week_of(uuid.UUID(str(dm.id)))
        assert theirs is not None and theirs.status == "submitted"
        assert sorted((e.planned_date, e.rep_id) for e in theirs.entries) == this_week
        assert rm_view.month[uuid.UUID(str(dm.id))].days >= 2

        # The server's policy takes the RM's approval of the seeded week.
        field_days.review(rm_db, theirs.plan_id, approve=True, comment="同意。")  # type: ignore[arg-type]
        assert SyncEngine(rm_db, rm_http).run().rejected == 0
        with engine.connect() as conn:
            assert conn.execute(sa.select(plans.c.status).where(
                plans.c.id == theirs.plan_id)).scalar_one() == "approved"

        # The accompanied rep sees the ride-along on their replica.
        rep_id = this_week[0][1]
        rep_name = next(u for u, r in people.items() if r.id == rep_id)
        rep_db, rep_http = synced_replica(server, tmp_path, rep_name)
        try:
            rides = field_days.rides_in_week(rep_db, MONDAY)
            assert this_week[0][0] in {r.day for r in rides}
            assert {r.status for r in rides} == {"approved"}
        finally:
            rep_http.close()
            rep_db.dispose()
    finally:
        for db, http in ((dm_db, dm_http), (rm_db, rm_http)):
            http.close()
            db.dispose()
