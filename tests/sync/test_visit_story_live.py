"""Issue 5's offline story over a real server, and a hand-made request against a locked visit.

A rep, offline, logs three visits and submits two; the DM comments on an earlier visit
of the rep and marks one exemplary; both sync, and each sees the other's work.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import requests
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop.visit_lists import good_practice
from local_store import outbox as ob
from local_store import writes as w
from local_store.replica import synced
from tests.conftest import LiveServer
from tests.sync.conftest import PASSWORD, Device, World, server_row
from wire.protocol import PROTOCOL_VERSION


def _rows(d: Device, table: str, **where: Any) -> list[dict[str, Any]]:
    t = synced[table]
    with d.db.connect() as conn:
        query = sa.select(t).where(*(t.c[k] == v for k, v in where.items()))
        return [dict(r) for r in conn.execute(query).mappings()]


def test_offline_rep_and_dm_see_each_others_work(world: World, device: Any,
                                                  engine: Engine) -> None:
    rep: Device = device(world.rep_a)
    dm: Device = device(world.dm)
    rep.sync()
    dm.sync()

    # The rep, offline: three visits, two submitted (nothing reaches the server yet).
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    logged: list[uuid.UUID] = []
    with rep.db.begin() as conn:
        for i, doctor in enumerate((world.doc_a, world.doc_a2, world.doc_a)):
            start = now - dt.timedelta(hours=5 - i)
            logged.append(w.save_visit_draft(
                conn, doctor_id=doctor["id"], visit_type="face_to_face", started_at=start,
                ended_at=start + dt.timedelta(minutes=20), purpose=f"第{i + 1}次拜访",
                doctor_feedback="有兴趣", next_step="送资料"))
        refused = w.submit_visits(conn, logged[:2])
    assert refused == {logged[0]: [], logged[1]: []}
    assert server_row(engine, "visits", logged[0]) is None

    # The DM, meanwhile: a suggestion on the rep's earlier visit, which is also exemplary.
    earlier = world.visit_a["id"]
    with dm.db.begin() as conn:
        comment = w.add_comment(conn, earlier, "开场可以更直接。", kind="suggestion")
        w.save_visit_review(conn, earlier, exemplary=True)

    assert rep.sync().rejected == 0
    assert dm.sync().rejected == 0
    rep.sync()

    # The DM sees the rep's three visits, two submitted and locked, one draft.
    seen = {r["id"]: r for r in _rows(dm, "visits", rep_id=world.rep_a["id"])}
    assert {v: seen[v]["status"] for v in logged} == {
        logged[0]: "submitted", logged[1]: "submitted", logged[2]: "draft"}
    assert all(seen[v]["quality_score"] is not None for v in logged)  # the server's score
    # The rep sees the suggestion (unread) and the exemplary review of their visit.
    [got] = _rows(rep, "visit_comments", visit_id=earlier)
    assert got["id"] == comment and got["kind"] == "suggestion"
    assert got["text"] == "开场可以更直接。" and _rows(rep, "comment_reads") == []
    [review] = _rows(rep, "visit_reviews", visit_id=earlier)
    assert review["exemplary"] and review["reviewer_id"] == world.dm["id"]
    # The rep's colleague in the district does not hold the visit (another territory) but
    # gets the shared snapshot for Good practice; a rep of another district gets nothing.
    colleague: Device = device(world.rep_b)
    colleague.sync()
    assert _rows(colleague, "visits", id=earlier) == []
    [shared] = _rows(colleague, "shared_visits", visit_id=earlier)
    assert shared["purpose"] == seen_purpose(engine, earlier) and not shared["deleted"]
    assert shared["rep_name"] == world.rep_a["display_name"]
    assert shared["reviewer_id"] == world.dm["id"]
    with colleague.db.connect() as conn:
        [listed] = [r for r in good_practice(conn) if r.visit_id == earlier]
    assert listed.snapshot is not None and listed.doctor_name == world.doc_a["name"]

    # The DM takes the mark back: the snapshot leaves every replica of the team.
    with dm.db.begin() as conn:
        w.save_visit_review(conn, earlier, exemplary=False, review_id=review["id"])
    dm.sync()
    colleague.sync()
    assert _rows(colleague, "shared_visits", visit_id=earlier, deleted=False) == []


def seen_purpose(engine: Engine, visit_id: uuid.UUID) -> str:
    return str((server_row(engine, "visits", visit_id) or {}).get("purpose"))


def test_a_hand_made_request_cannot_change_a_submitted_visit(
        world: World, live_server: LiveServer, engine: Engine) -> None:
    rep_name = world.rep_a["username"]
    session = requests.Session()
    token = session.post(f"{live_server.url}/api/v1/auth/login",
                         json={"username": rep_name, "password": PASSWORD}, timeout=10).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    visit = uuid.uuid4()
    start = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).replace(microsecond=0)
    submit = {"mutation_id": 1, "table": "visits", "id": str(visit), "op": "insert",
              "fields": {"rep_id": str(world.rep_a["id"]), "territory_id": str(world.ta["id"]),
                         "doctor_id": str(world.doc_a["id"]), "visit_type": "phone",
                         "started_at": start.isoformat(), "status": "submitted",
                         "purpose": "已提交的记录"}}
    edits = [
        {"mutation_id": 2, "table": "visits", "id": str(visit), "op": "update",
         "base_version": 1, "fields": {"purpose": "偷偷修改"}},
        {"mutation_id": 3, "table": "visits", "id": str(visit), "op": "update",
         "base_version": 1, "fields": {"status": "draft"}},
        {"mutation_id": 4, "table": "visits", "id": str(visit), "op": "delete", "base_version": 1},
    ]
    body = {"protocol": PROTOCOL_VERSION, "client_id": "crafted-client-01", "mutations": [submit]}
    first = session.post(f"{live_server.url}/api/v1/sync/push", json=body, headers=headers, timeout=10)
    assert first.status_code == 200 and first.json()["results"][0]["status"] == "applied"

    body["mutations"] = edits
    answer = session.post(f"{live_server.url}/api/v1/sync/push", json=body, headers=headers,
                          timeout=10)
    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert results[0]["reason"] == "locked" and "submitted" in results[0]["message"]
    assert results[1]["reason"] == "locked"
    assert results[2]["reason"] == "locked"
    stored = server_row(engine, "visits", visit)
    assert stored is not None and stored["purpose"] == "已提交的记录"
    assert stored["status"] == "submitted" and not stored["deleted"]


def test_a_rep_deletes_a_draft_and_only_a_draft(world: World, device: Any,
                                                  engine: Engine) -> None:
    rep: Device = device(world.rep_a)
    dm: Device = device(world.dm)
    rep.sync()
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3)
    with rep.db.begin() as conn:
        never_sent = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                        started_at=start)
        synced_draft = w.save_visit_draft(conn, doctor_id=world.doc_a["id"],
                                          visit_type="phone", started_at=start)
    rep.sync()
    with rep.db.begin() as conn:
        late = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                  started_at=start)
        w.delete_visit_draft(conn, late)  # queued after its insert: ids stay gapless
        assert w.get_local_row(conn, "visits", late)["deleted"]  # type: ignore[index]
        assert [e["op"] for e in ob.all_entries(conn) if e["row_id"] == late] == [
            "insert", "delete"]
        w.delete_visit_draft(conn, synced_draft)
        try:
            w.delete_visit_draft(conn, world.visit_a["id"])
            raise AssertionError("a submitted visit was deleted")
        except w.RowLocked:
            pass
    assert rep.sync().rejected == 0
    assert (server_row(engine, "visits", synced_draft) or {}).get("deleted") is True
    assert (server_row(engine, "visits", late) or {}).get("deleted") is True
    dm.sync()
    assert _rows(dm, "visits", id=synced_draft) == []
    # A manager cannot throw away a rep's draft.
    with dm.db.begin() as conn:
        w.delete_visit_draft(conn, never_sent)
    assert dm.sync().rejected == 1
    assert (server_row(engine, "visits", never_sent) or {}).get("deleted") is False
