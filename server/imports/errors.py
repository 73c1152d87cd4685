"""One import problem: where (line, column), what was written, why (code + message)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RowError:
    """``line`` is the 1-based file line (the header is line 1; 0 = the file as a whole).

    ``code`` is machine-readable (``not_allowed``, ``unknown_reference`` ...);
    ``message`` says the same for a person.
    """

    line: int
    column: str
    value: str
    code: str
    message: str

    def describe(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        if self.column:
            where += f", {self.column}"
        shown = f" = {self.value!r}" if self.value else ""
        return f"{where}{shown}: {self.code}: {self.message}"
