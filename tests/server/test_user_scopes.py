"""Users in the replica: their own user, their team (the district) and their managers,
never the whole sales force (users' ScopeRule.TEAM)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from server.demo.seed import seed_demo
from server.sync.feed import ChangeSet, publish
from server.sync.rows import update_row
from server.tables import synced
from tests.factories import Factory
from tests.server.test_seed import HASH, TINY, TODAY, fresh  # noqa: F401  (fixture)
from tests.server.test_sync_pull import principal_for, pull


def users_received(conn: Connection, user: dict[str, Any]) -> dict[uuid.UUID, dict[str, Any]]:
    """Every users row a first sync of ``user`` brings, by id."""
    who, cursors, out = principal_for(user), {}, {}
    while True:
        response = pull(conn, who, cursors)
        for c in response.changes:
            if c.table == "users" and c.data is not None:
                out[uuid.UUID(c.id)] = c.data
        cursors = response.cursors
        if not response.has_more:
            return out


@pytest.fixture
def org(conn: Connection) -> dict[str, Any]:
    f = Factory(conn)
    region, region2 = f.region(), f.region()
    d1, d2, d3 = f.district(region), f.district(region), f.district(region2)
    t1, t1b, t2, t3 = f.territory(d1), f.territory(d1), f.territory(d2), f.territory(d3)
    people = {
        "rm": f.user("rm", region_id=region["id"]),
        "rm2": f.user("rm", region_id=region2["id"]),
        "dm1": f.user("dm", district_id=d1["id"], region_id=region["id"]),
        "dm2": f.user("dm", district_id=d2["id"], region_id=region["id"]),
        "dm3": f.user("dm", district_id=d3["id"], region_id=region2["id"]),
        "rep": f.user(territory=t1, email="rep@x.cn", phone="13800000000"),
        "mate": f.user(territory=t1b, email="mate@x.cn"),
        "rep2": f.user(territory=t2, email="rep2@x.cn"),
        "rep3": f.user(territory=t3, email="rep3@x.cn"),
        "admin": f.user("admin"),
    }
    f.publish()
    return {**people, "d2": d2}


def names(org: dict[str, Any], received: dict[uuid.UUID, Any]) -> set[str]:
    return {k for k, u in org.items() if isinstance(u, dict) and u.get("id") in received}


def test_each_role_receives_its_team_and_managers(conn: Connection, org: dict[str, Any]) -> None:
    assert names(org, users_received(conn, org["rep"])) == {"rep", "mate", "dm1", "rm"}
    assert names(org, users_received(conn, org["dm1"])) == {"rep", "mate", "dm1", "rm"}
    assert names(org, users_received(conn, org["rm"])) == {
        "rep", "mate", "dm1", "rm", "dm2", "rep2"}
    assert names(org, users_received(conn, org["admin"])) == {"admin"}


def test_a_rep_who_moves_district_leaves_the_old_team(conn: Connection,
                                                      org: dict[str, Any]) -> None:
    changes = ChangeSet()
    t2 = conn.execute(sa.select(synced["territories"].c.id).where(
        synced["territories"].c.district_id == org["d2"]["id"])).scalar_one()
    update_row(conn, changes, "users", org["mate"]["id"],
               {"district_id": org["d2"]["id"], "territory_id": t2}, actor=None)
    publish(conn, changes)
    assert names(org, users_received(conn, org["rep"])) == {"rep", "dm1", "rm"}
    assert "mate" in names(org, users_received(conn, org["rep2"]))


def test_a_reps_replica_of_the_demo_holds_no_contact_outside_team_and_managers(
        fresh: Engine) -> None:  # noqa: F811
    seed_demo(fresh, TINY, seed=3, today=TODAY, password_hash=HASH)
    users = synced["users"]
    with fresh.connect() as conn:
        rep = dict(conn.execute(sa.select(users).where(users.c.username == "rep001"))
                   .mappings().one())
        received = users_received(conn, rep)
        team = {r.id for r in conn.execute(sa.select(users.c.id).where(
            users.c.district_id == rep["district_id"]))}
        managers = {rep["manager_id"], *conn.execute(sa.select(users.c.id).where(
            users.c.role == "rm", users.c.region_id == rep["region_id"])).scalars()}
        everyone = conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one()
    with_contact = {i for i, u in received.items() if u.get("email") or u.get("phone")}
    assert with_contact and with_contact <= team | managers
    assert len(received) < everyone  # not the whole sales force


def test_a_new_district_sees_its_regional_manager(conn: Connection, org: dict[str, Any]) -> None:
    f = Factory(conn)
    region = conn.execute(sa.select(synced["users"].c.region_id).where(
        synced["users"].c.id == org["rm"]["id"])).scalar_one()
    district = f.district({"id": region})
    newcomer = f.user(territory=f.territory(district))
    f.publish()
    assert names(org, users_received(conn, newcomer)) == {"rm"}
