"""What every importer shares: bulk look-ups, in-file duplicates, upsert by natural key.

Importers resolve references with one chunked ``IN`` query per kind (dicts, never a
query per row) and write through ``insert_rows``/``update_row`` so versions and the
change feed stay right. A row whose values equal the stored ones is not written at
all: re-importing a file bumps no version and publishes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.imports.formats import FileFormat
from server.imports.validation import ParsedRow
from server.sync.feed import ChangeSet
from server.sync.rows import insert_rows, update_row
from server.tables import synced
from wire.in_lists import in_chunks


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def fetch_by(
    conn: Connection, table: str, column: str, values: Iterable[Any], *, include_deleted: bool = False
) -> list[dict[str, Any]]:
    """Rows of ``table`` whose ``column`` is in ``values`` (IN lists of ``IN_LIST_LIMIT``)."""
    t = synced[table]
    wanted = sorted({v for v in values if v is not None}, key=str)
    out: list[dict[str, Any]] = []
    for chunk in in_chunks(wanted):
        q = sa.select(t).where(t.c[column].in_(chunk))
        if not include_deleted:
            q = q.where(~t.c.deleted)
        out.extend(dict(r) for r in conn.execute(q).mappings())
    return out


def index_by(rows: Iterable[dict[str, Any]], column: str) -> dict[Any, dict[str, Any]]:
    return {r[column]: r for r in rows}


def flag_duplicates(
    rows: Sequence[ParsedRow], key: Callable[[ParsedRow], Hashable | None], column: str, what: str
) -> None:
    """Every later row repeating an earlier row's key gets ``duplicate_in_file``."""
    first: dict[Hashable, int] = {}
    for row in rows:
        k = key(row)
        if k is None:
            continue
        if k in first:
            row.fail(column, "duplicate_in_file", f"{what} {k!r} is already on line {first[k]}")
        else:
            first[k] = row.line


def changed_fields(existing: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The fields whose new value differs; a tombstoned row is revived."""
    diff = {k: v for k, v in values.items() if existing.get(k) != v}
    if existing.get("deleted"):
        diff["deleted"] = False
    return diff


def upsert(
    conn: Connection,
    changes: ChangeSet,
    table: str,
    items: Sequence[tuple[dict[str, Any] | None, dict[str, Any]]],
    *,
    actor: uuid.UUID | None,
) -> list[tuple[Outcome, dict[str, Any]]]:
    """(existing row or None, new values) -> (outcome, row as now stored), in order.

    New rows are inserted first, in one statement (so changed rows may point at
    them); changed rows are then updated one by one.
    """
    results: list[tuple[Outcome, dict[str, Any]] | None] = [None] * len(items)
    inserts = [(pos, values) for pos, (existing, values) in enumerate(items) if existing is None]
    created = insert_rows(conn, changes, table, [v for _, v in inserts], actor=actor)
    for (pos, _), row in zip(inserts, created, strict=True):
        results[pos] = (Outcome.CREATED, row)
    for pos, (existing, values) in enumerate(items):
        if existing is None:
            continue
        diff = changed_fields(existing, values)
        if diff:
            after = update_row(conn, changes, table, existing["id"], diff, actor=actor, before=existing)
            results[pos] = (Outcome.UPDATED, after)
        else:
            results[pos] = (Outcome.UNCHANGED, existing)
    return [r for r in results if r is not None]


class Importer(ABC):
    """One kind of file. ``check`` adds database/whole-file errors; ``write`` imports.

    ``write`` receives only rows without errors and returns one outcome per row.
    """

    format: FileFormat

    def __init__(
        self, conn: Connection, changes: ChangeSet, *, actor: uuid.UUID | None, today: dt.date
    ) -> None:
        self.conn = conn
        self.changes = changes
        self.actor = actor
        self.today = today

    @abstractmethod
    def check(self, rows: Sequence[ParsedRow]) -> None: ...

    @abstractmethod
    def write(self, rows: Sequence[ParsedRow]) -> list[Outcome]: ...

    def insert_defaults(self, row: ParsedRow) -> dict[str, Any]:
        """Defaults for columns the file leaves out, used when a row is created."""
        return {
            c.name: c.default
            for c in self.format.columns
            if c.default is not None and c.name not in row.values
        }

    def unknown(self, row: ParsedRow, column: str, what: str) -> None:
        row.fail(column, "unknown_reference", f"no {what} with {column} {row.raw[column]!r}")
