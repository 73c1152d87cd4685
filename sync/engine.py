"""The sync engine: push the outbox, pull pages, apply them to the replica.

This module orchestrates; ``sync.apply_page`` writes a page into the replica and
``sync.row_codecs`` turns wire rows into stored values.

One ``run()`` = push the outbox in order (batches of at most ``MAX_PUSH_BATCH``),
pull pages until ``has_more`` is false, then push again if edits arrived meanwhile.
Each pulled page is applied together with its cursors in ONE SQLite transaction, so
a killed process resumes from the last stored cursor; re-applying a page is
idempotent (rows are keyed by id and never moved back to an older version).

Threading rule: run it on a background thread; it reports through ``progress``
(phase, done, total) with phases "push", "pull", "apply", "done" and stops between
pages or batches when ``cancel`` is set. It never touches Qt.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from local_store import outbox as ob
from local_store.read import search as search_index
from local_store.replica import row_scopes, synced
from local_store.state import (
    LAST_MUTATION_ACKED,
    LAST_SYNC_AT,
    client_id,
    dbapi,
    get_state,
    set_state,
    utcnow,
)
from sync.apply_page import SEARCH_REBUILD_PENDING, apply_page, start_resync
from sync.client import MutationGap, SyncError, SyncHttpClient, SyncStateError
from sync.pull_pages import PulledPage
from wire.protocol import (
    DEFAULT_PULL_LIMIT,
    MAX_PUSH_BATCH,
    PROTOCOL_VERSION,
    MutationOp,
    Op,
    PullRequest,
    PushResponse,
)

__all__ = ["SEARCH_REBUILD_PENDING", "SyncCancelled", "SyncEngine", "SyncResult",
           "SyncStateError"]

Progress = Callable[[str, int, int | None], None]

FIRST_PAGE_LIMIT = 500  # rows in the first page of a first download (see _fetch_page)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold Python's cycle collector while pages are applied.

    A page is thousands of small dicts and tuples; every 700 of them the collector
    ran and walked all of them again: a sixth of a first sync's CPU. Nothing a sync
    allocates forms cycles that need collecting meanwhile; the collector resumes after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class SyncCancelled(SyncError):
    """The user cancelled; everything applied so far is kept and resumes next time."""


@dataclass(slots=True)
class SyncResult:
    pulled: int = 0
    pushed: int = 0
    rejected: int = 0
    seconds: float = 0.0
    resynced_scopes: list[str] = field(default_factory=list)
    checksum_mismatches: list[str] = field(default_factory=list)
    # Pulled rows this FieldRep could not store, set aside (local_store.quarantine).
    quarantined: list[str] = field(default_factory=list)


class SyncEngine:
    """Synchronises one replica with one server (see the module docstring)."""

    def __init__(
        self,
        replica_engine: Engine,
        http_client: SyncHttpClient,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        *,
        pull_limit: int = DEFAULT_PULL_LIMIT,
        push_batch: int = MAX_PUSH_BATCH,
    ) -> None:
        self.db = replica_engine
        self.http = http_client
        self.progress = progress or (lambda _phase, _done, _total: None)
        self.cancel = cancel or threading.Event()
        self.pull_limit = pull_limit
        self.push_batch = min(push_batch, MAX_PUSH_BATCH)
        self.result = SyncResult()
        self._defer_search = False
        self._sync_time_stored = False

    def run(self) -> SyncResult:
        started = time.perf_counter()
        self.result = SyncResult()
        self._sync_time_stored = False
        self.push()
        self.pull()
        with self.db.connect() as conn:
            more = ob.pending_count(conn) > 0
        if more:
            self.push()
        if more or not self._sync_time_stored:  # (else the last page stored it)
            with self.db.begin() as conn:
                set_state(conn, LAST_SYNC_AT, utcnow().isoformat())
        self.result.seconds = time.perf_counter() - started
        total = self.result.pulled + self.result.pushed
        self.progress("done", total, total)
        return self.result

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise SyncCancelled("sync cancelled; what was already exchanged is kept")

    # --- push ---------------------------------------------------------------------

    def push(self) -> None:
        """Send the outbox in order until it is empty (rejections never block it)."""
        with _gc_paused():
            self._push()

    def _push(self) -> None:
        with self.db.connect() as conn:
            total = ob.pending_count(conn)
        if total == 0:
            return  # nothing to send: no write transaction, no request
        done = 0
        self._check_cancel()
        with self.db.begin() as conn:
            batch = ob.next_batch(conn, self.push_batch)
            cid = client_id(conn)
        while batch:
            self._check_cancel()
            # The body in wire form (what ``PushRequest`` dumps), straight from the rows.
            body = {"protocol": PROTOCOL_VERSION, "client_id": cid, "mutations": [
                {"mutation_id": e["mutation_id"], "table": e["table_name"], "id": str(e["row_id"]),
                 "op": MutationOp(e["op"]).value, "base_version": e["base_version"],
                 "fields": dict(e["fields"])}
                for e in batch
            ]}
            try:
                response = self.http.push_body(body)
            except MutationGap as exc:
                raise SyncStateError(
                    f"the server expected earlier changes from this computer ({exc.message}); "
                    "nothing was deleted here: run 'fieldrep export --unsynced' and contact support"
                ) from exc
            # The answer applied and the next batch taken in one transaction (a
            # transaction of its own cost a push of 100 edits some 2% more).
            with self.db.begin() as conn:
                resolved = self._apply_push_results(conn, batch, response)
                if resolved:
                    batch = ob.next_batch(conn, self.push_batch)
            if resolved == 0:
                raise SyncStateError(
                    "the server answered none of the changes sent; stopping so as not to loop "
                    "(try again later; your changes are kept)")
            done += resolved
            self.progress("push", done, max(total, done))

    def _apply_push_results(self, conn: Connection, batch: list[dict[str, Any]],
                            response: PushResponse) -> int:
        results = {r.mutation_id: r for r in response.results}
        resolved = 0
        acknowledged: list[int] = []
        versions: dict[str, list[tuple[int, str, int]]] = {}
        for entry in batch:
            r = results.get(entry["mutation_id"])
            if r is None:
                continue
            resolved += 1
            status = r.original_status if r.status == "duplicate" and r.original_status else r.status
            if status == "rejected":
                ob.move_to_rejected(conn, entry, reason=r.reason.value if r.reason else None,
                                    message=r.message, field=r.field)
                self.result.rejected += 1
                continue
            acknowledged.append(entry["mutation_id"])
            self.result.pushed += 1
            if r.version is not None:
                versions.setdefault(entry["table_name"], []).append(
                    (r.version, entry["row_id"].hex, r.version))
        ob.acknowledge_many(conn, acknowledged)
        raw = dbapi(conn)
        for table, rows in versions.items():  # one executemany per table
            raw.executemany(f'UPDATE "{synced[table].name}" SET version = ? '
                            "WHERE id = ? AND version < ?", rows)
        set_state(conn, LAST_MUTATION_ACKED, str(response.last_mutation_id))
        return resolved

    # --- pull ---------------------------------------------------------------------

    def pull(self) -> None:
        """Pull pages until the server has nothing more (and checksums agree)."""
        with _gc_paused():
            self._pull()

    def _pull(self) -> None:
        """(``pull``'s work.)

        Pipelined: while page N is applied, page N+1 is already being fetched on a
        helper thread with the cursors page N will store. After page N's transaction
        the stored cursors are compared with the ones that request carried; if they
        differ (a resync, a checksum retry, a purged scope) the prefetched page is
        thrown away and asked for again. So every page is still applied with exactly
        the cursors it was pulled from, and stored with its own cursors in one
        transaction; only the waiting overlaps. The HTTP client is never used by two
        threads at once: a prefetch is always waited for before any other request.
        """
        pages = 0
        resynced_for_checksum: set[str] = set()
        fetcher: ThreadPoolExecutor | None = None  # started when a second page is due
        with self.db.connect() as conn:
            known = _cursors_stored(conn)
            first_download = not known
            # A first download (no cursor yet, or one that stopped half way) indexes the
            # doctors for search once at the end instead of page by page: pages bring
            # doctors and their institutions apart, so page by page would index most
            # doctors twice. (Indexing each doctor by the page that completes it was
            # tried: a bulk publish sends institutions after their doctors, so that page
            # did the whole rebuild's work, by index lookups, at a higher cost.)
            self._defer_search = not known or get_state(conn, SEARCH_REBUILD_PENDING) is not None
        if self._defer_search:  # load pinyin while the first page is on its way
            threading.Thread(target=search_index.warm_up, name="sync-pinyin", daemon=True).start()
        pending: Future[bytes] | None = None
        try:
            while True:
                try:
                    self._check_cancel()
                    response = self.http.parse_pull(
                        pending.result() if pending is not None
                        else self._fetch_page(known, ramp=pages if first_download else None))
                except BaseException:
                    if pending is not None:
                        _discard(pending)
                    raise
                pending = None  # (holds the raw page: let it go)
                pages += 1
                self.progress("pull", pages, None)
                prefetch: Future[bytes] | None = None
                predicted: dict[str, str] = {}
                if self._needs_push_first(response):
                    self.push()  # (no prefetch runs: the HTTP client is free)
                elif response.has_more:
                    if fetcher is None:
                        fetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull")
                    predicted = _cursors_after(known, response)
                    prefetch = fetcher.submit(self._fetch_page, predicted,
                                              ramp=pages if first_download else None)
                try:
                    with self.db.begin() as conn:
                        mismatched = self._apply_page(conn, response)
                        retry = [s for s in mismatched if s not in resynced_for_checksum]
                        for scope in retry:
                            start_resync(conn, scope, forget_cursor=True)
                except BaseException:
                    if prefetch is not None:
                        _discard(prefetch)
                    raise
                self.result.pulled += len(response.changes)
                self.progress("apply", len(response.changes), len(response.changes))
                for scope in response.resync_required + retry:
                    if scope not in self.result.resynced_scopes:
                        self.result.resynced_scopes.append(scope)
                resynced_for_checksum.update(retry)
                for scope in mismatched:
                    if scope not in retry and scope not in self.result.checksum_mismatches:
                        self.result.checksum_mismatches.append(scope)
                if not response.has_more and not retry:
                    if prefetch is not None:
                        _discard(prefetch)
                    if self._defer_search:
                        self._rebuild_search()
                    return
                del response  # before the next page is parsed: one parsed page at a time
                known = self._stored_cursors()
                if prefetch is not None and known == predicted:
                    pending = prefetch
                    continue
                if prefetch is not None:
                    _discard(prefetch)  # asked with other cursors than were stored
                # (pending stays None: the next page is fetched here, with the stored cursors)
        except BaseException:
            if self._defer_search:  # what arrived is searchable even if the sync stopped
                with contextlib.suppress(Exception):
                    self._rebuild_search()
            raise
        finally:
            if fetcher is not None:
                fetcher.shutdown(wait=True)

    def _apply_page(self, conn: Connection, response: PulledPage) -> list[str]:
        """Apply one page and its cursors; returns scopes whose checksum disagrees."""
        applied = apply_page(conn, response, defer_search=self._defer_search)
        if applied.sync_time_stored:
            self._sync_time_stored = True
        self.result.quarantined.extend(applied.quarantined)
        return applied.mismatched

    def _rebuild_search(self) -> None:
        with self.db.begin() as conn:
            if get_state(conn, SEARCH_REBUILD_PENDING) is not None:
                search_index.rebuild_search_index(conn)
                set_state(conn, SEARCH_REBUILD_PENDING, None)
        self._defer_search = False

    def _stored_cursors(self) -> dict[str, str]:
        with self.db.connect() as conn:
            return _cursors_stored(conn)

    def _fetch_page(self, known: dict[str, str], *, ramp: int | None = None) -> bytes:
        """(On the fetching thread) one page's raw answer; parsed on the engine's thread.

        ``ramp``: the index of this page in a first download, whose pages start small
        and double (500, 1,000, then ``pull_limit`` rows): the replica starts storing
        while the server builds the next page, and that page is ready about when the
        replica has stored this one. With a full second page the replica sat idle for
        most of the time the server took to build it.
        """
        limit = self.pull_limit
        if ramp is not None:
            limit = min(limit, FIRST_PAGE_LIMIT << min(ramp, 16))
        return self.http.pull_raw(PullRequest(protocol=PROTOCOL_VERSION, cursors=known,
                                              limit=limit))

    def _needs_push_first(self, response: PulledPage) -> bool:
        """Rows about to leave the replica with unsent edits: push those edits first."""
        leaving = {(c.table, uuid.UUID(c.id)) for c in response.changes if c.op is Op.REMOVE}
        with self.db.connect() as conn:
            local_scopes = {s for (s,) in dbapi(conn).execute("SELECT scope FROM cursors")}
            gone = set(response.dropped_scopes) | (local_scopes - set(response.scopes))
            if not leaving and not gone:
                return False  # (the routine page: nothing leaves, no outbox read)
            pending = ob.rows_with_entries(conn)
            if not pending:
                return False
            if leaving & pending:
                return True
            if not gone:
                return False
            in_gone = {(t, r) for t, r in conn.execute(
                sa.select(row_scopes.c.table_name, row_scopes.c.row_id)
                .where(row_scopes.c.scope.in_(gone)))}
            return bool(in_gone & pending)





def _cursors_stored(conn: Connection) -> dict[str, str]:
    return {str(s): str(c) for s, c in dbapi(conn).execute(
        "SELECT scope, cursor FROM cursors WHERE cursor IS NOT NULL")}


def _cursors_after(known: dict[str, str], response: PulledPage) -> dict[str, str]:
    """The cursors the replica will hold once ``response`` is applied (when nothing
    unexpected happens: the caller compares with what was really stored)."""
    held = set(response.scopes)
    after = {s: c for s, c in known.items() if s in held and s not in response.dropped_scopes}
    after.update(response.cursors)
    return after


def _discard(future: Future[bytes]) -> None:
    """Wait for a page no longer wanted (its request may be in flight) and drop it,
    errors included: the next request is made with the stored cursors."""
    if not future.cancel():
        with contextlib.suppress(Exception):
            future.result()
