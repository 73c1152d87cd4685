"""The sync engine: push the outbox, pull pages, apply them to the replica.

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
import datetime as dt
import gc
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from local_store import outbox as ob
from local_store.read import search as search_index
from local_store.replica import cursors, row_scopes, synced
from local_store.state import (
    LAST_MUTATION_ACKED,
    LAST_SERVER_TIME,
    LAST_SYNC_AT,
    client_id,
    dbapi,
    get_state,
    set_state,
    utcnow,
)
from local_store.visit_rules import note_server_time
from sync.client import MutationGap, SyncError, SyncHttpClient
from sync.scope_checks import plan_page, verify_page
from wire.protocol import (
    DEFAULT_PULL_LIMIT,
    MAX_PUSH_BATCH,
    PROTOCOL_VERSION,
    ChangeEntry,
    MutationOp,
    Op,
    PullRequest,
    PullResponse,
    PushResponse,
)
from wire.schema import TABLES_BY_NAME, Col, Kind, WireValueError, decode_value

Progress = Callable[[str, int, int | None], None]
RowKey = tuple[str, uuid.UUID]

_BASE_COLS = (
    Col("id", Kind.UUID, nullable=False), Col("version", Kind.INT, nullable=False),
    Col("updated_at", Kind.DATETIME, nullable=False), Col("updated_by", Kind.UUID),
    Col("deleted", Kind.BOOL, nullable=False),
)
_CHUNK = 500
# Set (in sync_state) while a first download defers the doctor search index: it is
# rebuilt once after the last page, and again by the next sync if this one stopped
# half way (so a killed first sync never leaves doctors out of the search).
SEARCH_REBUILD_PENDING = "search_rebuild_pending"
FIRST_PAGE_LIMIT = 500  # rows in the first page of a first download (see _fetch_page)
_CACHE_LIMIT = 8_192  # entries per conversion cache (see _fast_uuid)


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


class SyncStateError(SyncError):
    """The server and this replica disagree about what was sent (e.g. a mutation gap)."""


@dataclass(slots=True)
class SyncResult:
    pulled: int = 0
    pushed: int = 0
    rejected: int = 0
    seconds: float = 0.0
    resynced_scopes: list[str] = field(default_factory=list)
    checksum_mismatches: list[str] = field(default_factory=list)


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
                            _start_resync(conn, scope, forget_cursor=True)
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

    def _needs_push_first(self, response: PullResponse) -> bool:
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

    def _apply_page(self, conn: Connection, response: PullResponse) -> list[str]:
        """Apply one page and its cursors; returns scopes whose checksum disagrees."""
        pending = ob.rows_with_entries(conn)
        plan = plan_page(conn, response, pending)
        raw = dbapi(conn)
        stored = {str(s): c for s, c in raw.execute("SELECT scope, cursor FROM cursors")}
        local_scopes = set(stored)
        for scope in sorted(set(response.dropped_scopes) | (local_scopes - set(response.scopes))):
            _purge_scope(conn, scope)
        for scope in response.resync_required:
            _start_resync(conn, scope, forget_cursor=False)

        # Rows by id as stored (32 hex digits): a first sync's page is thousands of
        # upserts, and a UUID object per row is needless work unless edits are pending.
        upserts: dict[str, dict[str, tuple[Any, ...]]] = {}
        members: dict[tuple[str, str], list[str]] = {}  # (scope, table): stored ids
        member_key: tuple[str, str] | None = None
        member_ids: list[str] = []
        removes: list[tuple[str, str, uuid.UUID]] = []
        deletes: list[RowKey] = []
        for change in response.changes:
            if change.table not in synced:
                continue  # a table this client version does not know yet
            if change.op is Op.UPSERT:
                row = _storage_row(change)
                hex_id = row[0]  # the row's id as stored
                if change.data is None or change.data.get("id") != change.id:
                    hex_id = _change_row_id(change, hex_id)
                key = (change.scope, change.table)
                if key != member_key:  # (a page comes in runs of one scope and table)
                    member_key = key
                    member_ids = members.setdefault(key, [])
                member_ids.append(hex_id)
                if not pending or (change.table, uuid.UUID(hex_id)) not in pending:
                    by_id = upserts.setdefault(change.table, {})
                    held = by_id.get(hex_id)
                    if held is None or held[1] <= row[1]:
                        by_id[hex_id] = row
            elif change.op is Op.REMOVE:
                removes.append((change.scope, change.table, uuid.UUID(change.id)))
            else:
                deletes.append((change.table, uuid.UUID(change.id)))

        for table, rows in upserts.items():
            # In id order: every index keyed by id (and row_scopes, below) then grows
            # at a few places instead of all over the file (fewer pages touched).
            raw.executemany(_upsert_sql(table), [rows[k] for k in sorted(rows)])
        if members:
            _record_members(raw, members)
        for scope, table, row_id in removes:
            conn.execute(sa.delete(row_scopes).where(
                row_scopes.c.scope == scope, row_scopes.c.table_name == table,
                row_scopes.c.row_id == row_id))
        _delete_orphans(conn, [(t, r) for _s, t, r in removes])
        for table, row_id in deletes:
            t = synced[table]
            conn.execute(sa.delete(t).where(t.c.id == row_id))
            conn.execute(sa.delete(row_scopes).where(row_scopes.c.table_name == table,
                                                     row_scopes.c.row_id == row_id))

        for scope, cursor in response.cursors.items():
            if stored.get(scope) == cursor and scope not in response.resync_required:
                continue  # unchanged (a quiet server): nothing to write
            raw.execute("INSERT INTO cursors (scope, cursor, resyncing) VALUES (?, ?, 0) "
                        "ON CONFLICT (scope) DO UPDATE SET cursor = excluded.cursor",
                        (scope, cursor))
        set_state(conn, LAST_SERVER_TIME, response.server_time)
        if not response.has_more and not pending:
            # The last page with nothing left to send: the sync's time goes in with it
            # (one transaction less; ``run`` writes it only if more was pushed after).
            set_state(conn, LAST_SYNC_AT, utcnow().isoformat())
            self._sync_time_stored = True
        # Anchor the trusted clock (visit submits) to this server time, same transaction.
        note_server_time(conn, response.server_time)

        complete = set(response.checksums) | (set() if response.has_more else set(response.scopes))
        resyncing = {str(s) for (s,) in raw.execute("SELECT scope FROM cursors WHERE resyncing")}
        for scope in sorted(complete & resyncing):
            _sweep_scope(conn, scope)

        # The local doctor search index follows the page, in the same transaction
        # (a first download marks it for one rebuild after its last page instead).
        if self._defer_search:
            if get_state(conn, SEARCH_REBUILD_PENDING) is None:
                set_state(conn, SEARCH_REBUILD_PENDING, "1")
        else:
            search_index.after_page_applied(
                conn, {t: rows.keys() for t, rows in upserts.items()},
                rows_left=bool(removes or deletes or response.dropped_scopes
                               or local_scopes - set(response.scopes) or complete & resyncing),
                doctor_rows=upserts.get("doctors", {}))

        # Scopes with local edits not yet accepted cannot be compared this time.
        # (``pending`` was read in this transaction, which writes no outbox entry.)
        return verify_page(conn, response, plan,
                           lambda c, scope: _scope_has_pending(c, scope, pending))


def _change_row_id(change: Any, stored_id: str) -> str:
    """The stored form of ``change.id`` when it is not the row's own ``id`` text (an
    unusual spelling of the same UUID is fine; another row's id is refused)."""
    try:
        hex_id = uuid.UUID(change.id).hex
    except (ValueError, TypeError, AttributeError) as exc:
        raise SyncStateError(f"the server sent a change with a bad row id ({change.id!r}); "
                             "update FieldRep or contact support") from exc
    if hex_id != stored_id:
        raise SyncStateError(f"the server sent a {change.table} change whose id differs from "
                             "its row's; update FieldRep or contact support")
    return hex_id


