"""What every end can store: the value limits of each wire kind, defined once.

A value the server accepts travels to every replica of its scope; if one of them
cannot store it, that replica's sync stops (a visit dated in the year 10000 once broke
a whole territory). So the server accepts only what every end can hold, and both ends
check with these same functions (``wire.schema.decode_value``):

- datetimes carry an offset and lie within the years 1-9999 once normalised to UTC
  (Python's range; PostgreSQL would happily store the year 10000, no client could);
- text (columns and every string inside JSON, keys included) has no NUL (PostgreSQL
  refuses it) and no lone UTF-16 surrogate (not encodable as UTF-8 at all);
- numbers fit their column: ``Kind.INT`` a 32-bit INTEGER, ``Kind.FLOAT`` a finite
  double; numbers inside JSON are finite and integers fit 64 bits (what orjson, the
  client's JSON codec, reads and writes);
- JSON nests at most ``JSON_MAX_DEPTH`` levels (orjson's own limit is 255).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

INT_RANGE = (-(2**31), 2**31 - 1)  # Kind.INT: a 32-bit INTEGER column on PostgreSQL
JSON_INT_RANGE = (-(2**63), 2**63 - 1)
JSON_MAX_DEPTH = 64


class BadValue(ValueError):
    """A value outside what every end can store; ``reason`` is machine-readable and the
    message completes a sentence that starts with the field's name."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def check_text(value: str) -> str:
    """``value`` if it has no NUL and no lone surrogate, else ``BadValue``."""
    if value.isprintable():  # neither a NUL (Cc) nor a surrogate (Cs) is printable
        return value
    if "\x00" in value:
        raise BadValue("nul_character", "must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadValue("bad_text", "contains an invalid character (a lone surrogate)") from None
    return value


def to_utc(value: dt.datetime) -> dt.datetime:
    """An aware datetime normalised to UTC, or ``BadValue`` when that leaves the years
    1-9999 (``0001-01-01T00:00:00+14:00``, ``9999-12-31T23:59:59-14:00``)."""
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise BadValue("out_of_range",
                       "must lie within the years 1 to 9999 in UTC") from None


def check_int(value: int) -> int:
    if not INT_RANGE[0] <= value <= INT_RANGE[1]:
        raise BadValue("out_of_range", "is out of range")
    return value


def check_float(value: int | float) -> float:
    try:
        number = float(value)
    except OverflowError:
        raise BadValue("out_of_range", "is out of range") from None
    if not math.isfinite(number):
        raise BadValue("out_of_range", "must be a finite number")
    return number


def check_json(value: Any, depth: int = 0) -> Any:
    """``value`` if every part of it can be stored and read back by every end."""
    if depth > JSON_MAX_DEPTH:
        raise BadValue("too_deep", f"nests deeper than {JSON_MAX_DEPTH} levels")
    kind = type(value)
    if kind is str:  # the common leaves and containers first, by exact type
        return check_text(value)
    if kind is dict or kind is list:
        inner = depth + 1
        if kind is list:
            for item in value:
                check_json(item, inner)
            return value
        for key, item in value.items():
            if not isinstance(key, str):
                raise BadValue("bad_type", "has a key that is not text")
            check_text(key)
            check_json(item, inner)
        return value
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return check_text(value)
    if isinstance(value, int):
        if not JSON_INT_RANGE[0] <= value <= JSON_INT_RANGE[1]:
            raise BadValue("out_of_range", "holds a number out of range")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadValue("out_of_range", "holds a number that is not finite")
        return value
    if isinstance(value, list):
        for item in value:
            check_json(item, depth + 1)
        return value
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise BadValue("bad_type", "has a key that is not text")
            check_text(key)
            check_json(item, depth + 1)
        return value
    raise BadValue("bad_type", "is not JSON")
