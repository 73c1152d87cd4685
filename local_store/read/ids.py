"""Ids as the replica stores them (32-digit hex text), for the read modules.

Reads that build reports and prints compare and key ids by their stored text rather
than by ``uuid.UUID`` objects (one object per row is most of such a read's time);
these are the helpers each of them had its own copy of.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wire.in_lists import in_chunks


def stored_id(col: sa.ColumnElement[Any]) -> sa.ColumnElement[str]:
    """An id column read as the text the replica stores (no ``uuid.UUID`` per row)."""
    return sa.type_coerce(col, sa.String())


def hex_text(value: Any) -> str:
    """Any spelling of an id (a ``uuid.UUID``, hyphenated or stored text) -> stored text."""
    return value.hex if isinstance(value, uuid.UUID) else str(value).replace("-", "").lower()


def names_by_id(conn: Connection, table: sa.Table, ids: Iterable[str]) -> dict[str, str]:
    """``table``'s ``name`` of each id (stored text; empty ones skipped), by stored text."""
    wanted = [uuid.UUID(hex=i) for i in {hex_text(i) for i in ids if i}]
    out: dict[str, str] = {}
    for chunk in in_chunks(wanted):
        out.update({hex_text(r.id): r.name for r in conn.execute(
            sa.select(table.c.id, table.c.name).where(table.c.id.in_(chunk)))})
    return out
