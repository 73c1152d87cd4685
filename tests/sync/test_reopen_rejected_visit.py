"""A submit the server refuses is never lost: the rep reopens the visit, fixes it, resubmits.

The device judged the visit with the rules it had synced; meanwhile the admin tightened
the backdating limit on the server, so the server refuses the submit on arrival.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from local_store import outbox as ob
from local_store import writes as w
from server.sync.feed import ChangeSet, publish
from server.sync.rows import insert_rows
from tests.sync.conftest import Device, World, server_row


def _tighten_backdating(engine: Engine, days: int) -> None:
    with engine.begin() as conn:
        changes = ChangeSet()
        insert_rows(conn, changes, "visit_rules", [{
            "name": "strict", "required_fields": ["doctor_id", "visit_type", "started_at"],
            "quality_coefficients": {"purpose": 50}, "backdate_days": days, "month_end_day": 3,
            "min_minutes": 5, "max_minutes": 120, "rule_version": 99, "active": True}], actor=None)
        publish(conn, changes)


def _submitted_offline(d: Device, doctor: dict[str, Any], days_ago: int) -> Any:
    started = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=days_ago)
    with d.db.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=doctor["id"], visit_type="face_to_face",
                                   started_at=started, ended_at=started + dt.timedelta(minutes=20),
                                   purpose="介绍新适应症")
        w.submit_visit(conn, visit)
    return visit


@pytest.mark.parametrize("pushed_as_draft_first", [False, True])
def test_a_refused_submit_is_reopened_fixed_and_accepted(
        world: World, device: Any, engine: Engine, pushed_as_draft_first: bool) -> None:
    a: Device = device(world.rep_a)
    a.sync()
    if pushed_as_draft_first:  # the server knows the draft; only the submit is refused
        started = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=3)
        with a.db.begin() as conn:
            visit = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="phone",
                                       started_at=started, purpose="介绍新适应症")
        a.sync()
        _tighten_backdating(engine, 1)
        with a.db.begin() as conn:
            w.submit_visit(conn, visit)
    else:  # created and submitted offline: the server never had it
        _tighten_backdating(engine, 1)
        visit = _submitted_offline(a, world.doc_a, days_ago=3)

    result = a.sync()
    assert result.rejected == 1
    with a.db.connect() as conn:
        [refused] = ob.unresolved_rejections(conn)
    assert refused["reason"] == "validation" and refused["field"] == "started_at"
    assert a.row("visits", visit)["status"] == "submitted"  # type: ignore[index]
    on_server = server_row(engine, "visits", visit)
    assert (on_server or {}).get("status") != "submitted"

    with a.db.begin() as conn:
        w.reopen_rejected_visit(conn, visit)
        assert ob.unresolved_rejections(conn) == []
    assert a.row("visits", visit)["status"] == "draft"  # type: ignore[index]
    fixed = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=2)
    with a.db.begin() as conn:
        w.save_visit_draft(conn, visit, started_at=fixed, ended_at=fixed + dt.timedelta(minutes=15))
        w.submit_visit(conn, visit)
    result = a.sync()
    assert result.rejected == 0
    stored = server_row(engine, "visits", visit)
    assert stored is not None and stored["status"] == "submitted"
    assert stored["purpose"] == "介绍新适应症"
    assert stored["started_at"].replace(tzinfo=dt.UTC) == fixed  # SQLite drops the zone


def test_a_visit_the_server_holds_as_submitted_cannot_be_reopened(
        world: World, device: Any) -> None:
    a: Device = device(world.rep_a)
    a.sync()
    with a.db.begin() as conn, pytest.raises(w.InvalidLocalChange) as refused:
        w.reopen_rejected_visit(conn, world.visit_a["id"])
    assert refused.value.reason == "not_rejected"


def test_a_visit_refused_for_its_territory_is_not_reopened_and_stays_exportable(
        world: World, device: Any, engine: Engine) -> None:
    from local_store.export import unsynced_changes
    from server.masterdata.service import reassign_doctor

    a: Device = device(world.rep_a)
    a.sync()
    visit = _submitted_offline(a, world.doc_a, days_ago=1)
    with engine.begin() as conn:  # meanwhile the doctor moves to rep B's territory
        changes = ChangeSet()
        reassign_doctor(conn, changes, world.doc_a["id"], world.tb["id"],
                        valid_from=dt.date.today(), actor=None)
        publish(conn, changes)
    a.sync()
    with a.db.connect() as conn:
        [refused] = ob.unresolved_rejections(conn)
        exported = unsynced_changes(conn)
    assert refused["reason"] == "out_of_scope" and refused["row_id"] == visit
    assert [r["row_id"] for r in exported["rejected"]] == [str(visit)]
    with a.db.begin() as conn, pytest.raises(w.InvalidLocalChange) as refusal:
        w.reopen_rejected_visit(conn, visit)
    assert refusal.value.reason == "out_of_scope"
    with a.db.connect() as conn:  # nothing changed: still listed, still exportable
        assert len(ob.unresolved_rejections(conn)) == 1


def test_a_refused_new_visit_can_be_reopened_then_thrown_away_locally(
        world: World, device: Any, engine: Engine) -> None:
    a: Device = device(world.rep_a)
    a.sync()
    _tighten_backdating(engine, 1)
    visit = _submitted_offline(a, world.doc_a, days_ago=3)
    assert a.sync().rejected == 1
    with a.db.begin() as conn:
        w.reopen_rejected_visit(conn, visit)  # a draft again, its insert queued anew
        w.delete_visit_draft(conn, visit)  # insert + delete: the server tombstones it
    assert a.sync().rejected == 0
    assert (server_row(engine, "visits", visit) or {}).get("deleted") is True
    with a.db.connect() as conn:
        assert ob.unresolved_rejections(conn) == [] and ob.pending_count(conn) == 0
