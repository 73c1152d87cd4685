"""The sync engine against the real server over HTTP (SQLite and PostgreSQL servers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store import outbox as ob
from local_store import writes as w
from local_store.replica import cursors, row_scopes, synced
from server.masterdata.service import reassign_doctor
from server.sync.feed import ChangeSet, publish
from server.sync.rows import update_row
from sync.engine import SyncEngine
from tests.sync.conftest import Device, World, server_row


def scope(kind: str, row: dict[str, Any]) -> str:
    return f"{kind}:{row['id']}"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)


def test_first_sync_fills_exactly_the_reps_scopes_and_a_second_pulls_nothing(
    world: World, device: Any
) -> None:
    a: Device = device(world.rep_a)
    first = a.sync()
    assert first.pulled > 0 and first.pushed == 0 and first.rejected == 0
    assert a.ids("doctors") == {world.doc_a["id"], world.doc_a2["id"]}
    assert a.ids("visits") == {world.visit_a["id"]}
    assert {world.rep_a["id"], world.rep_b["id"], world.dm["id"]} <= a.ids("users")
    assert len(a.ids("products")) == 1 and len(a.ids("evaluation_templates")) == 1
    with a.db.connect() as conn:
        scopes = set(conn.execute(sa.select(cursors.c.scope)).scalars())
    assert scopes == {"global", scope("user", world.rep_a), scope("territory", world.ta),
                      f"district:{world.ta['district_id']}"}  # the team's Good practice

    again = a.sync()
    assert (again.pulled, again.pushed, again.rejected, again.resynced_scopes) == (0, 0, 0, [])


def test_local_edits_of_every_writable_table_round_trip(
    world: World, device: Any, engine: Engine
) -> None:
    a: Device = device(world.rep_a)
    dm: Device = device(world.dm)
    a.sync()
    dm.sync()
    with a.db.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="face_to_face",
                                   started_at=now(), purpose="介绍新适应症")
        w.save_visit_draft(conn, visit, doctor_feedback="有兴趣")
        plan = w.save_visit_plan(conn, territory_id=world.ta["id"],
                                 week_start=dt.date(2026, 11, 2))
        planned = w.save_planned_visit(conn, plan_id=plan, doctor_id=world.doc_a["id"],
                                       planned_date=dt.date(2026, 11, 3), route_order=1)
        dropped = w.save_planned_visit(conn, plan_id=plan, doctor_id=world.doc_a2["id"],
                                       planned_date=dt.date(2026, 11, 4))
        comment = w.add_comment(conn, visit, "请经理指导")
        event = w.save_event(conn, territory_id=world.ta["id"], event_type="department_meeting",
                             title="心内科科室会", starts_at=now())
        attendee = w.save_event_attendee(conn, event_id=event, doctor_id=world.doc_a["id"])
        request = w.save_change_request(conn, territory_id=world.ta["id"], target_table="doctors",
                                        target_id=world.doc_a["id"], action="change",
                                        proposed={"title": "副主任医师"}, reason="晋升")
    first = a.sync()
    assert (first.pushed, first.rejected) == (8, 0)  # the draft update folded into its insert

    with a.db.begin() as conn:
        w.submit_visit(conn, visit)
        w.save_visit_plan(conn, plan, notes="周计划")
        w.save_planned_visit(conn, planned, route_order=2)
        w.delete_planned_visit(conn, dropped)
        w.mark_comment_read(conn, comment)
        w.save_event_attendee(conn, attendee, attended=True, feedback="很好")
        w.save_change_request(conn, request, reason="已晋升")
    with dm.db.begin() as conn:
        evaluation = w.save_evaluation(conn, template_id=world.template["id"],
                                       evaluatee_id=world.rep_a["id"], kind="accompanied",
                                       eval_date=dt.date(2026, 11, 3), scores={"opening": 4})
        w.save_evaluation(conn, evaluation, strengths="开场好")
    second = a.sync()
    assert (second.pushed, second.rejected) == (7, 0)
    assert dm.sync().pushed == 1  # insert + folded update
    dm.sync()
    with dm.db.begin() as conn:
        review = w.save_visit_review(conn, visit, exemplary=True)
    assert dm.sync().pushed == 1

    on_server = server_row(engine, "visits", visit)
    assert on_server is not None and on_server["status"] == "submitted"
    assert on_server["doctor_feedback"] == "有兴趣" and on_server["rep_id"] == world.rep_a["id"]
    assert server_row(engine, "visit_plans", plan)["notes"] == "周计划"  # type: ignore[index]
    assert server_row(engine, "planned_visits", planned)["route_order"] == 2  # type: ignore[index]
    assert server_row(engine, "planned_visits", dropped)["deleted"] is True  # type: ignore[index]
    assert server_row(engine, "event_attendees", attendee)["attended"] is True  # type: ignore[index]
    assert server_row(engine, "change_requests", request)["reason"] == "已晋升"  # type: ignore[index]
    assert server_row(engine, "evaluations", evaluation)["strengths"] == "开场好"  # type: ignore[index]
    assert server_row(engine, "visit_reviews", review)["exemplary"] is True  # type: ignore[index]
    assert server_row(engine, "visit_comments", comment) is not None
    assert server_row(engine, "events", event) is not None

    a.sync()
    # Settled: local versions equal the server's, the outbox is empty, nothing more comes.
    for table, row_id in (("visits", visit), ("visit_plans", plan), ("planned_visits", planned),
                          ("event_attendees", attendee), ("visit_reviews", review)):
        local, remote = a.row(table, row_id), server_row(engine, table, row_id)
        assert local is not None and remote is not None
        assert local["version"] == remote["version"]
    assert a.row("planned_visits", dropped) is None
    with a.db.connect() as conn:
        assert ob.pending_count(conn) == 0
    assert a.sync().pulled == 0


def test_rep_and_dm_see_each_others_work(world: World, device: Any) -> None:
    a: Device = device(world.rep_a)
    dm: Device = device(world.dm)
    b: Device = device(world.rep_b)
    a.sync()
    dm.sync()
    b.sync()
    assert world.visit_a["id"] in dm.ids("visits") and world.doc_b["id"] in dm.ids("doctors")
    assert world.doc_other["id"] not in dm.ids("doctors")

    with a.db.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                   started_at=now(), purpose="随访")
        w.submit_visit(conn, visit)
    a.sync()
    dm.sync()
    seen = dm.row("visits", visit)
    assert seen is not None and seen["status"] == "submitted" and seen["purpose"] == "随访"

    with dm.db.begin() as conn:
        comment = w.add_comment(conn, visit, "下次带上临床数据", kind="suggestion")
    dm.sync()
    a.sync()
    got = a.row("visit_comments", comment)
    assert got is not None and got["text"] == "下次带上临床数据"
    assert got["author_id"] == world.dm["id"]
    b.sync()
    assert visit not in b.ids("visits") and comment not in b.ids("visit_comments")


def rep_a_with_a_synced_draft(world: World, device: Any) -> tuple[Device, Any]:
    """Rep A's device after a first sync, a draft visit written and pushed."""
    a: Device = device(world.rep_a)
    a.sync()
    with a.db.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                   started_at=now())
    a.sync()
    return a, visit


