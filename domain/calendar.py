"""One calendar: every month, week and day boundary in the product.

Frequency counts, weekly plans, reports, PDFs and the submission window all ask this
module where a day, a week or a month starts, in the **company's time zone**
(``Asia/Shanghai`` unless the server's frequency rule names another; it is synced to
every device). The computer's own zone never decides anything: a rep whose laptop is
set to UTC still sees a visit at 07:30 Beijing time on the right day.

The zone comes from the IANA database: the system's, or the ``tzdata`` package where
the system has none (Windows; a dependency there). Should neither know the zone,
``Asia/Shanghai`` is still exact as a fixed UTC+08:00 (no daylight saving since
1991), and any other unknown zone falls back to it rather than stopping the app: a
device must open and log visits whatever the setting says.

Weeks start on Monday (ISO). Instants are stored in UTC; the bounds returned here are
timezone-aware UTC datetimes, half-open ``[start, end)``, so a visit at exactly local
midnight belongs to the new day.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import logging
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIME_ZONE = "Asia/Shanghai"
DAYS_PER_WEEK = 7
# China's business calendar without a time-zone database (see the module docstring).
CHINA_STANDARD_TIME = dt.timezone(dt.timedelta(hours=8), DEFAULT_TIME_ZONE)

_log = logging.getLogger(__name__)


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
    def zone(self) -> dt.tzinfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            if self.time_zone != DEFAULT_TIME_ZONE:
                _log.warning("time zone %r unknown here; using %s", self.time_zone,
                             DEFAULT_TIME_ZONE)
            return CHINA_STANDARD_TIME

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

    def at(self, day: dt.date, time: dt.time) -> dt.datetime:
        """The instant (aware, in the company's zone) of ``time`` on ``day``."""
        return dt.datetime.combine(day, time, self.zone)

    def local(self, instant: dt.datetime) -> dt.datetime:
        """An instant (naive = UTC) as the company's wall-clock time."""
        return _aware_utc(instant).astimezone(self.zone)


class LocalDays:
    """``calendar.local_date`` remembered per quarter hour (every zone's offset is a
    multiple of 15 minutes): a month of a team's visits falls in a few hundred, and a
    zone conversion per visit was most of a report's time."""

    def __init__(self, calendar: CompanyCalendar) -> None:
        self.calendar = calendar
        self.memo: dict[dt.datetime, dt.date] = {}

    def __call__(self, instant: dt.datetime) -> dt.date:
        key = instant.replace(minute=instant.minute - instant.minute % 15, second=0, microsecond=0)
        day = self.memo.get(key)
        if day is None:
            day = self.memo[key] = self.calendar.local_date(key)
        return day


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
