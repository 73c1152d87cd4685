"""Import one admin CSV file into the server database, in the caller's transaction.

All-or-nothing by default: every row is checked first, and if any is invalid
nothing is written. With ``skip_invalid`` the valid rows are written and the
invalid ones come back as ``rejected_rows``. The change feed is published last,
as every server write must.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from server.imports.base import Importer, Outcome
from server.imports.catalogue import CompetitorProductImporter, ProductImporter
from server.imports.csv_reader import FileRefused, ignored_columns, map_header, read_csv
from server.imports.errors import RowError
from server.imports.formats import FORMATS, KINDS
from server.imports.masterdata import (
    AssignmentImporter,
    DepartmentImporter,
    DoctorImporter,
    InstitutionImporter,
)
from server.imports.org import TerritoryImporter, UserImporter
from server.imports.sales import SalesImporter, TargetImporter
from server.imports.validation import ParsedRow, parse_record
from server.sync.feed import ChangeSet, publish, utcnow
from server.tables import audit_log

MAX_REASON = 200

IMPORTERS: dict[str, type[Importer]] = {
    "territories": TerritoryImporter,
    "institutions": InstitutionImporter,
    "departments": DepartmentImporter,
    "doctors": DoctorImporter,
    "assignments": AssignmentImporter,
    "users": UserImporter,
    "sales": SalesImporter,
    "targets": TargetImporter,
    "products": ProductImporter,
    "competitor_products": CompetitorProductImporter,
}


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row left out: its file line, its cells as written and why."""

    line: int
    cells: tuple[str, ...]
    errors: tuple[RowError, ...]


@dataclass(slots=True)
class ImportResult:
    """What an import did. ``refused``: the file as a whole was not importable.

    ``errors`` lists every problem found (file-level or per row). When ``written``
    is False nothing reached the database. ``temporary_passwords`` (users only) maps
    username -> generated password; it is kept out of ``repr`` so it never lands in
    a log by accident.
    """

    kind: str
    path: Path
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    rejected_rows: list[RejectedRow] = field(default_factory=list)
    header: tuple[str, ...] = ()
    refused: bool = False
    written: bool = False
    seconds: float = 0.0
    encoding: str = ""
    temporary_passwords: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (
            f"{self.kind}: created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {self.rejected}, "
            f"{self.seconds:.2f} seconds"
        )


def import_file(
    conn: Connection,
    kind: str,
    path: Path,
    *,
    skip_invalid: bool = False,
    encoding: str | None = None,
    actor: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Check and import ``path`` as a ``kind`` file (see docs/imports.md).

    Runs inside the caller's transaction and never commits: the CLI wraps it in
    one transaction per file. Raises ValueError for an unknown kind.
    """
    if kind not in FORMATS:
        raise ValueError(f"unknown import kind {kind!r}; choose one of {', '.join(KINDS)}")
    started = time.perf_counter()
    result = ImportResult(kind=kind, path=Path(path))
    fmt = FORMATS[kind]
    try:
        table = read_csv(result.path, encoding)
        result.header, result.encoding = table.header, table.encoding
        mapping = map_header(fmt, table.header)
    except FileRefused as exc:
        result.errors, result.refused = exc.errors, True
        result.seconds = time.perf_counter() - started
        return result
    ignored = ignored_columns(table.header)
    rows = [parse_record(fmt, mapping, rec, ignored) for rec in table.records]
    changes = ChangeSet()
    importer = IMPORTERS[kind](conn, changes, actor=actor, today=today or dt.date.today())
    importer.check(rows)
    bad = [r for r in rows if not r.ok]
    result.errors = [e for r in bad for e in r.errors]
    if bad and not skip_invalid:
        result.seconds = time.perf_counter() - started
        return result
    good = [r for r in rows if r.ok]
    outer = conn.begin_nested()
    outcomes, failed = _write_rows(conn, importer, good)
    if failed and not skip_invalid:
        outer.rollback()
        result.errors = [e for r in rows if not r.ok for e in r.errors]
        result.seconds = time.perf_counter() - started
        return result
    outer.commit()
    bad += failed
    result.errors += [e for r in failed for e in r.errors]
    _count(result, outcomes)
    result.rejected = len(bad)
    result.rejected_rows = [RejectedRow(r.line, r.cells, tuple(r.errors)) for r in bad]
    if isinstance(importer, UserImporter):
        result.temporary_passwords = dict(importer.temporary_passwords)
    _audit(conn, result, actor)
    publish(conn, changes)
    result.written = True
    result.seconds = time.perf_counter() - started
    return result


def _write_rows(conn: Connection, importer: Importer,
                rows: list[ParsedRow]) -> tuple[list[Outcome], list[ParsedRow]]:
    """Write the rows in one go; if the database refuses (a constraint or a value the
    checks did not foresee), write them one by one to find which, each refused row
    getting a ``database_error`` naming its line (never the SQL or its parameters).
    Returns the outcomes of the rows written and the rows refused."""
    try:
        with _undone_on_failure(conn, importer):
            return importer.write(rows), []
    except DBAPIError:
        pass
    outcomes: list[Outcome] = []
    failed: list[ParsedRow] = []
    for row in rows:
        try:
            with _undone_on_failure(conn, importer):
                outcomes.extend(importer.write([row]))
        except DBAPIError as exc:
            row.fail("", "database_error", f"the database refused this row: {_reason(exc)}")
            failed.append(row)
    return outcomes, failed


@contextmanager
def _undone_on_failure(conn: Connection, importer: Importer) -> Iterator[None]:
    """A savepoint, and the importer's feed entries and passwords as they were when
    it is rolled back (they describe rows that are no longer there)."""
    entries = dict(importer.changes.entries)
    passwords = dict(getattr(importer, "temporary_passwords", {}))
    try:
        with conn.begin_nested():
            yield
    except DBAPIError:
        importer.changes.entries = entries
        if isinstance(importer, UserImporter):
            importer.temporary_passwords = passwords
        raise


def _reason(exc: DBAPIError) -> str:
    """The database's own first line (``UNIQUE constraint failed: doctors.code``),
    without the statement and parameters SQLAlchemy's message adds."""
    text = str(exc.orig).strip().splitlines()
    return (text[0] if text else type(exc.orig).__name__)[:MAX_REASON]


def _count(result: ImportResult, outcomes: list[Outcome]) -> None:
    result.created = outcomes.count(Outcome.CREATED)
    result.updated = outcomes.count(Outcome.UPDATED)
    result.unchanged = outcomes.count(Outcome.UNCHANGED)


def _audit(conn: Connection, result: ImportResult, actor: uuid.UUID | None) -> None:
    conn.execute(
        sa.insert(audit_log).values(
            at=utcnow(),
            user_id=actor,
            action=f"import_{result.kind}",
            table_name=None,
            row_id=None,
            details={
                "file": result.path.name,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "rejected": result.rejected,
            },
        )
    )


__all__ = ["ImportResult", "ParsedRow", "RejectedRow", "RowError", "import_file"]
