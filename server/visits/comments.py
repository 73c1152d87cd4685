"""The review thread on push: what a ``visit_comments`` row may say and who may say it.

Registered with ``server.sync.authorize.register_validator``; by now the row is in
the caller's scope and its author is the caller (``owned_by("author_id")``), and a
``comment_reads`` row names the caller as reader (``owned_by("user_id")``). Left here:

* ``kind`` is comment, suggestion or manager note (``validation``);
* a rep writes comments only (``not_allowed``): suggestions and notes are a manager's;
* a comment stays on its visit and keeps its kind (``not_allowed`` on a change);
* the text is not blank (``validation``);
* the comment is filed under its visit's territory, so it syncs to whoever sees the
  visit (``validation``).
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.visit_comments import KINDS, kinds_for_role
from server.sync.authorize import Rejected, WriteContext, register_validator
from server.tables import synced
from wire.protocol import MutationOp, RejectReason

FIXED_AFTER_INSERT = ("visit_id", "kind")


@register_validator("visit_comments")
def enforce_comment_rules(conn: Connection, ctx: WriteContext) -> None:
    if ctx.op is MutationOp.DELETE:
        return
    if ctx.existing is not None:
        for name in FIXED_AFTER_INSERT:
            if name in ctx.changed_fields():
                raise Rejected(RejectReason.NOT_ALLOWED,
                               f"A comment's {name} cannot change; write a new comment.", name)
    kind = ctx.after.get("kind")
    if kind not in KINDS:
        raise Rejected(RejectReason.VALIDATION,
                       f"kind must be one of {', '.join(KINDS)}.", "kind")
    if kind not in kinds_for_role(ctx.principal.role.value):
        raise Rejected(RejectReason.NOT_ALLOWED,
                       "Reps reply with comments; suggestions and manager notes are for managers.",
                       "kind")
    if not str(ctx.after.get("text") or "").strip():
        raise Rejected(RejectReason.VALIDATION, "The comment is empty.", "text")
    if ctx.existing is None:
        territory = _visit_territory(conn, ctx)
        if territory is not None and territory != ctx.after.get("territory_id"):
            raise Rejected(RejectReason.VALIDATION,
                           "A comment is filed under its visit's territory.", "territory_id")


def _visit_territory(conn: Connection, ctx: WriteContext) -> uuid.UUID | None:
    """The territory of the comment's visit: from the rows the push read for the whole
    batch when it has it (``ctx.refs``: id, territory_id), else one query. A manager's
    review session pushes dozens of comments at once."""
    key = ("visits", ctx.after["visit_id"])
    if ctx.refs is not None and ctx.refs.get(key) is not None:
        territory: uuid.UUID | None = ctx.refs[key][1]  # type: ignore[index]
        return territory
    visits = synced["visits"]
    found: uuid.UUID | None = conn.execute(sa.select(visits.c.territory_id).where(
        visits.c.id == ctx.after["visit_id"])).scalar()
    return found
