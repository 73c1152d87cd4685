"""Which periods a snapshot run covers: ``2026-11`` (a month), ``2026-Q4``, ``2026``.

Labels are what the snapshot rows carry in ``period`` and what ``--period`` accepts;
the default run is the current and the previous month of the company calendar, the
two a rep's and a manager's Reports page open on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from domain.kpis import Period
from server.errors import ServiceError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, slots=True)
class SnapshotPeriod:
    label: str
    kind: str  # month | quarter | year (desktop.reports.PERIOD_KINDS)
    period: Period


def month_of(day: dt.date) -> SnapshotPeriod:
    return SnapshotPeriod(f"{day.year}-{day.month:02d}", "month", Period.month(day.year, day.month))


def parse_period(text: str) -> SnapshotPeriod:
    """A ``--period`` value; anything else is a ``bad_period`` error naming the forms."""
    value = text.strip()
    try:
        if m := _MONTH.match(value):
            return month_of(dt.date(int(m[1]), int(m[2]), 1))
        if m := _QUARTER.match(value):
            year, quarter = int(m[1]), int(m[2])
            return SnapshotPeriod(f"{year}-Q{quarter}", "quarter", Period.quarter(year, quarter))
        if m := _YEAR.match(value):
            year = int(m[1])
            return SnapshotPeriod(str(year), "year", Period.year(year))
    except ValueError:
        pass
    raise ServiceError("bad_period", f"{text!r} is not a period: use YYYY-MM, YYYY-Qn or YYYY",
                       field="period")


def default_periods(today: dt.date) -> list[SnapshotPeriod]:
    """The current month and the one before (company-calendar ``today``)."""
    current = month_of(today)
    before = current.period.previous().first_day
    return [month_of(before), current]
