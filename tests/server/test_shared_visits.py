"""Good practice: an exemplary visit is shared with its district team as a snapshot."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.feed import ChangeSet, publish
from server.sync.rows import get_row
from server.tables import sync_feed
from server.visits.sharing import refresh_shared_visits, shared_visit_id
from tests.factories import Factory
from tests.server.test_visit_comments_server import c
from tests.server.test_visit_rules_server import push, results


@pytest.fixture
def world(conn: Connection) -> dict[str, Any]:
    f = Factory(conn)
    territory = f.territory()
    rep = f.user(territory=territory)
    dm = f.user("dm", district_id=territory["district_id"])
    doctor = f.doctor(territory)
    visit = f.visit(rep, doctor, status="submitted")
    draft = f.visit(rep, doctor, status="draft")
    f.publish()
    return {"rep": rep, "dm": dm, "visit": visit, "draft": draft, "territory": territory,
            "doctor": doctor}


def review(w: dict[str, Any], visit: str = "visit", exemplary: bool = True) -> dict[str, Any]:
    return {"visit_id": str(w[visit]["id"]), "territory_id": str(w["territory"]["id"]),
            "reviewer_id": str(w["dm"]["id"]), "exemplary": exemplary,
            "reviewed_at": dt.datetime.now(dt.UTC).isoformat()}


def feed_ops(conn: Connection, row_id: uuid.UUID) -> list[tuple[str, str]]:
    return [(r.scope, r.op) for r in conn.execute(
        sa.select(sync_feed.c.scope, sync_feed.c.op).where(sync_feed.c.row_id == row_id))]


def test_marking_exemplary_shares_a_snapshot_with_the_district_and_unmarking_removes_it(
        conn: Connection, world: dict[str, Any]) -> None:
    review_id = uuid.uuid4()
    assert results(push(conn, world["dm"], c(1, review_id, table="visit_reviews",
                                             **review(world)))) == [("applied", None, None)]
    shared_id = shared_visit_id(world["visit"]["id"])
    shared = get_row(conn, "shared_visits", shared_id)
    assert shared is not None and not shared["deleted"]
    assert shared["district_id"] == world["territory"]["district_id"]
    assert shared["doctor_name"] == world["doctor"]["name"]
    assert shared["purpose"] == world["visit"]["purpose"]
    assert shared["reviewer_id"] == world["dm"]["id"]
    assert feed_ops(conn, shared_id) == [(f"district:{world['territory']['district_id']}",
                                          "upsert")]

    assert results(push(conn, world["dm"], c(2, review_id, "update", base=1,
                                             table="visit_reviews", exemplary=False))) == [
        ("applied", None, None)]
    assert get_row(conn, "shared_visits", shared_id)["deleted"]  # type: ignore[index]
    assert [op for _scope, op in feed_ops(conn, shared_id)] == ["delete"]


def test_a_draft_is_never_shared_and_clients_cannot_write_snapshots(
        conn: Connection, world: dict[str, Any]) -> None:
    assert results(push(conn, world["dm"], c(1, uuid.uuid4(), table="visit_reviews",
                                             **review(world, "draft")))) == [("applied", None, None)]
    assert get_row(conn, "shared_visits", shared_visit_id(world["draft"]["id"])) is None
    forged = push(conn, world["dm"], c(2, uuid.uuid4(), table="shared_visits",
                                       visit_id=str(world["draft"]["id"])))
    assert results(forged)[0][:2] == ("rejected", "not_allowed")


def test_refresh_builds_snapshots_for_reviews_written_without_a_push(
        conn: Connection, world: dict[str, Any]) -> None:
    f = Factory(conn)
    f._insert("visit_reviews", visit_id=world["visit"]["id"],
              territory_id=world["territory"]["id"], reviewer_id=world["dm"]["id"],
              reviewed_at=dt.datetime.now(dt.UTC), exemplary=True)
    f.publish()
    changes = ChangeSet()
    refresh_shared_visits(conn, changes, [world["visit"]["id"], world["draft"]["id"]])
    publish(conn, changes)
    assert get_row(conn, "shared_visits", shared_visit_id(world["visit"]["id"])) is not None
    assert get_row(conn, "shared_visits", shared_visit_id(world["draft"]["id"])) is None
