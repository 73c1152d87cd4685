"""Quality score: each coefficient, penalties, clamping, the explanation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from domain.visit_quality import QUALITY_CODES, score_visit
from domain.visit_rules import VisitRules

START = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
PRODUCT = "0b6f2a3e-8a1d-4a55-9a57-1f7c2d7e0c11"

# Every criterion met: a complete visit.
COMPLETE: dict[str, Any] = {
    "started_at": START, "ended_at": START + dt.timedelta(minutes=20),
    "purpose": "介绍新适应症", "doctor_feedback": "有兴趣", "result": "同意试用",
    "next_step": "下周送资料",
    "products_detailed": [{"product_id": PRODUCT, "key_message": "降脂达标", "reaction": "积极"}],
}


def only(code: str, points: float = 10) -> VisitRules:
    return VisitRules(quality_coefficients={code: points})


POSITIVE_CASES = [
    # (code, fields that meet it, fields that miss it)
    ("duration_in_range", COMPLETE, {**COMPLETE, "ended_at": START + dt.timedelta(minutes=2)}),
    ("duration_in_range", COMPLETE, {**COMPLETE, "ended_at": None}),
    ("purpose", COMPLETE, {**COMPLETE, "purpose": "   "}),
    ("products_with_key_message", COMPLETE,
     {**COMPLETE, "products_detailed": [{"product_id": PRODUCT, "key_message": ""}]}),
    ("products_with_key_message", COMPLETE, {**COMPLETE, "products_detailed": []}),
    ("feedback", COMPLETE, {**COMPLETE, "doctor_feedback": None}),
    ("result", COMPLETE, {**COMPLETE, "result": None}),
    ("next_step", COMPLETE, {**COMPLETE, "next_step": ""}),
]


@pytest.mark.parametrize(("code", "met", "missed"), POSITIVE_CASES)
def test_each_positive_coefficient_scores_only_when_met(
        code: str, met: dict[str, Any], missed: dict[str, Any]) -> None:
    rules = only(code, 15)
    got = score_visit(met, rules, linked_to_plan=False)
    assert got.score == 15 and [i.code for i in got.explanation] == [code]
    assert got.explanation[0].points == 15
    none = score_visit(missed, rules, linked_to_plan=False)
    assert (none.score, none.explanation) == (0, ())


def test_linked_to_plan_comes_from_the_caller() -> None:
    rules = only("linked_to_plan", 10)
    assert score_visit({}, rules, linked_to_plan=True).score == 10
    assert score_visit(COMPLETE, rules, linked_to_plan=False).score == 0


PENALTY_CASES = [
    ("no_purpose", "purpose"), ("no_feedback", "doctor_feedback"), ("no_result", "result"),
    ("no_next_step", "next_step"), ("no_key_message", "products_detailed"),
]


@pytest.mark.parametrize(("code", "missing"), PENALTY_CASES)
def test_each_penalty_applies_only_when_the_item_is_missing(code: str, missing: str) -> None:
    rules = VisitRules(quality_coefficients={"purpose": 50, code: -10})
    expected = 40 if missing != "purpose" else 0  # without a purpose: -10, clamped at 0
    got = score_visit({**COMPLETE, missing: None}, rules, linked_to_plan=False)
    assert got.score == expected
    assert got.explanation[-1].code == code and got.explanation[-1].points == -10
    assert all(i.code != code for i in score_visit(COMPLETE, rules, linked_to_plan=False).explanation)


def test_default_coefficients_give_100_for_a_complete_planned_visit_and_explain_it() -> None:
    got = score_visit(COMPLETE, VisitRules.default(), linked_to_plan=True)
    assert got.score == 100
    assert got.explanation_json()[:2] == [
        {"code": "duration_in_range", "points": 15.0, "label_en": "duration in range"},
        {"code": "purpose", "points": 15.0, "label_en": "purpose stated"}]
    bare = score_visit({"started_at": START}, VisitRules.default(), linked_to_plan=False)
    assert bare.score == 0  # -20 in penalties, clamped
    assert [(i.code, i.points) for i in bare.explanation] == [("no_key_message", -10),
                                                             ("no_feedback", -10)]


def test_the_score_is_clamped_to_100_and_unknown_codes_are_ignored() -> None:
    rules = VisitRules(quality_coefficients={"purpose": 80, "result": 80, "made_up": 50})
    assert score_visit(COMPLETE, rules, linked_to_plan=False).score == 100


def test_the_seeded_coefficients_are_all_known_codes() -> None:
    from server.demo.catalogue import VISIT_QUALITY_COEFFICIENTS

    assert set(VISIT_QUALITY_COEFFICIENTS) <= set(QUALITY_CODES)
