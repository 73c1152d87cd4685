"""Which version of a rule is in force on a day: one answer for device and server.

Admins import rule versions with an ``effective_from`` date; older versions stay (the
history explains old grades). On a day, the rule in force is the active version with
the latest ``effective_from`` not after that day (no date: since always); between two
versions with the same date, the higher ``rule_version`` (the later import) wins. A
version dated in the future waits for its day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def in_force(versions: Iterable[tuple[dt.date | None, int, T]], today: dt.date) -> T | None:
    """``versions``: (effective_from, rule_version, value) of the active versions."""
    best: tuple[dt.date, int] | None = None
    chosen: T | None = None
    for effective, number, value in versions:
        if effective is not None and effective > today:
            continue
        key = (effective or dt.date.min, int(number))
        if best is None or key > best:
            best, chosen = key, value
    return chosen
