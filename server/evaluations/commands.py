"""`fieldrep-server templates import FILE` and `templates export [FILE]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the evaluation template subcommands to ``fieldrep-server``."""
    p = sub.add_parser("templates", help="evaluation templates: import or export files "
                       "of kind evaluation_template")
    actions = p.add_subparsers(dest="action", required=True)
    imp = actions.add_parser("import", parents=[common],
                             help="import templates (a used version gets a new version)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=cmd_import)
    exp = actions.add_parser("export", parents=[common], help="write the active templates")
    exp.add_argument("file", type=Path, nargs="?", help="output file (default: stdout)")
    exp.add_argument("--all-versions", action="store_true")
    exp.set_defaults(func=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from server.cli import open_engine
    from server.evaluations.templates import import_templates, parse_file

    documents = parse_file(args.file.read_text(encoding="utf-8"), name=str(args.file))
    with open_engine(args).begin() as conn:
        outcomes = import_templates(conn, documents)
    for o in outcomes:
        print(f"{o.code}: {o.action} (version {o.version})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from server.cli import open_engine
    from server.evaluations.templates import export_templates

    with open_engine(args).connect() as conn:
        doc = export_templates(conn, all_versions=args.all_versions)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if args.file is None:
        sys.stdout.write(text)
    else:
        args.file.write_text(text, encoding="utf-8")
        print(f"wrote {len(doc['templates'])} template(s) to {args.file}")
    return 0
