"""Acting on changes the server refused: reopen a visit as a draft, or discard the refusal.

Writer thread; each call is one transaction.
"""

from __future__ import annotations

import uuid

from sqlalchemy.engine import Engine

from local_store import outbox as ob
from local_store.writes import reopen_rejected_visit

REOPEN_CHANGES = frozenset({"visits", "outbox", "rejected_changes"})  # what ``reopen_visit`` writes
DISCARD_CHANGES = frozenset({"rejected_changes"})  # what ``discard`` writes


def reopen_visit(replica: Engine, visit_id: uuid.UUID) -> uuid.UUID:
    """Writer thread: make a refused visit an editable draft again (see the module doc)."""
    with replica.begin() as conn:
        reopen_rejected_visit(conn, visit_id)
    return visit_id


def discard(replica: Engine, ids: list[int]) -> None:
    with replica.begin() as conn:
        ob.resolve_rejections(conn, ids)
