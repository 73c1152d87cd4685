"""`fieldrep-server purge-tombstones` and `rebuild-sync-stats`."""

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
