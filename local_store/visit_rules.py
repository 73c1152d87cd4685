"""The visit rules on the device: what ``save_visit_draft`` and ``submit_visit`` check.

The rules themselves live in ``domain.visit_rules`` (shared with the server); this
module feeds them from the replica: the active ``visit_rules`` row (synced down,
defaults before the first sync), the active products, and a trusted "now".

Trusted time: ``note_server_time`` records the server's time at each sync with the
device's monotonic clock (``CLOCK_BOOTTIME`` where the platform has it, so sleep
counts) and the boot id; ``device_clock_check`` turns that into a ``ClockCheck``
(see ``domain.clock`` for what happens across reboots). Without an anchor the
``last_server_time`` the sync engine keeps still serves as the floor the wall clock
may not go below.

The device's quality score is stored on the local row for the UI only (no outbox
entry): the server computes its own on push and that one comes back on the next pull.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.clock import ClockCheck, ClockReading, ServerTimeAnchor, TrustedClock
from domain.visit_quality import QualityResult, score_visit
from domain.visit_rules import (
    SUBMITTED,
    FieldError,
    VisitRules,
    check_amendment,
    validate_visit,
)
from local_store.errors import NotInReplica
from local_store.read.plans import company_calendar
from local_store.replica import synced
from local_store.state import LAST_SERVER_TIME, get_state, set_state

CLOCK_ANCHOR = "clock_anchor"
BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


# --- clock ------------------------------------------------------------------------------


def _boot_id() -> str | None:
    try:
        return BOOT_ID_FILE.read_text().strip() or None
    except OSError:
        return None


def read_device_clock() -> ClockReading:
    """The wall clock, a monotonic clock that counts sleep (where possible), the boot id."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    monotonic = time.clock_gettime(boottime) if boottime is not None else time.monotonic()
    return ClockReading(wall=dt.datetime.now(dt.UTC), monotonic=monotonic, boot_id=_boot_id())


def note_server_time(conn: Connection, server_time: str | dt.datetime,
                     reading: ClockReading | None = None) -> None:
    """Anchor trusted time at a sync: call it where the engine stores ``last_server_time``."""
    when = dt.datetime.fromisoformat(server_time) if isinstance(server_time, str) else server_time
    anchor = ServerTimeAnchor.at(when, reading or read_device_clock())
    set_state(conn, CLOCK_ANCHOR, json.dumps(anchor.to_json()))


def trusted_clock(conn: Connection) -> TrustedClock:
    raw_anchor = get_state(conn, CLOCK_ANCHOR)
    anchor = ServerTimeAnchor.from_json(json.loads(raw_anchor)) if raw_anchor else None
    raw_last = get_state(conn, LAST_SERVER_TIME)
    last = dt.datetime.fromisoformat(raw_last) if raw_last else None
    return TrustedClock(anchor=anchor, last_server_time=last)


def device_clock_check(conn: Connection, reading: ClockReading | None = None) -> ClockCheck:
    return trusted_clock(conn).check(reading or read_device_clock())


CLOCK_BEHIND_SERVER = FieldError(
    None, "clock_behind_server",
    "This computer's clock is set earlier than the server time seen at the last sync; "
    "correct the date and time (or sync) before submitting.")


# --- rules and catalogue from the replica --------------------------------------------------


def active_visit_rules(conn: Connection) -> VisitRules:
    t = synced["visit_rules"]
    row = conn.execute(
        sa.select(t).where(t.c.active.is_(True), t.c.deleted.is_(False))
        .order_by(t.c.rule_version.desc(), t.c.updated_at.desc()).limit(1)
    ).mappings().first()
    return VisitRules.from_row(dict(row) if row is not None else None)


def catalogue_product_ids(conn: Connection) -> frozenset[str]:
    t = synced["products"]
    ids: list[uuid.UUID] = list(conn.execute(
        sa.select(t.c.id).where(t.c.active.is_(True), t.c.deleted.is_(False))).scalars())
    return frozenset(str(i) for i in ids)


def _local_visit(conn: Connection, visit_id: Any) -> dict[str, Any] | None:
    t = synced["visits"]
    row = conn.execute(sa.select(t).where(t.c.id == visit_id)).mappings().first()
    return dict(row) if row is not None else None


# --- checks used by local_store.writes ------------------------------------------------------


def check_visit_draft(conn: Connection, visit: Mapping[str, Any]) -> list[FieldError]:
    """Sanity problems of a draft as it would be saved (``visit`` = the whole row).

    No time rule applies to drafts, so the wall clock is good enough here."""
    return validate_visit(visit, active_visit_rules(conn), now=dt.datetime.now(dt.UTC),
                          is_submit=False,
                          catalogue_product_ids=catalogue_product_ids(conn))


def check_visit_submit(conn: Connection, visit: Mapping[str, Any],
                       clock: ClockCheck) -> list[FieldError]:
    """Every problem that refuses (or warns about) submitting ``visit`` now."""
    errors: list[FieldError] = [] if clock.may_submit else [CLOCK_BEHIND_SERVER]
    errors += validate_visit({**visit, "status": SUBMITTED}, active_visit_rules(conn),
                             now=clock.now, is_submit=True,
                             catalogue_product_ids=catalogue_product_ids(conn),
                             calendar=company_calendar(conn))
    amends = visit.get("amends_visit_id")
    if amends is not None:
        original = _local_visit(conn, amends)
        if original is not None:  # not in this replica: the server decides
            errors += check_amendment(visit, original)
    return errors


def store_local_quality(conn: Connection, visit_id: uuid.UUID) -> QualityResult:
    """Score the local row and keep the score on it (no outbox entry: the server rescores)."""
    t = synced["visits"]
    row = _local_visit(conn, visit_id)
    if row is None:
        raise NotInReplica("visits", visit_id)
    result = score_visit(row, active_visit_rules(conn),
                         linked_to_plan=row.get("planned_visit_id") is not None)
    conn.execute(sa.update(t).where(t.c.id == visit_id).values(
        quality_score=result.score, quality_explanation=result.explanation_json()))
    return result
