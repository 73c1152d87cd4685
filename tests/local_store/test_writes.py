"""Local edits write the row and its outbox entry together, validated by the wire schema."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from local_store import outbox as ob
from local_store import writes as w
from local_store.evaluation_writes import record_companion
from local_store.kb_writes import confirm_article_read
from local_store.replica import outbox, synced
from local_store.state import local_user_id, utcnow
from wire.schema import TABLES

NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def insert_server_row(conn: Connection, table: str, version: int = 3, **values: Any) -> uuid.UUID:
    """A row as if pulled from the server (no outbox entry)."""
    row_id = values.pop("id", uuid.uuid4())
    conn.execute(sa.insert(synced[table]).values(id=row_id, version=version, updated_at=utcnow(),
                                                 deleted=False, **values))
    return row_id


def a_doctor(conn: Connection) -> uuid.UUID:
    return insert_server_row(conn, "doctors", name="李明", institution_id=uuid.uuid4(),
                             status="active", territory_id=uuid.uuid4())


def entries(conn: Connection) -> list[dict[str, Any]]:
    return ob.all_entries(conn)


def test_every_client_writable_table_has_a_local_write_path(replica: Engine) -> None:
    writable = {t.name for t in TABLES if t.client_ops}
    assert writable == {"visit_plans", "planned_visits", "visits", "visit_comments",
                        "visit_reviews", "comment_reads", "events", "event_attendees",
                        "change_requests", "evaluations", "knowledge_reads",
                        "evaluation_action_items", "visit_companions", "doctors",
                        "field_plans", "field_days"}
    with replica.begin() as conn:
        doctor = a_doctor(conn)
        territory = conn.execute(sa.select(synced["doctors"].c.territory_id)).scalar_one()
        visit = w.save_visit_draft(conn, doctor_id=doctor, visit_type="face_to_face",
                                   started_at=NOW)
        plan = w.save_visit_plan(conn, territory_id=territory, week_start=dt.date(2026, 11, 2))
        w.save_planned_visit(conn, plan_id=plan, doctor_id=doctor,
                             planned_date=dt.date(2026, 11, 3), route_order=1)
        comment = w.add_comment(conn, visit, "好")
        w.mark_comment_read(conn, comment)
        w.save_visit_review(conn, visit, exemplary=True)
        evaluation = w.save_evaluation(conn, template_id=uuid.uuid4(), evaluatee_id=uuid.uuid4(),
                                       kind="accompanied", eval_date=dt.date(2026, 11, 2))
        w.save_row(conn, "evaluation_action_items", evaluation_id=evaluation,
                   evaluator_id=uuid.uuid4(), evaluatee_id=uuid.uuid4(), position=1, text="复盘")
        record_companion(conn, uuid.uuid4(), [str(visit)])
        w.save_change_request(conn, territory_id=territory, target_table="doctors",
                              action="change", proposed={"title": "副主任医师"})
        event = w.save_event(conn, territory_id=territory, event_type="department_meeting",
                             title="科室会", starts_at=NOW)
        w.save_event_attendee(conn, event_id=event, doctor_id=doctor)
        insert_server_row(conn, "users", id=local_user_id(conn), username="rep", role="rep",
                          display_name="代表", active=True, district_id=uuid.uuid4())
        article = insert_server_row(conn, "knowledge_articles", category="faq", title="须知",
                                    article_version=2, published=True, must_read=True)
        confirm_article_read(conn, article)
        w.record_local_change(conn, "doctors", doctor, "update", {"target_override": True})
        field_plan = w.save_row(conn, "field_plans", manager_id=uuid.uuid4(),
                                district_id=uuid.uuid4(), week_start=dt.date(2026, 11, 2),
                                status="draft")
        w.save_row(conn, "field_days", plan_id=field_plan, manager_id=uuid.uuid4(),
                   district_id=uuid.uuid4(), planned_date=dt.date(2026, 11, 3))
        got = entries(conn)
    assert {e["table_name"] for e in got} == writable
    assert [e["mutation_id"] for e in got] == list(range(1, len(got) + 1))
    assert all(e["op"] == ("update" if e["table_name"] == "doctors" else "insert")
               and e["state"] == "pending" for e in got)


def test_row_and_outbox_entry_are_written_together(replica: Engine) -> None:
    with replica.begin() as conn:
        doctor = a_doctor(conn)
    with pytest.raises(RuntimeError), replica.begin() as conn:
        w.save_visit_draft(conn, doctor_id=doctor, visit_type="phone", started_at=NOW)
        raise RuntimeError("crash before commit")
    with replica.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(synced["visits"])).scalar() == 0
        assert entries(conn) == []
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=doctor, visit_type="phone", started_at=NOW)
    with replica.connect() as conn:
        row = w.get_local_row(conn, "visits", visit)
        [entry] = entries(conn)
    assert row is not None and row["version"] == 0 and row["status"] == "draft"
    assert row["rep_id"] == local_user_id_of(replica)
    assert entry["row_id"] == visit and entry["base_version"] is None
    assert entry["fields"]["started_at"] == NOW.isoformat()
    assert entry["fields"]["territory_id"] == str(row["territory_id"])


def local_user_id_of(replica: Engine) -> uuid.UUID | None:
    with replica.connect() as conn:
        return local_user_id(conn)


def test_refused_edit_leaves_nothing_and_names_the_field(replica: Engine) -> None:
    with replica.begin() as conn:
        doctor = a_doctor(conn)
        visit = w.save_visit_draft(conn, doctor_id=doctor, visit_type="phone", started_at=NOW)
        with pytest.raises(ValueError) as too_long:
            w.save_visit_draft(conn, visit, purpose="x" * 1001)
        assert getattr(too_long.value, "field", None) == "purpose"
        with pytest.raises(ValueError) as unknown:
            w.record_local_change(conn, "visits", visit, "update", {"colour": "red"})
        assert getattr(unknown.value, "field", None) == "colour"
        with pytest.raises(ValueError) as base:
            w.record_local_change(conn, "visits", visit, "update", {"version": 9})
        assert getattr(base.value, "field", None) == "version"
        with pytest.raises(ValueError) as missing:
            w.record_local_change(conn, "visit_comments", None, "insert", {"text": "hi"})
        assert getattr(missing.value, "field", None) == "visit_id"
        with pytest.raises(ValueError):
            w.record_local_change(conn, "doctors", None, "insert", {"name": "x"})
        with pytest.raises(ValueError):
            w.record_local_change(conn, "visit_comments", uuid.uuid4(), "delete")
        row = w.get_local_row(conn, "visits", visit)
        assert row is not None and row["purpose"] is None
        assert len(entries(conn)) == 1


def test_pending_updates_are_compacted_keeping_the_first_base_version(replica: Engine) -> None:
    with replica.begin() as conn:
        plan = insert_server_row(conn, "visit_plans", version=7, rep_id=uuid.uuid4(),
                                 territory_id=uuid.uuid4(), week_start=dt.date(2026, 11, 2),
                                 status="draft")
        w.save_visit_plan(conn, plan, notes="one")
        w.save_visit_plan(conn, plan, status="submitted")
        w.save_visit_plan(conn, plan, notes="two")
        [entry] = entries(conn)
    assert entry["op"] == "update" and entry["base_version"] == 7
    assert entry["fields"] == {"notes": "two", "status": "submitted"}
    # Once sent, an entry is frozen: the next edit gets its own mutation.
    with replica.begin() as conn:
        ob.next_batch(conn, 10)
        w.save_visit_plan(conn, plan, notes="three")
        got = entries(conn)
    assert [(e["mutation_id"], e["state"], e["fields"]) for e in got] == [
        (1, "sent", {"notes": "two", "status": "submitted"}),
        (2, "pending", {"notes": "three"}),
    ]


def test_a_status_change_keeps_its_place_after_other_rows(replica: Engine) -> None:
    """Edits fold into the row's queued entry, but a change of status does not jump
    ahead of what was queued since (the server must see the plan's visits, or a visit's
    companions, before the submit that locks them)."""
    with replica.begin() as conn:
        plan = insert_server_row(conn, "visit_plans", version=7, rep_id=uuid.uuid4(),
                                 territory_id=uuid.uuid4(), week_start=dt.date(2026, 11, 2),
                                 status="draft")
        w.save_visit_plan(conn, plan, notes="one")
        w.save_visit_plan(conn, plan, notes="two")  # folds: nothing queued in between
        w.record_local_change(conn, "visit_plans", plan, "update", {"notes": "three"})
        ob.append_entry(conn, table="comment_reads", row_id=uuid.uuid4(), op="insert",
                        base_version=None, fields={"read_at": "2026-11-02T09:00:00+00:00"})
        w.save_visit_plan(conn, plan, status="submitted")
        got = [(e["table_name"], e["fields"]) for e in entries(conn)]
    assert got == [("visit_plans", {"notes": "three"}),
                   ("comment_reads", {"read_at": "2026-11-02T09:00:00+00:00"}),
                   ("visit_plans", {"status": "submitted"})]


def test_updates_fold_into_a_pending_insert(replica: Engine) -> None:
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=a_doctor(conn), visit_type="phone",
                                   started_at=NOW)
        w.save_visit_draft(conn, visit, purpose="新适应症")
        [entry] = entries(conn)
    assert entry["op"] == "insert" and entry["fields"]["purpose"] == "新适应症"


def test_submitted_visit_refuses_further_local_updates(replica: Engine) -> None:
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=a_doctor(conn), visit_type="phone",
                                   started_at=utcnow())  # submit refuses backdated visits
        w.submit_visit(conn, visit)
        with pytest.raises(w.RowLocked, match="submitted"):
            w.save_visit_draft(conn, visit, purpose="改一下")
        with pytest.raises(w.RowLocked):
            w.submit_visit(conn, visit)
        row = w.get_local_row(conn, "visits", visit)
    assert row is not None and row["status"] == "submitted" and row["purpose"] is None


def test_delete_tombstones_locally_and_queues_a_delete(replica: Engine) -> None:
    with replica.begin() as conn:
        event = insert_server_row(conn, "events", version=2, territory_id=uuid.uuid4(),
                                  organizer_id=uuid.uuid4(), event_type="seminar", title="会",
                                  starts_at=NOW, status="planned")
        w.delete_event(conn, event)
        row = w.get_local_row(conn, "events", event)
        [entry] = entries(conn)
        with pytest.raises(LookupError):
            w.save_event(conn, event, title="again")
    assert row is not None and row["deleted"] is True
    assert (entry["op"], entry["base_version"], entry["fields"]) == ("delete", 2, {})


def test_mutation_ids_are_never_reused_after_acknowledgement(replica: Engine) -> None:
    with replica.begin() as conn:
        doctor = a_doctor(conn)
        w.save_visit_draft(conn, doctor_id=doctor, visit_type="phone", started_at=NOW)
        ob.acknowledge(conn, 1)
        w.save_visit_draft(conn, doctor_id=doctor, visit_type="phone", started_at=NOW)
        ids = [e["mutation_id"] for e in entries(conn)]
    assert ids == [2]
    with replica.connect() as conn:
        assert conn.execute(sa.select(sa.func.max(outbox.c.mutation_id))).scalar() == 2
