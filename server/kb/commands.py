"""`fieldrep-server kb import FOLDER`: publish knowledge base articles (registered by
server.cli). Conventions as for the CSV imports (docs/imports.md): exit 0 when every
article was imported, 1 when nothing was (an invalid article without --skip-invalid,
or no such folder), 2 when --skip-invalid left some out. Every problem goes to
``FOLDER.errors.csv`` beside the folder (UTF-8 with BOM, for Excel).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

from server.imports.errors import RowError
from server.imports.reports import REPORT_ENCODING, error_lines
from server.imports.runs import RunNote, recorded_run

EXIT_OK = 0
EXIT_NOTHING_IMPORTED = 1
EXIT_SOME_REJECTED = 2


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    kb = sub.add_parser("kb", help="knowledge base publishing", description=__doc__,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    p = kb_sub.add_parser("import", parents=[common],
                          help="import a folder of Markdown articles and their attachments")
    p.add_argument("folder", type=Path, help="the folder (*.md with front matter + files)")
    p.add_argument("--skip-invalid", action="store_true",
                   help="import the valid articles; report the others")
    p.set_defaults(func=cmd_kb_import)


def errors_path(folder: Path) -> Path:
    return folder.parent / f"{folder.name}.errors.csv"


def write_errors(folder: Path, errors: list[RowError]) -> Path:
    target = errors_path(folder)
    with target.open("w", encoding=REPORT_ENCODING, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["line", "column", "value", "code", "message"])
        for e in errors:
            w.writerow([e.line, e.column, e.value, e.code, e.message])
    return target


def cmd_kb_import(args: argparse.Namespace) -> int:
    from server.db import open_engine

    folder: Path = args.folder
    if not folder.is_dir():
        print(f"fieldrep-server kb import: no such folder: {folder}", file=sys.stderr)
        return EXIT_NOTHING_IMPORTED
    engine = open_engine(args)
    try:
        with recorded_run(engine, "kb", folder, "fieldrep-server kb import") as note:
            return _import(engine, folder, args.skip_invalid, note)
    finally:
        engine.dispose()


def _import(engine: Any, folder: Path, skip_invalid: bool, note: RunNote) -> int:
    from server.kb.service import import_folder

    with engine.begin() as conn:
        result = import_folder(conn, folder, skip_invalid=skip_invalid)
    note.counts(created=result.created, updated=result.updated, unchanged=result.unchanged,
                rejected=result.rejected)
    note.outcome(written=result.written)
    if result.errors:
        for line in error_lines(result.errors):
            print(line, file=sys.stderr)
        report = note.errors_file = write_errors(folder, result.errors)
        note.message = f"{len(result.errors)} problem(s); first: {result.errors[0].message}"
    else:
        errors_path(folder).unlink(missing_ok=True)
    if not result.written:
        print(f"nothing imported; full report in {report}", file=sys.stderr)
        return EXIT_NOTHING_IMPORTED
    print(result.summary())
    if result.rejected:
        print(f"{result.rejected} article(s) rejected; see {report}", file=sys.stderr)
        return EXIT_SOME_REJECTED
    return EXIT_OK
