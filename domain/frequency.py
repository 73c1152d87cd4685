"""Visit frequency: how often each grade must be seen, and who is falling behind.

A ``FrequencyRule`` is the ``frequency_rules.visits_per_month`` JSON
(``{"A": 8, "B": 4, "C": 2, "D": 1}``). A doctor is *behind* when the visits so far this
month are fewer than the share of the month already gone would require (rounded
down), so nobody is behind on the 1st and an A doctor with 3 visits on day 15 of 30
is (4 were due).

**Which visits count** (``counts_visit``): submitted visits only (a draft may still be
thrown away), that are not corrections of another visit (the original already
counted), of the types the rule names (face-to-face and department meetings by
default: a phone call is not a visit the frequency targets mean). The month is the
company calendar's (``domain.calendar``), never the computer's.

**Target doctors** (``is_target``): a doctor counts toward frequency when their grade
is one of the rule's ``target_grades``, unless the district manager set a per-doctor
override (true: target whatever the grade; false: never a target).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.calendar import DEFAULT_TIME_ZONE, days_in_month

DEFAULT_VISITS_PER_MONTH: dict[str, int] = {"A": 8, "B": 4, "C": 2, "D": 1}
DEFAULT_COUNTED_TYPES: tuple[str, ...] = ("face_to_face", "department_meeting")
DEFAULT_TARGET_GRADES: tuple[str, ...] = ("A", "B", "C")
DEFAULT_REMINDER_DAY = 20
COUNTED_STATUS = "submitted"


@dataclass(frozen=True, slots=True)
class FrequencyRule:
    """Visits per month per grade, which visits count, who is a target, the calendar."""

    visits_per_month: Mapping[str, int]
    counted_types: tuple[str, ...] = DEFAULT_COUNTED_TYPES
    target_grades: tuple[str, ...] = DEFAULT_TARGET_GRADES
    time_zone: str = DEFAULT_TIME_ZONE
    reminder_day: int = DEFAULT_REMINDER_DAY

    def counts_visit(self, status: str | None, visit_type: str | None,
                     amends_visit_id: Any = None) -> bool:
        """True when a visit counts toward its doctor's frequency (module docstring)."""
        return (status == COUNTED_STATUS and amends_visit_id is None
                and visit_type in self.counted_types)

    def is_target(self, grade: str | None, override: bool | None = None) -> bool:
        """A DM's per-doctor override wins; otherwise the grade decides."""
        if override is not None:
            return bool(override)
        return grade is not None and grade in self.target_grades

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

    @classmethod
    def from_row(cls, visits_per_month: Mapping[str, Any], *,
                 counted_types: Any = None, target_grades: Any = None,
                 time_zone: str | None = None, reminder_day: int | None = None) -> FrequencyRule:
        """The ``frequency_rules`` row's columns; missing (older) columns take the defaults."""
        return cls(
            visits_per_month={str(k): int(v) for k, v in visits_per_month.items()},
            counted_types=tuple(counted_types) if counted_types else DEFAULT_COUNTED_TYPES,
            target_grades=tuple(target_grades) if target_grades else DEFAULT_TARGET_GRADES,
            time_zone=time_zone or DEFAULT_TIME_ZONE,
            reminder_day=int(reminder_day) if reminder_day else DEFAULT_REMINDER_DAY)


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


def frequency_gap_on(grade: str | None, visits_this_month: int, rule: FrequencyRule,
                     today: dt.date) -> FrequencyGap:
    """``frequency_gap`` on a calendar day (the company calendar's ``today``)."""
    return frequency_gap(grade, visits_this_month, rule, today.day, days_in_month(today))
