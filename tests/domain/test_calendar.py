"""The company calendar: month/week/day bounds in Asia/Shanghai whatever the PC's zone."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.calendar import CompanyCalendar, days_in_month, in_week, valid_time_zone, week_start
from domain.frequency import FrequencyRule, default_frequency_rule, frequency_gap_on

CAL = CompanyCalendar()
UTC = dt.UTC


@pytest.mark.parametrize(("day", "days"), [
    (dt.date(2026, 2, 10), 28), (dt.date(2024, 2, 10), 29), (dt.date(2026, 4, 1), 30),
    (dt.date(2026, 1, 31), 31), (dt.date(2026, 12, 31), 31),
])
def test_month_has_its_days_and_starts_at_shanghai_midnight(day: dt.date, days: int) -> None:
    span = CAL.month(day)
    assert days_in_month(day) == days == span.days
    assert span.first_day == day.replace(day=1)
    assert span.last_day == day.replace(day=days)
    # Shanghai is UTC+8 all year: local midnight is 16:00 UTC the evening before.
    assert span.start == dt.datetime.combine(day.replace(day=1), dt.time(), UTC) - dt.timedelta(hours=8)
    assert span.end - span.start == dt.timedelta(days=days)


@pytest.mark.parametrize(("instant", "local_day"), [
    (dt.datetime(2026, 2, 28, 15, 59, 59, tzinfo=UTC), dt.date(2026, 2, 28)),
    (dt.datetime(2026, 2, 28, 16, 0, 0, tzinfo=UTC), dt.date(2026, 3, 1)),  # Shanghai midnight
    (dt.datetime(2026, 3, 31, 23, 0, tzinfo=UTC), dt.date(2026, 4, 1)),
    (dt.datetime(2026, 12, 31, 16, 0), dt.date(2027, 1, 1)),  # naive = UTC
    (dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), dt.date(2026, 1, 1)),
])
def test_an_instant_falls_on_the_shanghai_day(instant: dt.datetime, local_day: dt.date) -> None:
    assert CAL.local_date(instant) == local_day
    assert CAL.day(local_day).contains(instant)
    assert CAL.month(local_day).contains(instant)


def test_the_end_of_a_month_is_the_start_of_the_next_exclusive() -> None:
    feb = CAL.month(dt.date(2026, 2, 1))
    assert not feb.contains(feb.end)
    assert CAL.month(dt.date(2026, 3, 1)).contains(feb.end)
    assert feb.contains(feb.end - dt.timedelta(microseconds=1))


@pytest.mark.parametrize(("day", "monday"), [
    (dt.date(2026, 12, 7), dt.date(2026, 12, 7)),  # a Monday
    (dt.date(2026, 12, 13), dt.date(2026, 12, 7)),  # a Sunday
    (dt.date(2027, 1, 1), dt.date(2026, 12, 28)),  # a week across the year
    (dt.date(2024, 3, 1), dt.date(2024, 2, 26)),  # across a leap day
])
def test_weeks_start_on_monday(day: dt.date, monday: dt.date) -> None:
    assert week_start(day) == monday
    span = CAL.week(day)
    assert span.first_day == monday and span.days == 7
    assert in_week(day, monday) and not in_week(monday + dt.timedelta(days=7), monday)


def test_another_zone_moves_every_boundary() -> None:
    utc_cal = CompanyCalendar("UTC")
    instant = dt.datetime(2026, 2, 28, 20, 0, tzinfo=UTC)
    assert utc_cal.local_date(instant) == dt.date(2026, 2, 28)
    assert CAL.local_date(instant) == dt.date(2026, 3, 1)
    assert valid_time_zone("Asia/Shanghai") and not valid_time_zone("Mars/Olympus")


@pytest.mark.parametrize(("grade", "done", "day", "behind", "due"), [
    ("A", 0, dt.date(2026, 2, 1), False, 0),  # nobody is behind on the 1st
    ("A", 3, dt.date(2026, 2, 14), True, 4),  # 8 * 14 // 28
    ("A", 7, dt.date(2026, 2, 28), True, 8),  # the last day: all due
    ("A", 8, dt.date(2026, 2, 28), False, 8),
    ("B", 1, dt.date(2024, 2, 15), True, 2),  # 4 * 15 // 29
    ("B", 1, dt.date(2026, 4, 15), True, 2),  # 4 * 15 // 30
    ("C", 0, dt.date(2026, 1, 15), False, 0),  # 2 * 15 // 31
    ("C", 0, dt.date(2026, 1, 16), True, 1),
    ("D", 0, dt.date(2026, 1, 31), True, 1),
    (None, 0, dt.date(2026, 1, 31), False, 0),
])
def test_frequency_gap_over_months_of_every_length(grade: str | None, done: int, day: dt.date,
                                                   behind: bool, due: int) -> None:
    gap = frequency_gap_on(grade, done, default_frequency_rule(), day)
    assert (gap.behind, gap.expected_by_now) == (behind, due)


@pytest.mark.parametrize(("status", "vtype", "amends", "counts"), [
    ("submitted", "face_to_face", None, True),
    ("submitted", "department_meeting", None, True),
    ("draft", "face_to_face", None, False),  # a draft may still be thrown away
    ("submitted", "phone", None, False),
    ("submitted", "face_to_face", "some-visit", False),  # a correction: the original counted
])
def test_which_visits_count(status: str, vtype: str, amends: str | None, counts: bool) -> None:
    assert default_frequency_rule().counts_visit(status, vtype, amends) is counts


def test_targets_by_grade_with_a_per_doctor_override() -> None:
    rule = FrequencyRule.from_row({"A": 8, "B": 4}, target_grades=["A"], time_zone="UTC",
                                  reminder_day=18)
    assert rule.is_target("A") and not rule.is_target("B") and not rule.is_target(None)
    assert rule.is_target("B", override=True) and not rule.is_target("A", override=False)
    assert (rule.time_zone, rule.reminder_day) == ("UTC", 18)
