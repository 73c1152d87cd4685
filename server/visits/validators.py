"""The visit rules on push, registered with ``server.sync.authorize.register_validator``.

Runs after the generic checks, so by now the row is in the caller's scope, a rep
writes only their own visits and a stored *submitted* visit has already been refused
as ``locked`` (``TABLE_RULES`` in ``authorize``: submitted visits reject every change,
and corrections are new visits with ``amends_visit_id``). What is left here:

* status is ``draft`` or ``submitted``: a draft may stay a draft or be submitted (a
  visit created and submitted offline arrives as one insert with status submitted);
* every write gets the draft sanity checks; a submit gets the full rules, judged by
  the **server's clock**, the company's time zone and the active ``visit_rules`` row
  (the device checked with
  its trusted clock already; this catches old, modified or wrong devices). A submit
  pushed long after it was made offline is judged at arrival time, so a rep who
  stays offline past the backdating window gets a ``validation`` rejection to fix;
* detailed products must be active catalogue products;
* an amendment must correct a submitted visit of the same rep and doctor;
* the server computes ``quality_score``/``quality_explanation`` on every accepted
  write and stamps ``submitted_at`` on submit: client values of these columns are
  dropped, the server's go in through ``WriteContext.server_values`` (written with
  the change, never reported as a conflict overwrite).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from domain.visit_quality import score_visit
from domain.visit_rules import (
    DEFAULT_CALENDAR,
    SUBMITTED,
    FieldError,
    blocking,
    check_amendment,
    product_entries,
    validate_visit,
)
from server.sync.authorize import Rejected, WriteContext, register_validator
from server.sync.feed import utcnow
from server.visits.rules import active_product_ids, active_visit_rules, batch_calendar, get_visit
from wire.protocol import MutationOp, RejectReason

SERVER_OWNED = ("quality_score", "quality_explanation", "submitted_at")


def rejection(errors: list[FieldError]) -> Rejected:
    """One ``validation`` rejection naming the first field; the message lists them all."""
    first = errors[0]
    message = " ".join(e.message for e in errors)
    return Rejected(RejectReason.VALIDATION, message, first.field)


@register_validator("visits")
def enforce_visit_rules(conn: Connection, ctx: WriteContext) -> None:
    if ctx.op is MutationOp.DELETE:
        # Only a draft is ever deleted (a submitted one is locked before this runs), and
        # only by its rep: a manager comments on a draft, they do not throw it away.
        if (ctx.existing or {}).get("rep_id") != ctx.me:
            raise Rejected(RejectReason.NOT_OWNER, "Only the rep who wrote a draft may delete it.",
                           "rep_id")
        return
    for name in SERVER_OWNED:
        ctx.incoming.pop(name, None)
    after: dict[str, Any] = {**(ctx.existing or {"id": ctx.row_id}), **ctx.incoming}
    ctx.after = after
    submitting = after.get("status") == SUBMITTED
    now = utcnow()
    rules = active_visit_rules(conn)
    catalogue = active_product_ids(conn, (e.get("product_id") for e in product_entries(after)))
    errors = validate_visit(after, rules, now=now, is_submit=submitting,
                            catalogue_product_ids=catalogue,
                            calendar=batch_calendar(conn) if submitting else DEFAULT_CALENDAR)
    amends_changed = ("amends_visit_id" in ctx.incoming if ctx.existing is None
                      else "amends_visit_id" in ctx.changed_fields())
    if amends_changed or (submitting and after.get("amends_visit_id") is not None):
        original = get_visit(conn, after["amends_visit_id"]) if after.get("amends_visit_id") else None
        errors += check_amendment(after, original)
    refused = blocking(errors)
    if refused:
        raise rejection(refused)
    quality = score_visit(after, rules, linked_to_plan=after.get("planned_visit_id") is not None)
    ctx.server_values["quality_score"] = quality.score
    ctx.server_values["quality_explanation"] = quality.explanation_json()
    if submitting:
        ctx.server_values["submitted_at"] = now