def test_a_rejected_mutation_is_kept_with_its_reason(
    world: World, device: Any, engine: Engine
) -> None:
    a, visit = rep_a_with_a_synced_draft(world, device)
    with engine.begin() as conn:  # meanwhile the visit is submitted on the server
        changes = ChangeSet()
        update_row(conn, changes, "visits", visit, {"status": "submitted"}, actor=None)
        publish(conn, changes)
    with a.db.begin() as conn:
        w.save_visit_draft(conn, visit, purpose="补充内容")
    result = a.sync()
    assert (result.pushed, result.rejected) == (0, 1)
    with a.db.connect() as conn:
        [rejected] = ob.unresolved_rejections(conn)
        assert ob.pending_count(conn) == 0
    assert rejected["reason"] == "locked" and "submitted" in rejected["message"]
    assert rejected["row_id"] == visit and rejected["fields"] == {"purpose": "补充内容"}
    local = a.row("visits", visit)
    assert local is not None and local["status"] == "submitted"


def _reassign(engine: Engine, doctor: dict[str, Any], territory: dict[str, Any]) -> None:
    with engine.begin() as conn:
        changes = ChangeSet()
        reassign_doctor(conn, changes, doctor["id"], territory["id"],
                        valid_from=dt.date.today(), actor=None)
        publish(conn, changes)


