"""The evaluation total: one function for the form and the server."""

from __future__ import annotations

import random

import pytest

from domain.evaluation import ScoreError, weighted_total
from server.demo.catalogue import ACCOMPANIED_COMPETENCIES, evaluation_scores

TEMPLATE = [{"code": "opening", "weight": 1.0}, {"code": "probing", "weight": 3.0}]


@pytest.mark.parametrize(("scores", "total"), [
    ({"opening": 5, "probing": 1}, 2.0),
    ({"opening": 4}, 4.0),  # a draft scored bit by bit: unscored competencies count for nothing
    ({"opening": 3, "probing": None}, 3.0),
    ({}, None),
    (None, None),
    ({"opening": 2, "probing": 3}, 2.75),
])
def test_weighted_total(scores: dict[str, int] | None, total: float | None) -> None:
    assert weighted_total(TEMPLATE, scores, scale_min=1, scale_max=5) == total


@pytest.mark.parametrize(("scores", "field"), [
    ({"opening": 6}, "opening"), ({"opening": 0}, "opening"), ({"closing": 3}, "closing"),
    ({"probing": "5"}, "probing"), ({"probing": True}, "probing"),
])
def test_scores_outside_the_template_are_refused(scores: dict[str, object], field: str) -> None:
    with pytest.raises(ScoreError) as refused:
        weighted_total(TEMPLATE, scores, scale_min=1, scale_max=5)
    assert refused.value.field == field


def test_the_demo_totals_are_the_domain_total() -> None:
    competencies = [{"code": c, "weight": w} for c, _zh, _en, w in ACCOMPANIED_COMPETENCIES]
    rng = random.Random(4)
    for _ in range(200):
        scores, total = evaluation_scores(rng, "accompanied")
        assert weighted_total(competencies, scores) == total
