"""Device and server agree on the demo: after the seed settles every planned visit whose
day is over, a rep's device synced over HTTP computes the same done/missed for each of
them with its own rule (``domain.plans.planned_outcome`` on the replica's visits), and
its Plan page shows the server's answer."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.calendar import CHINA_STANDARD_TIME as SHANGHAI
from domain.calendar import week_start
from domain.plans import Outcome, planned_outcome
from local_store.read.plans import company_calendar, week_plans
from local_store.replica import synced
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from server.auth.passwords import hash_password
from server.demo.seed import DEMO_PASSWORD, seed_demo
from server.tables import users
from sync.client import SyncHttpClient
from sync.engine import SyncEngine
from tests.conftest import LiveServer, truncate_all

TODAY = dt.date(2026, 12, 3)
SEED_NOW = dt.datetime(2026, 12, 3, tzinfo=SHANGHAI).astimezone(dt.UTC)


def test_device_and_server_agree_on_the_demo(sqlite_engine: Engine, tmp_path: Path) -> None:
    truncate_all(sqlite_engine)
    server = None
    try:
        seed_demo(sqlite_engine, "small", seed=1, today=TODAY,
                  password_hash=hash_password(DEMO_PASSWORD))
        with sqlite_engine.connect() as conn:
            rep = conn.execute(sa.select(users.c.id).where(users.c.username == "rep001")
                               ).scalar_one()
        server = LiveServer(sqlite_engine).start()
        replica = open_replica(tmp_path / "rep001.sqlite3")
        http = SyncHttpClient(server.url, retries=0)
        answer = http.login("rep001", DEMO_PASSWORD)
        with replica.begin() as conn:
            set_state(conn, USER_ID, str(answer["user"]["id"]))
        SyncEngine(replica, http).run()
        http.close()

        p, v = synced["planned_visits"], synced["visits"]
        with replica.connect() as conn:
            calendar = company_calendar(conn)
            planned = conn.execute(sa.select(p.c.id, p.c.planned_date, p.c.outcome,
                                             p.c.outcome_visit_id)
                                   .where(p.c.rep_id == rep, ~p.c.deleted)).all()
            linked: dict[object, list[str]] = defaultdict(list)
            for pv_id, status in conn.execute(sa.select(v.c.planned_visit_id, v.c.status)
                                              .where(v.c.planned_visit_id.is_not(None))):
                linked[pv_id].append(status)
            settled = [r for r in planned if r.outcome is not None]
            assert len(settled) > 50
            disagree = [r for r in settled
                        if planned_outcome(r.planned_date, linked.get(r.id, ()), SEED_NOW,
                                           calendar).value != r.outcome]
            assert disagree == []
            outcomes = Counter(r.outcome for r in settled)
            assert outcomes["done"] > outcomes["missed"] > 0  # a mostly disciplined team
            assert all(r.planned_date < TODAY for r in settled)
            assert all((r.outcome == "done") == (r.outcome_visit_id is not None) for r in settled)
            # The Plan page's week shows the server's answer, flagged as settled.
            last_week = week_start(TODAY) - dt.timedelta(days=7)
            [week] = week_plans(conn, [rep], last_week, now=SEED_NOW, calendar=calendar)
        assert week.planned and all(row.settled for row in week.planned)
        assert {row.outcome for row in week.planned} <= {Outcome.DONE, Outcome.MISSED}
    finally:
        if server is not None:
            server.stop()
        truncate_all(sqlite_engine)
