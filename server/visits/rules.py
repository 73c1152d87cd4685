"""Server-side lookups the visit rules need: the active rule set, the catalogue, a visit."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.calendar import CompanyCalendar
from domain.visit_rules import VisitRules
from server.rules.service import company_calendar
from server.tables import synced

BATCH_MEMO_KEY = "fieldrep.batch_memo"  # a dict set by server.sync.push for one batch


def active_visit_rules(conn: Connection) -> VisitRules:
    """The active, newest ``visit_rules`` row as ``VisitRules`` (defaults when none).

    Read once per push batch when the push has put a memo in ``conn.info``."""
    memo = conn.info.get(BATCH_MEMO_KEY)
    if memo is not None:
        if "visit_rules" not in memo:
            memo["visit_rules"] = _read_active_visit_rules(conn)
        return memo["visit_rules"]
    return _read_active_visit_rules(conn)


def batch_calendar(conn: Connection) -> CompanyCalendar:
    """The company calendar (its time zone decides which day a visit or an evaluation
    is on), read once per push batch when the push has put a memo in ``conn.info``."""
    memo = conn.info.get(BATCH_MEMO_KEY)
    if memo is None:
        return company_calendar(conn)
    if "calendar" not in memo:
        memo["calendar"] = company_calendar(conn)
    calendar: CompanyCalendar = memo["calendar"]
    return calendar


_T = synced["visit_rules"]
# Built once: read at every push that writes visits.
_ACTIVE_RULES = (sa.select(_T).where(_T.c.active.is_(True), _T.c.deleted.is_(False))
                 .order_by(_T.c.rule_version.desc(), _T.c.updated_at.desc()).limit(1))


def _read_active_visit_rules(conn: Connection) -> VisitRules:
    row = conn.execute(_ACTIVE_RULES).mappings().first()
    return VisitRules.from_row(dict(row) if row is not None else None)


def active_product_ids(conn: Connection, candidates: Iterable[Any]) -> frozenset[str]:
    """Which of ``candidates`` (product ids as found in ``products_detailed``) are active
    catalogue products, as canonical UUID text; ids that are not UUIDs are simply not
    in the catalogue.

    In a push batch (a memo in ``conn.info``) the active catalogue is read once and
    kept for the batch: every submitted visit details products, and a query per visit
    more than doubled the time of a 100-visit push. Clients cannot write products, so
    no mutation of the batch can change it."""
    values = list(candidates)
    if not values:
        return frozenset()
    memo = conn.info.get(BATCH_MEMO_KEY)
    if memo is not None:
        if "active_products" not in memo:
            memo["active_products"] = frozenset(
                str(i) for i in conn.execute(_ACTIVE_PRODUCTS).scalars())
        catalogue: frozenset[str] = memo["active_products"]
        found = set()
        for value in values:
            text = value if isinstance(value, str) and value in catalogue else _canonical(value)
            if text is not None and text in catalogue:
                found.add(text)
        return frozenset(found)
    ids = {i for i in map(_canonical, values) if i is not None}
    if not ids:
        return frozenset()
    return frozenset(str(i) for i in conn.execute(
        _ACTIVE_PRODUCTS.where(_P.c.id.in_([uuid.UUID(i) for i in ids]))).scalars())


def _canonical(value: Any) -> str | None:
    """``value`` as canonical UUID text, or None when it is not a UUID."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


_P = synced["products"]
_ACTIVE_PRODUCTS: sa.Select[tuple[uuid.UUID]] = sa.select(_P.c.id).where(
    _P.c.active.is_(True), _P.c.deleted.is_(False))


def get_visit(conn: Connection, visit_id: Any) -> dict[str, Any] | None:
    try:
        key = visit_id if isinstance(visit_id, uuid.UUID) else uuid.UUID(str(visit_id))
    except ValueError:
        return None
    t = synced["visits"]
    row = conn.execute(sa.select(t).where(t.c.id == key)).mappings().first()
    return dict(row) if row is not None else None