def _cursors_stored(conn: Connection) -> dict[str, str]:
    return {str(s): str(c) for s, c in dbapi(conn).execute(
        "SELECT scope, cursor FROM cursors WHERE cursor IS NOT NULL")}


def _cursors_after(known: dict[str, str], response: PullResponse) -> dict[str, str]:
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


# --- applying rows ---------------------------------------------------------------


def _utc(value: Any) -> Any:
    return value.astimezone(dt.UTC) if isinstance(value, dt.datetime) else value


def _checked(col: Col) -> Callable[[Any], Any]:
    """A fast decoder of one non-null wire value of ``col``; raises on anything odd
    (the caller then asks ``decode_value`` for the exact error, or its answer)."""
    kind = col.kind
    if kind is Kind.UUID:
        return uuid.UUID
    if kind is Kind.DATETIME:
        def when(v: str) -> dt.datetime:
            parsed = dt.datetime.fromisoformat(v)
            if parsed.tzinfo is None:
                raise ValueError(v)
            return parsed.astimezone(dt.UTC)
        return when
    if kind is Kind.DATE:
        return dt.date.fromisoformat
    if kind in (Kind.STR, Kind.TEXT):
        limit = col.max_length

        def text(v: Any) -> str:
            if type(v) is not str or (limit is not None and len(v) > limit):
                raise ValueError(col.name)
            return v
        return text
    if kind is Kind.INT:
        def integer(v: Any) -> int:
            if type(v) is not int:
                raise ValueError(col.name)
            return v
        return integer
    if kind is Kind.FLOAT:
        def number(v: Any) -> float:
            if type(v) is not float and type(v) is not int:
                raise ValueError(col.name)
            return float(v)
        return number
    if kind is Kind.BOOL:
        def flag(v: Any) -> bool:
            if type(v) is not bool:
                raise ValueError(col.name)
            return v
        return flag
    return lambda v: v  # JSON


