"""Visit frequency: how often each grade must be seen, and who is falling behind.

A ``FrequencyRule`` is the ``frequency_rules.visits_per_month`` JSON
(``{"A": 8, "B": 4, "C": 2, "D": 1}``). A doctor is *behind* when the visits so far this
month are fewer than the share of the month already gone would require (rounded
down), so nobody is behind on the 1st and an A doctor with 3 visits on day 15 of 30
is (4 were due).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_VISITS_PER_MONTH: dict[str, int] = {"A": 8, "B": 4, "C": 2, "D": 1}


@dataclass(frozen=True, slots=True)
class FrequencyRule:
    visits_per_month: Mapping[str, int]

    def required(self, grade: str | None) -> int:
        """Visits required per month for ``grade``; ungraded doctors need none."""
        if grade is None:
            return 0
        return int(self.visits_per_month.get(grade, 0))

    def to_json(self) -> dict[str, int]:
        return dict(self.visits_per_month)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FrequencyRule:
        return cls(visits_per_month={str(k): int(v) for k, v in data.items()})


def default_frequency_rule() -> FrequencyRule:
    return FrequencyRule(visits_per_month=dict(DEFAULT_VISITS_PER_MONTH))


@dataclass(frozen=True, slots=True)
class FrequencyGap:
    required: int  # per month
    done: int  # this month so far
    expected_by_now: int  # due by today (pro rata, rounded down)
    remaining: int  # still to do this month
    behind: bool  # fewer done than due by now


def frequency_gap(grade: str | None, visits_this_month: int, rule: FrequencyRule,
                  day_of_month: int, days_in_month: int) -> FrequencyGap:
    """Where a doctor stands against the frequency rule on ``day_of_month``."""
    if days_in_month <= 0 or not 1 <= day_of_month <= days_in_month:
        raise ValueError("day_of_month must be within 1..days_in_month")
    required = rule.required(grade)
    expected = required * day_of_month // days_in_month
    return FrequencyGap(
        required=required,
        done=visits_this_month,
        expected_by_now=expected,
        remaining=max(0, required - visits_this_month),
        behind=visits_this_month < expected,
    )
