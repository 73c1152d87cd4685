"""Notification watermarks: which notifications were raised as pop-ups and which were seen.

Writer thread. Each kind has its own ``raised`` and ``seen`` watermark in the local
state table (the latest time already announced / seen); see ``local_store.read.notifications``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Connection, Engine

from local_store.read.notifications import (
    EXEMPLARY,
    REVIEWED,
    Notification,
    current_notifications,
    raised_key,
    seen_key,
    watermark,
)
from local_store.state import set_state

SEEN_MARKS = "sync_state"  # the table the watermarks live in: what writing them changes


def _advance(conn: Connection, key: str, at: dt.datetime) -> None:
    current = watermark(conn, key)
    if current is None or at > current:
        set_state(conn, key, at.isoformat())


def take_new_notifications(replica: Engine) -> list[Notification]:
    """The notifications not raised before, oldest first; remembers them as raised.

    For the desktop pop-ups (writer thread). Each kind has its own ``raised``
    watermark: the latest time already announced.
    """
    with replica.begin() as conn:
        fresh = []
        for n in current_notifications(conn):
            raised = watermark(conn, raised_key(n.kind))
            if raised is None or n.at > raised:
                fresh.append(n)
        for n in fresh:
            _advance(conn, raised_key(n.kind), n.at)
        return sorted(fresh, key=lambda n: n.at)


def mark_all_seen(replica: Engine, notifications: list[Notification]) -> None:
    """The user has seen these on Today: reviews and exemplary visits up to them stop
    being listed (comments stay until read, rejections until resolved). Writer thread."""
    with replica.begin() as conn:
        for n in notifications:
            if n.kind in (REVIEWED, EXEMPLARY):
                _advance(conn, seen_key(n.kind), n.at)
