"""Grading and frequency rules: table-driven checks of the pure domain code."""

from __future__ import annotations

import json

import pytest

from domain.frequency import FrequencyRule, default_frequency_rule, frequency_gap
from domain.grading import (
    DoctorAttributes,
    GradingRule,
    default_grading_rule,
    explanation_line,
    grade_doctor,
)

RULE = default_grading_rule()


@pytest.mark.parametrize(
    ("attrs", "grade", "score"),
    [
        # 100*.3 + 100*.25 + 100*.15 + 100*.1 + 100*.2
        (DoctorAttributes("3A", "chief", 3500, 90, {"p1": 5}), "A", 100.0),
        # 100*.3 + 60*.25 + 80*.15 + 60*.1 + 60*.2 = 30+15+12+6+12
        (DoctorAttributes("3A", "attending", 2000, 40, {"p1": 3, "p2": 1}), "B", 75.0),
        # 55*.3 + 35*.25 + 40*.15 + 40*.1 + 40*.2 = 16.5+8.75+6+4+8
        (DoctorAttributes("2B", "resident", 500, 20, {"p1": 2}), "C", 43.25),
        # 30*.3 + 35*.25 + 20*.15 + 20*.1 + 0 = 9+8.75+3+2
        (DoctorAttributes("1", "resident", 100, 0, {"p1": 0}), "D", 22.75),
        # nothing known: only defaults (0)
        (DoctorAttributes(), "D", 0.0),
        # exactly on the A threshold: 100*.3+80*.25+80*.15+80*.1+ 60*.2 = 30+20+12+8+12
        (DoctorAttributes("3A", "associate_chief", 1500, 50, {"p": 3}), "A", 82.0),
    ],
)
def test_grade_doctor(attrs: DoctorAttributes, grade: str, score: float) -> None:
    result = grade_doctor(attrs, RULE)
    assert (result.grade, result.score) == (grade, score)
    assert sum(e["contribution"] for e in result.explanation) == pytest.approx(score, abs=0.05)


@pytest.mark.parametrize(
    ("score", "grade"), [(80, "A"), (79.99, "B"), (60, "B"), (40, "C"), (39.9, "D"), (0, "D")]
)
def test_thresholds(score: float, grade: str) -> None:
    assert RULE.grade_for(score) == grade


def test_potential_uses_the_best_product() -> None:
    low = grade_doctor(DoctorAttributes("3A", "chief", 3000, 80, {"a": 1, "b": 1}), RULE)
    high = grade_doctor(DoctorAttributes("3A", "chief", 3000, 80, {"a": 1, "b": 5}), RULE)
    assert high.score - low.score == pytest.approx((100 - 20) * 0.2)


def test_explanation_reads_like_the_ui() -> None:
    result = grade_doctor(DoctorAttributes("3A", "chief", 3000, 80, {"a": 5}), RULE)
    first = result.explanation[0]
    assert first["attribute"] == "hospital_level"
    assert explanation_line(first) == "医院等级 三级甲等: 100 × 0.30 = 30"
    json.dumps(result.explanation)  # stored as JSON


def test_weights_need_not_sum_to_one() -> None:
    doubled = GradingRule({k: v * 2 for k, v in RULE.weights.items()}, RULE.bands, RULE.thresholds)
    attrs = DoctorAttributes("2A", "attending", 900, 35, {"x": 4})
    assert grade_doctor(attrs, doubled).score == grade_doctor(attrs, RULE).score


def test_rule_json_round_trip() -> None:
    data = json.loads(json.dumps(RULE.to_json()))
    assert set(data) == {"weights", "bands", "thresholds"}
    again = GradingRule.from_json(data["weights"], data["bands"], data["thresholds"])
    attrs = DoctorAttributes("3B", "associate_chief", 1200, 55, {"x": 2})
    assert grade_doctor(attrs, again) == grade_doctor(attrs, RULE)


@pytest.mark.parametrize(
    ("grade", "done", "day", "days", "expected", "remaining", "behind"),
    [
        ("A", 0, 1, 30, 0, 8, False),
        ("A", 3, 15, 30, 4, 5, True),
        ("A", 4, 15, 30, 4, 4, False),
        ("A", 7, 30, 30, 8, 1, True),
        ("A", 9, 30, 30, 8, 0, False),
        ("B", 1, 16, 31, 2, 3, True),
        ("C", 0, 14, 28, 1, 2, True),
        ("D", 0, 27, 28, 0, 1, False),
        ("D", 0, 28, 28, 1, 1, True),
        (None, 0, 30, 30, 0, 0, False),
        ("Z", 0, 30, 30, 0, 0, False),
    ],
)
def test_frequency_gap(grade: str | None, done: int, day: int, days: int, expected: int,
                       remaining: int, behind: bool) -> None:
    gap = frequency_gap(grade, done, default_frequency_rule(), day, days)
    assert (gap.expected_by_now, gap.remaining, gap.behind) == (expected, remaining, behind)


def test_frequency_rule_from_table_json() -> None:
    rule = FrequencyRule.from_json({"A": 6, "B": 3, "C": 1, "D": 0})
    assert rule.required("A") == 6
    assert rule.to_json() == {"A": 6, "B": 3, "C": 1, "D": 0}
    with pytest.raises(ValueError):
        frequency_gap("A", 0, rule, 0, 30)
