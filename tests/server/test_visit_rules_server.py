"""The visit rules on push: locking, full validation on submit with the server's clock,
the server's quality score, amendments and the product catalogue."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar
from domain.visit_rules import validate_visit
from server.auth.principal import Principal
from server.sync.push import push_mutations
from server.sync.rows import get_row
from server.visits.rules import active_product_ids, active_visit_rules
from tests.factories import Factory
from tests.server.test_sync_pull import principal_for
from wire.protocol import Mutation, PushRequest, PushResponse


def push(conn: Connection, who: dict[str, Any], *mutations: dict[str, Any]) -> PushResponse:
    principal: Principal = principal_for(who)
    return push_mutations(conn, principal, PushRequest(
        protocol=1, client_id=f"client-{who['id']}",
        mutations=[Mutation(**m) for m in mutations]))


def m(mid: int, row_id: Any, op: str = "insert", base: int | None = None,
      **fields: Any) -> dict[str, Any]:
    return {"mutation_id": mid, "table": "visits", "id": str(row_id), "op": op,
            "base_version": base, "fields": fields}


def iso(value: dt.datetime) -> str:
    return value.isoformat()


def results(response: PushResponse) -> list[tuple[str, str | None, str | None]]:
    return [(r.status, r.reason.value if r.reason else None, r.field) for r in response.results]


@contextmanager
def statements(conn: Connection) -> Iterator[list[str]]:
    """The SQL statements ``conn`` runs inside the block, lower-cased."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.lower().split()))

    event.listen(conn, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(conn, "before_cursor_execute", record)


@pytest.fixture
def world(conn: Connection) -> dict[str, Any]:
    f = Factory(conn)
    territory = f.territory()
    rep, rep2 = f.user(territory=territory), f.user(territory=territory)
    doctor, doctor2 = f.doctor(territory), f.doctor(territory)
    product = f._insert("products", code=f"P{uuid.uuid4().hex[:6]}", name="立普妥", active=True)
    retired = f._insert("products", code=f"P{uuid.uuid4().hex[:6]}", name="旧药", active=False)
    f._insert("visit_rules", name="拜访记录规则",
              required_fields=["doctor_id", "visit_type", "started_at", "purpose",
                               "products_detailed", "products_detailed.key_message"],
              quality_coefficients={"purpose": 15, "products_with_key_message": 20,
                                    "feedback": 15, "next_step": 15, "duration_in_range": 15,
                                    "linked_to_plan": 10, "result": 10, "no_feedback": -10},
              backdate_days=7, month_end_day=3, min_minutes=5, max_minutes=120,
              rule_version=1, active=True)
    f.publish()
    now = dt.datetime.now(dt.UTC)
    return {"f": f, "rep": rep, "rep2": rep2, "doctor": doctor, "doctor2": doctor2,
            "product": product, "retired": retired, "now": now}


def fields(w: dict[str, Any], *, start: dt.datetime | None = None, rep: str = "rep",
           doctor: str = "doctor", **kw: Any) -> dict[str, Any]:
    start = start or w["now"] - dt.timedelta(hours=1)
    return {"rep_id": str(w[rep]["id"]), "territory_id": str(w[doctor]["territory_id"]),
            "doctor_id": str(w[doctor]["id"]), "visit_type": "face_to_face",
            "started_at": iso(start), "ended_at": iso(start + dt.timedelta(minutes=20)),
            "status": "draft", "purpose": "介绍新适应症",
            "products_detailed": [{"product_id": str(w["product"]["id"]),
                                   "key_message": "降脂达标"}], **kw}


def test_the_active_rules_row_is_read(conn: Connection, world: dict[str, Any]) -> None:
    rules = active_visit_rules(conn)
    assert rules.rule_version == 1 and "products_detailed.key_message" in rules.required_fields


def test_editing_a_submitted_visit_is_refused_locked(conn: Connection,
                                                     world: dict[str, Any]) -> None:
    vid = uuid.uuid4()
    first = push(conn, world["rep"], m(1, vid, **fields(world, status="submitted")))
    assert results(first) == [("applied", None, None)]
    edit = push(conn, world["rep"], m(2, vid, "update", base=1, purpose="事后修改"),
                m(3, vid, "update", base=1, status="draft"))
    assert results(edit) == [("rejected", "locked", None), ("rejected", "locked", None)]
    assert "submitted and locked" in (edit.results[0].message or "")
    assert "correction" in (edit.results[0].message or "")
    assert get_row(conn, "visits", vid)["purpose"] == "介绍新适应症"  # type: ignore[index]


def test_submitting_a_backdated_visit_is_refused_with_the_field(
        conn: Connection, world: dict[str, Any]) -> None:
    vid = uuid.uuid4()
    old = world["now"] - dt.timedelta(days=8)
    response = push(conn, world["rep"], m(1, vid, **fields(world, start=old)),
                    m(2, vid, "update", base=1, status="submitted"))
    assert results(response) == [("applied", None, None), ("rejected", "validation", "started_at")]
    assert "at most 7 days" in (response.results[1].message or "")
    row = get_row(conn, "visits", vid)
    assert row is not None and row["status"] == "draft" and row["submitted_at"] is None


def _judged_differently(world: dict[str, Any], zone: CompanyCalendar
                        ) -> tuple[dict[str, Any], list[tuple[str | None, str]]]:
    """A visit 7–9 days old whose submit Beijing's calendar and ``zone``'s judge
    differently (found by stepping back an hour at a time from now), and the problems
    ``zone`` finds with it."""
    rules = active_visit_rules(world["conn"])
    now = dt.datetime.now(dt.UTC)
    for hours in range(7 * 24, 9 * 24):
        visit = fields(world, start=now - dt.timedelta(hours=hours, minutes=30), status="submitted")
        as_read = {**visit, "started_at": dt.datetime.fromisoformat(visit["started_at"]),
                   "ended_at": dt.datetime.fromisoformat(visit["ended_at"])}

        def problems(calendar: CompanyCalendar, visit: dict[str, Any] = as_read
                     ) -> list[tuple[str | None, str]]:
            return [(e.field, e.code) for e in validate_visit(
                visit, rules, now=now, is_submit=True, catalogue_product_ids=None,
                calendar=calendar) if e.blocking]

        if problems(zone) != problems(CompanyCalendar()):
            return visit, problems(zone)
    raise AssertionError("no visit is judged differently in the two zones")


def test_submit_is_judged_in_the_company_time_zone(conn: Connection, world: dict[str, Any]) -> None:
    """The backdating window counts the days of the company's zone (the frequency rule's
    setting), not Beijing's: a visit one calendar accepts and the other refuses gets
    the company's answer."""
    world["f"]._insert("frequency_rules", name="rule", visits_per_month={"A": 2}, rule_version=1,
                       active=True, time_zone="America/Los_Angeles", reminder_day=20,
                       counted_visit_types=["face_to_face"], target_grades=["A"])
    world["conn"] = conn
    visit, expected = _judged_differently(world, CompanyCalendar("America/Los_Angeles"))
    response = push(conn, world["rep"], m(1, uuid.uuid4(), **visit))
    if expected:
        assert results(response) == [("rejected", "validation", "started_at")]
    else:
        assert results(response) == [("applied", None, None)]


def test_submit_enforces_required_fields_and_drafts_may_be_incomplete(
        conn: Connection, world: dict[str, Any]) -> None:
    vid = uuid.uuid4()
    response = push(conn, world["rep"],
                    m(1, vid, **fields(world, purpose=None, products_detailed=None)),
                    m(2, vid, "update", base=1, status="submitted"),
                    m(3, uuid.uuid4(), **fields(world, status="submitted", products_detailed=[
                        {"product_id": str(world["product"]["id"])}])))
    assert results(response) == [
        ("applied", None, None), ("rejected", "validation", "purpose"),
        ("rejected", "validation", "products_detailed[0].key_message")]
    assert "products_detailed is required" in (response.results[1].message or "")


def test_every_write_gets_sanity_checks(conn: Connection, world: dict[str, Any]) -> None:
    start = world["now"] - dt.timedelta(hours=1)
    response = push(conn, world["rep"],
                    m(1, uuid.uuid4(), **fields(world, ended_at=iso(start - dt.timedelta(1)))),
                    m(2, uuid.uuid4(), **fields(world, status="approved")),
                    m(3, uuid.uuid4(), **fields(world, start=world["now"] + dt.timedelta(days=2))))
    assert results(response) == [("rejected", "validation", "ended_at"),
                                 ("rejected", "invalid_transition", "status"),
                                 ("applied", None, None)]  # a future draft is fine


def test_products_must_be_active_catalogue_products(conn: Connection,
                                                    world: dict[str, Any]) -> None:
    def detailed(product_id: str) -> dict[str, Any]:
        return fields(world, products_detailed=[{"product_id": product_id, "key_message": "x"}])

    response = push(conn, world["rep"],
                    m(1, uuid.uuid4(), **detailed(str(world["retired"]["id"]))),
                    m(2, uuid.uuid4(), **detailed(str(uuid.uuid4()))),
                    m(3, uuid.uuid4(), **detailed("not-a-uuid")))
    assert results(response) == [("rejected", "validation", "products_detailed[0].product_id")] * 3


def test_the_catalogue_is_read_once_per_batch(conn: Connection, world: dict[str, Any]) -> None:
    """Every submitted visit details products: a query per visit more than doubled the
    time of a 100-visit push."""
    def detailed(product_id: str) -> dict[str, Any]:
        return fields(world, products_detailed=[{"product_id": product_id, "key_message": "x"}])

    with statements(conn) as seen:
        response = push(conn, world["rep"],
                        *(m(i + 1, uuid.uuid4(), **detailed(str(world["product"]["id"])))
                          for i in range(5)),
                        m(6, uuid.uuid4(), **detailed(str(world["retired"]["id"]))),
                        m(7, uuid.uuid4(), **detailed(str(world["product"]["id"]).upper())))
    assert results(response) == [("applied", None, None)] * 5 + [
        ("rejected", "validation", "products_detailed[0].product_id")] * 2
    assert len([s for s in seen if "from products" in s]) == 1


def test_the_catalogue_lookup_outside_a_push_batch(conn: Connection,
                                                   world: dict[str, Any]) -> None:
    product = str(world["product"]["id"])
    found = active_product_ids(conn, [product, str(world["retired"]["id"]), "not-a-uuid",
                                      product.upper(), None])
    assert found == {product}  # canonical text; retired and non-ids left out
    assert active_product_ids(conn, []) == frozenset()


def test_the_server_computes_quality_and_submitted_at(conn: Connection,
                                                      world: dict[str, Any]) -> None:
    vid = uuid.uuid4()
    claimed = iso(world["now"] - dt.timedelta(days=30))
    response = push(conn, world["rep"],
                    m(1, vid, **fields(world, quality_score=100.0, submitted_at=claimed,
                                       quality_explanation=[{"code": "made_up"}])))
    assert results(response) == [("applied", None, None)]
    row = get_row(conn, "visits", vid)
    assert row is not None and row["submitted_at"] is None
    # purpose 15 + key message 20 + duration 15 - no feedback 10
    assert row["quality_score"] == 40.0
    assert [i["code"] for i in row["quality_explanation"]] == [
        "duration_in_range", "purpose", "products_with_key_message", "no_feedback"]

    before = dt.datetime.now(dt.UTC)
    later = push(conn, world["rep"], m(2, vid, "update", base=1, doctor_feedback="有兴趣",
                                       next_step="下周送资料", status="submitted",
                                       quality_score=1.0))
    assert results(later) == [("applied", None, None)]
    assert later.results[0].overwritten is None
    row = get_row(conn, "visits", vid)
    assert row is not None and row["status"] == "submitted" and row["quality_score"] == 80.0
    submitted_at = row["submitted_at"]
    if submitted_at.tzinfo is None:
        submitted_at = submitted_at.replace(tzinfo=dt.UTC)
    assert submitted_at >= before - dt.timedelta(seconds=1)


def test_a_quality_only_push_changes_nothing(conn: Connection, world: dict[str, Any]) -> None:
    vid = uuid.uuid4()
    push(conn, world["rep"], m(1, vid, **fields(world)))
    again = push(conn, world["rep"], m(2, vid, "update", base=1, quality_score=99.0))
    assert [(r.status, r.version) for r in again.results] == [("applied", 1)]
    assert get_row(conn, "visits", vid)["quality_score"] == 40.0  # type: ignore[index]


def test_an_amendment_is_a_new_visit_linked_to_a_submitted_one(
        conn: Connection, world: dict[str, Any]) -> None:
    original, draft = uuid.uuid4(), uuid.uuid4()
    push(conn, world["rep"], m(1, original, **fields(world, status="submitted")),
         m(2, draft, **fields(world)))
    response = push(conn, world["rep"],
                    m(3, uuid.uuid4(), **fields(world, amends_visit_id=str(original),
                                                purpose="更正：实际介绍了两个产品",
                                                status="submitted")),
                    m(4, uuid.uuid4(), **fields(world, amends_visit_id=str(draft))),
                    m(5, uuid.uuid4(), **fields(world, doctor="doctor2",
                                                amends_visit_id=str(original))))
    assert results(response) == [("applied", None, None),
                                 ("rejected", "validation", "amends_visit_id"),
                                 ("rejected", "validation", "amends_visit_id")]
    assert "same doctor" in (response.results[2].message or "")


def test_amending_another_reps_visit_is_refused(conn: Connection, world: dict[str, Any]) -> None:
    theirs = uuid.uuid4()
    push(conn, world["rep2"], m(1, theirs, **fields(world, rep="rep2", status="submitted")))
    response = push(conn, world["rep"],
                    m(1, uuid.uuid4(), **fields(world, amends_visit_id=str(theirs))))
    assert results(response) == [("rejected", "validation", "amends_visit_id")]
    assert "rep of the original visit" in (response.results[0].message or "")


def test_without_a_rules_row_the_defaults_apply(conn: Connection, world: dict[str, Any]) -> None:
    from server.tables import synced

    conn.execute(sa.update(synced["visit_rules"]).values(active=False))
    response = push(conn, world["rep"],
                    m(1, uuid.uuid4(), **fields(world, purpose=None, products_detailed=None,
                                                status="submitted")))
    assert results(response) == [("applied", None, None)]
