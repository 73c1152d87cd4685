"""Visit quality score (0–100) with an explanation a rep can act on.

Pure code shared by the device (the score shown while the rep writes the visit) and
the server (the authoritative score stored on every accepted write: a device's own
value is overwritten, so a modified client cannot award itself points).

Each criterion has a code; the admin sets its points in
``visit_rules.quality_coefficients``. Positive codes are awarded when the criterion
is met; penalty codes (``no_*``, negative points) are applied when the key item is
missing. A code the admin left out counts 0 and is not listed. The sum is clamped to
0–100. The explanation lists every non-zero term in a fixed order, e.g.
``+15 next step set`` or ``-10 no feedback``; the UI translates by ``code``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.visit_rules import VisitRules, duration_minutes, is_blank, product_entries


@dataclass(frozen=True, slots=True)
class QualityItem:
    code: str
    points: float
    label_en: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "points": self.points, "label_en": self.label_en}


@dataclass(frozen=True, slots=True)
class QualityResult:
    score: float
    explanation: tuple[QualityItem, ...]

    def explanation_json(self) -> list[dict[str, Any]]:
        """The ``visits.quality_explanation`` column value."""
        return [item.to_json() for item in self.explanation]


Check = Callable[[Mapping[str, Any], VisitRules, bool], bool]


@functools.cache
def _has(name: str) -> Check:
    """One check per field name (the same object for the criterion and its penalty, so
    ``score_visit`` runs it once)."""
    return lambda fields, _rules, _linked: not is_blank(fields.get(name))


def _key_message(fields: Mapping[str, Any], _rules: VisitRules, _linked: bool) -> bool:
    return any(not is_blank(e.get("product_id")) and not is_blank(e.get("key_message"))
               for e in product_entries(fields))


def _duration_in_range(fields: Mapping[str, Any], rules: VisitRules, _linked: bool) -> bool:
    minutes = duration_minutes(fields)
    return minutes is not None and rules.min_minutes <= minutes <= rules.max_minutes


def _linked(_fields: Mapping[str, Any], _rules: VisitRules, linked: bool) -> bool:
    return linked


# (code, check, points when met?, English label). A positive criterion scores when its
# check passes, a penalty when it fails.
CRITERIA: tuple[tuple[str, Check, bool, str], ...] = (
    ("duration_in_range", _duration_in_range, True, "duration in range"),
    ("purpose", _has("purpose"), True, "purpose stated"),
    ("products_with_key_message", _key_message, True, "product detailed with a key message"),
    ("feedback", _has("doctor_feedback"), True, "feedback recorded"),
    ("result", _has("result"), True, "result recorded"),
    ("next_step", _has("next_step"), True, "next step set"),
    ("linked_to_plan", _linked, True, "linked to a plan"),
    ("no_purpose", _has("purpose"), False, "no purpose"),
    ("no_key_message", _key_message, False, "no product with a key message"),
    ("no_feedback", _has("doctor_feedback"), False, "no feedback"),
    ("no_result", _has("result"), False, "no result"),
    ("no_next_step", _has("next_step"), False, "no next step"),
)

QUALITY_CODES: tuple[str, ...] = tuple(code for code, *_ in CRITERIA)


def score_visit(fields: Mapping[str, Any], rules: VisitRules, *,
                linked_to_plan: bool) -> QualityResult:
    """Score the visit ``fields`` (the whole row) under ``rules``' coefficients."""
    items: list[QualityItem] = []
    outcomes: dict[Check, bool] = {}  # a criterion and its penalty share one check
    for check, when_met, item in _scored_criteria(rules):
        met = outcomes.get(check)
        if met is None:
            met = outcomes[check] = check(fields, rules, linked_to_plan)
        if met is when_met:
            items.append(item)
    total = sum(i.points for i in items)
    return QualityResult(score=round(min(100.0, max(0.0, total)), 1), explanation=tuple(items))


_ScoredCriteria = tuple[tuple[Check, bool, QualityItem], ...]
# The last rules scored and their criteria: a server push scores every visit of a
# batch under one ``VisitRules``, and a device every draft under the synced ones. The
# rules are a frozen value and their coefficients a read-only ``Mapping``, so the same
# rules object scores the same; holding it here keeps its id from being reused.
_last_scored: tuple[VisitRules, _ScoredCriteria] | None = None


def _scored_criteria(rules: VisitRules) -> _ScoredCriteria:
    """The criteria with non-zero points under ``rules``, each with its item (made once
    per rules, not once per visit: the items are frozen values)."""
    global _last_scored
    last = _last_scored
    if last is not None and last[0] is rules:
        return last[1]
    coefficients = rules.quality_coefficients
    criteria = tuple((check, when_met, QualityItem(code, float(points), label))
                     for code, check, when_met, label in CRITERIA
                     if (points := coefficients.get(code)))
    _last_scored = (rules, criteria)
    return criteria
