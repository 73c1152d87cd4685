"""`fieldrep-server rules import|export FILE` and `fieldrep-server regrade [--dry-run]`.

A rules file is JSON or YAML (by its extension): one rule, or ``rules: [...]``, each
with a ``kind`` (``grading_rule``, ``frequency_rule`` with an ``effective_from`` date;
``evaluation_template`` with its ``code``, ``template_kind`` and competencies).
A bad file is refused whole, naming the field and the reason; nothing is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from domain.grading import GRADES


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("rules", parents=[common],
                       help="import or export grading/frequency rules and evaluation templates",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=("import", "export"))
    p.add_argument("file", type=Path, help="a .json, .yaml or .yml file")
    p.set_defaults(func=cmd_rules)
    p = sub.add_parser("regrade", parents=[common],
                       help="recompute doctors' grades with the grading rule in force")
    p.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    p.set_defaults(func=cmd_regrade)


def cmd_rules(args: argparse.Namespace) -> int:
    from server.db import open_engine
    from server.errors import ServiceError
    from server.rules.service import export_rules, import_rules, read_rule_file, write_rule_file

    engine = open_engine(args)
    if args.action == "export":
        with engine.connect() as conn:
            data = export_rules(conn)
        write_rule_file(data, args.file)
        print(f"exported {len(data['rules'])} rule(s) to {args.file}")
        return 0
    from server.imports.runs import recorded_run

    with recorded_run(engine, "rules", args.file, "fieldrep-server rules import") as note:
        try:
            rules = read_rule_file(args.file)
        except ServiceError as exc:
            print(f"fieldrep-server rules import: {args.file}: refused: {exc.message}")
            note.status, note.message = "refused", exc.message
            return 1
        with engine.begin() as conn:
            report = import_rules(conn, rules)
        note.counts(created=len(report.added), unchanged=len(report.unchanged))
        note.outcome(written=True)
    for kind, version in report.added:
        print(f"{kind}: version {version} added")
    for kind in report.unchanged:
        print(f"{kind}: unchanged (the newest version is the same)")
    if report.added:
        print("run `fieldrep-server regrade` to apply a new grading rule to the doctors")
    return 0


def cmd_regrade(args: argparse.Namespace) -> int:
    from server.db import open_engine
    from server.rules.service import UNGRADED, regrade

    engine = open_engine(args)
    with engine.begin() as conn:
        report = regrade(conn, dry_run=args.dry_run)
    print(f"{report.doctors:,} doctors, {report.changed:,} "
          f"{'would change' if args.dry_run else 'changed'}")
    print(f"{'grade':<6}{'before':>10}{'after':>10}")
    for grade in (*GRADES, UNGRADED):
        if report.before[grade] or report.after[grade]:
            print(f"{grade:<6}{report.before[grade]:>10,}{report.after[grade]:>10,}")
    return 0
