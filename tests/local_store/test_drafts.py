"""The visit form journal and the form's data layer on a real replica (no Qt)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from domain.clock import ClockReading
from local_store import drafts, visit_edits
from local_store import outbox as ob
from local_store import visit_rules as vr
from local_store import writes as w
from local_store.migrations import MIGRATIONS, migrate, schema_version
from local_store.read import visit_form
from local_store.replica import synced
from local_store.state import LAST_SERVER_TIME, set_state

SERVER = dt.datetime(2026, 11, 20, 7, 0, tzinfo=dt.UTC)
PRODUCT = uuid.uuid4()
RETIRED = uuid.uuid4()


def server_row(conn: Connection, table: str, **values: Any) -> uuid.UUID:
    row_id = values.pop("id", uuid.uuid4())
    conn.execute(sa.insert(synced[table]).values(id=row_id, version=1, updated_at=SERVER,
                                                 deleted=False, **values))
    return row_id


def later(hours: float) -> ClockReading:
    return ClockReading(wall=SERVER + dt.timedelta(hours=hours), monotonic=1000.0 + hours * 3600,
                        boot_id="boot-1")


def build_world(replica: Engine) -> uuid.UUID:
    """Products (one retired), rules requiring purpose and next step, a DM, a synced clock,
    a doctor with institution and department; returns the doctor id."""
    with replica.begin() as conn:
        server_row(conn, "products", id=PRODUCT, code="P-CV01", name="立普妥", active=True)
        server_row(conn, "products", id=RETIRED, code="P-OLD", name="旧药", active=False)
        server_row(conn, "visit_rules", name="规则",
                   required_fields=["doctor_id", "visit_type", "started_at", "purpose",
                                    "next_step"],
                   quality_coefficients={"purpose": 15, "next_step": 15, "no_feedback": -10},
                   backdate_days=7, month_end_day=3, min_minutes=5, max_minutes=120,
                   rule_version=1, active=True)
        server_row(conn, "users", username="dm1", display_name="王经理", role="dm", active=True)
        server_row(conn, "users", username="rep2", display_name="赵代表", role="rep", active=True)
        vr.note_server_time(conn, SERVER.isoformat(),
                            ClockReading(wall=SERVER, monotonic=1000.0, boot_id="boot-1"))
        set_state(conn, LAST_SERVER_TIME, SERVER.isoformat())
        inst = server_row(conn, "institutions", name="协和医院", type="hospital", status="active")
        dept = server_row(conn, "departments", institution_id=inst, name="心内科")
        return server_row(conn, "doctors", name="李明", institution_id=inst, department_id=dept,
                          status="active", territory_id=uuid.uuid4())


@pytest.fixture
def doctor(replica: Engine) -> uuid.UUID:
    return build_world(replica)


def typed(doctor: uuid.UUID | None, **kw: Any) -> dict[str, Any]:
    start = SERVER - dt.timedelta(hours=2)
    return {"doctor_id": doctor, "visit_type": "face_to_face", "started_at": start,
            "ended_at": start + dt.timedelta(minutes=20), "purpose": "介绍新适应症", **kw}


def test_the_journal_round_trips_what_was_typed(replica: Engine) -> None:
    visit = uuid.uuid4()
    fields = typed(None, purpose="x" * 1200, next_visit_date=dt.date(2026, 12, 1),
                   products_detailed=[{"product_id": None, "key_message": "降脂"}])
    with replica.begin() as conn:
        drafts.write_journal(conn, visit, fields)
        drafts.write_journal(conn, visit, {**fields, "result": "同意试用"})
    with replica.connect() as conn:
        entry = drafts.read_journal(conn, visit)
        assert [e.visit_id for e in drafts.journaled_visits(conn)] == [visit]
    assert entry is not None and entry.fields == {**fields, "result": "同意试用"}
    with replica.begin() as conn:
        assert drafts.clear_journal(conn, visit) and drafts.read_journal(conn, visit) is None
        assert ob.all_entries(conn) == []  # local only: never in the outbox


def test_an_older_replica_gains_the_journal_table(replica: Engine) -> None:
    with replica.begin() as conn:
        conn.exec_driver_sql("DROP TABLE form_journal")
        conn.exec_driver_sql("PRAGMA user_version = 2")
    assert migrate(replica) == len(MIGRATIONS) >= 3
    with replica.connect() as conn:
        assert schema_version(conn) == len(MIGRATIONS)
        assert "form_journal" in sa.inspect(conn).get_table_names()


def test_autosave_journals_until_the_draft_is_valid_then_clears_it(
        replica: Engine, doctor: uuid.UUID) -> None:
    visit = uuid.uuid4()
    out = visit_edits.autosave(replica, visit, typed(None))
    assert not out.saved and out.journaled
    assert [(e.field, e.code) for e in out.errors] == [("doctor_id", "needed_for_draft")]
    out = visit_edits.autosave(replica, visit, typed(doctor, ended_at=SERVER - dt.timedelta(days=1)))
    assert [(e.field, e.code) for e in out.errors] == [("ended_at", "end_before_start")]
    with replica.connect() as conn:
        assert w.get_local_row(conn, "visits", visit) is None
        loaded = visit_form.load_visit(conn, visit)
    assert loaded is not None and not loaded.exists and loaded.journaled_at is not None
    assert loaded.fields["ended_at"] == SERVER - dt.timedelta(days=1)

    out = visit_edits.autosave(replica, visit, typed(doctor))
    assert out.saved and out.errors == []
    out = visit_edits.autosave(replica, visit, typed(doctor, purpose="y" * 1001))  # over the limit
    assert [(e.field, e.code) for e in out.errors] == [("purpose", "too_long")]
    with replica.connect() as conn:
        row = w.get_local_row(conn, "visits", visit)
        loaded = visit_form.load_visit(conn, visit)
    assert row is not None and row["purpose"] == "介绍新适应症"  # the draft keeps its last valid state
    assert loaded is not None and loaded.exists and loaded.fields["purpose"] == "y" * 1001
    assert visit_edits.autosave(replica, visit, typed(doctor, purpose="改好了")).saved
    with replica.connect() as conn:
        assert drafts.read_journal(conn, visit) is None
        [entry] = ob.all_entries(conn)
    assert entry["op"] == "insert" and entry["fields"]["purpose"] == "改好了"


def test_a_product_outside_the_catalogue_is_refused(replica: Engine, doctor: uuid.UUID) -> None:
    with replica.connect() as conn:
        ctx = visit_form.load_context(conn)
    assert [p.id for p in ctx.products] == [str(PRODUCT)]
    assert [m.name for m in ctx.managers] == ["王经理"]
    [choice] = ctx.doctors
    assert (choice.name, choice.institution_name, choice.department_name) == ("李明", "协和医院", "心内科")
    out = visit_edits.autosave(replica, uuid.uuid4(), typed(doctor, products_detailed=[
        {"product_id": str(RETIRED), "key_message": "旧"}]))
    assert [(e.field, e.code) for e in out.errors] == [
        ("products_detailed[0].product_id", "unknown_product")]


def test_submit_reports_every_field_then_locks(replica: Engine, doctor: uuid.UUID,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vr, "read_device_clock", lambda: later(1))
    visit = uuid.uuid4()
    refused = visit_edits.submit(replica, visit, typed(doctor, purpose=None))
    assert not refused.submitted
    assert [(e.field, e.code) for e in refused.errors] == [("purpose", "required"),
                                                           ("next_step", "required")]
    done = visit_edits.submit(replica, visit, typed(doctor, next_step="下周送资料"))
    assert done.submitted and done.submitted_at is not None
    with pytest.raises(w.RowLocked):
        visit_edits.autosave(replica, visit, typed(doctor, purpose="改"))
    with replica.connect() as conn:
        loaded = visit_form.load_visit(conn, visit)
    assert loaded is not None and loaded.locked and loaded.fields["purpose"] == "介绍新适应症"


def test_an_amendment_is_a_new_linked_draft(replica: Engine, doctor: uuid.UUID,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vr, "read_device_clock", lambda: later(1))
    visit = uuid.uuid4()
    assert visit_edits.submit(replica, visit, typed(doctor, next_step="送资料")).submitted
    with pytest.raises(w.InvalidLocalChange):
        visit_edits.create_amendment(replica, uuid.uuid4())
    out = visit_edits.create_amendment(replica, visit)
    assert out.saved and out.visit_id != visit
    with replica.connect() as conn:
        row = w.get_local_row(conn, "visits", out.visit_id)
    assert row is not None and row["status"] == "draft" and row["amends_visit_id"] == visit
    assert (row["purpose"], row["next_step"], row["doctor_id"]) == ("介绍新适应症", "送资料", doctor)
    done = visit_edits.submit(replica, out.visit_id, {**typed(doctor, next_step="送资料"),
                                              "amends_visit_id": visit, "result": "补充结果"})
    assert done.submitted, done.errors


def test_a_visit_whose_doctor_left_still_loads(replica: Engine, doctor: uuid.UUID) -> None:
    visit = uuid.uuid4()
    assert visit_edits.autosave(replica, visit, typed(doctor)).saved
    with replica.begin() as conn:  # the sync purged the reassigned doctor
        conn.execute(sa.delete(synced["doctors"]).where(synced["doctors"].c.id == doctor))
    with replica.connect() as conn:
        loaded = visit_form.load_visit(conn, visit)
        ctx = visit_form.load_context(conn)
    assert loaded is not None and not loaded.doctor_in_scope and loaded.exists
    assert ctx.doctors == ()
    assert visit_edits.autosave(replica, visit, typed(doctor, result="仍可保存")).saved
    fresh = visit_edits.autosave(replica, uuid.uuid4(), typed(doctor))
    assert [(e.field, e.code) for e in fresh.errors] == [("doctor_id", "doctor_not_in_scope")]


def test_a_planned_visit_prefills_doctor_purpose_products_and_link(
        replica: Engine, doctor: uuid.UUID) -> None:
    with replica.begin() as conn:
        planned = server_row(conn, "planned_visits", plan_id=uuid.uuid4(), rep_id=uuid.uuid4(),
                             territory_id=uuid.uuid4(), doctor_id=doctor,
                             planned_date=dt.date(2026, 11, 18), objective="随访用药情况",
                             products=[str(PRODUCT), str(RETIRED)], status="planned")
        fields = visit_form.new_visit_fields(conn, planned_visit_id=planned, now=SERVER)
    assert fields["doctor_id"] == doctor and fields["purpose"] == "随访用药情况"
    assert fields["planned_visit_id"] == planned
    assert fields["products_detailed"] == [{"product_id": str(PRODUCT), "key_message": "",
                                            "reaction": ""}]
    # 09:00 on the planned day in the company's zone (Beijing), whatever the computer's.
    assert fields["started_at"] == dt.datetime(2026, 11, 18, 1, 0, tzinfo=dt.UTC)
