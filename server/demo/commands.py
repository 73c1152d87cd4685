"""`fieldrep-server seed-demo`: deterministic demo data (registered by server.cli)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from server.db import open_engine
from server.demo.scale import SCALES
from server.demo.seed import DEMO_PASSWORD, seed_demo
from server.migrate import upgrade


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add this package's subcommands to ``fieldrep-server``."""
    p = sub.add_parser("seed-demo", parents=[common],
                       help="fill an empty database with demo data (password 'fieldrep')")
    p.add_argument("--scale", choices=sorted(SCALES), default="small")
    p.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None,
                   help="anchor date YYYY-MM-DD for the six months of history (default: today)")
    p.set_defaults(func=cmd_seed_demo)


def cmd_seed_demo(args: argparse.Namespace) -> int:
    engine = open_engine(args)
    upgrade(engine)
    report = seed_demo(engine, args.scale, seed=args.seed, today=args.today)
    print(f"seeded scale {report.scale} (seed {report.seed}, today {report.today}) "
          f"in {report.seconds:.1f} s")
    width = max(len(t) for t in report.counts)
    for table, n in report.counts.items():
        print(f"  {table:<{width}}  {n:>10,}")
    print(f"  {'sync_feed':<{width}}  {report.feed_entries:>10,}")
    print(f"sign in as {', '.join(report.sign_ins)} … (password: {DEMO_PASSWORD})")
    return 0
