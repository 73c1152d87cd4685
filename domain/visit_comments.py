"""What may be written in a visit's review thread: shared by the device and the server.

Everyone who sees a visit sees its whole thread; the kinds differ in intent: a
comment is feedback, a suggestion is something to do next time, a manager note is
for the record. Reps reply with comments only; managers and admins write all three.
"""

from __future__ import annotations

COMMENT = "comment"
SUGGESTION = "suggestion"
MANAGER_NOTE = "manager_note"
KINDS = (COMMENT, SUGGESTION, MANAGER_NOTE)
TEXT_LIMIT = 4000  # the wire schema's limit on visit_comments.text

# Roles (``domain.roles.Role`` values) that write suggestions and manager notes.
WRITES_ALL_KINDS = frozenset({"dm", "rm", "admin"})
# Roles that mark visits reviewed or exemplary (the server's visit_reviews rule).
REVIEWERS = frozenset({"dm", "rm"})


def kinds_for_role(role: str) -> tuple[str, ...]:
    """The kinds a user of ``role`` may write."""
    return KINDS if role in WRITES_ALL_KINDS else (COMMENT,)