def test_reassignment_moves_the_doctor_after_pushing_pending_edits(
    world: World, device: Any, engine: Engine
) -> None:
    a: Device = device(world.rep_a)
    b: Device = device(world.rep_b)
    a.sync()
    b.sync()
    with a.db.begin() as conn:
        draft = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                   started_at=now(), purpose="初稿")
    a.sync()
    with a.db.begin() as conn:
        w.save_visit_draft(conn, draft, purpose="离线修改")
    _reassign(engine, world.doc_a, world.tb)

    # Pull alone: the remove of a row with unsent edits pushes those edits first.
    engine_a = SyncEngine(a.db, a.http)
    engine_a.pull()
    doctor_rows = {world.doc_a["id"], world.visit_a["id"], draft,
                   world.doc_a["institution_id"], world.doc_a["department_id"]}
    for table in ("doctors", "visits", "institutions", "departments"):
        assert not (a.ids(table) & doctor_rows), table
    assert world.doc_a2["id"] in a.ids("doctors")
    with a.db.connect() as conn:
        assert ob.pending_count(conn) == 0
        kept = ob.unresolved_rejections(conn)
        held = set(conn.execute(sa.select(row_scopes.c.row_id)).scalars())
    assert not (held & doctor_rows)
    # The visit moved out of A's scope before the edit arrived: refused, but kept in full.
    assert engine_a.result.rejected == 1
    assert kept[0]["reason"] == "out_of_scope"
    assert kept[0]["row_id"] == draft and kept[0]["fields"] == {"purpose": "离线修改"}

    b.sync()
    assert world.doc_a["id"] in b.ids("doctors")
    assert {world.visit_a["id"], draft} <= b.ids("visits")
    assert world.doc_a["institution_id"] in b.ids("institutions")
    assert a.sync().pulled == 0


def test_a_checksum_mismatch_redownloads_only_that_scope(world: World, device: Any) -> None:
    a: Device = device(world.rep_a)
    a.sync()
    visits = synced["visits"]
    with a.db.begin() as conn:  # damage behind the engine's back
        conn.execute(sa.delete(visits).where(visits.c.id == world.visit_a["id"]))
    territory_rows = 0
    with a.db.connect() as conn:
        territory_rows = conn.execute(
            sa.select(sa.func.count()).select_from(row_scopes)
            .where(row_scopes.c.scope == scope("territory", world.ta))).scalar_one()
    result = a.sync()
    assert result.resynced_scopes == [scope("territory", world.ta)]
    assert result.pulled == territory_rows
    assert result.checksum_mismatches == []
    assert world.visit_a["id"] in a.ids("visits")
    assert a.sync().pulled == 0


def test_paged_first_sync_resumes_from_stored_cursors(world: World, device: Any) -> None:
    a: Device = device(world.rep_a)
    pages: list[int] = []
    small = SyncEngine(a.db, a.http, progress=lambda p, d, _t: pages.append(d) if p == "pull" else None,
                       pull_limit=3)
    result = small.run()
    assert len(pages) > 2
    full: Device = device(world.rep_a)
    full.sync()
    for table in ("doctors", "visits", "users", "institutions", "departments", "products"):
        assert a.ids(table) == full.ids(table), table
    assert result.checksum_mismatches == []


def test_an_outbox_larger_than_a_batch_goes_batch_by_batch_in_order(
    world: World, device: Any, engine: Engine
) -> None:
    a, first = rep_a_with_a_synced_draft(world, device)
    with a.db.begin() as conn:
        visits = [w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                     started_at=now() - dt.timedelta(minutes=10 * (i + 1)))
                  for i in range(6)]
        w.save_visit_draft(conn, first, purpose="补充内容")  # an update, in the last batch
    seen: list[tuple[str, int, int]] = []
    sync = SyncEngine(a.db, a.http, lambda phase, done, total: seen.append((phase, done, total)),
                      push_batch=3)
    sync.push()
    assert sync.result.pushed == 7 and sync.result.rejected == 0
    assert [s for s in seen if s[0] == "push"] == [("push", 3, 7), ("push", 6, 7), ("push", 7, 7)]
    with a.db.connect() as conn:
        assert ob.pending_count(conn) == 0
    assert all(server_row(engine, "visits", v) is not None for v in visits)
    stored = server_row(engine, "visits", first)
    assert stored is not None and stored["purpose"] == "补充内容" and stored["version"] == 2
    local = a.row("visits", first)
    assert local is not None and local["version"] == 2  # the server's version taken back
