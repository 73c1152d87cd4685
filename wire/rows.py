"""Result rows as the tuples they are, for mypy, on the server and in the replica."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, overload


@overload
def plain_rows(rows: Sequence[Any]) -> Sequence[tuple[Any, ...]]: ...
@overload
def plain_rows(rows: Iterable[Any]) -> Iterable[tuple[Any, ...]]: ...
def plain_rows(rows: Iterable[Any]) -> Iterable[tuple[Any, ...]]:
    """``rows`` (a result, or its ``.all()``) as what they are at run time: tuples.

    SQLAlchemy 2.1's ``Row`` unpacks like a tuple, but mypy sees each unpacked name as
    ``object``; ``Result.tuples()``, which said so, is deprecated. Costs one call per
    query, nothing per row.
    """
    return rows
