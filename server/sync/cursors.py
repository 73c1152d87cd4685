"""Pull cursors: opaque tokens naming (server epoch, scope, last sequence seen).

Format: ``v1.<epoch prefix>.<position>.<tag>``: the first 8 hex characters of the
server epoch (each new database gets its own), the position — the last feed
sequence the client has, plus ``s<mark>`` while the client is still in its initial
download of the scope (tombstones up to ``mark`` are skipped: the client cannot hold
their rows) — and a 12-hex-character blake2b tag over (scope, position) keyed by
the full epoch.
The tag makes a cursor valid for one scope on one server only, so a cursor copied
between scopes, edited by hand or kept across a server rebuild is caught and that
scope is re-downloaded, never silently mis-read.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

CURSOR_VERSION = "v1"


class InvalidCursor(ValueError):
    """The cursor cannot be used for this scope on this server; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Position:
    """Where a client stands in one scope's feed."""

    seq: int
    # During the initial download: delete/remove entries at or below this sequence
    # are skipped (they were committed before the client's first page, so it never
    # received their rows). 0 once the scope has been read to the end.
    skip_tombstones_through: int = 0

    @property
    def is_start(self) -> bool:
        return self.seq == 0 and self.skip_tombstones_through == 0


START = Position(0)


@dataclass(frozen=True, slots=True)
class CursorCodec:
    """Encodes and checks cursors for one server epoch."""

    epoch: str

    def _tag(self, scope: str, position: str) -> str:
        mac = hashlib.blake2b(f"{scope}\x00{position}".encode(), key=self.epoch.encode()[:64],
                              digest_size=6)
        return mac.hexdigest()

    def encode(self, scope: str, position: Position) -> str:
        text = str(position.seq)
        if position.skip_tombstones_through:
            text += f"s{position.skip_tombstones_through}"
        return f"{CURSOR_VERSION}.{self.epoch[:8]}.{text}.{self._tag(scope, text)}"

    def decode(self, scope: str, cursor: str | None) -> Position:
        """The position in ``cursor`` (START for none/empty); raises ``InvalidCursor``."""
        if cursor is None or cursor in ("", "0"):
            return START
        parts = cursor.split(".")
        if len(parts) != 4 or parts[0] != CURSOR_VERSION:
            raise InvalidCursor("malformed")
        text = parts[2]
        numbers = text.split("s")
        if len(numbers) > 2 or not all(n.isascii() and n.isdigit() and len(n) <= 18
                                       for n in numbers):
            raise InvalidCursor("malformed")
        if parts[1] != self.epoch[:8]:
            raise InvalidCursor("foreign_epoch")
        if not hmac.compare_digest(parts[3], self._tag(scope, text)):
            raise InvalidCursor("bad_tag")
        return Position(*(int(n) for n in numbers))
