"""Failed sign-ins slow the next attempt down; they never lock an account.

Ten wrong passwords used to lock an account for 15 minutes, even for its owner with
the right password: anyone who knew a username could keep a rep out in the field.
Now failures are counted per username and per client address inside a sliding
window (``login_failure_window_minutes``). The first few are free
(``login_free_failures`` per username, ``login_free_failures_per_address`` per
address: an office or a hospital shares one address); after that each further
attempt must wait a delay that doubles with every failure (1 s, 2 s, 4 s, ...),
capped at ``login_max_delay_seconds``. While it runs, every attempt is refused
with 429 and ``Retry-After`` before the password is looked at, so a guesser gains
nothing by trying faster; the owner waits at most the cap after the last failure.
A successful sign-in clears the username's failures.

Both kinds live in ``login_failures.username``: a username as typed (lower case) or
``ip:<address>`` for an address.
"""

from __future__ import annotations

import datetime as dt
import math

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.config import Settings
from server.errors import ServiceError
from server.tables import login_failures
from wire.rows import plain_rows

KEY_LENGTH = 64
ADDRESS_PREFIX = "ip:"


def username_key(username: str) -> str:
    return username.strip().lower()[:KEY_LENGTH]


def address_key(address: str) -> str:
    return (ADDRESS_PREFIX + address)[:KEY_LENGTH]


def delay_seconds(failures: int, free: int, cap: int) -> int:
    """The wait before the next attempt after ``failures`` recent failures."""
    if failures < free:
        return 0
    return min(cap, 2 ** min(failures - free, 30))


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _keys(settings: Settings, username: str, address: str | None) -> list[tuple[str, int, str]]:
    keys = [(username_key(username), settings.login_free_failures, "this account")]
    if address:
        keys.append((address_key(address), settings.login_free_failures_per_address,
                     "this network address"))
    return keys


def check(conn: Connection, settings: Settings, username: str, address: str | None,
          now: dt.datetime) -> None:
    """Raise ``too_many_attempts`` (429, Retry-After) while a delay runs."""
    window = dt.timedelta(minutes=settings.login_failure_window_minutes)
    wait, what = 0, ""
    for key, free, label in _keys(settings, username, address):
        count, last = plain_rows([conn.execute(
            sa.select(sa.func.count(), sa.func.max(login_failures.c.at))
            .where(login_failures.c.username == key, login_failures.c.at > now - window)
        ).one()])[0]
        delay = delay_seconds(int(count), free, settings.login_max_delay_seconds)
        if delay and last is not None:
            left = math.ceil((_as_utc(last) + dt.timedelta(seconds=delay) - now).total_seconds())
            if left > wait:
                wait, what = left, label
    if wait > 0:
        shown = (f"{wait} second{'s' if wait != 1 else ''}" if wait < 60 else
                 f"{math.ceil(wait / 60)} minute{'s' if math.ceil(wait / 60) != 1 else ''}")
        raise ServiceError(
            "too_many_attempts",
            f"Too many failed sign-ins from {what}. Try again in {shown}.",
            kind="rate_limited", details={"retry_after_seconds": wait}, retry_after_s=wait)


def record_failure(conn: Connection, settings: Settings, username: str, address: str | None,
                   now: dt.datetime) -> None:
    conn.execute(sa.insert(login_failures), [
        {"username": key, "at": now} for key, _free, _label in _keys(settings, username, address)])


def forget_failures(conn: Connection, username: str) -> None:
    """The owner got in: the username's failures no longer count (the address's do)."""
    conn.execute(sa.delete(login_failures).where(
        login_failures.c.username == username_key(username)))
