"""The pipelined pull (page N+1 fetched while page N is applied) and the first sync's
deferred doctor search index, against the real server over HTTP."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from local_store.read.search import doctor_search
from local_store.replica import cursors, synced
from local_store.state import get_state, set_state
from sync.client import SyncHttpClient
from sync.engine import SEARCH_REBUILD_PENDING, SyncCancelled, SyncEngine
from sync.pull_pages import PulledPage
from tests.factories import Factory
from tests.sync.conftest import Device, World
from tests.sync.helpers import assert_converged
from wire.protocol import PullRequest


class RecordingClient(SyncHttpClient):
    """Remembers the cursors every pull request carried, by the answer it got."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url, retries=0)
        self.asked: list[dict[str, str]] = []
        self._cursors_of_raw: list[tuple[bytes, dict[str, str]]] = []
        self.cursors_of: dict[int, dict[str, str]] = {}  # id(PulledPage) -> cursors sent
        self._lock = threading.Lock()

    def pull_raw(self, request: PullRequest) -> bytes:
        raw = super().pull_raw(request)
        with self._lock:
            self.asked.append(dict(request.cursors))
            self._cursors_of_raw.append((raw, dict(request.cursors)))
        return raw

    def parse_pull(self, raw: bytes) -> PulledPage:
        response = super().parse_pull(raw)
        with self._lock:
            sent = next(c for r, c in self._cursors_of_raw if r is raw)
        self.cursors_of[id(response)] = sent
        return response


class CheckingEngine(SyncEngine):
    """Checks, as each page is applied, that it was asked with the cursors stored now."""

    def __init__(self, db: Engine, http: RecordingClient, **kw: Any) -> None:
        super().__init__(db, http, **kw)
        self.recorder = http
        self.applied: list[bool] = []
        self.flag_during_pages: list[str | None] = []

    def _apply_page(self, conn: Connection, response: PulledPage) -> list[str]:
        stored = {str(s): str(c) for s, c in conn.execute(
            sa.select(cursors.c.scope, cursors.c.cursor).where(cursors.c.cursor.is_not(None)))}
        self.applied.append(stored == self.recorder.cursors_of[id(response)])
        mismatched = super()._apply_page(conn, response)
        self.flag_during_pages.append(get_state(conn, SEARCH_REBUILD_PENDING))
        return mismatched


def _device(device: Any, live_url: str, user: dict[str, Any]) -> tuple[Device, RecordingClient]:
    d: Device = device(user)
    recorder = RecordingClient(live_url)
    recorder.tokens = d.http.tokens
    return d, recorder


def _search_ids(db: Engine) -> set[uuid.UUID]:
    with db.connect() as conn:
        return set(conn.execute(sa.select(doctor_search.c.doctor_id)).scalars())


def _live_doctor_ids(db: Engine) -> set[uuid.UUID]:
    d = synced["doctors"]
    with db.connect() as conn:
        return set(conn.execute(sa.select(d.c.id).where(~d.c.deleted)).scalars())


def test_every_page_is_applied_with_the_cursors_it_was_asked_with(
        world: World, device: Any, live_server: Any, engine: Engine) -> None:
    dm, recorder = _device(device, live_server.url, world.dm)
    sync = CheckingEngine(dm.db, recorder, pull_limit=2)
    result = sync.run()
    assert len(sync.applied) > 3 and all(sync.applied)
    assert result.checksum_mismatches == []
    assert_converged(engine, dm.db, world.dm["id"])
    recorder.close()


def test_a_checksum_retry_throws_the_prefetched_page_away(
        world: World, device: Any, live_server: Any, engine: Engine) -> None:
    dm, recorder = _device(device, live_server.url, world.dm)
    dm.sync()
    first, second = sorted((world.ta, world.tb), key=lambda t: f"territory:{t['id']}")
    damaged = world.doc_a if first is world.ta else world.doc_b
    doctors = synced["doctors"]
    with dm.db.begin() as conn:  # damage the first territory behind the engine's back
        conn.execute(sa.delete(doctors).where(doctors.c.id == damaged["id"]))
    with engine.begin() as conn:  # and give the second more changes than one page holds
        f = Factory(conn)
        for _ in range(5):
            f.doctor(second)
        f.publish()
    sync = CheckingEngine(dm.db, recorder, pull_limit=2)
    result = sync.run()
    assert result.resynced_scopes == [f"territory:{first['id']}"]
    assert result.checksum_mismatches == []
    assert all(sync.applied)
    assert len(recorder.asked) > len(sync.applied)  # a prefetched page was thrown away
    assert damaged["id"] in dm.ids("doctors")
    assert_converged(engine, dm.db, world.dm["id"])
    recorder.close()


def test_a_first_sync_indexes_every_doctor_for_search_once_at_the_end(
        world: World, device: Any, live_server: Any) -> None:
    dm, recorder = _device(device, live_server.url, world.dm)
    sync = CheckingEngine(dm.db, recorder, pull_limit=2)
    sync.run()
    assert set(sync.flag_during_pages) == {"1"}  # deferred while the pages came in
    assert _search_ids(dm.db) == _live_doctor_ids(dm.db) == {world.doc_a["id"],
                                                             world.doc_a2["id"],
                                                             world.doc_b["id"]}
    with dm.db.connect() as conn:
        assert get_state(conn, SEARCH_REBUILD_PENDING) is None
    later = CheckingEngine(dm.db, recorder, pull_limit=2)
    later.run()
    assert later.flag_during_pages == [None]  # a later sync indexes page by page
    recorder.close()


def test_a_cancelled_first_sync_still_leaves_what_arrived_searchable(
        world: World, device: Any, live_server: Any) -> None:
    dm, recorder = _device(device, live_server.url, world.dm)
    cancel = threading.Event()

    def progress(phase: str, _done: int, _total: int | None) -> None:
        if phase == "apply":
            cancel.set()  # stop after the first page

    sync = SyncEngine(dm.db, recorder, progress, cancel, pull_limit=2)
    with pytest.raises(SyncCancelled):
        sync.run()
    with dm.db.connect() as conn:
        assert get_state(conn, SEARCH_REBUILD_PENDING) is None
    assert _search_ids(dm.db) == _live_doctor_ids(dm.db)
    SyncEngine(dm.db, recorder, pull_limit=2).run()
    assert _search_ids(dm.db) == _live_doctor_ids(dm.db) == {world.doc_a["id"],
                                                             world.doc_a2["id"],
                                                             world.doc_b["id"]}
    recorder.close()


def test_a_sync_that_died_during_a_first_download_rebuilds_the_index_next_time(
        world: World, device: Any) -> None:
    a: Device = device(world.rep_a)
    a.sync()
    with a.db.begin() as conn:  # as a process killed half way through its first sync
        conn.execute(sa.delete(doctor_search))
        set_state(conn, SEARCH_REBUILD_PENDING, "1")
    a.sync()
    assert _search_ids(a.db) == {world.doc_a["id"], world.doc_a2["id"]}
    with a.db.connect() as conn:
        assert get_state(conn, SEARCH_REBUILD_PENDING) is None
