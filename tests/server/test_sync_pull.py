"""Pull: scoped, incremental, paged, consistent, with checksums and resync rules."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.roles import Role
from server.auth.principal import Principal
from server.errors import ServiceError
from server.masterdata.service import reassign_doctor
from server.migrate import get_state
from server.sync.cursors import CursorCodec, Position
from server.sync.feed import ChangeSet, publish, rebuild_scope_stats, territory_scope, utcnow
from server.sync.pull import pull_changes
from server.sync.rows import insert_rows, update_row
from server.sync.tombstones import purge_tombstones
from server.tables import sync_feed, sync_scope_stats
from tests.factories import Factory
from wire.checksum import ScopeSum
from wire.protocol import Op, PullRequest, PullResponse

Replica = dict[str, dict[tuple[str, str], int]]  # scope -> (table, id) -> version


def principal_for(user: Mapping[str, Any]) -> Principal:
    return Principal(user_id=user["id"], username=user["username"], role=Role(user["role"]),
                     region_id=user.get("region_id"), district_id=user.get("district_id"),
                     territory_id=user.get("territory_id"), session_id=uuid.uuid4())


def pull(conn: Connection, who: Principal, cursors: dict[str, str] | None = None,
         limit: int = 2000) -> PullResponse:
    return pull_changes(conn, who, PullRequest(protocol=1, cursors=cursors or {}, limit=limit))


def apply(replica: Replica, response: PullResponse) -> None:
    """What a client does with one page (purges first, as the protocol says)."""
    for scope in [*response.resync_required, *response.dropped_scopes]:
        replica.pop(scope, None)
    for c in response.changes:
        rows = replica.setdefault(c.scope, {})
        if c.op is Op.UPSERT:
            assert c.data is not None and c.data["version"] == c.version
            rows[(c.table, c.id)] = c.version
        else:
            rows.pop((c.table, c.id), None)


def assert_checksums(replica: Replica, response: PullResponse) -> None:
    for scope, checksum in response.checksums.items():
        mine = ScopeSum()
        for (_table, row_id), version in replica.get(scope, {}).items():
            mine.add(row_id, version)
        assert mine.matches(checksum.count, checksum.sum), scope


def sync_all(conn: Connection, who: Principal, replica: Replica, cursors: dict[str, str],
             limit: int = 2000) -> list[PullResponse]:
    """Pull pages until has_more is false, applying each and checking checksums."""
    pages = []
    while True:
        response = pull(conn, who, cursors, limit)
        apply(replica, response)
        assert_checksums(replica, response)
        cursors.clear()
        cursors.update(response.cursors)
        pages.append(response)
        if not response.has_more:
            return pages


def feed_state(conn: Connection, scope: str) -> dict[tuple[str, str], int]:
    """The server's view of a scope: its live rows and their versions."""
    f = sync_feed.c
    q = sa.select(f.table_name, f.row_id, f.version).where(f.scope == scope, f.op == "upsert")
    return {(t, str(r)): int(v) for t, r, v in conn.execute(q)}


@pytest.fixture
def world(conn: Connection) -> dict[str, Any]:
    """Two territories with a rep each, doctors, a visit; published."""
    f = Factory(conn)
    district = f.district()
    ta, tb = f.territory(district), f.territory(district)
    rep_a, rep_b = f.user(territory=ta), f.user(territory=tb)
    inst = f.institution()
    dept = f.department(inst)
    docs_a = [f.doctor(ta, inst, dept) for _ in range(3)]
    doc_b = f.doctor(tb)
    visit = f.visit(rep_a, docs_a[0])
    f.publish()
    return {"f": f, "ta": ta, "tb": tb, "rep_a": rep_a, "rep_b": rep_b, "inst": inst,
            "dept": dept, "docs_a": docs_a, "doc_b": doc_b, "visit": visit,
            "district": district}


def test_pull_from_zero_returns_the_scope_and_nothing_else(conn: Connection,
                                                           world: dict[str, Any]) -> None:
    who = principal_for(world["rep_a"])
    response = pull(conn, who)
    sa_ = territory_scope(world["ta"]["id"])
    assert response.scopes == ["global", f"user:{who.user_id}",
                               f"district:{world['district']['id']}", sa_]
    assert not response.has_more
    got = {(c.scope, c.table, c.id) for c in response.changes}
    for d in world["docs_a"]:
        assert (sa_, "doctors", str(d["id"])) in got
    assert (sa_, "visits", str(world["visit"]["id"])) in got
    assert (sa_, "institutions", str(world["inst"]["id"])) in got
    assert (sa_, "departments", str(world["dept"]["id"])) in got
    assert ("global", "territories", str(world["tb"]["id"])) in got
    assert all(c.id != str(world["doc_b"]["id"]) for c in response.changes)
    assert all(c.scope in response.scopes for c in response.changes)
    doctor = next(c for c in response.changes if c.id == str(world["docs_a"][0]["id"]))
    assert doctor.data is not None and doctor.data["name"] == "李明"
    replica: Replica = {}
    apply(replica, response)
    assert set(response.checksums) == set(response.scopes)
    assert_checksums(replica, response)
    assert replica[sa_] == feed_state(conn, sa_)


