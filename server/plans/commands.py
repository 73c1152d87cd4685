"""`fieldrep-server plans settle [--date D]`: store the final done/missed outcome of the
planned visits whose day is over (``server.plans.settle``). Idempotent: run it nightly
(the demo seed runs it too)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("plans", parents=[common], help="weekly plans: settle outcomes",
                       description=__doc__)
    p.add_argument("action", choices=("settle",))
    p.add_argument("--date", type=_date, default=None,
                   help="settle planned visits dated up to this day (YYYY-MM-DD; default: "
                        "every day already over in the company calendar)")
    p.set_defaults(func=cmd_plans)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def cmd_plans(args: argparse.Namespace) -> int:
    from server.db import open_engine
    from server.plans.settle import settle_planned_visits

    engine = open_engine(args)
    with engine.begin() as conn:
        report = settle_planned_visits(conn, through=args.date)
    print(f"{report.examined:,} planned visits examined: {report.done:,} settled done, "
          f"{report.missed:,} settled missed, {report.unchanged:,} unchanged")
    return 0
