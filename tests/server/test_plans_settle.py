"""``fieldrep-server plans settle``: the server's final done/missed answer on planned
visits, stored in columns no client may write, published to the replicas, idempotent."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from server.cli import main as server_cli
from server.plans.settle import settle_planned_visits
from server.sync.rows import get_row
from server.tables import sync_feed, synced
from tests.conftest import truncate_all
from tests.factories import Factory
from tests.server.test_sync_pull import principal_for
from tests.server.test_sync_push import m, push, statuses

MONDAY = dt.date(2026, 11, 2)
# Wednesday 10:00 in Shanghai: Monday and Tuesday are over, Wednesday is not.
NOW = dt.datetime(2026, 11, 4, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def week(conn: Connection) -> dict[str, Any]:
    f = Factory(conn)
    territory = f.territory()
    rep = f.user(territory=territory)
    doc = f.doctor(territory)
    plan = f._insert("visit_plans", rep_id=rep["id"], territory_id=territory["id"],
                     week_start=MONDAY, status="approved")

    def planned(day: int) -> dict[str, Any]:
        return f._insert("planned_visits", plan_id=plan["id"], rep_id=rep["id"],
                         territory_id=territory["id"], doctor_id=doc["id"],
                         planned_date=MONDAY + dt.timedelta(days=day), status="planned")

    done, missed, draft_only, today = planned(0), planned(1), planned(1), planned(2)
    visit = f.visit(rep, doc, planned_visit_id=done["id"],
                    started_at=dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC))
    f.visit(rep, doc, planned_visit_id=draft_only["id"], status="draft", submitted_at=None,
            started_at=dt.datetime(2026, 11, 3, 2, 0, tzinfo=dt.UTC))
    f.publish()
    return {"rep": rep, "done": done, "missed": missed, "draft_only": draft_only,
            "today": today, "visit": visit}


def _stored(conn: Connection, row: dict[str, Any]) -> tuple[Any, Any, int]:
    got = get_row(conn, "planned_visits", row["id"])
    assert got is not None
    return got["outcome"], got["outcome_visit_id"], got["version"]


def test_settle_stores_done_and_missed_for_days_that_are_over(conn: Connection,
                                                              week: dict[str, Any]) -> None:
    report = settle_planned_visits(conn, now=NOW)
    assert (report.examined, report.done, report.missed) == (3, 1, 2)
    assert _stored(conn, week["done"]) == ("done", week["visit"]["id"], 2)
    assert _stored(conn, week["missed"]) == ("missed", None, 2)
    assert _stored(conn, week["draft_only"])[:2] == ("missed", None)  # a draft is no visit
    assert _stored(conn, week["today"]) == (None, None, 1)  # Wednesday is not over
    feed = conn.execute(sa.select(sync_feed.c.version).where(
        sync_feed.c.row_id == week["missed"]["id"])).scalars().all()
    assert feed and set(feed) == {2}  # published to the territory for the replicas

    again = settle_planned_visits(conn, now=NOW)  # idempotent
    assert (again.changed, again.unchanged) == (0, 2)
    assert _stored(conn, week["missed"])[2] == 2


def test_a_late_submitted_visit_turns_missed_into_done(conn: Connection,
                                                       week: dict[str, Any]) -> None:
    settle_planned_visits(conn, now=NOW)
    visits = synced["visits"]
    draft = conn.execute(sa.select(visits.c.id).where(
        visits.c.planned_visit_id == week["draft_only"]["id"])).scalar_one()
    conn.execute(sa.update(visits).where(visits.c.id == draft).values(status="submitted"))
    report = settle_planned_visits(conn, now=NOW)
    assert (report.done, report.missed) == (1, 0)
    assert _stored(conn, week["draft_only"])[:2] == ("done", draft)


def test_date_limits_the_days_settled(conn: Connection, week: dict[str, Any]) -> None:
    report = settle_planned_visits(conn, now=NOW, through=MONDAY)
    assert (report.done, report.missed) == (1, 0)
    future = settle_planned_visits(conn, now=NOW, through=MONDAY + dt.timedelta(days=30))
    assert _stored(conn, week["today"])[0] is None and future.missed == 2


def test_a_client_cannot_set_the_outcome(conn: Connection, week: dict[str, Any]) -> None:
    rep = principal_for(week["rep"])
    row = week["today"]
    response = push(conn, rep, [
        m(1, "planned_visits", row["id"], "update", base=1, outcome="done"),
        m(2, "planned_visits", row["id"], "update", base=1,
          outcome_visit_id=str(week["visit"]["id"])),
        m(3, "planned_visits", uuid.uuid4(), plan_id=str(row["plan_id"]),
          rep_id=str(row["rep_id"]), territory_id=str(row["territory_id"]),
          doctor_id=str(row["doctor_id"]), planned_date="2026-11-05", status="planned",
          outcome="done"),
    ])
    assert statuses(response) == [("rejected", "not_allowed", "outcome"),
                                  ("rejected", "not_allowed", "outcome_visit_id"),
                                  ("rejected", "not_allowed", "outcome")]
    assert _stored(conn, row) == (None, None, 1)


def test_the_cli_settles_and_says_what_it_did(sqlite_engine: Engine,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    truncate_all(sqlite_engine)
    try:
        with sqlite_engine.begin() as conn:
            f = Factory(conn)
            territory = f.territory()
            rep, doc = f.user(territory=territory), f.doctor(territory)
            plan = f._insert("visit_plans", rep_id=rep["id"], territory_id=territory["id"],
                             week_start=MONDAY, status="approved")
            f._insert("planned_visits", plan_id=plan["id"], rep_id=rep["id"],
                      territory_id=territory["id"], doctor_id=doc["id"], planned_date=MONDAY,
                      status="planned")
            f.publish()
        url = str(sqlite_engine.url)
        assert server_cli(["plans", "settle", "--database-url", url, "--date", "2026-11-02"]) == 0
        assert "0 settled done, 1 settled missed" in capsys.readouterr().out
        assert server_cli(["plans", "settle", "--database-url", url]) == 0
        assert "0 settled missed, 1 unchanged" in capsys.readouterr().out
    finally:
        truncate_all(sqlite_engine)
