"""Per-scope integrity checksums, computed the same way on the server and the replica.

A scope's checksum is the number of live rows in it and the sum, modulo 2**64, of
``row_hash(id, version)`` over them. A sum (not an XOR or an ordered digest) can be
kept up to date incrementally: the server adds and subtracts one row's hash per feed
change instead of re-reading a 50,000-row scope on every pull, and the client can
do the same while applying a page. Pure functions, no I/O.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

MASK64 = (1 << 64) - 1


def row_hash(row_id: str | uuid.UUID, version: int) -> int:
    """The unsigned 64-bit hash of one row at one version (blake2b, 8 bytes, big-endian).

    ``row_id`` is hashed in its canonical text form (lower-case, with dashes).
    """
    return canonical_row_hash(str(row_id).lower(), int(version))


def canonical_row_hash(row_id: str, version: int) -> int:
    """``row_hash`` of an id already in canonical text (a page's hot loop: no
    normalising per row)."""
    digest = hashlib.blake2b(f"{row_id}:{version}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


def to_signed64(value: int) -> int:
    """Unsigned 64-bit -> the two's-complement value a SQL BIGINT can store."""
    value &= MASK64
    return value - (1 << 64) if value >= 1 << 63 else value


def from_signed64(value: int) -> int:
    """A BIGINT two's-complement value -> unsigned 64-bit."""
    return value & MASK64


@dataclass(slots=True)
class ScopeSum:
    """A running (count, sum mod 2**64) over the live rows of one scope."""

    count: int = 0
    total: int = 0

    def add(self, row_id: str | uuid.UUID, version: int) -> None:
        self.count += 1
        self.total = (self.total + row_hash(row_id, version)) & MASK64

    def discard(self, row_id: str | uuid.UUID, version: int) -> None:
        self.count -= 1
        self.total = (self.total - row_hash(row_id, version)) & MASK64

    def combine(self, other: ScopeSum) -> ScopeSum:
        return ScopeSum(self.count + other.count, (self.total + other.total) & MASK64)

    @property
    def sum_text(self) -> str:
        """The sum as the protocol carries it: an unsigned decimal string."""
        return str(self.total)

    def matches(self, count: int, sum_text: str) -> bool:
        return self.count == count and self.sum_text == sum_text
