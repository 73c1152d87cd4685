"""How many ids one ``IN (...)`` list carries, on the server and in the replica.

Long id lists go to the database in chunks: one statement per chunk, never one per id
and never one with an unbounded parameter count (SQLite allows 32,766 bound
parameters, PostgreSQL 65,535; a statement that size is slow to build and plan).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

IN_LIST_LIMIT = 1000  # ids per IN (...) list


def in_chunks(items: Sequence[T], size: int = IN_LIST_LIMIT) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size`` (none when it is empty)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
