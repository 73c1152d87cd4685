"""A visit's review thread, read from and written to the replica (no Qt).

Comments, suggestions and manager notes are separate synced rows (``visit_comments``),
so a manager writing on a rep's visit never conflicts with the rep. Everyone who can
see the visit sees the whole thread; the kinds differ only in intent: a comment is
feedback, a suggestion is something to do next time, a manager note is for the record.
A rep may only reply with comments; the server enforces the same rule.

"Unread for me" = written by someone else and no ``comment_reads`` row of mine.
Reviews (``visit_reviews``): one row per reviewer and visit; marking again updates it.

Threading: reads take an ``Engine`` (run them on the read pool, ``Ops.query``); the
writes are in ``local_store.comments`` (writer thread, ``Ops.write``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from domain.visit_comments import (
    COMMENT,
    KINDS,
    MANAGER_NOTE,
    REVIEWERS,
    SUGGESTION,
    TEXT_LIMIT,
    WRITES_ALL_KINDS,
    kinds_for_role,
)
from local_store.replica import synced
from local_store.state import local_user_id

__all__ = ["COMMENT", "KINDS", "MANAGER_NOTE", "REVIEWERS", "SUGGESTION", "TEXT_LIMIT",
           "WRITES_ALL_KINDS", "CommentRefused", "ReviewInfo", "ThreadComment", "VisitThread",
           "can_review", "check_comment", "kinds_for_role", "load_thread", "review_info",
           "thread_comments"]


class CommentRefused(ValueError):
    """A comment the thread does not accept; ``reason`` is one of
    ``empty``, ``too_long``, ``kind`` (the UI words its own message)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ThreadComment:
    id: uuid.UUID
    author_id: uuid.UUID
    author_name: str
    kind: str
    text: str
    at: dt.datetime
    mine: bool
    unread: bool


@dataclass(frozen=True)
class ReviewInfo:
    """The review state of a visit: any review at all, the latest one, exemplary by anyone."""

    reviewed: bool
    reviewer_name: str | None
    reviewed_at: dt.datetime | None
    exemplary: bool
    my_review_id: uuid.UUID | None
    my_exemplary: bool


@dataclass(frozen=True)
class VisitThread:
    visit_id: uuid.UUID
    me: uuid.UUID | None
    comments: list[ThreadComment]
    review: ReviewInfo

    @property
    def unread_ids(self) -> list[uuid.UUID]:
        return [c.id for c in self.comments if c.unread]


def can_review(role: str) -> bool:
    """Whether ``role`` marks visits reviewed/exemplary (the server accepts dm and rm)."""
    return role in REVIEWERS


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _read_ids(conn: Connection, me: uuid.UUID) -> sa.Select[tuple[uuid.UUID]]:
    reads = synced["comment_reads"]
    return sa.select(reads.c.comment_id).where(reads.c.user_id == me, ~reads.c.deleted)


def thread_comments(conn: Connection, visit_id: uuid.UUID,
                    me: uuid.UUID | None) -> list[ThreadComment]:
    comments = synced["visit_comments"]
    users = synced["users"]
    read: set[uuid.UUID] = set()
    if me is not None:
        read = {uuid.UUID(str(r)) for r in conn.execute(_read_ids(conn, me)).scalars()}
    rows = conn.execute(
        sa.select(comments.c.id, comments.c.author_id, comments.c.kind, comments.c.text,
                  comments.c.updated_at, users.c.display_name)
        .select_from(comments.outerjoin(users, users.c.id == comments.c.author_id))
        .where(comments.c.visit_id == visit_id, ~comments.c.deleted)
        .order_by(comments.c.updated_at, comments.c.id)).all()
    out = []
    for r in rows:
        cid = uuid.UUID(str(r.id))
        author = uuid.UUID(str(r.author_id))
        mine = me is not None and author == me
        out.append(ThreadComment(
            id=cid, author_id=author, author_name=r.display_name or "?", kind=str(r.kind),
            text=r.text or "", at=_aware(r.updated_at), mine=mine,
            unread=me is not None and not mine and cid not in read))
    return out


def review_info(conn: Connection, visit_id: uuid.UUID, me: uuid.UUID | None) -> ReviewInfo:
    reviews = synced["visit_reviews"]
    users = synced["users"]
    rows = conn.execute(
        sa.select(reviews.c.id, reviews.c.reviewer_id, reviews.c.reviewed_at,
                  reviews.c.exemplary, users.c.display_name)
        .select_from(reviews.outerjoin(users, users.c.id == reviews.c.reviewer_id))
        .where(reviews.c.visit_id == visit_id, ~reviews.c.deleted)
        .order_by(reviews.c.reviewed_at.desc())).all()
    if not rows:
        return ReviewInfo(False, None, None, False, None, False)
    latest = rows[0]
    mine = next((r for r in rows if me is not None and uuid.UUID(str(r.reviewer_id)) == me), None)
    return ReviewInfo(
        reviewed=True, reviewer_name=latest.display_name, reviewed_at=_aware(latest.reviewed_at),
        exemplary=any(bool(r.exemplary) for r in rows),
        my_review_id=uuid.UUID(str(mine.id)) if mine is not None else None,
        my_exemplary=bool(mine.exemplary) if mine is not None else False)


def load_thread(replica: Engine, visit_id: uuid.UUID) -> VisitThread:
    """The whole thread of a visit for the signed-in user (read pool)."""
    with replica.connect() as conn:
        me = local_user_id(conn)
        return VisitThread(visit_id, me, thread_comments(conn, visit_id, me),
                           review_info(conn, visit_id, me))


def check_comment(text: str, kind: str, role: str) -> str:
    """The text to store (stripped), or ``CommentRefused``."""
    cleaned = text.strip()
    if not cleaned:
        raise CommentRefused("empty", "write something first")
    if len(cleaned) > TEXT_LIMIT:
        raise CommentRefused("too_long", f"at most {TEXT_LIMIT} characters")
    if kind not in kinds_for_role(role):
        raise CommentRefused("kind", f"a {role} cannot write a {kind}")
    return cleaned






