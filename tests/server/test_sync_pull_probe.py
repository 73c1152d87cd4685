"""The pull's combined first feed query (``PROBE_ROWS`` per scope, read on with
``_feed_page`` where a scope filled it) answers exactly what reading each scope on
its own did: same pages, cursors, ``has_more`` and checksums, for every limit."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Connection

from server.sync import pull as pull_module
from server.sync.feed import ChangeSet, publish
from server.sync.rows import update_row
from tests.factories import Factory
from tests.server.test_sync_pull import principal_for, pull
from wire.protocol import PullResponse


@pytest.fixture
def busy(conn: Connection) -> dict[str, Any]:
    """A DM's district with three territories of several doctors each, some edited,
    one deleted (a tombstone), so scopes hold different numbers of entries."""
    f = Factory(conn)
    district = f.district()
    territories = [f.territory(district) for _ in range(3)]
    dm = f.user(role="dm", district_id=district["id"], region_id=district["region_id"])
    doctors = [f.doctor(t) for t in territories for _ in range(4 + 3 * territories.index(t))]
    f.publish()
    changes = ChangeSet()
    for doc in doctors[::3]:
        update_row(conn, changes, "doctors", doc["id"], {"grade": "B"}, actor=None)
    update_row(conn, changes, "doctors", doctors[1]["id"], {"deleted": True}, actor=None)
    publish(conn, changes)
    return {"dm": dm}


def page_sequence(conn: Connection, who: Any, limit: int) -> list[PullResponse]:
    """Pages from zero until nothing is left, each pulled with the last one's cursors."""
    pages: list[PullResponse] = []
    cursors: dict[str, str] = {}
    while True:
        page = pull(conn, who, cursors, limit=limit)
        pages.append(page)
        cursors = page.cursors
        if not page.has_more:
            return pages


def comparable(pages: list[PullResponse]) -> list[Any]:
    return [(p.scopes, [(c.scope, c.table, c.id, c.op, c.version) for c in p.changes],
             p.cursors, p.has_more, p.checksums) for p in pages]


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 7, 50])
def test_the_combined_probe_pages_exactly_like_scope_by_scope_reads(
        conn: Connection, busy: dict[str, Any], limit: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    who = principal_for(busy["dm"])
    reference = comparable(page_sequence(conn, who, limit))  # 64: no scope fills the probe
    assert sum(len(p[1]) for p in reference) > 30
    for probe in (1, 2, 3):
        monkeypatch.setattr(pull_module, "PROBE_ROWS", probe)
        assert comparable(page_sequence(conn, who, limit)) == reference, (probe, limit)
