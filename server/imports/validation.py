"""Cell-level checks: types, lengths, allowed values, required cells.

Every cell is checked and every problem reported (not just the first per row), so
an admin can fix a file in one pass. Reference and duplicate checks need the
database and the whole file; the importers add those afterwards.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from server.imports.csv_reader import Record
from server.imports.csv_safety import control_character, formula_like, restore, shown
from server.imports.errors import RowError
from server.imports.formats import BOOLEANS, Column, ColumnType, FileFormat

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# 2026-11, 2026-11-01 (the day is ignored), 2026/11, 202611, 2026年11月
_MONTH = re.compile(r"(?P<year>\d{4})(?:[-/.]?(?P<month>\d{1,2})(?:[-/.]\d{1,2})?|年(?P<m2>\d{1,2})月)")


@dataclass(slots=True)
class ParsedRow:
    """A data row: its cells as written, its checked values (by column name), its errors.

    ``values`` holds only the columns the file has; an empty cell is None (or the
    column's default).
    """

    line: int
    cells: tuple[str, ...]
    values: dict[str, Any]
    raw: dict[str, str]
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def fail(self, column: str, code: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, self.raw.get(column, ""), code, message))


class CellError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_cell(col: Column, text: str) -> Any:
    """A non-empty cell -> its Python value, or CellError."""
    if col.max_length is not None and len(text) > col.max_length:
        raise CellError("too_long", f"{col.name} is longer than {col.max_length} characters")
    match col.type:
        case ColumnType.STR:
            return text
        case ColumnType.INT:
            try:
                value: Any = int(text)
            except ValueError:
                raise CellError("bad_int", f"{col.name} must be a whole number") from None
        case ColumnType.FLOAT:
            try:
                value = float(text)
            except ValueError:
                raise CellError("bad_float", f"{col.name} must be a number") from None
            if not math.isfinite(value):
                raise CellError("bad_float", f"{col.name} must be a finite number")
        case ColumnType.DATE:
            try:
                if not _DATE.match(text):
                    raise ValueError
                return dt.date.fromisoformat(text)
            except ValueError:
                raise CellError("bad_date", f"{col.name} must be a date written YYYY-MM-DD") from None
        case ColumnType.MONTH:
            match = _MONTH.fullmatch(text.strip())
            try:
                if match is None:
                    raise ValueError
                return dt.date(int(match["year"]), int(match["month"] or match["m2"]), 1)
            except ValueError:
                raise CellError("bad_month", f"{col.name} must be a month written YYYY-MM") from None
        case ColumnType.CHOICE:
            code = col.choices.get(text.lower())
            if code is None:
                allowed = ", ".join(dict.fromkeys(col.choices.values()))
                raise CellError(
                    "not_allowed",
                    f"{col.name} must be one of {allowed} (or its Chinese name, see docs/imports.md)",
                )
            return code
        case ColumnType.BOOL:
            flag = BOOLEANS.get(text.lower())
            if flag is None:
                raise CellError("bad_bool", f"{col.name} must be true/false (是/否)")
            return flag
    if col.minimum is not None and value < col.minimum:
        raise CellError("out_of_range", f"{col.name} must be at least {col.minimum:g}")
    if col.maximum is not None and value > col.maximum:
        raise CellError("out_of_range", f"{col.name} must be at most {col.maximum:g}")
    return value


def is_name(col: Column) -> bool:
    """A column holding a person's, place's or unit's name (shown and exported everywhere)."""
    return col.type is ColumnType.STR and (col.name == "name" or col.name.endswith("name"))


def _unsafe(row: ParsedRow, col: Column, text: str) -> bool:
    """Refuse a cell with a control character (any column) or a formula-like name;
    True when refused. The error names the line (the row's), column and position."""
    found = control_character(text)
    if found is not None:
        position, code = found
        row.errors.append(RowError(
            row.line, col.name, shown(text), "control_character",
            f"{col.name} contains a control character ({code}) at character {position}; "
            "remove it and import again"))
        return True
    if is_name(col) and formula_like(text):
        row.errors.append(RowError(
            row.line, col.name, text, "formula_like",
            f"{col.name} must not start with =, +, -, @, a tab or a line break "
            "(a spreadsheet would run it as a formula)"))
        return True
    return False


def parse_record(
    fmt: FileFormat, mapping: Mapping[int, str], record: Record, ignored: frozenset[int] = frozenset()
) -> ParsedRow:
    """Check every cell of one record against the format."""
    columns = fmt.by_name
    raw = {name: restore(record.cells[i]) if i < len(record.cells) else ""
           for i, name in mapping.items()}
    row = ParsedRow(record.line, record.cells, {}, raw)
    stray = [i for i, cell in enumerate(record.cells) if cell and i not in mapping and i not in ignored]
    if stray:
        row.errors.append(
            RowError(
                record.line,
                "",
                record.cells[stray[0]],
                "stray_cell",
                f"cell {stray[0] + 1} has a value but no (known) column header",
            )
        )
    for name, text in raw.items():
        col = columns[name]
        if _unsafe(row, col, text):
            continue
        if not text:
            if col.required:
                row.fail(name, "required", f"{name} is required")
            row.values[name] = col.default
            continue
        try:
            row.values[name] = parse_cell(col, text)
        except CellError as exc:
            row.fail(name, exc.code, str(exc))
    return row
