"""domain.evaluation: the weighted total, validation and the indicator snapshot."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.evaluation import (
    ObservedVisit,
    PlannedFact,
    ScoredEvaluation,
    TargetDoctor,
    TemplateError,
    VisitFact,
    competency_trend,
    counts_per_evaluator_month,
    indicators_at,
    team_average,
    template_from_row,
    validate_evaluation,
    weighted_total,
    working_days,
)
from domain.frequency import FrequencyRule

ROW = {"id": "t1", "name": "随访", "kind": "accompanied", "evaluator_role": "dm",
       "evaluatee_role": "rep", "scale_min": 1, "scale_max": 5, "template_version": 1,
       "competencies": [
           {"code": "a", "name": "A", "weight": 0.25, "anchors": {"1": "poor", "5": "great"}},
           {"code": "b", "name": "B", "weight": 0.75},
       ]}
DAY = dt.date(2026, 11, 18)


def test_weighted_total_is_the_weighted_mean_of_scored_competencies() -> None:
    t = template_from_row(ROW)
    assert weighted_total(t, {"a": 4, "b": 2}) == 2.5
    assert weighted_total(t, {"a": {"score": 4, "note": "x"}}) == 4.0
    assert weighted_total(t, {}) is None
    assert weighted_total(t, {"a": 9, "b": 3}) == 3.0  # out of scale left out


def test_anchor_falls_back_to_generic_level() -> None:
    c = template_from_row(ROW).competencies[0]
    assert c.anchor(5) == "great"
    assert c.anchor(3) == "符合要求"
    assert c.anchor(3, english=True) == "Meets expectations"


@pytest.mark.parametrize("change, message", [
    ({"competencies": []}, "at least one"),
    ({"scale_min": 5, "scale_max": 1}, "scale"),
    ({"competencies": [{"code": "a", "name": "A", "weight": 0}]}, "weight"),
    ({"competencies": [{"code": "a", "name": "A", "weight": 1, "anchors": {"9": "x"}}]}, "outside"),
    ({"competencies": [{"code": "a", "name": "A", "weight": 1}] * 2}, "unique"),
])
def test_bad_templates_are_refused_with_a_reason(change: dict, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        template_from_row({**ROW, **change})


def _validate(**kw: object) -> list[str]:
    args: dict = {"template": template_from_row(ROW), "evaluator_id": "dm", "evaluatee_id": "r1",
                  "team_ids": {"r1", "r2"}, "eval_date": DAY, "scores": {"a": 3, "b": 4},
                  "observed_visit_ids": [], "visits": {}, "submitting": True}
    args.update(kw)
    return [f"{e.field}:{e.code}" for e in validate_evaluation(**args)]


def test_validation_names_each_field() -> None:
    assert _validate() == []
    assert _validate(evaluatee_id="other") == ["evaluatee_id:not_in_team"]
    assert _validate(evaluatee_id="dm", team_ids={"dm"}) == ["evaluatee_id:not_in_team"]
    assert _validate(scores={"a": 6, "b": 4}) == ["scores.a:out_of_scale"]
    assert _validate(scores={"a": 2.5, "b": 4}, submitting=False) == ["scores.a:out_of_scale"]
    assert _validate(scores={"a": 3}, submitting=False) == []
    assert _validate(scores={"a": 3}) == ["scores.b:required"]
    visits = {"v1": ObservedVisit("v1", "r1", DAY), "v2": ObservedVisit("v2", "r2", DAY),
              "v3": ObservedVisit("v3", "r1", DAY - dt.timedelta(days=1)),
              "v4": ObservedVisit("v4", "r2", DAY, frozenset({"dm"})),
              "v5": ObservedVisit("v5", "r2", DAY, frozenset({"dm", "r1"}))}
    assert _validate(observed_visit_ids=["v1", "v5"], visits=visits) == []  # r1 rode along on v5
    assert _validate(observed_visit_ids=["v2"], visits=visits) == ["observed_visit_ids:not_evaluatee_visit"]
    # The evaluator came along on v4, the evaluatee did not: it says nothing about r1.
    assert _validate(observed_visit_ids=["v4"], visits=visits) == ["observed_visit_ids:not_evaluatee_visit"]
    assert _validate(observed_visit_ids=["v3"], visits=visits) == ["observed_visit_ids:wrong_date"]
    assert _validate(observed_visit_ids=["zz"], visits=visits) == ["observed_visit_ids:unknown_visit"]


def test_indicators_of_the_month_to_date() -> None:
    rule = FrequencyRule({"A": 4, "B": 2}, target_grades=("A", "B"))
    doctors = [TargetDoctor("d1", "A"), TargetDoctor("d2", "A"), TargetDoctor("d3", "B"),
               TargetDoctor("d4", None, target_override=True), TargetDoctor("d5", "B", False)]
    day = dt.date(2026, 11, 15)  # half of November
    visits = [VisitFact("d1", dt.date(2026, 11, d), 80.0) for d in (2, 3, 4, 5, 6)]
    visits += [VisitFact("d3", dt.date(2026, 11, 10), 60.0, "p1"),
               VisitFact("d2", dt.date(2026, 10, 30), 10.0),  # last month
               VisitFact("d2", dt.date(2026, 11, 16), 10.0),  # after the date
               VisitFact("d5", dt.date(2026, 11, 12), None, counted=False)]  # a phone call
    planned = [PlannedFact("p1", dt.date(2026, 11, 10)), PlannedFact("p2", dt.date(2026, 11, 11))]
    ind = indicators_at(day, doctors=doctors, visits=visits, planned=planned, rule=rule)
    grade_a = ind.by_grade[0]
    assert (grade_a.grade, grade_a.doctors, grade_a.required, grade_a.done) == ("A", 2, 4.0, 4)
    assert ind.frequency_attainment == pytest.approx(5 / 6)  # A: 4 of 4 due; B: 1 of 2
    assert (ind.target_doctors, ind.covered_doctors, ind.coverage) == (4, 2, 0.5)
    assert ind.visits == 7 and ind.working_days == working_days(dt.date(2026, 11, 1), day) == 10
    assert ind.visits_per_day == 0.7
    assert ind.average_quality == pytest.approx((80 * 5 + 60) / 6)
    assert ind.plan_adherence == 0.5
    assert ind.to_json()["coverage"] == 0.5
    team = indicators_at(day, doctors=doctors, visits=visits, rule=rule, people=2, plan_known=False)
    assert team.visits_per_day == 0.35 and team.plan_adherence is None


def test_counts_and_trends() -> None:
    evals = [ScoredEvaluation("dm", "r1", dt.date(2026, 10, 3), {"a": 4}, 4.0),
             ScoredEvaluation("dm", "r1", dt.date(2026, 10, 20), {"a": 2}, 2.0),
             ScoredEvaluation("dm", "r2", dt.date(2026, 11, 2), {"a": 5}, 5.0)]
    assert counts_per_evaluator_month(evals) == {"dm": {"2026-10": 2, "2026-11": 1}}
    trend = competency_trend(evals, "a")
    assert trend == {"r1": {"2026-10": 3.0}, "r2": {"2026-11": 5.0}}
    assert team_average({"r1": {"2026-10": 3.0}, "r2": {"2026-10": 5.0}}) == {"2026-10": 4.0}
