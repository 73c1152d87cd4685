"""`fieldrep-server kpis snapshot [--period YYYY-MM|YYYY-Qn|YYYY ...]`.

Recomputes the KPI snapshots of every rep, district and region (default: the current
and the previous month of the company calendar) and writes only those whose figures
changed; a second run with no new data writes nothing. Run it after sales or targets
imports and nightly. ``FIELDREP_KPI_RANK_FOR_REPS=false`` keeps reps' own snapshots
free of their rank and the district median.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("kpis", parents=[common], help="KPI snapshots (reps, districts, regions)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=("snapshot",))
    p.add_argument("--period", action="append", metavar="PERIOD",
                   help="YYYY-MM, YYYY-Qn or YYYY (repeatable; default: this month and the last)")
    p.set_defaults(func=cmd_kpis)


def cmd_kpis(args: argparse.Namespace) -> int:
    # Imported here so that other commands start without the KPI code.
    from server.config import settings_from
    from server.db import create_engine
    from server.errors import ServiceError
    from server.kpis.periods import parse_period
    from server.kpis.snapshots import snapshot_kpis

    settings = settings_from(args)
    try:
        periods = [parse_period(p) for p in args.period or ()]
    except ServiceError as exc:
        print(f"fieldrep-server kpis snapshot: refused: {exc.message}")
        return 2
    engine = create_engine(settings.resolved_database_url())
    with engine.begin() as conn:
        report = snapshot_kpis(conn, periods, ranks_for_reps=settings.kpi_rank_for_reps)
    for label, (inserted, updated) in report.per_period.items():
        print(f"{label}: {inserted} new, {updated} changed")
    print(f"{report.subjects} snapshots computed, {report.written} written "
          f"in {report.seconds:.1f} s")
    return 0
