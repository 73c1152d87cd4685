"""Comments, read receipts and reviews written by the signed-in user (writer thread).

Each call is one transaction; ``local_store.writes`` writes the row with its outbox
entry. The text is checked first (``check_comment``), so a refused comment writes nothing.
"""

from __future__ import annotations

import uuid

from sqlalchemy.engine import Engine

from domain.visit_comments import (
    COMMENT,
)
from local_store import writes
from local_store.read.review import check_comment, review_info, thread_comments
from local_store.state import local_user_id


def add_to_thread(replica: Engine, visit_id: uuid.UUID, text: str, *, kind: str = COMMENT,
                  role: str) -> uuid.UUID:
    """Add a comment, suggestion or manager note by the signed-in user (writer thread)."""
    cleaned = check_comment(text, kind, role)
    with replica.begin() as conn:
        return writes.add_comment(conn, visit_id, cleaned, kind=kind)


def mark_thread_read(replica: Engine, visit_id: uuid.UUID) -> int:
    """One ``comment_reads`` row for each of the visit's comments unread by me (writer thread).

    Idempotent: a comment already read gets no second row. Returns how many were marked.
    """
    with replica.begin() as conn:
        me = local_user_id(conn)
        if me is None:
            return 0
        unread = [c.id for c in thread_comments(conn, visit_id, me) if c.unread]
        for comment_id in unread:
            writes.mark_comment_read(conn, comment_id, user_id=me)
        return len(unread)


def set_review(replica: Engine, visit_id: uuid.UUID, *, exemplary: bool) -> uuid.UUID:
    """Mark the visit reviewed by me (and exemplary or not); updates my review if I have one."""
    with replica.begin() as conn:
        info = review_info(conn, visit_id, local_user_id(conn))
        return writes.save_visit_review(conn, visit_id, exemplary=exemplary,
                                        review_id=info.my_review_id)
