"""Reading an admin's CSV: encoding detection, records with file line numbers, headers.

Files come from Excel in UTF-8 (often with a BOM) or GB18030 (Chinese Excel's
"CSV" export). We try ``utf-8-sig`` first, which is strict enough that GB18030
bytes almost never decode by accident, then fall back to ``gb18030``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from server.imports.errors import RowError
from server.imports.formats import REJECT_COLUMNS, FileFormat

AUTO_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True, slots=True)
class Record:
    """One data row as written: its first file line (header = line 1) and its cells."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CsvFile:
    header: tuple[str, ...]
    records: tuple[Record, ...]
    encoding: str


class FileRefused(Exception):
    """The file as a whole cannot be imported (encoding, empty, header problems)."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = list(errors)


def decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """Bytes -> (text, encoding used). ``encoding`` forces one; None detects."""
    candidates = (encoding,) if encoding else AUTO_ENCODINGS
    failure: UnicodeDecodeError | None = None
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            failure = exc
            continue
        except LookupError as exc:
            raise FileRefused(
                [RowError(0, "", encoding or "", "unknown_encoding", f"unknown encoding {encoding!r}")]
            ) from exc
        if enc.replace("_", "-").lower() in ("utf-8", "utf8"):
            text = text.removeprefix("\ufeff")
        return text, enc
    assert failure is not None
    line = data.count(b"\n", 0, failure.start) + 1
    tried = " or ".join(candidates)
    raise FileRefused(
        [
            RowError(
                line,
                "",
                "",
                "bad_encoding",
                f"the file is not valid {tried} (first bad byte on line {line}); "
                "save it as UTF-8 CSV or pass --encoding",
            )
        ]
    )


def read_csv(path: Path, encoding: str | None = None) -> CsvFile:
    """Parse the file; blank rows are dropped, line numbers kept."""
    text, used = decode(path.read_bytes(), encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: tuple[str, ...] | None = None
    records: list[Record] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise FileRefused([RowError(start, "", "", "bad_csv", f"unreadable CSV: {exc}")]) from exc
        stripped = tuple(c.strip() for c in cells)
        if header is None:
            if any(stripped):
                header = stripped
            continue
        if any(stripped):
            records.append(Record(start, stripped))
    if header is None:
        raise FileRefused([RowError(1, "", "", "empty_file", "the file has no header row")])
    return CsvFile(header, tuple(records), used)


def normalise_header(name: str) -> str:
    """'Region Code*' -> 'region_code'; Chinese stays as written (minus spaces)."""
    name = name.strip().rstrip("*＊").strip()
    return re.sub(r"[\s\-]+", "_", name).lower()


def ignored_columns(header: Sequence[str]) -> frozenset[int]:
    """Indices of the columns a rejects file added (skipped on re-import)."""
    return frozenset(i for i, h in enumerate(header) if normalise_header(h) in REJECT_COLUMNS)


def map_header(fmt: FileFormat, header: Sequence[str]) -> dict[int, str]:
    """{cell index -> column name}; raises FileRefused naming every bad column.

    Unnamed columns (Excel's trailing commas) are left out of the map; the
    rejects-file columns are accepted and ignored.
    """
    lookup: dict[str, str] = {}
    for col in fmt.columns:
        lookup[col.name] = col.name
        for alias in col.aliases:
            lookup[normalise_header(alias)] = col.name
    mapping: dict[int, str] = {}
    seen: dict[str, str] = {}
    errors: list[RowError] = []
    unknown: list[str] = []
    for i, raw in enumerate(header):
        key = normalise_header(raw)
        if not key or key in REJECT_COLUMNS:
            continue
        name = lookup.get(key)
        if name is None:
            unknown.append(raw)
            continue
        if name in seen:
            errors.append(
                RowError(
                    1, name, raw, "duplicate_column", f"columns {seen[name]!r} and {raw!r} both mean {name}"
                )
            )
            continue
        seen[name] = raw
        mapping[i] = name
    if unknown:
        allowed = ", ".join(c.name for c in fmt.columns)
        errors.insert(
            0,
            RowError(
                1,
                ", ".join(unknown),
                ", ".join(unknown),
                "unknown_column",
                f"unknown column(s) {', '.join(repr(u) for u in unknown)} in a "
                f"{fmt.kind} file; allowed: {allowed}",
            ),
        )
    missing = [n for n in fmt.required if n not in seen]
    if missing:
        errors.append(
            RowError(
                1,
                ", ".join(missing),
                "",
                "missing_column",
                f"required column(s) missing: {', '.join(missing)}",
            )
        )
    if errors:
        raise FileRefused(errors)
    return mapping
