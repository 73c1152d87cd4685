"""A first download is checked by adding up its pages (no full recount at the end),
and that shortcut still catches a replica that differs from the server."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

import sync.scope_checks as scope_checks
from local_store.replica import cursors, synced
from local_store.store import open_replica
from sync.engine import SyncEngine
from sync.pull_pages import PageChange, PulledPage
from sync.scope_checks import full_checksum, load_cache, plan_page
from tests.sync.conftest import Device, World
from tests.sync.helpers import assert_converged
from wire.checksum import ScopeSum
from wire.protocol import Op


@pytest.fixture
def recounts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The scopes ``full_checksum`` was asked to recount (it still does the work)."""
    asked: list[str] = []
    real = scope_checks.full_checksum

    def counting(conn: Connection, scope: str) -> ScopeSum:
        asked.append(scope)
        return real(conn, scope)

    monkeypatch.setattr(scope_checks, "full_checksum", counting)
    return asked


def test_a_paged_first_download_is_verified_without_recounting_any_scope(
        world: World, device: Any, engine: Any, recounts: list[str]) -> None:
    dm: Device = device(world.dm)
    result = SyncEngine(dm.db, dm.http, pull_limit=2).run()
    assert result.checksum_mismatches == [] and result.resynced_scopes == []
    assert recounts == []
    with dm.db.connect() as conn:
        scopes = [str(s) for (s,) in conn.execute(sa.select(cursors.c.scope))]
        cache = load_cache(conn)
        for scope in scopes:  # what it remembers is what a recount gives
            counted = full_checksum(conn, scope)
            assert (cache[scope]["count"], int(cache[scope]["sum"])) == (
                counted.count, counted.total), scope
    assert_converged(engine, dm.db, world.dm["id"])


def test_a_first_download_damaged_half_way_is_recounted_and_downloaded_again(
        world: World, device: Any, engine: Any, recounts: list[str]) -> None:
    rep: Device = device(world.rep_a)
    doctors = synced["doctors"]

    class Damaging(SyncEngine):
        """Deletes the first doctor it stores, behind its own back, after that page."""

        damaged: uuid.UUID | None = None

        def _apply_page(self, conn: Connection, response: PulledPage) -> list[str]:
            mismatched = super()._apply_page(conn, response)
            if self.damaged is None:
                found = conn.execute(sa.select(doctors.c.id).limit(1)).scalar()
                if found is not None:
                    self.damaged = found
                    conn.execute(sa.delete(doctors).where(doctors.c.id == found))
            return mismatched

    sync = Damaging(rep.db, rep.http, pull_limit=2)
    result = sync.run()
    territory = f"territory:{world.ta['id']}"
    assert sync.damaged is not None
    assert territory in recounts  # the estimate was not trusted: counted for real
    assert result.resynced_scopes == [territory]
    assert result.checksum_mismatches == []
    assert sync.damaged in rep.ids("doctors")
    assert_converged(engine, rep.db, world.rep_a["id"])


def _change(scope: str, row_id: str, version: int) -> PageChange:
    return PageChange(scope, "doctors", row_id, Op.UPSERT, version, {"id": row_id})


def test_a_row_twice_in_one_page_counts_once_at_its_later_version(tmp_path: Any) -> None:
    db = open_replica(tmp_path / "r.sqlite3")
    one, two = str(uuid.uuid4()), str(uuid.uuid4())
    page = PulledPage(
        protocol=1, server_time="2026-11-23T10:00:00+00:00", scopes=["territory:t"],
        changes=[_change("territory:t", one, 1), _change("territory:t", two, 1),
                 _change("territory:t", one, 4)],
        cursors={}, has_more=False, checksums={}, resync_required=[], dropped_scopes=[])
    with db.begin() as conn:
        plan = plan_page(conn, page, set())
    expected = ScopeSum()
    expected.add(one, 4)
    expected.add(two, 1)
    assert plan.deltas["territory:t"] == expected
    assert "territory:t" not in plan.untracked
    db.dispose()
