"""Plan against actual and the plan checks a device makes before the server does."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.calendar import CompanyCalendar
from domain.plans import (
    Outcome,
    adherence,
    planned_date_error,
    planned_outcome,
    transition_error,
)

CAL = CompanyCalendar()
DAY = dt.date(2026, 12, 9)  # a Wednesday
SHANGHAI_MIDNIGHT_AFTER = dt.datetime(2026, 12, 9, 16, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("statuses", "now", "outcome"), [
    (["submitted"], SHANGHAI_MIDNIGHT_AFTER + dt.timedelta(days=3), Outcome.DONE),
    (["draft"], SHANGHAI_MIDNIGHT_AFTER, Outcome.MISSED),  # a draft does not complete it
    ([], SHANGHAI_MIDNIGHT_AFTER - dt.timedelta(seconds=1), Outcome.PLANNED),
    ([], SHANGHAI_MIDNIGHT_AFTER, Outcome.MISSED),
    ([None, "submitted"], SHANGHAI_MIDNIGHT_AFTER, Outcome.DONE),
])
def test_planned_outcome(statuses: list[str | None], now: dt.datetime, outcome: Outcome) -> None:
    assert planned_outcome(DAY, statuses, now, CAL) is outcome


def test_adherence_counts_only_decided_items() -> None:
    assert adherence([Outcome.DONE, Outcome.MISSED, Outcome.PLANNED, Outcome.DONE]) == 2 / 3
    assert adherence([Outcome.PLANNED]) is None


@pytest.mark.parametrize(("current", "wanted", "actor", "comment", "count", "ok"), [
    ("draft", "submitted", "rep", None, 3, True),
    ("draft", "submitted", "rep", None, 0, False),
    ("draft", "submitted", "manager", None, 3, False),
    ("submitted", "returned", "manager", "  ", None, False),
    ("submitted", "returned", "manager", "Too few A doctors", None, True),
    ("submitted", "approved", "manager", None, None, True),
    ("submitted", "approved", "rep", None, None, False),
    ("returned", "submitted", "rep", None, 2, True),
    ("approved", "draft", "rep", None, None, False),
])
def test_transitions(current: str, wanted: str, actor: str, comment: str | None,
                     count: int | None, ok: bool) -> None:
    error = transition_error(current, wanted, actor, comment=comment, planned_count=count)
    assert (error is None) is ok, error


def test_planned_date_must_be_in_the_week() -> None:
    monday = dt.date(2026, 12, 7)
    assert planned_date_error(dt.date(2026, 12, 13), monday) is None
    assert "outside" in (planned_date_error(dt.date(2026, 12, 14), monday) or "")
    assert "outside" in (planned_date_error(dt.date(2026, 12, 6), monday) or "")
    assert "Monday" in (planned_date_error(DAY, DAY) or "")
