"""Plans on the device: edits with outbox entries, early refusals, the week read back."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from domain.plans import Outcome
from local_store import outbox as ob
from local_store import plans as lp
from local_store.read.plans import month_adherence, suggestion_inputs, week_plans
from local_store.state import USER_ID, set_state
from tests.local_store.plan_world import MONDAY, build_plan_world, put

WEDNESDAY = MONDAY + dt.timedelta(days=2)


def test_plan_a_doctor_writes_plan_and_planned_visit_with_outbox_entries(replica: Engine) -> None:
    with replica.begin() as conn:
        world = build_plan_world(conn)
        plan = lp.ensure_week_plan(conn, MONDAY)
        assert lp.ensure_week_plan(conn, MONDAY) == plan
        pv = lp.add_planned_visit(conn, plan, world.doctors[0], WEDNESDAY)
        entries = ob.all_entries(conn)
    assert [(e["table_name"], e["op"]) for e in entries] == [
        ("visit_plans", "insert"), ("planned_visits", "insert")]
    assert entries[1]["row_id"] == pv
    with replica.connect() as conn:
        week = week_plans(conn, [world.rep], MONDAY)[0]
    assert week.status == "draft" and [p.doctor_id for p in week.on(WEDNESDAY)] == [world.doctors[0]]
    assert week.on(WEDNESDAY)[0].institution_name == "医院0"


@pytest.mark.parametrize(("case", "reason"), [
    ("outside_week", "outside_week"), ("stranger", "out_of_territory"),
    ("twice", "duplicate"), ("not_monday", "not_monday"),
])
def test_bad_plans_are_refused_and_nothing_is_written(replica: Engine, case: str,
                                                      reason: str) -> None:
    with replica.begin() as conn:
        world = build_plan_world(conn)
        plan = lp.ensure_week_plan(conn, MONDAY)
        lp.add_planned_visit(conn, plan, world.doctors[0], WEDNESDAY)
        before = len(ob.all_entries(conn))
        with pytest.raises(lp.PlanRefused) as caught:
            if case == "outside_week":
                lp.add_planned_visit(conn, plan, world.doctors[1], MONDAY + dt.timedelta(days=7))
            elif case == "stranger":
                assert world.stranger is not None
                lp.add_planned_visit(conn, plan, world.stranger, WEDNESDAY)
            elif case == "twice":
                lp.add_planned_visit(conn, plan, world.doctors[0], WEDNESDAY)
            else:
                lp.ensure_week_plan(conn, WEDNESDAY)
        assert caught.value.reason == reason
        assert len(ob.all_entries(conn)) == before


def test_submit_return_with_comment_resubmit_approve(replica: Engine) -> None:
    with replica.begin() as conn:
        world = build_plan_world(conn)
        plan = lp.ensure_week_plan(conn, MONDAY)
        with pytest.raises(lp.PlanRefused, match="at least one"):
            lp.submit_plan(conn, plan)
        lp.add_planned_visit(conn, plan, world.doctors[0], WEDNESDAY)
        lp.submit_plan(conn, plan)
        with pytest.raises(lp.PlanRefused, match="no longer be changed"):
            lp.add_planned_visit(conn, plan, world.doctors[1], WEDNESDAY)
        set_state(conn, USER_ID, str(world.dm))
        with pytest.raises(lp.PlanRefused) as caught:
            lp.review_plan(conn, plan, approve=False, comment=" ")
        assert caught.value.field == "review_comment"
        lp.review_plan(conn, plan, approve=False, comment="周三太少")
        assert week_plans(conn, [world.rep], MONDAY)[0].review_comment == "周三太少"
        set_state(conn, USER_ID, str(world.rep))
        lp.add_planned_visit(conn, plan, world.doctors[2], WEDNESDAY)
        lp.submit_plan(conn, plan)
        set_state(conn, USER_ID, str(world.dm))
        lp.review_plan(conn, plan, approve=True)
        week = week_plans(conn, [world.rep], MONDAY)[0]
    assert (week.status, week.review_comment, len(week.planned)) == ("approved", None, 2)


def test_done_missed_unplanned_and_adherence(replica: Engine) -> None:
    with replica.begin() as conn:
        world = build_plan_world(conn)
        plan = lp.ensure_week_plan(conn, MONDAY)
        done = lp.add_planned_visit(conn, plan, world.doctors[0], MONDAY)
        lp.add_planned_visit(conn, plan, world.doctors[1], MONDAY)  # missed
        lp.add_planned_visit(conn, plan, world.doctors[2], WEDNESDAY + dt.timedelta(days=2))
        at = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)  # 10:00 Monday in Shanghai
        for doctor, planned in ((world.doctors[0], done), (world.doctors[3], None)):
            put(conn, "visits", rep_id=world.rep, territory_id=world.territory, doctor_id=doctor,
                planned_visit_id=planned, visit_type="face_to_face", started_at=at,
                status="submitted")
        now = dt.datetime(2026, 12, 9, 8, 0, tzinfo=dt.UTC)  # Wednesday afternoon
        week = week_plans(conn, [world.rep], MONDAY, now=now)[0]
        counts = week.counts()
        assert (counts[Outcome.DONE], counts[Outcome.MISSED], counts[Outcome.PLANNED],
                counts[Outcome.UNPLANNED]) == (1, 1, 1, 1)
        assert week.adherence == 0.5
        month = month_adherence(conn, [world.rep], MONDAY, now=now)[world.rep]
        assert (month.done, month.missed, month.planned, month.share) == (1, 1, 1, 0.5)


def test_suggestion_inputs_count_only_submitted_visits_of_counted_types(replica: Engine) -> None:
    with replica.begin() as conn:
        world = build_plan_world(conn)
        at = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
        for status, vtype in (("submitted", "face_to_face"), ("draft", "face_to_face"),
                              ("submitted", "phone")):
            put(conn, "visits", rep_id=world.rep, territory_id=world.territory,
                doctor_id=world.doctors[0], visit_type=vtype, started_at=at, status=status,
                next_visit_date=dt.date(2026, 12, 9))
        inputs = suggestion_inputs(conn, [world.territory], today=dt.date(2026, 12, 20))
    by_key = {c.key: c for c in inputs.candidates}
    first = by_key[world.doctors[0].hex]
    assert (first.done, first.last_visit, first.next_visit_date) == (
        1, dt.date(2026, 12, 1), dt.date(2026, 12, 9))
    assert len(by_key) == 6 and not by_key[world.doctors[5].hex].target  # D: not a target
