"""Evaluations in the replica: observable visits (those the evaluatee took part in, as
rep or companion, that day only), the form's checks, the lock, acknowledgement, corrections
and the outbox entries they leave."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy.engine import Engine

from local_store import evaluation_writes as w
from local_store.outbox import all_entries
from local_store.read import evaluations as read
from local_store.writes import InvalidLocalChange, RowLocked
from tests.desktop.evaluation_world import DAY, T0, EvaluationWorld

SCORES = {c: 4 for c in ("pre_call_planning", "opening_probing", "key_messages",
                         "objection_handling", "closing", "compliance")}


@pytest.fixture
def world(replica: Engine) -> EvaluationWorld:
    world = EvaluationWorld.build(replica)
    world.sign_in_as("dm")
    return world


def test_observable_visits_are_those_the_evaluatee_took_part_in(world: EvaluationWorld) -> None:
    """The DM and the RM both ride along with the rep: the visit is observed in the DM's
    evaluation of the rep and in the RM's of the DM; a visit the evaluatee was not on
    is in neither, whoever else came along."""
    i = world.ids
    both = (i["dm"], i["rm"])
    other = world.visit("rep2", "doctor", T0 + dt.timedelta(hours=2))
    rm_alone = world.visit("rep2", "doctor", T0 + dt.timedelta(hours=3))
    for visit, who in ((i["visit"], both), (other, (i["dm"],)), (rm_alone, (i["rm"],))):
        for user_id in who:
            world.insert("visit_companions", visit_id=visit, territory_id=i["territory"],
                         user_id=user_id)
    with world.replica.connect() as conn:
        dm_of_rep = read.observable_visits(conn, evaluatee_id=i["rep"], day=DAY)
        rm_of_dm = read.observable_visits(conn, evaluatee_id=i["dm"], day=DAY)
        next_day = read.observable_visits(conn, evaluatee_id=i["dm"], day=DAY + dt.timedelta(days=1))
    assert [v.id for v in dm_of_rep] == [i["visit"]]
    assert dm_of_rep[0].companion_ids == frozenset(both)
    assert [v.id for v in rm_of_dm] == [i["visit"], other]
    assert next_day == []
    co_visit = w.EvaluationForm(template_id=i["co_template"], evaluatee_id=i["dm"],
                                eval_date=DAY, scores={})
    world.sign_in_as("rm")
    with world.replica.connect() as conn:
        fine = w.check_form(conn, dataclasses.replace(
            co_visit, observed_visit_ids=[str(i["visit"]), str(other)]),
            evaluator_id=i["rm"], submitting=False)
        refused = w.check_form(conn, dataclasses.replace(
            co_visit, observed_visit_ids=[str(rm_alone)]), evaluator_id=i["rm"], submitting=False)
    assert fine == []
    assert [(e.field, e.code) for e in refused] == [("observed_visit_ids", "not_evaluatee_visit")]


def test_a_visit_is_observed_on_its_day_in_the_company_time_zone(world: EvaluationWorld) -> None:
    """09:30 in Shanghai on the 18th is 17:30 on the 17th in Los Angeles: once the
    synced frequency rule names that zone, the visit belongs to the 17th."""
    i = world.ids
    with world.replica.connect() as conn:
        assert [v.day for v in read.observable_visits(conn, evaluatee_id=i["rep"], day=DAY)] == [DAY]
    world.insert("frequency_rules", name="rule", visits_per_month={"A": 2}, rule_version=1,
                 active=True, time_zone="America/Los_Angeles", counted_visit_types=["face_to_face"],
                 target_grades=["A"], reminder_day=20)
    before = DAY - dt.timedelta(days=1)
    with world.replica.connect() as conn:
        assert read.observable_visits(conn, evaluatee_id=i["rep"], day=DAY) == []
        [visit] = read.observable_visits(conn, evaluatee_id=i["rep"], day=before)
    assert (visit.id, visit.day) == (i["visit"], before)


def test_form_save_submit_lock_and_correction(world: EvaluationWorld) -> None:
    form = w.EvaluationForm(template_id=world.ids["template"], evaluatee_id=world.ids["rep"],
                            eval_date=DAY, scores={"closing": 9},
                            observed_visit_ids=[str(world.ids["visit_other_day"])],
                            items=[w.ItemDraft("  ")])
    with world.replica.begin() as conn, pytest.raises(w.EvaluationNotValid) as refused:
        w.save_evaluation_form(conn, form)
    assert [e.field for e in refused.value.errors] == [
        "scores.closing", "observed_visit_ids", "items.0"]
    with world.replica.connect() as conn:
        assert all_entries(conn) == []  # nothing queued for a refused form
    form = dataclasses.replace(form, scores=SCORES, observed_visit_ids=[str(world.ids["visit"])],
                               items=[w.ItemDraft("复盘", DAY + dt.timedelta(days=7))])
    with world.replica.begin() as conn:
        evaluation_id = w.save_evaluation_form(conn, form, submit=True)
        with pytest.raises(RowLocked):
            w.save_evaluation_form(conn, form, evaluation_id=evaluation_id)
        with pytest.raises(InvalidLocalChange):
            w.acknowledge(conn, evaluation_id, "不是我")  # the DM is not the evaluatee
        tables = [e["table_name"] for e in all_entries(conn)]
        record = read.evaluation_record(conn, evaluation_id)
    assert tables == ["evaluations", "evaluation_action_items", "visit_companions"]
    with world.replica.connect() as conn:  # the evaluator is now recorded as a companion
        [observed] = read.visits_by_ids(conn, [world.ids["visit"]])
    assert world.ids["dm"] in observed.companion_ids
    assert record is not None and record.total_score == 4.0 and record.locked
    correction = dataclasses.replace(form, amends_evaluation_id=evaluation_id,
                                     scores={**SCORES, "closing": 2})
    with world.replica.begin() as conn:
        corrected = w.save_evaluation_form(conn, correction)
        stored = read.evaluation_record(conn, corrected)
    assert stored is not None and stored.amends_evaluation_id == evaluation_id
    assert stored.status == "draft" and stored.total_score == 3.7
    world.sign_in_as("rep")
    with world.replica.begin() as conn:
        w.acknowledge(conn, evaluation_id, "收到")
        [item] = read.action_items(conn, [evaluation_id])
        w.set_action_item_done(conn, item.id, True, "完成")
        with pytest.raises(InvalidLocalChange):
            w.acknowledge(conn, evaluation_id, "再次")  # only once
        assert read.action_items(conn, evaluatee_id=world.ids["rep"], open_only=True) == []


def test_only_the_team_is_offered_and_accepted(world: EvaluationWorld) -> None:
    with world.replica.connect() as conn:
        assert [p.name for p in read.team_of(conn, world.ids["dm"])] == ["李强", "王芳"]
        assert [p.name for p in read.team_of(conn, world.ids["rm"])] == ["张经理"]
    form = w.EvaluationForm(template_id=world.ids["template"], evaluatee_id=world.ids["rm"],
                            eval_date=DAY, scores={})
    with world.replica.begin() as conn, pytest.raises(w.EvaluationNotValid) as refused:
        w.save_evaluation_form(conn, form)
    assert refused.value.errors[0].code == "not_in_team"


def test_visits_to_review_counts_the_unreviewed(world: EvaluationWorld) -> None:
    since = T0 - dt.timedelta(hours=1)  # the day's visit only, not the day before's
    with world.replica.connect() as conn:
        assert read.visits_to_review(conn, world.ids["dm"], since) == 1
    world.insert("visit_reviews", visit_id=world.ids["visit"], territory_id=world.ids["territory"],
                 reviewer_id=world.ids["dm"], reviewed_at=T0, exemplary=False)
    with world.replica.connect() as conn:
        assert read.visits_to_review(conn, world.ids["dm"], since) == 0


def test_the_team_follows_the_servers_rule_for_every_screen(world: EvaluationWorld) -> None:
    """A rep known only by their territory, a DM known only by their district, nobody of
    another district or region, nobody inactive: the same list for the evaluation form
    and the field-day planner (``local_store.read.team``), as the server decides."""
    from local_store.read.field_days import team_of as field_team

    other_region = world.insert("regions", code="R2", name="华南大区")
    other_district = world.insert("districts", region_id=other_region, code="D9", name="广州")
    elsewhere = world.insert("territories", district_id=other_district, code="T9", name="天河")
    world.insert("users", username="rep009", display_name="陈远", role="rep", active=True,
                 territory_id=elsewhere, manager_id=world.ids["dm"])  # managed, not of the district
    world.insert("users", username="rep010", display_name="周到", role="rep", active=True,
                 territory_id=world.ids["territory2"])  # no district_id: by the territory
    world.insert("users", username="rep011", display_name="吴离", role="rep", active=False,
                 territory_id=world.ids["territory"])
    world.insert("users", username="dm002", display_name="孙经理", role="dm", active=True,
                 district_id=world.insert("districts", region_id=world.ids["region"], code="D2",
                                          name="上海二区"))  # region by the district
    with world.replica.connect() as conn:
        reps = [p.name for p in read.team_of(conn, world.ids["dm"])]
        dms = [p.name for p in read.team_of(conn, world.ids["rm"])]
        assert [name for _id, name in field_team(conn, world.ids["dm"])] == reps
        assert [name for _id, name in field_team(conn, world.ids["rm"])] == dms
        assert read.team_of(conn, world.ids["rep"]) == []
    assert sorted(reps) == sorted(["李强", "王芳", "周到"])
    assert sorted(dms) == sorted(["张经理", "孙经理"])