_decoders: dict[str, list[tuple[str, Col, Callable[[Any], Any]]]] = {}


def _row_decoder(table: str) -> list[tuple[str, Col, Callable[[Any], Any]]]:
    found = _decoders.get(table)
    if found is None:
        cols = (*_BASE_COLS, *TABLES_BY_NAME[table].columns)
        found = _decoders[table] = [(c.name, c, _checked(c)) for c in cols]
    return found


# --- the bulk apply path: wire values straight to SQLite storage values -------------
# SQLAlchemy would turn each wire value into a Python object and then into what the
# replica stores; for a 40,000-row first sync that per-value work dominated. These
# converters produce the stored form directly, exactly as SQLAlchemy stores it on
# SQLite (UUID: 32 hex digits; datetime: naive UTC 'YYYY-MM-DD HH:MM:SS.ffffff'; date:
# ISO; bool: 0/1; JSON: json.dumps text), and the rows go in with one executemany.


def _store_datetime(value: dt.datetime) -> str:
    v = value.astimezone(dt.UTC)
    return (f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
            f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}")


def _json_text_function() -> Callable[[Any], str]:
    """JSON values as the replica stores them: compact UTF-8 JSON text from orjson.

    Not byte for byte what SQLAlchemy's JSON type writes (``json.dumps``: ASCII
    escapes, ``", "`` separators), but the same JSON: every reader parses it (SQLAlchemy
    with ``json.loads``, SQLite's JSON functions), and nothing compares JSON as text.
    A fifth of the cost of ``json.dumps`` on a first sync's ~20,000 values. Values
    orjson refuses (an integer beyond 64 bits) go through ``json.dumps``.
    """
    fast = orjson.dumps

    def text(value: Any) -> str:
        try:
            return fast(value).decode()
        except TypeError:
            return json.dumps(value)

    return text


_json_text = _json_text_function()


def _storer(kind: Kind) -> Callable[[Any], Any]:
    if kind is Kind.UUID:
        return lambda v: v.hex
    if kind is Kind.DATETIME:
        return _store_datetime
    if kind is Kind.DATE:
        return lambda v: v.isoformat()
    if kind is Kind.BOOL:
        return int
    if kind is Kind.JSON:
        return _json_text
    return lambda v: v


_storage: dict[str, list[tuple[str, Col, Callable[[Any], Any], Callable[[Any], Any]]]] = {}


def _storage_row_checked(change: ChangeEntry) -> tuple[Any, ...]:
    """``_storage_row`` the general way: every value decoded to a Python object, checked
    as ``decode_value`` does, then turned into its stored form. Raises the exact error."""
    plan = _storage.get(change.table)
    if plan is None:
        plan = _storage[change.table] = [
            (name, col, fast, _storer(col.kind)) for name, col, fast in _row_decoder(change.table)]
    data = change.data or {}
    out: list[Any] = []
    try:
        for name, col, fast, store in plan:
            value = data.get(name)
            if value is None and col.nullable:
                out.append("null" if col.kind is Kind.JSON else None)  # as SQLAlchemy's JSON
                continue
            try:
                decoded = fast(value)
            except Exception:  # the slow path gives the exact error (or accepts it)
                decoded = _utc(decode_value(col, value))
            out.append(store(decoded))
    except WireValueError as exc:
        raise SyncStateError(
            f"the server sent a {change.table} row this FieldRep cannot store "
            f"({exc}); update FieldRep or contact support") from exc
    out[1] = change.version
    return tuple(out)


# --- the fast path: one generated function per table ------------------------------------
# What the server sends is canonical (lowercase UUIDs; datetimes in UTC as
# 'YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00'), so most values need only a check and a slice
# to reach their stored form. A function per table does that for every column in one
# expression, without a loop or a call per value; anything it does not recognise makes
# it raise, and ``_storage_row_checked`` then handles the row (same result or the exact
# error). ~10x less work per row on a first sync.

