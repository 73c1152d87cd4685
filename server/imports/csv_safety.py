"""CSV cells that are safe to open in Excel, and cells an import must not take.

Operators open the files the server writes (errors, rejects) in Excel or WPS, and
those files repeat what an uploader typed. A cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is read by a spreadsheet as a formula
(``=HYPERLINK(...)`` sends data away on a click), so every cell the server writes goes
through ``neutralise``: such a cell gets a leading apostrophe, which spreadsheets show
as text and do not display. Plain numbers (``-5``, ``+3.5``) are left alone: no
spreadsheet runs them.

On import the apostrophe is taken off again (a rejects file fixed and re-imported
reads as the original), names that would run as formulas are refused, and control
characters (NUL and the other C0/C1 codes; a line break inside a quoted cell is
allowed) are refused with their line and column: PostgreSQL cannot store NUL, and
nobody types the others on purpose.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?\Z")
ALLOWED_CONTROLS = frozenset("\n\r\t")


def formula_like(text: str) -> bool:
    """True if a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS) and _PLAIN_NUMBER.match(text) is None


def neutralise(value: Any) -> Any:
    """A cell as the server writes it: formula-like text gets a leading apostrophe."""
    if isinstance(value, str) and formula_like(value):
        return ESCAPE + value
    return value


def restore(text: str) -> str:
    """A cell as read on import: the apostrophe ``neutralise`` added is taken off."""
    if text.startswith(ESCAPE) and formula_like(text[1:]):
        return text[1:]
    return text


def _is_control(ch: str) -> bool:
    return ch not in ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc"


def control_character(text: str) -> tuple[int, str] | None:
    """(1-based position, ``U+0000``) of the first control character in ``text``."""
    for i, ch in enumerate(text, 1):
        if _is_control(ch):
            return i, f"U+{ord(ch):04X}"
    return None


def shown(text: str) -> str:
    """``text`` with its control characters written as ``\\x00`` (for reports)."""
    return "".join(f"\\x{ord(ch):02x}" if _is_control(ch) else ch for ch in text)


class SafeWriter:
    """``csv.writer`` whose every cell goes through ``neutralise``."""

    def __init__(self, fh: TextIO) -> None:
        self._writer = csv.writer(fh)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])