def test_incremental_pull_returns_only_what_changed(conn: Connection,
                                                    world: dict[str, Any]) -> None:
    who = principal_for(world["rep_a"])
    replica: Replica = {}
    cursors: dict[str, str] = {}
    sync_all(conn, who, replica, cursors)
    again = pull(conn, who, cursors)
    assert again.changes == [] and not again.has_more

    changes = ChangeSet()
    doc = world["docs_a"][1]
    update_row(conn, changes, "doctors", doc["id"], {"grade": "B"}, actor=None)
    update_row(conn, changes, "doctors", world["doc_b"]["id"], {"grade": "C"}, actor=None)
    publish(conn, changes)
    response = pull(conn, who, cursors)
    assert [(c.table, c.id, c.version, c.op) for c in response.changes] == [
        ("doctors", str(doc["id"]), 2, Op.UPSERT)]
    assert response.changes[0].data is not None and response.changes[0].data["grade"] == "B"
    apply(replica, response)
    assert_checksums(replica, response)


def test_paging_with_small_limits_returns_everything_exactly_once(
        conn: Connection, world: dict[str, Any]) -> None:
    f: Factory = world["f"]
    for _ in range(25):
        f.doctor(world["ta"], world["inst"])
    f.publish()
    who = principal_for(world["rep_a"])
    replica: Replica = {}
    pages = sync_all(conn, who, replica, {}, limit=4)
    seen = [(c.scope, c.table, c.id) for p in pages for c in p.changes]
    assert len(seen) == len(set(seen))
    assert all(len(p.changes) <= 4 for p in pages)
    assert len(pages) > 5
    for scope in pages[-1].scopes:
        assert replica.get(scope, {}) == feed_state(conn, scope), scope


def test_paging_from_zero_is_a_consistent_snapshot_while_rows_change(
        conn: Connection, world: dict[str, Any]) -> None:
    """Rows changed between pages move to a higher sequence and are met again; a
    delete committed after the first page is delivered even in the initial download."""
    f: Factory = world["f"]
    extra = [f.doctor(world["ta"], world["inst"]) for _ in range(12)]
    f.publish()
    who = principal_for(world["rep_a"])
    scope = territory_scope(world["ta"]["id"])
    replica: Replica = {}
    cursors: dict[str, str] = {}
    first = pull(conn, who, cursors, limit=6)
    apply(replica, first)
    cursors.update(first.cursors)
    assert first.has_more
    sent = [c.id for c in first.changes if c.table == "doctors"]
    changes = ChangeSet()
    for row in extra:  # every doctor changes, sent or not; one sent one is deleted
        deleted = str(row["id"]) == (sent[0] if sent else None)
        update_row(conn, changes, "doctors", row["id"],
                   {"deleted": True} if deleted else {"grade": "C"}, actor=None)
    for d in world["docs_a"]:
        update_row(conn, changes, "doctors", d["id"], {"deleted": True}, actor=None)
    publish(conn, changes)
    sync_all(conn, who, replica, cursors, limit=6)
    assert replica[scope] == feed_state(conn, scope)


def test_initial_download_skips_tombstones_but_advances_past_them(
        conn: Connection, world: dict[str, Any]) -> None:
    changes = ChangeSet()
    gone = world["docs_a"][2]
    update_row(conn, changes, "doctors", gone["id"], {"deleted": True}, actor=None)
    publish(conn, changes)
    who = principal_for(world["rep_a"])
    response = pull(conn, who)
    assert all(c.op is Op.UPSERT for c in response.changes)
    assert all(c.id != str(gone["id"]) for c in response.changes)
    assert pull(conn, who, response.cursors).changes == []


def test_reassignment_moves_doctor_and_history_between_scopes(
        conn: Connection, world: dict[str, Any]) -> None:
    who_a, who_b = principal_for(world["rep_a"]), principal_for(world["rep_b"])
    rep_a, doc = world["rep_a"], world["docs_a"][0]
    changes = ChangeSet()
    comment = insert_rows(conn, changes, "visit_comments", [{
        "visit_id": world["visit"]["id"], "territory_id": world["ta"]["id"],
        "author_id": rep_a["id"], "kind": "comment", "text": "好"}], actor=None)[0]
    publish(conn, changes)
    ra: Replica = {}
    rb: Replica = {}
    ca: dict[str, str] = {}
    cb: dict[str, str] = {}
    sync_all(conn, who_a, ra, ca)
    sync_all(conn, who_b, rb, cb)

    changes = ChangeSet()
    reassign_doctor(conn, changes, doc["id"], world["tb"]["id"], valid_from=dt.date(2026, 12, 1),
                    actor=None)
    publish(conn, changes)
    sa_, sb = territory_scope(world["ta"]["id"]), territory_scope(world["tb"]["id"])
    pa = sync_all(conn, who_a, ra, ca)
    removed = {(c.table, c.id) for p in pa for c in p.changes if c.op is Op.REMOVE}
    assert {("doctors", str(doc["id"])), ("visits", str(world["visit"]["id"])),
            ("visit_comments", str(comment["id"]))} <= removed
    # the institution is still needed by the other doctors of A: it stays
    assert ("institutions", str(world["inst"]["id"])) in ra[sa_]
    pb = sync_all(conn, who_b, rb, cb)
    upserts = {(c.table, c.id) for p in pb for c in p.changes if c.scope == sb}
    assert {("doctors", str(doc["id"])), ("visits", str(world["visit"]["id"])),
            ("visit_comments", str(comment["id"])),
            ("institutions", str(world["inst"]["id"]))} <= upserts
    assert ("doctors", str(world["doc_b"]["id"])) not in upserts  # unrelated: not re-sent
    assert ra[sa_] == feed_state(conn, sa_) and rb[sb] == feed_state(conn, sb)


