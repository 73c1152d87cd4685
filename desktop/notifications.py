"""Notifications as the Today page and the pop-ups see them.

Computed in ``local_store.read.notifications``; the raised/seen watermarks are written by
``local_store.notification_marks`` (writer thread, ``Ops.write``).
"""

from __future__ import annotations

from local_store.notification_marks import (
    SEEN_MARKS,
    mark_all_seen,
    take_new_notifications,
)
from local_store.read.notifications import (
    BEHIND,
    BULK_KINDS,
    COMMENT,
    DETAIL_CHARS,
    EXEMPLARY,
    GROUP_FROM,
    KINDS,
    LOOKBACK,
    PLAN_RETURNED,
    PLANNED_TODAY,
    REJECTED,
    REVIEWED,
    Notification,
    NotificationGroup,
    arrange,
    compute_notifications,
    current_notifications,
    raised_key,
    seen_key,
    watermark,
)

__all__ = [
    "BEHIND",
    "BULK_KINDS",
    "COMMENT",
    "DETAIL_CHARS",
    "EXEMPLARY",
    "GROUP_FROM",
    "KINDS",
    "LOOKBACK",
    "PLANNED_TODAY",
    "PLAN_RETURNED",
    "REJECTED",
    "REVIEWED",
    "SEEN_MARKS",
    "Notification",
    "NotificationGroup",
    "arrange",
    "compute_notifications",
    "current_notifications",
    "mark_all_seen",
    "raised_key",
    "seen_key",
    "take_new_notifications",
    "watermark",
]
