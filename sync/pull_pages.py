"""Build a pull page's changes fast (pydantic imported here, not by ``sync.client``).

Kept apart from the HTTP client so that importing the client (the desktop app does at
start) does not import pydantic and the protocol models; the first pull does.

A first sync builds tens of thousands of changes, so they are not pydantic models:
``PageChange`` is a plain slotted object with the attributes of
``wire.protocol.ChangeEntry`` (which still describes the wire format), checked field
by field as it is built. Building one costs a fifth of a model built without
validation. A ``PulledPage`` is the page as the client holds it: the envelope as
``PullResponse`` validated it, the changes as ``PageChange`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wire.protocol import Op, PullResponse, ScopeChecksum

_OPS = {op.value: op for op in Op}


class PageChange:
    """One change of a pull page (the attributes of ``ChangeEntry``)."""

    __slots__ = ("data", "id", "op", "scope", "table", "version")

    def __init__(self, scope: str, table: str, id: str, op: Op, version: int,
                 data: dict[str, Any] | None) -> None:
        self.scope = scope
        self.table = table
        self.id = id
        self.op = op
        self.version = version
        self.data = data

    def __repr__(self) -> str:
        return (f"PageChange({self.scope!r}, {self.table!r}, {self.id!r}, {self.op.value!r}, "
                f"v{self.version})")


def change_entry(c: dict[str, Any]) -> PageChange:
    """One change of a pull page, its fields checked (raises TypeError / KeyError)."""
    data = c.get("data")
    if data is not None and type(data) is not dict:
        raise TypeError("data")
    version = c["version"]
    if type(version) is not int:
        raise TypeError("version")
    scope, table, row_id = c["scope"], c["table"], c["id"]
    if type(scope) is not str or type(table) is not str or type(row_id) is not str:
        raise TypeError("scope, table and id are text")
    return PageChange(scope, table, row_id, _OPS[c["op"]], version, data)


@dataclass(slots=True)
class PulledPage:
    """One pull answer on the client (the fields of ``PullResponse``)."""

    protocol: int
    server_time: str
    scopes: list[str]
    changes: list[PageChange]
    cursors: dict[str, str]
    has_more: bool
    checksums: dict[str, ScopeChecksum] = field(default_factory=dict)
    resync_required: list[str] = field(default_factory=list)
    dropped_scopes: list[str] = field(default_factory=list)

    @classmethod
    def from_envelope(cls, envelope: PullResponse, changes: list[PageChange]) -> PulledPage:
        """``envelope`` (validated without its changes) with the page's ``changes``."""
        return cls(protocol=envelope.protocol, server_time=envelope.server_time,
                   scopes=envelope.scopes, changes=changes, cursors=envelope.cursors,
                   has_more=envelope.has_more, checksums=envelope.checksums,
                   resync_required=envelope.resync_required,
                   dropped_scopes=envelope.dropped_scopes)