def test_checksums_match_a_full_recount(conn: Connection, world: dict[str, Any]) -> None:
    changes = ChangeSet()
    update_row(conn, changes, "doctors", world["docs_a"][0]["id"], {"grade": "D"}, actor=None)
    update_row(conn, changes, "doctors", world["docs_a"][1]["id"], {"deleted": True}, actor=None)
    publish(conn, changes)
    st = sync_scope_stats.c
    before = {s: (c, h) for s, c, h in conn.execute(sa.select(st.scope, st.live_count, st.hash_sum))}
    rebuild_scope_stats(conn)
    after = {s: (c, h) for s, c, h in conn.execute(sa.select(st.scope, st.live_count, st.hash_sum))}
    assert before == after
    assert before[territory_scope(world["ta"]["id"])][0] == len(
        feed_state(conn, territory_scope(world["ta"]["id"])))


def test_purged_tombstones_force_a_resync_of_older_cursors(
        conn: Connection, world: dict[str, Any]) -> None:
    who = principal_for(world["rep_a"])
    scope = territory_scope(world["ta"]["id"])
    replica: Replica = {}
    cursors: dict[str, str] = {}
    sync_all(conn, who, replica, cursors)
    old_cursors = dict(cursors)
    changes = ChangeSet()
    update_row(conn, changes, "doctors", world["docs_a"][0]["id"], {"deleted": True}, actor=None)
    publish(conn, changes)
    assert purge_tombstones(conn, utcnow() + dt.timedelta(seconds=1)) == 1
    response = pull(conn, who, old_cursors)
    assert scope in response.resync_required
    apply(replica, response)
    assert any(c.scope == scope for c in response.changes)  # re-sent from zero
    assert replica[scope] == feed_state(conn, scope)
    # a client that had synced past the purged entry is not disturbed
    assert pull(conn, who, response.cursors).resync_required == []


@pytest.mark.parametrize("make_cursor", [
    lambda codec, scope: "v1.deadbeef.5.000000000000",
    lambda codec, scope: "garbage",
    lambda codec, scope: codec.encode("territory:someone-else", Position(1)),
    lambda codec, scope: codec.encode(scope, Position(10**12)),
])
def test_unusable_cursors_restart_the_scope(conn: Connection, world: dict[str, Any],
                                            make_cursor: Any) -> None:
    who = principal_for(world["rep_a"])
    scope = territory_scope(world["ta"]["id"])
    codec = CursorCodec(get_state(conn, "epoch"))
    response = pull(conn, who, {scope: make_cursor(codec, scope)})
    assert response.resync_required == [scope]
    assert {c.id for c in response.changes if c.scope == scope} >= {
        str(d["id"]) for d in world["docs_a"]}


def test_a_scope_the_user_lost_is_dropped(conn: Connection, world: dict[str, Any]) -> None:
    who = principal_for(world["rep_a"])
    lost = territory_scope(world["tb"]["id"])
    response = pull(conn, who, {lost: "v1.x.1.y"})
    assert response.dropped_scopes == [lost]
    assert lost not in response.cursors


def test_a_district_manager_pulls_every_team_territory(conn: Connection,
                                                        world: dict[str, Any]) -> None:
    f: Factory = world["f"]
    dm = f.user(role="dm", district_id=world["district"]["id"])
    f.publish()
    response = pull(conn, principal_for(dm))
    assert territory_scope(world["ta"]["id"]) in response.scopes
    assert territory_scope(world["tb"]["id"]) in response.scopes
    assert str(world["doc_b"]["id"]) in {c.id for c in response.changes}


def test_an_unsupported_protocol_is_refused(conn: Connection, world: dict[str, Any]) -> None:
    with pytest.raises(ServiceError) as err:
        pull_changes(conn, principal_for(world["rep_a"]), PullRequest(protocol=0))
    assert (err.value.kind, err.value.code) == ("upgrade_required", "upgrade_required")
    assert "too old" in err.value.message
