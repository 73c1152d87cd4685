"""`fieldrep-server import KIND FILE.csv`: admin CSV imports (registered by server.cli).

Exit codes: 0 every row imported; 1 nothing imported (invalid rows without
--skip-invalid, or the file itself refused: encoding, header); 2 with
--skip-invalid, the valid rows were imported and some rows were rejected.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from server.db import open_engine
from server.imports.formats import KINDS
from server.imports.reports import error_lines, write_errors, write_passwords, write_rejects
from server.imports.runs import RunNote, recorded_run
from server.imports.service import ImportResult, import_file

EXIT_OK = 0
EXIT_NOTHING_IMPORTED = 1
EXIT_SOME_REJECTED = 2


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``import`` to ``fieldrep-server``."""
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import a CSV file (see docs/imports.md)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", choices=KINDS, help="what the file holds")
    p.add_argument("file", type=Path, help="the CSV file (UTF-8, UTF-8 with BOM or GB18030)")
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows; write the others to FILE.rejects.csv",
    )
    p.add_argument("--encoding", help="force the file encoding (default: try utf-8-sig, then gb18030)")
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        print(f"fieldrep-server import: no such file: {path}", file=sys.stderr)
        return EXIT_NOTHING_IMPORTED
    engine = open_engine(args)
    try:
        with recorded_run(engine, args.kind, path, f"fieldrep-server import {args.kind}") as note:
            return _import(engine, args, path, note)
    finally:
        engine.dispose()


def _import(engine: Any, args: argparse.Namespace, path: Path, note: RunNote) -> int:
    with engine.begin() as conn:
        result = import_file(
            conn, args.kind, path, skip_invalid=args.skip_invalid, encoding=args.encoding
        )
        # Written before commit: if this fails, the new users are rolled back too.
        passwords = write_passwords(result) if result.temporary_passwords else None
    _note_result(note, result)
    if not result.written:
        for line in error_lines(result.errors):
            print(line, file=sys.stderr)
        report = note.errors_file = write_errors(result)
        print(f"nothing imported; full report in {report}", file=sys.stderr)
        return EXIT_NOTHING_IMPORTED
    print(result.summary())
    if passwords is not None:
        print(f"temporary passwords for {len(result.temporary_passwords)} user(s) in {passwords}")
    if result.rejected:
        for line in error_lines(result.errors):
            print(line, file=sys.stderr)
        rejects = note.errors_file = write_rejects(result)
        print(f"{result.rejected} row(s) rejected; see {rejects}", file=sys.stderr)
        return EXIT_SOME_REJECTED
    return EXIT_OK


def _note_result(note: RunNote, result: ImportResult) -> None:
    rejected = result.rejected if result.written else len({e.line for e in result.errors if e.line})
    note.counts(created=result.created, updated=result.updated, unchanged=result.unchanged,
                rejected=rejected)
    note.outcome(written=result.written)
    if result.errors:
        first = result.errors[0]
        note.message = f"{len(result.errors)} problem(s); first: {first.message}"
