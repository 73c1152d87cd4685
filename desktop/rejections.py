"""Changes the server refused, as the rejected-changes dialog shows and fixes them.

Reads: ``local_store.read.rejections``; reopen and discard: ``local_store.rejections``.
"""

from __future__ import annotations

from local_store.read.rejections import (
    UNFIXABLE_REASONS,
    Rejection,
    current_row,
    export_unsynced,
    load_rejections,
)
from local_store.rejections import (
    DISCARD_CHANGES,
    REOPEN_CHANGES,
    discard,
    reopen_visit,
)

__all__ = [
    "DISCARD_CHANGES",
    "REOPEN_CHANGES",
    "UNFIXABLE_REASONS",
    "Rejection",
    "current_row",
    "discard",
    "export_unsynced",
    "load_rejections",
    "reopen_visit",
]
