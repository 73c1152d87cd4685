"""The import history: one ``import_runs`` row per run of an admin import command.

The commands (``fieldrep-server import``, ``rules import``, ``kb import``) wrap their
work in ``recorded_run``: the row is written in a transaction of its own when the run
ends, so an import that was refused, rolled back or crashed is recorded as well as one
that went through. The admin reads the history on the desktop's Company page
(``server.admin.views``); ``recent_runs`` is what that endpoint answers.
"""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from server.sync.feed import utcnow
from server.tables import import_runs

OK = "ok"  # every row imported
PARTIAL = "partial"  # imported, some rows rejected (--skip-invalid)
REFUSED = "refused"  # nothing imported: invalid rows or the file itself
FAILED = "failed"  # the command stopped on an unexpected error
STATUSES = (OK, PARTIAL, REFUSED, FAILED)

MAX_MESSAGE = 500
MAX_SOURCE = 300
MAX_ERRORS_FILE = 500


@dataclass(slots=True)
class RunNote:
    """What the command tells the record as it goes; written when the run ends."""

    kind: str
    source: str
    command: str
    status: str = FAILED
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors_file: Path | None = None
    message: str | None = None

    def counts(self, *, created: int = 0, updated: int = 0, unchanged: int = 0,
               rejected: int = 0) -> None:
        self.created, self.updated, self.unchanged, self.rejected = (
            created, updated, unchanged, rejected)

    def outcome(self, *, written: bool) -> None:
        """The status from what happened: nothing written, some rows left out, or all in."""
        self.status = REFUSED if not written else PARTIAL if self.rejected else OK


def _run_by() -> str | None:
    try:
        return getpass.getuser()[:100]
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return None


@contextmanager
def recorded_run(engine: Engine, kind: str, source: Path | str, command: str) -> Iterator[RunNote]:
    """Record the run in ``import_runs`` when the block ends, however it ends.

    An exception leaves the run ``failed`` with its first line as the message and goes on
    up; the record is still written (in its own transaction, the import's is gone)."""
    note = RunNote(kind=kind, source=(Path(source).name or str(source))[:MAX_SOURCE],
                   command=command[:200])
    started = utcnow()
    try:
        yield note
    except BaseException as exc:
        note.status = FAILED
        note.message = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise
    finally:
        with engine.begin() as conn:
            write_run(conn, note, started)


def write_run(conn: Connection, note: RunNote, started: Any) -> uuid.UUID:
    run_id = uuid.uuid4()
    conn.execute(sa.insert(import_runs).values(
        id=run_id, kind=note.kind, source=note.source, command=note.command, run_by=_run_by(),
        started_at=started, finished_at=utcnow(), status=note.status,
        created=note.created, updated=note.updated, unchanged=note.unchanged,
        rejected=note.rejected,
        errors_file=str(note.errors_file)[:MAX_ERRORS_FILE] if note.errors_file else None,
        message=note.message[:MAX_MESSAGE] if note.message else None))
    return run_id


RUN_FIELDS = ("id", "kind", "source", "command", "run_by", "started_at", "finished_at",
              "status", "created", "updated", "unchanged", "rejected", "errors_file", "message")


def recent_runs(conn: Connection, limit: int = 200) -> list[dict[str, Any]]:
    """The newest ``limit`` runs, newest first."""
    r = import_runs
    rows = conn.execute(sa.select(*(r.c[f] for f in RUN_FIELDS))
                        .order_by(r.c.started_at.desc(), r.c.id).limit(limit)).mappings()
    return [dict(row) for row in rows]
