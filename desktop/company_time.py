"""The company's clock for everything the desktop shows: "today", and every time on screen.

Days, weeks and months are the company's (``domain.calendar``: the time zone of the
server's frequency rule, synced to every device), never the computer's: a rep whose
laptop is set to UTC, or to the zone of a trip abroad, still sees a visit at 07:30
Beijing time at 07:30 and on the right day, the same day its frequency, plans, reports
and prints count it on. Like the UI's language, the zone is one setting for the whole
process: it is read from the replica when the session opens and after every sync
(both off the UI thread), and widgets ask ``today()`` and ``local()`` for it without
touching the replica.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine

from domain.calendar import CompanyCalendar
from local_store.read.plans import company_calendar

_current = CompanyCalendar()


def calendar() -> CompanyCalendar:
    return _current


def refresh(replica: Engine) -> CompanyCalendar:
    """Read the synced zone (call it off the UI thread: it queries the replica)."""
    global _current
    with replica.connect() as conn:
        found = company_calendar(conn)
    _current = found  # one reference swap: readers on the UI thread see old or new, whole
    return found


def use(calendar: CompanyCalendar) -> None:
    """Set the zone directly (tests put the default back between tests)."""
    global _current
    _current = calendar


def today() -> dt.date:
    return _current.today()


def local(value: dt.datetime) -> dt.datetime:
    """An instant (naive = UTC) as the company's wall-clock time, aware."""
    return _current.local(value)


def from_wall_clock(value: dt.datetime) -> dt.datetime:
    """A wall-clock time the user typed (naive, in the company's zone) as aware UTC."""
    return value.replace(tzinfo=_current.zone).astimezone(dt.UTC)
