"""Pull: the changes of each subscribed scope after the client's cursor, in pages.

Feed sequence order is commit order (see feed.py), so reading ``seq > cursor`` up to
a high-water mark read first never skips a committed change, and a row changed while
a client pages moves to a higher sequence and is met again later: paging a scope
from 0 is a consistent snapshot without any snapshot machinery. The high-water mark
bounds every query, so a page never includes a change committed after it was read.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.api.deps import Principal
from server.auth.scoping import subscribed_scopes
from server.sync.cursors import START, CursorCodec, InvalidCursor, Position
from server.sync.feed import current_seq, utcnow
from server.sync.tombstones import PURGED_THROUGH_KEY
from server.sync.versioning import check_protocol
from server.tables import server_state, sync_feed, sync_scope_stats, synced
from sync.checksum import from_signed64
from sync.protocol import (
    PROTOCOL_VERSION,
    ChangeEntry,
    Op,
    PullRequest,
    PullResponse,
    ScopeChecksum,
)
from sync.schema import TABLES_BY_NAME, encode_row


@dataclass(frozen=True, slots=True)
class FeedEntry:
    scope: str
    table: str
    row_id: uuid.UUID
    seq: int
    version: int
    op: str


def server_values(conn: Connection, *keys: str) -> dict[str, str]:
    """Several server_state values in one query."""
    q = sa.select(server_state.c.key, server_state.c.value).where(server_state.c.key.in_(keys))
    return {k: v for k, v in conn.execute(q)}


def scope_order(scopes: list[str]) -> list[str]:
    """Stable order: global first, then user scopes, then territories, by name."""
    rank = {"global": 0, "user": 1}
    return sorted(set(scopes), key=lambda s: (rank.get(s.split(":", 1)[0], 2), s))


def pull_changes(conn: Connection, principal: Principal, request: PullRequest) -> PullResponse:
    """Answer one pull page for ``principal`` (read-only; run it in one snapshot).

    Exact checksums need the reads to share a snapshot: the HTTP view runs this in a
    REPEATABLE READ transaction on PostgreSQL. Under READ COMMITTED it still never
    skips a change; it only leaves out checksums a concurrent publish could skew.
    """
    check_protocol(request.protocol)
    high = current_seq(conn)
    state = server_values(conn, "epoch", PURGED_THROUGH_KEY)
    codec = CursorCodec(state["epoch"])
    purged = int(state.get(PURGED_THROUGH_KEY, 0))
    scopes = scope_order(subscribed_scopes(conn, principal))
    subscribed = set(scopes)
    dropped = sorted(s for s in request.cursors if s not in subscribed)

    resync: list[str] = []
    starts: dict[str, Position] = {}
    for scope in scopes:
        try:
            pos = codec.decode(scope, request.cursors.get(scope))
        except InvalidCursor:
            pos, stale = START, True
        else:
            missed_purge = pos.seq < purged and purged > pos.skip_tombstones_through
            stale = missed_purge or pos.seq > high
        if stale:
            resync.append(scope)
            pos = START
        if pos.is_start:
            pos = Position(0, skip_tombstones_through=high)
        starts[scope] = pos

    remaining = request.limit
    entries: list[FeedEntry] = []
    cursors: dict[str, str] = {}
    complete: list[str] = []
    has_more = False
    for scope in scopes:
        pos = starts[scope]
        page = _feed_page(conn, scope, pos, high, remaining) if pos.seq < high else []
        if len(page) > remaining:
            has_more = True
            page = page[:remaining]
            last = page[-1].seq if page else pos.seq
            cursors[scope] = codec.encode(scope, Position(last, pos.skip_tombstones_through))
        else:
            cursors[scope] = codec.encode(scope, Position(high))
            complete.append(scope)
        remaining -= len(page)
        entries.extend(page)

    changes = _with_row_data(conn, entries)
    checksums = _checksums(conn, complete, high)
    return PullResponse(
        protocol=PROTOCOL_VERSION, server_time=utcnow().isoformat(), scopes=scopes,
        changes=changes, cursors=cursors, has_more=has_more, checksums=checksums,
        resync_required=resync, dropped_scopes=dropped,
    )


def _feed_page(conn: Connection, scope: str, pos: Position, high: int,
               remaining: int) -> list[FeedEntry]:
    """Up to ``remaining + 1`` entries after ``pos`` (the extra one says "more")."""
    f = sync_feed.c
    q = (sa.select(f.table_name, f.row_id, f.seq, f.version, f.op)
         .where(f.scope == scope, f.seq > pos.seq, f.seq <= high)
         .order_by(f.seq).limit(remaining + 1))
    if pos.skip_tombstones_through:  # initial download: nothing to delete on the replica
        q = q.where(sa.or_(f.op == Op.UPSERT.value, f.seq > pos.skip_tombstones_through))
    return [FeedEntry(scope, t, rid, int(seq), int(v), op) for t, rid, seq, v, op in conn.execute(q)]


def _with_row_data(conn: Connection, entries: list[FeedEntry]) -> list[ChangeEntry]:
    """Attach each upsert's row: one join per (scope, table) over the page's sequence
    range, through the (scope, seq) index — never one query per row, and no long
    IN lists to bind."""
    ranges: dict[str, tuple[int, int]] = {}
    tables: dict[str, set[str]] = {}
    for e in entries:
        if e.op == Op.UPSERT.value:
            lo, hi = ranges.get(e.scope, (e.seq, e.seq))
            ranges[e.scope] = (min(lo, e.seq), max(hi, e.seq))
            tables.setdefault(e.scope, set()).add(e.table)
    rows: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
    f = sync_feed.c
    for scope, (lo, hi) in ranges.items():
        for table in sorted(tables[scope]):
            t, spec = synced[table], TABLES_BY_NAME[table]
            q = (sa.select(t).join(sync_feed, f.row_id == t.c.id)
                 .where(f.scope == scope, f.table_name == table, f.seq >= lo, f.seq <= hi,
                        f.op == Op.UPSERT.value))
            for row in conn.execute(q).mappings():
                rows[(table, row["id"])] = encode_row(spec, row)
    out: list[ChangeEntry] = []
    for e in entries:
        data = rows.get((e.table, e.row_id)) if e.op == Op.UPSERT.value else None
        op, version = Op(e.op), e.version
        if e.op == Op.UPSERT.value:
            if data is None or data["deleted"]:  # only under READ COMMITTED races
                op, data = Op.DELETE, None
            else:
                version = int(data["version"])
        out.append(ChangeEntry(scope=e.scope, table=e.table, id=str(e.row_id), op=op,
                               version=version, data=data))
    return out


def _checksums(conn: Connection, scopes: list[str], high: int) -> dict[str, ScopeChecksum]:
    """Stats of the scopes the client has now fully caught up on (one indexed read).

    Left out if a publish committed since ``high`` was read (possible only outside a
    snapshot), because the stats would then describe a newer state than the page.
    """
    if not scopes:
        return {}
    st = sync_scope_stats.c
    found = {
        scope: ScopeChecksum(count=int(count), sum=str(from_signed64(int(total))))
        for scope, count, total in conn.execute(
            sa.select(st.scope, st.live_count, st.hash_sum).where(st.scope.in_(scopes)))
    }
    if current_seq(conn) != high:
        return {}
    return {s: found.get(s, ScopeChecksum(count=0, sum="0")) for s in scopes}
