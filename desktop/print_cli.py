"""``fieldrep print …``: the app's prints from the command line, offline, from the replica.

    fieldrep print visit-summary --period day|week|month --date 2026-12-03 [--rep rep002] --out m.pdf
    fieldrep print doctor-history --doctor ID --out h.pdf
    fieldrep print visit --id ID --out v.pdf
    fieldrep print team-summary --period month --date 2026-12-03 --out t.pdf   (managers)
    fieldrep print weekly-report --date 2026-12-03 [--rep rep002] --out w.pdf
    fieldrep print day-plan --date 2026-12-03 --out d.pdf
    fieldrep print evaluation --id ID --out e.pdf
    fieldrep print field-days --date 2026-12-03 [--manager dm002] --out f.pdf   (DM, RM)

The replica is opened as ``fieldrep export`` opens it (``--server``/``--username``,
the keyring or ``--password-stdin``, ``--data-dir``); with one replica in the data
folder the two may be left out. The signed-in user of the replica prints their own
visits and, as a manager, their reps' (``--rep``). ``--language`` is ``zh_CN`` or
``en`` (default: the system's); ``--printed-at`` fixes the printed date (ISO), so a
rerun gives the same bytes (it is also the "today" that decides which planned visits
were missed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import locale
import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import Engine

from desktop import printing_data as pd
from desktop.printing import CHINESE, ENGLISH, LANGUAGES

OpenReplica = Callable[[], Engine]


def add_parser(sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``print`` and its documents to the ``fieldrep`` parser; ``common`` adds the
    replica options (--server, --username, --password-stdin, --data-dir)."""
    printer = sub.add_parser("print", help="print a visit summary, a visit or a doctor's history to PDF")
    docs = printer.add_subparsers(dest="document", required=True)

    def document(name: str, help_text: str) -> argparse.ArgumentParser:
        p = docs.add_parser(name, help=help_text)
        p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
        p.add_argument("--language", choices=LANGUAGES, default=None,
                       help="zh_CN or en (default: the system's language)")
        p.add_argument("--printed-at", type=dt.datetime.fromisoformat, default=None,
                       help="the printed date and time (ISO; default: now): same input, same bytes")
        common(p)
        return p

    def period(p: argparse.ArgumentParser) -> None:
        p.add_argument("--period", choices=pd.PERIODS, required=True)
        p.add_argument("--date", type=dt.date.fromisoformat, default=None,
                       help="a day in the period (YYYY-MM-DD; default: today)")

    p = document("visit-summary", "visits of a day, week or month")
    period(p)
    p.add_argument("--rep", help="a rep of your team (username); default: yourself")
    p.add_argument("--exclude-drafts", action="store_true",
                   help="leave drafts out (by default they are listed, marked, never counted)")
    p = document("team-summary", "per rep of your team: visits, quality, attainment (managers)")
    period(p)
    for name, help_text in (("weekly-report", "the week's plan against what was done (周报)"),
                            ("day-plan", "a day's route: stops in order, addresses, a sketch map")):
        p = document(name, help_text)
        p.add_argument("--date", type=dt.date.fromisoformat, default=None,
                       help="a day of the week / the day (YYYY-MM-DD; default: today)")
        p.add_argument("--rep", help="a rep of your team (username); default: yourself")
    p = document("field-days", "a district manager's field days of a week (DM: their own; "
                               "RM: --manager)")
    p.add_argument("--date", type=dt.date.fromisoformat, default=None,
                   help="a day of the week (YYYY-MM-DD; default: today)")
    p.add_argument("--manager", help="one of your district managers (username; RMs); "
                                     "default: yourself")
    document("doctor-history", "every visit to one doctor").add_argument("--doctor", required=True,
                                                                         help="the doctor's id")
    document("visit", "one visit with its review thread").add_argument("--id", required=True,
                                                                       help="the visit's id")
    document("evaluation", "an evaluation form with signature lines").add_argument(
        "--id", required=True, help="the evaluation's id")


def default_language() -> str:
    code = os.environ.get("LC_ALL") or os.environ.get("LANG") or (locale.getlocale()[0] or "")
    return CHINESE if code.lower().startswith("zh") else ENGLISH


def run(args: argparse.Namespace, open_replica: OpenReplica) -> int:
    """Make the print ``args`` asks for; raises ``PrintRefused``/``ValueError`` with a
    message for the user (``fieldrep`` prints it on one line)."""
    language = args.language or default_language()
    engine = open_replica()
    try:
        calendar = pd.company_calendar_of(engine)
        printed_at = args.printed_at or dt.datetime.now(dt.UTC)
        if printed_at.tzinfo is None:  # a wall-clock time of the company's zone
            printed_at = printed_at.replace(tzinfo=calendar.zone)
        day = getattr(args, "date", None) or calendar.today()  # not every print has a date
        if args.document == "visit-summary":
            result = pd.print_visit_summary(engine, args.period, day, language,
                                            printed_at, rep=args.rep, include_drafts=not args.exclude_drafts)
        elif args.document == "team-summary":
            result = pd.print_team_summary(engine, args.period, day, language,
                                           printed_at)
        elif args.document == "weekly-report":
            result = pd.print_weekly_report(engine, day, language, printed_at,
                                            rep=args.rep)
        elif args.document == "day-plan":
            result = pd.print_day_plan(engine, day, language, printed_at,
                                       rep=args.rep)
        elif args.document == "field-days":
            result = pd.print_field_days(engine, day, language,
                                         printed_at, manager=args.manager)
        elif args.document == "evaluation":
            result = pd.print_evaluation(engine, args.id, language, printed_at)
        elif args.document == "doctor-history":
            result = pd.print_doctor_history(engine, args.doctor, language, printed_at)
        else:
            result = pd.print_visit(engine, args.id, language, printed_at)
    finally:
        engine.dispose()
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(result.pdf)
    print(f"wrote {out} ({len(result.pdf) // 1024 + 1} KB)")
    return 0
