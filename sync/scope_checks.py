"""Per-scope checksum checks that cost O(changes), not O(replica), on a routine sync.

Every pull answer carries the server's (count, hash sum) for each scope the client
has caught up on. Recomputing the replica's side means hashing every row of the
scope (tens of thousands for a manager), which would dominate a no-op sync. So the
engine remembers, per scope, the local checksum it last verified, together with a
cheap *fingerprint* of the replica (row counts of every synced table and of
``row_scopes``, one query). On the next page:

- if the fingerprint is unchanged (nothing wrote to the replica behind the engine's
  back) and the page only upserted rows into the scope, the new local checksum is
  the remembered one plus the page's delta (old row hash out, new one in);
- otherwise, or if that estimate disagrees with the server, the scope is hashed in
  full, exactly as before. A mismatch is therefore only ever declared on a full
  recount: the shortcut can skip work, never invent a resync.

Limitation (documented in docs/sync-protocol.md terms): damage that keeps every
table's row count (a row's version edited by hand) is caught only once the scope's
server checksum changes or the replica's counts do.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store import quarantine
from local_store.replica import row_scopes, synced
from local_store.state import dbapi, set_state
from sync.pull_pages import PulledPage
from wire.checksum import MASK64, ScopeSum, canonical_row_hash
from wire.in_lists import in_chunks
from wire.protocol import Op
from wire.rows import plain_rows

CACHE_PREFIX = "verified_checksum:"

_FINGERPRINT_SQL = "SELECT " + ", ".join(
    [f'(SELECT count(*) FROM "{name}")' for name in sorted(synced)]
    + ['(SELECT count(*) FROM "row_scopes")'])


def fingerprint(conn: Connection) -> str:
    """Row counts of every synced table and of row_scopes: changes when rows come or go."""
    row = dbapi(conn).execute(_FINGERPRINT_SQL).fetchone()
    return ",".join(str(v) for v in row)


@dataclass(slots=True)
class PagePlan:
    """What the engine knows before applying a page, to check checksums after it."""

    fingerprint: str
    cache: dict[str, dict[str, Any]]
    deltas: dict[str, ScopeSum] = field(default_factory=dict)
    untracked: set[str] = field(default_factory=set)  # scopes changed beyond plain upserts
    all_untracked: bool = False


def load_cache(conn: Connection) -> dict[str, dict[str, Any]]:
    # (a key range rather than LIKE: the primary key index answers it)
    rows = dbapi(conn).execute("SELECT key, value FROM sync_state WHERE key >= ? AND key < ?",
                               (CACHE_PREFIX, CACHE_PREFIX[:-1] + chr(ord(CACHE_PREFIX[-1]) + 1)))
    return {str(k)[len(CACHE_PREFIX):]: json.loads(v) for k, v in rows if v}


def _fresh_scopes(conn: Connection, scopes: set[str]) -> set[str]:
    """Of ``scopes``, those the replica holds no row of (a first download's start)."""
    raw = dbapi(conn)
    return {s for s in scopes if raw.execute(
        "SELECT 1 FROM row_scopes WHERE scope = ? LIMIT 1", (s,)).fetchone() is None}


def plan_page(conn: Connection, response: PulledPage,
              pending: set[tuple[str, uuid.UUID]]) -> PagePlan:
    """Read (before applying) what the page's upserts replace, for scopes with a cache.

    A scope the replica holds nothing of yet starts from an empty checksum, so a first
    download is checked by adding up its pages instead of re-reading every row at the
    end; such rows need no lookup either (nothing of the scope is stored to replace).
    """
    plan = PagePlan(fingerprint(conn), load_cache(conn))
    plan.untracked = set(response.resync_required) | set(response.dropped_scopes)
    # The page's changes by scope, in page order (a page comes in runs of one scope).
    by_scope: dict[str, list[Any]] = {}
    last_scope: str | None = None
    group: list[Any] = []
    upsert = Op.UPSERT
    for c in response.changes:
        if c.op is not upsert:
            plan.all_untracked = True
            return plan
        if c.scope != last_scope:
            last_scope = c.scope
            group = by_scope.setdefault(last_scope, [])
        group.append(c)
    page_scopes = (set(by_scope) | set(response.checksums)) - plan.untracked
    fresh = _fresh_scopes(conn, page_scopes - set(plan.cache))
    for scope in fresh:
        plan.cache[scope] = {"count": 0, "sum": "0", "fp": plan.fingerprint}
    tracked: dict[str, list[Any]] = {}
    for scope, changes in by_scope.items():
        if (scope not in plan.cache or scope in plan.untracked
                or any(c.table not in synced for c in changes)
                or (pending and any((c.table, uuid.UUID(c.id)) in pending for c in changes))):
            plan.untracked.add(scope)  # (a row with unsent edits: not comparable now)
        else:
            tracked[scope] = changes
    wanted: dict[str, list[str]] = {}  # table: ids as stored (32 hex digits)
    for scope, changes in tracked.items():
        if scope not in fresh:
            for c in changes:
                wanted.setdefault(c.table, []).append(c.id.replace("-", "").lower())
    old: dict[tuple[str, str], int] = {}  # live rows: version
    members: set[tuple[str, str, str]] = set()
    raw = dbapi(conn)
    for table, ids in wanted.items():
        for chunk_ids in in_chunks(ids):
            # Driver SQL with the ids as stored: Core would build and type-process one
            # bound UUID per id, several ms for a 100-row page.
            chunk = tuple(chunk_ids)
            marks = ", ".join("?" * len(chunk))
            for rid, version, deleted in raw.execute(
                    f'SELECT id, version, deleted FROM "{table}" WHERE id IN ({marks})', chunk):
                if not deleted:
                    old[(table, str(rid))] = int(version)
            members.update((str(s), table, str(r)) for s, r in raw.execute(
                f"SELECT scope, row_id FROM row_scopes WHERE table_name = ? AND row_id IN ({marks})",
                (table, *chunk)))
    counts: dict[str, int] = {}
    sums: dict[str, int] = {}
    seen: dict[tuple[str, str, str], int] = {}  # (scope, table, id): version added
    for scope, changes in tracked.items():
        if scope in fresh:
            # A fresh scope's rows (a first download) replace nothing: when each comes
            # once, in canonical spelling, their sum is one pass of hashes.
            ids = [c.id for c in changes]
            if len(set(ids)) == len(ids) and all(len(i) == 36 and i.islower() for i in ids):
                sums[scope] = sum(canonical_row_hash(c.id, c.version) for c in changes)
                counts[scope] = len(changes)
                continue
        total = 0
        count = 0
        for c in changes:
            row_id = c.id if len(c.id) == 36 and c.id.islower() else str(uuid.UUID(c.id))
            key = (scope, c.table, row_id)
            earlier = seen.get(key)
            if earlier is not None:  # the same row twice in one page: the later one counts
                total -= canonical_row_hash(row_id, earlier)
                count -= 1
            elif scope not in fresh:
                stored = row_id.replace("-", "")
                before = old.get((c.table, stored))
                if before is not None and (scope, c.table, stored) in members:
                    total -= canonical_row_hash(row_id, before)
                    count -= 1
            total += canonical_row_hash(row_id, c.version)
            count += 1
            seen[key] = c.version
        sums[scope] = total
        counts[scope] = count
    for scope, count in counts.items():
        plan.deltas[scope] = ScopeSum(count, sums[scope] & MASK64)
    return plan


def full_checksum(conn: Connection, scope: str) -> ScopeSum:
    """Count and hash sum of the live rows the replica holds for ``scope`` (reads them all)."""
    count, total = 0, 0
    tables = [str(t) for (t,) in conn.execute(
        sa.select(row_scopes.c.table_name).where(row_scopes.c.scope == scope).distinct())]
    # A quarantined row counts at the version the server sent (it is held, set aside).
    held_aside = quarantine.scope_versions(conn, scope)
    for table in tables:
        if table not in synced:
            continue
        sql = (f'SELECT t.id, t.version FROM "{table}" AS t JOIN row_scopes AS rs '
               "ON rs.row_id = t.id AND rs.table_name = ? AND rs.scope = ? WHERE NOT t.deleted")
        for hex_id, version in plain_rows(conn.exec_driver_sql(sql, (table, scope))):
            h = str(hex_id).replace("-", "").lower()
            if held_aside:
                version = held_aside.pop((table, h), version)
            total += canonical_row_hash(_dashed(h), int(version))
            count += 1
    for (_table, h), version in held_aside.items():
        total += canonical_row_hash(_dashed(h), version)
        count += 1
    return ScopeSum(count, total & MASK64)


def _dashed(h: str) -> str:
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _store(conn: Connection, scope: str, value: dict[str, Any] | None) -> None:
    key = CACHE_PREFIX + scope
    if value is None:
        dbapi(conn).execute("DELETE FROM sync_state WHERE key = ?", (key,))
        return
    set_state(conn, key, json.dumps(value, separators=(",", ":")))


def verify_page(conn: Connection, response: PulledPage, plan: PagePlan,
                has_pending: Any) -> list[str]:
    """After applying the page: scopes whose checksum disagrees (by a full recount).

    ``has_pending(conn, scope)`` says the scope holds rows with unsent local edits:
    such scopes cannot be compared this time (and lose their remembered checksum).
    """
    after = fingerprint(conn)
    mismatched: list[str] = []
    for scope, expected in response.checksums.items():
        entry = plan.cache.get(scope)
        if has_pending(conn, scope):
            if entry is not None:
                _store(conn, scope, None)
            continue
        local: ScopeSum | None = None
        if (entry is not None and entry.get("fp") == plan.fingerprint
                and not plan.all_untracked and scope not in plan.untracked):
            local = ScopeSum(int(entry["count"]), int(entry["sum"])).combine(
                plan.deltas.get(scope, ScopeSum()))
        if local is None or not local.matches(expected.count, expected.sum):
            local = full_checksum(conn, scope)
        if local.matches(expected.count, expected.sum):
            value = {"count": local.count, "sum": str(local.total), "fp": after}
            if value != entry:
                _store(conn, scope, value)
        else:
            mismatched.append(scope)
            if entry is not None:
                _store(conn, scope, None)
    for scope in {c.scope for c in response.changes} - set(response.checksums):
        entry = plan.cache.get(scope)
        if entry is None:
            continue
        if (entry.get("fp") == plan.fingerprint and not plan.all_untracked
                and scope not in plan.untracked and not has_pending(conn, scope)):
            # Changed, not verified in this page (a download still under way): keep the
            # exact running estimate; the page that brings the server's checksum
            # compares it (a disagreement is recounted in full before it counts).
            local = ScopeSum(int(entry["count"]), int(entry["sum"])).combine(
                plan.deltas.get(scope, ScopeSum()))
            _store(conn, scope, {"count": local.count, "sum": str(local.total), "fp": after})
        else:
            _store(conn, scope, None)  # changed beyond what the plan could follow: forget
    return mismatched
