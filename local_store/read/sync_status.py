"""The replica's sync standing: pending and refused changes, the last sync (status bar, CLI)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from local_store import outbox as ob
from local_store.state import SERVER_URL, USERNAME, get_state, last_sync_at


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    rejected: int
    last_sync: dt.datetime | None


@dataclass(frozen=True)
class ReplicaReport:
    """What ``fieldrep status`` prints for one replica."""

    username: str | None
    server_url: str | None
    last_sync: dt.datetime | None
    pending: int
    rejected: list[dict[str, Any]]


def read_status(replica: Engine) -> SyncStatus:
    with replica.connect() as conn:
        return SyncStatus(ob.pending_count(conn), len(ob.unresolved_rejections(conn)), last_sync_at(conn))


def pending_changes(replica: Engine) -> int:
    """How many local changes wait for the server."""
    with replica.connect() as conn:
        return ob.pending_count(conn)


def replica_report(replica: Engine) -> ReplicaReport:
    with replica.connect() as conn:
        return ReplicaReport(get_state(conn, USERNAME), get_state(conn, SERVER_URL), last_sync_at(conn),
                             ob.pending_count(conn), [dict(r) for r in ob.unresolved_rejections(conn)])
