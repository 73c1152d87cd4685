"""`fieldrep-server purge-tombstones`, `rebuild-sync-stats` and `audit`."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from server.config import settings_from
from server.db import open_engine
from server.sync.feed import rebuild_scope_stats, utcnow
from server.sync.tombstones import purge_tombstones, purged_through_seq


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the sync maintenance subcommands to ``fieldrep-server``."""
    p = sub.add_parser("purge-tombstones", parents=[common],
                       help="delete delete/remove feed entries older than the retention "
                            "(clients offline longer re-download the scope)")
    p.add_argument("--days", type=int, default=None,
                   help="retention in days (default: FIELDREP_TOMBSTONE_RETENTION_DAYS, 180)")
    p.set_defaults(func=cmd_purge_tombstones)
    p = sub.add_parser("rebuild-sync-stats", parents=[common],
                       help="recount the per-scope sync checksums from the change feed")
    p.set_defaults(func=cmd_rebuild_sync_stats)
    p = sub.add_parser("audit", parents=[common],
                       help="list the audit trail: accepted client writes and refused "
                            "attempts on others' rows (who, when, table, row, op, outcome)")
    p.add_argument("--user", help="only this user (username or id)")
    p.add_argument("--since", help="from this date or time on (ISO, e.g. 2026-11-20; UTC)")
    p.add_argument("--limit", type=int, default=1000, help="at most this many lines")
    p.set_defaults(func=cmd_audit)


def cmd_purge_tombstones(args: argparse.Namespace) -> int:
    days = args.days if args.days is not None else settings_from(args).tombstone_retention_days
    if days < 1:
        raise ValueError("--days must be at least 1")
    with open_engine(args).begin() as conn:
        purged = purge_tombstones(conn, utcnow() - dt.timedelta(days=days))
        mark = purged_through_seq(conn)
    print(f"purged {purged} tombstone(s) older than {days} days; "
          f"cursors below sequence {mark} will re-download their scope")
    return 0


def cmd_rebuild_sync_stats(args: argparse.Namespace) -> int:
    with open_engine(args).begin() as conn:
        scopes = rebuild_scope_stats(conn)
    print(f"recounted checksums of {scopes} scope(s)")
    return 0


def parse_since(text: str) -> dt.datetime:
    """An ISO date (midnight UTC) or datetime (UTC when it names no offset)."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--since {text!r} is not an ISO date or time "
                         "(e.g. 2026-11-20 or 2026-11-20T08:00)") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def cmd_audit(args: argparse.Namespace) -> int:
    import uuid

    import sqlalchemy as sa

    from server.db import open_engine
    from server.sync.audit import format_entries, list_audit
    from server.tables import synced

    since = parse_since(args.since) if args.since else None
    users = synced["users"]
    with open_engine(args).connect() as conn:
        user_id = None
        if args.user:
            try:
                user_id = uuid.UUID(args.user)
            except ValueError:
                user_id = conn.execute(sa.select(users.c.id).where(
                    users.c.username == args.user)).scalar()
                if user_id is None:
                    raise ValueError(f"there is no user {args.user!r}") from None
        entries = list_audit(conn, user_id=user_id, since=since, limit=args.limit)
        ids = {e.user_id for e in entries if e.user_id is not None}
        names: dict[uuid.UUID, str] = dict(conn.execute(sa.select(users.c.id, users.c.username)
                                  .where(users.c.id.in_(ids))).all()) if ids else {}
    for line in format_entries(entries, names):
        print(line)
    print(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
    return 0
