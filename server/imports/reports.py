"""Files an import leaves next to its input: errors, rejects and temporary passwords.

For ``doctors.csv`` they are ``doctors.errors.csv``, ``doctors.rejects.csv`` and
``doctors.passwords.csv``. All are UTF-8 with a BOM so Excel shows the Chinese
right. Every cell goes through ``csv_safety.neutralise`` (no formulas reach Excel);
generated passwords never start like a formula, so they are written as they are.
The passwords file is created readable by its owner only.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path

from server.imports.csv_reader import ignored_columns
from server.imports.csv_safety import SafeWriter
from server.imports.errors import RowError
from server.imports.formats import REJECT_COLUMNS
from server.imports.service import ImportResult

REPORT_ENCODING = "utf-8-sig"
SHOWN_ERRORS = 50


def sibling(path: Path, suffix: str) -> Path:
    """doctors.csv + 'errors' -> doctors.errors.csv (same folder)."""
    return path.with_name(f"{path.stem}.{suffix}.csv")


def write_errors(result: ImportResult) -> Path:
    target = sibling(result.path, "errors")
    with target.open("w", encoding=REPORT_ENCODING, newline="") as fh:
        w = SafeWriter(fh)
        w.writerow(["line", "column", "value", "code", "message"])
        for e in result.errors:
            w.writerow([e.line, e.column, e.value, e.code, e.message])
    return target


def write_rejects(result: ImportResult) -> Path:
    """The rejected rows with their original columns, plus reject_line and reject_reason."""
    target = sibling(result.path, "rejects")
    skip = ignored_columns(result.header)
    keep = [i for i in range(len(result.header)) if i not in skip]
    original = [result.header[i] for i in keep]
    with target.open("w", encoding=REPORT_ENCODING, newline="") as fh:
        w = SafeWriter(fh)
        w.writerow([*original, *REJECT_COLUMNS])
        for row in result.rejected_rows:
            cells = [row.cells[i] if i < len(row.cells) else "" for i in keep]
            w.writerow([*cells, row.line, "; ".join(_reason(e) for e in row.errors)])
    return target


def write_passwords(result: ImportResult) -> Path:
    target = sibling(result.path, "passwords")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(fd, "w", encoding=REPORT_ENCODING, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["username", "temporary_password"])
        for username, password in sorted(result.temporary_passwords.items()):
            w.writerow([username, password])
    return target


def _reason(e: RowError) -> str:
    return f"{e.column}: {e.code}: {e.message}" if e.column else f"{e.code}: {e.message}"


def error_lines(errors: Iterable[RowError], limit: int = SHOWN_ERRORS) -> list[str]:
    """The first ``limit`` errors as lines for a terminal, plus a count if cut."""
    errors = list(errors)
    lines = [e.describe() for e in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more")
    lines.append(f"{len(errors)} error(s) in total")
    return lines
