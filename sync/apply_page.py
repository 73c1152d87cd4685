"""Page application: one pulled page written into the replica.

``apply_page`` stores a page's rows, scope memberships, removals, deletions and cursors
in the caller's transaction (the engine's one transaction per page), sweeps scopes
whose download from zero completed, keeps the doctor search index current and checks
the page's checksums. Rows are keyed by id and never moved back to an older version,
so applying a page twice is harmless. The scope bookkeeping (purge, resync, sweep)
lives here too: it is what a page asks of the replica.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from local_store import outbox as ob
from local_store import quarantine
from local_store.read import search as search_index
from local_store.replica import cursors, row_scopes, synced
from local_store.state import LAST_SERVER_TIME, LAST_SYNC_AT, dbapi, get_state, set_state, utcnow
from local_store.visit_rules import note_server_time
from sync.client import SyncStateError
from sync.pull_pages import PulledPage
from sync.row_codecs import UnstorableRow, storage_row
from sync.scope_checks import plan_page, verify_page
from wire.in_lists import in_chunks
from wire.protocol import Op
from wire.schema import BASE_COLUMNS, TABLES_BY_NAME

RowKey = tuple[str, uuid.UUID]
# Set (in sync_state) while a first download defers the doctor search index: it is
# rebuilt once after the last page, and again by the next sync if this one stopped
# half way (so a killed first sync never leaves doctors out of the search).
SEARCH_REBUILD_PENDING = "search_rebuild_pending"


@dataclass(frozen=True, slots=True)
class AppliedPage:
    """What applying a page tells the engine."""

    mismatched: list[str]  # scopes whose checksum disagrees
    sync_time_stored: bool  # the last page, nothing pending: LAST_SYNC_AT written with it
    quarantined: list[str]  # rows set aside (``local_store.quarantine``), described


def apply_page(conn: Connection, response: PulledPage, *, defer_search: bool) -> AppliedPage:
    """Apply one page and its cursors in the caller's transaction.

    ``defer_search``: a first download marks the doctor search index for one rebuild
    after its last page instead of updating it page by page.
    """
    pending = ob.rows_with_entries(conn)
    plan = plan_page(conn, response, pending)
    raw = dbapi(conn)
    stored = {str(s): c for s, c in raw.execute("SELECT scope, cursor FROM cursors")}
    local_scopes = set(stored)
    for scope in sorted(set(response.dropped_scopes) | (local_scopes - set(response.scopes))):
        _purge_scope(conn, scope)
    for scope in response.resync_required:
        start_resync(conn, scope, forget_cursor=False)

    # Rows by id as stored (32 hex digits): a first sync's page is thousands of
    # upserts, and a UUID object per row is needless work unless edits are pending.
    upserts: dict[str, dict[str, tuple[Any, ...]]] = {}
    members: dict[tuple[str, str], list[str]] = {}  # (scope, table): stored ids
    member_key: tuple[str, str] | None = None
    member_ids: list[str] = []
    removes: list[tuple[str, str, uuid.UUID]] = []
    deletes: list[RowKey] = []
    unstorable: list[UnstorableRow] = []
    for change in response.changes:
        if change.table not in synced:
            continue  # a table this client version does not know yet
        if change.op is Op.UPSERT:
            row: tuple[Any, ...] | None
            try:
                row = storage_row(change)
            except UnstorableRow as exc:  # set aside below; still a member of its scope
                unstorable.append(exc)
                row = None
            hex_id = _change_row_id(change, None) if row is None else row[0]  # id as stored
            if row is not None and (change.data is None or change.data.get("id") != change.id):
                hex_id = _change_row_id(change, hex_id)
            key = (change.scope, change.table)
            if key != member_key:  # (a page comes in runs of one scope and table)
                member_key = key
                member_ids = members.setdefault(key, [])
            member_ids.append(hex_id)
            if row is None:
                continue
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
    quarantined = _quarantine(conn, unstorable, upserts, removes, deletes)
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
    sync_time_stored = False
    if not response.has_more and not pending:
        # The last page with nothing left to send: the sync's time goes in with it
        # (one transaction less; ``SyncEngine.run`` writes it only if more was pushed after).
        set_state(conn, LAST_SYNC_AT, utcnow().isoformat())
        sync_time_stored = True
    # Anchor the trusted clock (visit submits) to this server time, same transaction.
    note_server_time(conn, response.server_time)

    complete = set(response.checksums) | (set() if response.has_more else set(response.scopes))
    resyncing = {str(s) for (s,) in raw.execute("SELECT scope FROM cursors WHERE resyncing")}
    for scope in sorted(complete & resyncing):
        _sweep_scope(conn, scope)

    # The local doctor search index follows the page, in the same transaction
    # (a first download marks it for one rebuild after its last page instead).
    if defer_search:
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
    mismatched = verify_page(conn, response, plan,
                             lambda c, scope: _scope_has_pending(c, scope, pending))
    return AppliedPage(mismatched, sync_time_stored, quarantined)


def _quarantine(conn: Connection, unstorable: list[UnstorableRow],
                upserts: dict[str, dict[str, tuple[Any, ...]]],
                removes: list[tuple[str, str, uuid.UUID]], deletes: list[RowKey]) -> list[str]:
    """Set the unstorable rows aside and release those that were stored or went now.
    The quarantine is read only when a page brings an unstorable row, or brings rows
    that may release one (an empty page, every no-op sync's, reads nothing)."""
    if not unstorable and (not (upserts or removes or deletes)
                           or not quarantine.any_quarantined(conn)):
        return []
    quarantine.release(conn, [
        *((t, uuid.UUID(h)) for t, rows in upserts.items() for h in rows),
        *((t, r) for _s, t, r in removes), *deletes])
    described = []
    for exc in unstorable:
        change = exc.change
        quarantine.quarantine(conn, change.table, uuid.UUID(change.id), change.version,
                              exc.reason, change.data)
        described.append(f"{change.table} {change.id}: {exc.reason}")
    return described


def _change_row_id(change: Any, stored_id: str | None) -> str:
    """The stored form of ``change.id`` when it is not the row's own ``id`` text (an
    unusual spelling of the same UUID is fine; another row's id is refused). With
    ``stored_id`` None (a row that could not be decoded), just the stored form."""
    try:
        hex_id = uuid.UUID(change.id).hex
    except (ValueError, TypeError, AttributeError) as exc:
        raise SyncStateError(f"the server sent a change with a bad row id ({change.id!r}); "
                             "update FieldRep or contact support") from exc
    if stored_id is not None and hex_id != stored_id:
        raise SyncStateError(f"the server sent a {change.table} change whose id differs from "
                             "its row's; update FieldRep or contact support")
    return hex_id


_upserts: dict[str, str] = {}


def _upsert_sql(table: str) -> str:
    """INSERT … ON CONFLICT DO UPDATE for ``table``, never moving a row back in version."""
    found = _upserts.get(table)
    if found is None:
        names = [c.name for c in synced[table].columns]
        expected = [*BASE_COLUMNS, *TABLES_BY_NAME[table].column_names]
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
        for chunk in in_chunks(candidates):
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


def start_resync(conn: Connection, scope: str, *, forget_cursor: bool) -> None:
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
