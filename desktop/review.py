"""A visit's comment thread and review, as the thread widget uses them.

Reads: ``local_store.read.review``; writes (comments, read receipts, reviews):
``local_store.comments``.
"""

from __future__ import annotations

from local_store.comments import (
    add_to_thread,
    mark_thread_read,
    set_review,
)
from local_store.read.review import (
    COMMENT,
    KINDS,
    MANAGER_NOTE,
    REVIEWERS,
    SUGGESTION,
    TEXT_LIMIT,
    WRITES_ALL_KINDS,
    CommentRefused,
    ReviewInfo,
    ThreadComment,
    VisitThread,
    can_review,
    check_comment,
    kinds_for_role,
    load_thread,
    review_info,
    thread_comments,
)

__all__ = [
    "COMMENT",
    "KINDS",
    "MANAGER_NOTE",
    "REVIEWERS",
    "SUGGESTION",
    "TEXT_LIMIT",
    "WRITES_ALL_KINDS",
    "CommentRefused",
    "ReviewInfo",
    "ThreadComment",
    "VisitThread",
    "add_to_thread",
    "can_review",
    "check_comment",
    "kinds_for_role",
    "load_thread",
    "mark_thread_read",
    "review_info",
    "set_review",
    "thread_comments",
]
