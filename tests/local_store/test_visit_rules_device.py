"""The visit rules on the device: draft checks, submit with the trusted clock, multi-submit."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from domain.clock import ClockReading
from local_store import outbox as ob
from local_store import visit_rules as vr
from local_store import writes as w
from local_store.replica import synced
from local_store.state import LAST_SERVER_TIME, set_state

SERVER = dt.datetime(2026, 11, 20, 7, 0, tzinfo=dt.UTC)  # 15:00 in Beijing
PRODUCT = uuid.uuid4()


def reading(wall: dt.datetime, mono: float = 1000.0, boot: str = "boot-1") -> ClockReading:
    return ClockReading(wall=wall, monotonic=mono, boot_id=boot)


def server_row(conn: Connection, table: str, **values: Any) -> uuid.UUID:
    row_id = values.pop("id", uuid.uuid4())
    conn.execute(sa.insert(synced[table]).values(id=row_id, version=1, updated_at=SERVER,
                                                 deleted=False, **values))
    return row_id


@pytest.fixture
def doctor(replica: Engine) -> uuid.UUID:
    """A synced replica: a doctor, an active product, the rules row, a sync at SERVER."""
    with replica.begin() as conn:
        server_row(conn, "products", id=PRODUCT, code="P-CV01", name="立普妥", active=True)
        server_row(conn, "visit_rules", name="拜访记录规则",
                   required_fields=["doctor_id", "visit_type", "started_at", "purpose",
                                    "products_detailed", "products_detailed.key_message"],
                   quality_coefficients={"purpose": 15, "products_with_key_message": 20,
                                         "duration_in_range": 15, "no_feedback": -10},
                   backdate_days=7, month_end_day=3, min_minutes=5, max_minutes=120,
                   rule_version=1, active=True)
        vr.note_server_time(conn, SERVER.isoformat(), reading(SERVER))
        set_state(conn, LAST_SERVER_TIME, SERVER.isoformat())
        return server_row(conn, "doctors", name="李明", institution_id=uuid.uuid4(),
                          status="active", territory_id=uuid.uuid4())


def complete(doctor: uuid.UUID, start: dt.datetime = SERVER - dt.timedelta(hours=2),
             **kw: Any) -> dict[str, Any]:
    return {"doctor_id": doctor, "visit_type": "face_to_face", "started_at": start,
            "ended_at": start + dt.timedelta(minutes=20), "purpose": "介绍新适应症",
            "products_detailed": [{"product_id": str(PRODUCT), "key_message": "降脂达标"}], **kw}


def later(hours: float) -> ClockReading:
    """The device clocks ``hours`` after the sync, nobody touching the clock."""
    return reading(SERVER + dt.timedelta(hours=hours), 1000.0 + hours * 3600)


def test_a_draft_keeps_its_quality_score_locally_only(replica: Engine, doctor: uuid.UUID) -> None:
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, **complete(doctor))
        row = w.get_local_row(conn, "visits", visit)
        [entry] = ob.all_entries(conn)
    assert row is not None and row["quality_score"] == 40.0
    assert [i["code"] for i in row["quality_explanation"]][-1] == "no_feedback"
    assert "quality_score" not in entry["fields"]
    with replica.begin() as conn:
        w.save_visit_draft(conn, visit, doctor_feedback="有兴趣")
        assert w.get_local_row(conn, "visits", visit)["quality_score"] == 50.0  # type: ignore[index]


def test_a_nonsense_draft_is_refused_with_every_field(replica: Engine, doctor: uuid.UUID) -> None:
    with replica.begin() as conn:
        with pytest.raises(w.VisitNotValid) as refused:
            w.save_visit_draft(conn, **complete(doctor, ended_at=SERVER - dt.timedelta(days=1),
                                                products_detailed=[{"product_id": "x"}]))
        assert ob.all_entries(conn) == []
    errors = refused.value.errors
    assert [(e.field, e.code) for e in errors] == [
        ("ended_at", "end_before_start"), ("products_detailed[0].product_id", "unknown_product")]
    assert isinstance(refused.value, w.InvalidLocalChange) and refused.value.field == "ended_at"


def test_submit_refused_with_field_errors_changes_nothing(replica: Engine,
                                                          doctor: uuid.UUID) -> None:
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, **complete(
            doctor, purpose=None, products_detailed=[{"product_id": str(PRODUCT)}]))
        with pytest.raises(w.VisitNotValid) as refused:
            w.submit_visit(conn, visit, reading=later(1))
        row = w.get_local_row(conn, "visits", visit)
        entries = ob.all_entries(conn)
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("products_detailed[0].key_message", "key_message_required"), ("purpose", "required")]
    assert row is not None and row["status"] == "draft"
    assert len(entries) == 1 and entries[0]["op"] == "insert"


def test_submit_uses_trusted_time(replica: Engine, doctor: uuid.UUID) -> None:
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, **complete(doctor))
        w.submit_visit(conn, visit, reading=later(1))
        row = w.get_local_row(conn, "visits", visit)
    assert row is not None and row["status"] == "submitted"
    assert row["submitted_at"].replace(tzinfo=dt.UTC) == SERVER + dt.timedelta(hours=1)


def test_a_clock_moved_back_behind_the_last_sync_refuses_submit(replica: Engine,
                                                                doctor: uuid.UUID) -> None:
    old = SERVER - dt.timedelta(days=10)
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, **complete(doctor, old - dt.timedelta(hours=2)))
        # The rep set the clock 10 days back and rebooted: only the floor is left.
        with pytest.raises(w.VisitNotValid) as refused:
            w.submit_visit(conn, visit, reading=reading(old, 50.0, boot="boot-2"))
        assert w.get_local_row(conn, "visits", visit)["status"] == "draft"  # type: ignore[index]
    codes = [e.code for e in refused.value.errors]
    assert codes[0] == "clock_behind_server" and "backdated" in codes


def test_a_clock_moved_back_within_one_boot_is_overruled_by_the_monotonic_clock(
        replica: Engine, doctor: uuid.UUID) -> None:
    nine_days = 9 * 86400.0
    with replica.begin() as conn:
        # Nine days after the sync the wall clock claims it is still the sync day.
        wall = SERVER + dt.timedelta(hours=3)
        visit = w.save_visit_draft(conn, **complete(doctor, SERVER + dt.timedelta(hours=1)))
        with pytest.raises(w.VisitNotValid) as refused:
            w.submit_visit(conn, visit, reading=reading(wall, 1000.0 + nine_days))
    assert [e.code for e in refused.value.errors] == ["backdated"]
    with replica.connect() as conn:
        check = vr.device_clock_check(conn, reading(wall, 1000.0 + nine_days))
    assert check.skewed and check.may_submit


def test_several_drafts_submit_independently(replica: Engine, doctor: uuid.UUID) -> None:
    with replica.begin() as conn:
        good = w.save_visit_draft(conn, **complete(doctor))
        incomplete = w.save_visit_draft(conn, **complete(doctor, purpose=None))
        backdated = w.save_visit_draft(conn, **complete(doctor, SERVER - dt.timedelta(days=8)))
        also_good = w.save_visit_draft(conn, **complete(doctor, SERVER - dt.timedelta(days=1)))
        missing = uuid.uuid4()
        got = w.submit_visits(conn, [good, incomplete, backdated, also_good, missing],
                              reading=later(1))
        again = w.submit_visits(conn, [good], reading=later(2))
        statuses = {v: w.get_local_row(conn, "visits", v)["status"]  # type: ignore[index]
                    for v in (good, incomplete, backdated, also_good)}
    assert {v: [(e.field, e.code) for e in errs] for v, errs in got.items()} == {
        good: [], incomplete: [("purpose", "required")],
        backdated: [("started_at", "backdated")], also_good: [],
        missing: [(None, "not_found")]}
    assert [e.code for e in again[good]] == ["locked"]
    assert statuses == {good: "submitted", incomplete: "draft", backdated: "draft",
                        also_good: "submitted"}


def test_the_device_counts_days_in_the_synced_company_time_zone(
        replica: Engine, doctor: uuid.UUID) -> None:
    """12 Nov 09:00 UTC is day 12 in Beijing (8 days before the 20th: refused) and in
    Los Angeles, where it is still the 19th at the sync (7 days: accepted), once the
    company's frequency rule names that zone."""
    start = dt.datetime(2026, 11, 12, 9, 0, tzinfo=dt.UTC)
    with replica.begin() as conn:
        visit = w.save_visit_draft(conn, **complete(doctor, start))
        with pytest.raises(w.VisitNotValid) as refused:
            w.submit_visit(conn, visit, reading=later(0.5))
        server_row(conn, "frequency_rules", name="rule", visits_per_month={"A": 2},
                   rule_version=1, active=True, time_zone="America/Los_Angeles",
                   counted_visit_types=["face_to_face"], target_grades=["A"], reminder_day=20)
        w.submit_visit(conn, visit, reading=later(0.5))
        assert w.get_local_row(conn, "visits", visit)["status"] == "submitted"  # type: ignore[index]
    assert [e.code for e in refused.value.errors] == ["backdated"]