_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_UTC_TEXT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?\+00:00\Z")


class _NotCanonical(Exception):
    """A value the fast path leaves to the checked one."""


def _fast_bad() -> Any:
    raise _NotCanonical


# Converted UUIDs and datetimes by wire text: rows repeat them a lot (a territory's id
# in every row, an institution's in each of its doctors, one ``updated_at`` for a bulk
# import), and a hit skips the check and the conversion. Only values that passed the
# check are kept; the caches are emptied when they grow large.
_uuid_cache: dict[str, str] = {}
_datetime_cache: dict[str, str] = {}


def _fast_uuid(v: str) -> str:
    if _UUID_TEXT.match(v) is None:
        raise _NotCanonical
    stored = v.replace("-", "")
    if len(_uuid_cache) >= _CACHE_LIMIT:
        _uuid_cache.clear()
    _uuid_cache[v] = stored
    return stored


def _fast_datetime(v: str) -> str:
    if _UTC_TEXT.match(v) is None:
        raise _NotCanonical
    _fromisoformat(v)  # a real date and time (raises on 2026-13-45)
    stored = f"{v[:10]} {v[11:19]}{v[19:26] if len(v) == 32 else '.000000'}"
    if len(_datetime_cache) >= _CACHE_LIMIT:
        _datetime_cache.clear()
    _datetime_cache[v] = stored
    return stored


def _fast_date(v: str) -> str:
    return dt.date.fromisoformat(v).isoformat()


_fromisoformat = dt.datetime.fromisoformat
_FAST_HELPERS: dict[str, Any] = {
    "_bad": _fast_bad, "_uuid": _fast_uuid, "_dt": _fast_datetime, "_date": _fast_date,
    "_uc": _uuid_cache.get, "_dc": _datetime_cache.get,
    "_dumps": _json_text,
}


def _fast_expr(col: Col, get: str) -> str:
    """A Python expression giving the stored form of ``col`` read by ``get`` (as ``v``)."""
    kind = col.kind
    if kind is Kind.UUID:  # (a cache hit first; an unhashable value raises: checked path)
        conv = "(r if (r := _uc(v)) is not None else _uuid(v))"
    elif kind is Kind.DATETIME:
        conv = "(r if (r := _dc(v)) is not None else _dt(v))"
    elif kind is Kind.DATE:
        conv = "_date(v)"
    elif kind in (Kind.STR, Kind.TEXT):
        limit = f" and len(v) <= {int(col.max_length)}" if col.max_length is not None else ""
        conv = f"(v if type(v) is str{limit} else _bad())"
    elif kind is Kind.INT:
        conv = "(v if type(v) is int else _bad())"
    elif kind is Kind.FLOAT:
        conv = "(float(v) if type(v) is float or type(v) is int else _bad())"
    elif kind is Kind.BOOL:
        conv = "((1 if v else 0) if type(v) is bool else _bad())"
    else:  # JSON, stored as SQLAlchemy's JSON type stores it
        conv = "_dumps(v)"
    if not col.nullable:
        return f"(_bad() if (v := {get}) is None else {conv})"
    empty = "'null'" if kind is Kind.JSON else "None"
    return f"({empty} if (v := {get}) is None else {conv})"


_fast_rows: dict[str, Callable[[dict[str, Any], int], tuple[Any, ...]]] = {}


def _fast_row_function(table: str) -> Callable[[dict[str, Any], int], tuple[Any, ...]]:
    found = _fast_rows.get(table)
    if found is None:
        cols = [col for _name, col, _fast in _row_decoder(table)]
        # ``version`` (second) is the entry's; the row's own must still be an int.
        # ``data[name]``: a missing column raises, and the checked path reads it as null.
        parts = [_fast_expr(col, f"data[{col.name!r}]") if i != 1
                 else "(version if type(data['version']) is int else _bad())"
                 for i, col in enumerate(cols)]
        source = f"def row(data, version):\n    return ({', '.join(parts)},)\n"
        namespace = dict(_FAST_HELPERS)
        exec(compile(source, f"<sync fast row {table}>", "exec"), namespace)
        found = _fast_rows[table] = namespace["row"]
    return found


def _storage_row(change: ChangeEntry) -> tuple[Any, ...]:
    """A pulled row as the tuple of its stored column values (table order, ``version``
    second); checks every value as ``decode_value`` does."""
    data = change.data
    if data is not None:
        try:
            return _fast_row_function(change.table)(data, change.version)
        except Exception:  # not canonical (or wrong): the checked path decides
            pass
    return _storage_row_checked(change)


_upserts: dict[str, str] = {}


