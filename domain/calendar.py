"""One calendar: every month, week and day boundary in the product.

Frequency counts, weekly plans, reports, PDFs and the submission window all ask this
module where a day, a week or a month starts, in the **company's time zone**
(``Asia/Shanghai`` unless the server's frequency rule names another; it is synced to
every device). The computer's own zone never decides anything: a rep whose laptop is
set to UTC still sees a visit at 07:30 Beijing time on the right day.

Weeks start on Monday (ISO). Instants are stored in UTC; the bounds returned here are
timezone-aware UTC datetimes, half-open ``[start, end)``, so a visit at exactly local
midnight belongs to the new day.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIME_ZONE = "Asia/Shanghai"
DAYS_PER_WEEK = 7


def valid_time_zone(name: str) -> bool:
    """True when ``name`` is an IANA zone this computer knows (e.g. ``Asia/Shanghai``)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _aware_utc(instant: dt.datetime) -> dt.datetime:
    """Naive datetimes are UTC (how the replica and the server store them)."""
    return instant.replace(tzinfo=dt.UTC) if instant.tzinfo is None else instant.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open interval of instants ``[start, end)`` in UTC, with its local days."""

    start: dt.datetime
    end: dt.datetime
    first_day: dt.date
    last_day: dt.date

    def contains(self, instant: dt.datetime) -> bool:
        moment = _aware_utc(instant)
        return self.start <= moment < self.end

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def naive(self) -> tuple[dt.datetime, dt.datetime]:
        """The bounds as naive UTC (what SQLite comparisons on stored values need)."""
        return self.start.replace(tzinfo=None), self.end.replace(tzinfo=None)


@dataclass(frozen=True)
class CompanyCalendar:
    """Day, week and month boundaries in one time zone (see the module docstring)."""

    time_zone: str = DEFAULT_TIME_ZONE

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def local_date(self, instant: dt.datetime) -> dt.date:
        """The company's calendar day of an instant (naive = UTC)."""
        return _aware_utc(instant).astimezone(self.zone).date()

    def today(self, now: dt.datetime | None = None) -> dt.date:
        return self.local_date(now or dt.datetime.now(dt.UTC))

    def start_of(self, day: dt.date) -> dt.datetime:
        """Local midnight of ``day`` as a UTC instant."""
        local = dt.datetime(day.year, day.month, day.day, tzinfo=self.zone)
        return local.astimezone(dt.UTC)

    def _span(self, first: dt.date, last: dt.date) -> Span:
        return Span(self.start_of(first), self.start_of(last + dt.timedelta(days=1)), first, last)

    def day(self, day: dt.date) -> Span:
        return self._span(day, day)

    def week(self, day: dt.date) -> Span:
        """The Monday-to-Sunday week holding ``day``."""
        monday = week_start(day)
        return self._span(monday, monday + dt.timedelta(days=DAYS_PER_WEEK - 1))

    def month(self, day: dt.date) -> Span:
        first = day.replace(day=1)
        return self._span(first, first.replace(day=days_in_month(day)))

    def end_of_day(self, day: dt.date) -> dt.datetime:
        """The first instant after ``day`` (a planned visit is missed from here)."""
        return self.start_of(day + dt.timedelta(days=1))


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def week_days(monday: dt.date) -> list[dt.date]:
    """Monday..Sunday of the week starting ``monday``."""
    return [monday + dt.timedelta(days=i) for i in range(DAYS_PER_WEEK)]


def days_in_month(day: dt.date) -> int:
    return _calendar.monthrange(day.year, day.month)[1]


def in_week(day: dt.date, monday: dt.date) -> bool:
    """True when ``day`` lies in the Monday-to-Sunday week starting ``monday``."""
    return 0 <= (day - monday).days < DAYS_PER_WEEK