def test_an_amendment_of_a_local_draft_is_refused(replica: Engine, doctor: uuid.UUID) -> None:
    with replica.begin() as conn:
        draft = w.save_visit_draft(conn, **complete(doctor))
        fix = w.save_visit_draft(conn, **complete(doctor, amends_visit_id=draft))
        with pytest.raises(w.VisitNotValid) as refused:
            w.submit_visit(conn, fix, reading=later(1))
        w.submit_visit(conn, draft, reading=later(1))
        w.submit_visit(conn, fix, reading=later(1))
    assert [e.code for e in refused.value.errors] == ["amended_visit_not_submitted"]


def test_without_synced_rules_the_defaults_apply(replica: Engine) -> None:
    with replica.begin() as conn:
        doctor = server_row(conn, "doctors", name="王芳", institution_id=uuid.uuid4(),
                            status="active", territory_id=uuid.uuid4())
        visit = w.save_visit_draft(conn, doctor_id=doctor, visit_type="phone",
                                   started_at=dt.datetime.now(dt.UTC))
        w.submit_visit(conn, visit)  # the real clocks; nothing synced yet
        row = w.get_local_row(conn, "visits", visit)
        rules = vr.active_visit_rules(conn)
    assert row is not None and row["status"] == "submitted"
    assert rules.required_fields == ("doctor_id", "visit_type", "started_at")


def test_the_device_clock_reading_is_sane() -> None:
    first, second = vr.read_device_clock(), vr.read_device_clock()
    assert second.monotonic >= first.monotonic
    assert abs((first.wall - dt.datetime.now(dt.UTC)).total_seconds()) < 5


def test_the_replica_catalogue_is_the_active_products(replica: Engine, doctor: uuid.UUID) -> None:
    with replica.begin() as conn:
        server_row(conn, "products", code="P-OLD", name="旧药", active=False)
        assert vr.catalogue_product_ids(conn) == {str(PRODUCT)}
        count = conn.execute(sa.select(sa.func.count()).select_from(synced["products"])).scalar()
    assert count == 2