def _upsert_sql(table: str) -> str:
    """INSERT … ON CONFLICT DO UPDATE for ``table``, never moving a row back in version."""
    found = _upserts.get(table)
    if found is None:
        names = [c.name for c in synced[table].columns]
        expected = ["id", "version", "updated_at", "updated_by", "deleted",
                    *TABLES_BY_NAME[table].column_names]
        assert names == expected, f"{table}: replica column order differs from the wire schema"
        cols = ", ".join(f'"{n}"' for n in names)
        sets = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != "id")
        found = _upserts[table] = (
            f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" * len(names))}) '
            f'ON CONFLICT (id) DO UPDATE SET {sets} WHERE "{table}".version <= excluded.version')
    return found


_MEMBERS_SQL = (
    "INSERT INTO row_scopes (scope, table_name, row_id, stale) "
    "SELECT ?, ?, value, 0 FROM json_each(?) WHERE true "  # (WHERE: upsert after SELECT)
    "ON CONFLICT (scope, table_name, row_id) DO UPDATE SET stale = 0 WHERE stale")


def _record_members(raw: Any, members: dict[tuple[str, str], list[str]]) -> None:
    """Note that each scope holds these rows of a table (stored ids; no longer stale).

    One statement per scope and table, the ids passed as one JSON array: a first sync
    notes 10,000 memberships, and an executemany spent most of its time on each row's
    round through the driver (3-4x slower for a 10,000-row page). In id order, as the
    rows themselves: the key's B-tree then grows at a few places.
    """
    for (scope, table), ids in sorted(members.items()):
        ids.sort()
        raw.execute(_MEMBERS_SQL, (scope, table, orjson.dumps(ids).decode()))


def _delete_orphans(conn: Connection, keys: Iterable[RowKey]) -> None:
    """Delete rows no scope holds any more, unless they carry unsent local edits."""
    by_table: dict[str, set[uuid.UUID]] = {}
    for table, row_id in keys:
        by_table.setdefault(table, set()).add(row_id)
    if not by_table:
        return
    pending = ob.rows_with_entries(conn)
    for table, ids in by_table.items():
        t = synced[table]
        candidates = [i for i in ids if (table, i) not in pending]
        for i in range(0, len(candidates), _CHUNK):
            chunk = candidates[i : i + _CHUNK]
            held = sa.select(row_scopes.c.row_id).where(row_scopes.c.table_name == table)
            conn.execute(sa.delete(t).where(t.c.id.in_(chunk), t.c.id.not_in(held)))


def _scope_rows(conn: Connection, scope: str, *, stale_only: bool = False) -> list[RowKey]:
    q = sa.select(row_scopes.c.table_name, row_scopes.c.row_id).where(row_scopes.c.scope == scope)
    if stale_only:
        q = q.where(row_scopes.c.stale)
    return [(str(t), uuid.UUID(str(r))) for t, r in conn.execute(q)]


def _purge_scope(conn: Connection, scope: str) -> None:
    """The user no longer sees this scope: forget it and every row only it held."""
    keys = _scope_rows(conn, scope)
    conn.execute(sa.delete(row_scopes).where(row_scopes.c.scope == scope))
    conn.execute(sa.delete(cursors).where(cursors.c.scope == scope))
    _delete_orphans(conn, keys)


def _start_resync(conn: Connection, scope: str, *, forget_cursor: bool) -> None:
    """Mark: every row of the scope is stale until the download from zero sends it again."""
    conn.execute(sa.update(row_scopes).where(row_scopes.c.scope == scope).values(stale=True))
    values: dict[str, Any] = {"resyncing": True}
    if forget_cursor:
        values["cursor"] = None
    stmt = sqlite_insert(cursors).values(scope=scope, cursor=None, resyncing=True)
    conn.execute(stmt.on_conflict_do_update(index_elements=["scope"], set_=values))


def _sweep_scope(conn: Connection, scope: str) -> None:
    """Sweep: the scope's download from zero is complete; drop what it did not resend."""
    keys = _scope_rows(conn, scope, stale_only=True)
    conn.execute(sa.delete(row_scopes).where(row_scopes.c.scope == scope, row_scopes.c.stale))
    _delete_orphans(conn, keys)
    conn.execute(sa.update(cursors).where(cursors.c.scope == scope).values(resyncing=False))


def _scope_has_pending(conn: Connection, scope: str,
                       pending: set[tuple[str, uuid.UUID]] | None = None) -> bool:
    if pending is None:
        pending = ob.rows_with_entries(conn)
    if not pending:
        return False
    return any(key in pending for key in _scope_rows(conn, scope))
