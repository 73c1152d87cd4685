"""Pulled rows this FieldRep cannot store, set aside instead of stopping the sync.

The server accepts only values every client can store (``wire.values``), but a row
written before that rule, by a newer server or by hand could still arrive with one.
Then that row alone is quarantined: kept here with its reason and the data as sent,
counted in its scope's checksum at the version the server sent (so the scope is not
downloaded again and again), reported by the sync and shown to the user, while every
other row of the page is stored. A later storable version of the row, its deletion
or its removal from the user's scopes releases it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.replica import quarantined_rows, row_scopes
from wire.rows import plain_rows

q = quarantined_rows


@dataclass(frozen=True, slots=True)
class QuarantinedRow:
    table: str
    row_id: uuid.UUID
    version: int
    reason: str
    quarantined_at: dt.datetime


def quarantine(conn: Connection, table: str, row_id: uuid.UUID, version: int, reason: str,
               data: dict[str, Any] | None) -> None:
    """Set a pulled row aside (replacing an earlier quarantined version of it)."""
    text = None if data is None else json.dumps(data, ensure_ascii=True, default=str)
    values = {"version": version, "reason": reason, "data": text,
              "quarantined_at": dt.datetime.now(dt.UTC)}
    conn.execute(sa.delete(q).where(q.c.table_name == table, q.c.row_id == row_id))
    conn.execute(sa.insert(q).values(table_name=table, row_id=row_id, **values))


def any_quarantined(conn: Connection) -> bool:
    return conn.execute(sa.select(sa.literal(1)).select_from(q).limit(1)).first() is not None


def release(conn: Connection, keys: Iterable[tuple[str, uuid.UUID]]) -> None:
    """Forget these rows' quarantine (a storable version arrived, or the row went)."""
    by_table: dict[str, list[uuid.UUID]] = {}
    for table, row_id in keys:
        by_table.setdefault(table, []).append(row_id)
    for table, ids in by_table.items():
        conn.execute(sa.delete(q).where(q.c.table_name == table, q.c.row_id.in_(ids)))


def quarantined(conn: Connection) -> list[QuarantinedRow]:
    """Every row set aside, oldest first (for the sync report and support exports)."""
    rows = conn.execute(sa.select(q.c.table_name, q.c.row_id, q.c.version, q.c.reason,
                                  q.c.quarantined_at).order_by(q.c.quarantined_at))
    return [QuarantinedRow(str(t), r, int(v), str(why), at) for t, r, v, why, at in plain_rows(rows)]


def scope_versions(conn: Connection, scope: str) -> dict[tuple[str, str], int]:
    """(table, id as 32 hex digits) -> version of the quarantined rows ``scope`` holds."""
    query = (sa.select(q.c.table_name, q.c.row_id, q.c.version)
             .join(row_scopes, sa.and_(row_scopes.c.table_name == q.c.table_name,
                                       row_scopes.c.row_id == q.c.row_id))
             .where(row_scopes.c.scope == scope))
    return {(str(t), r.hex): int(v) for t, r, v in plain_rows(conn.execute(query))}
