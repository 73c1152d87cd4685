"""Sync protocol messages, shared by the client and the server (JSON over HTTP, /api/v1).

Pure data: the server validates request bodies with these models (unknown fields are
refused) and the client builds them, so both ends speak exactly one definition.
See docs/sync-protocol.md for the rules around them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from wire.values import check_text

PROTOCOL_VERSION = 1
MIN_SUPPORTED_PROTOCOL = 1
MAX_PULL_LIMIT = 5000
DEFAULT_PULL_LIMIT = 2000
MAX_PUSH_BATCH = 500


# Text of a request that the server stores, looks up or echoes: no NUL, no lone
# surrogate (a 422 naming it, not a database error or an answer that cannot be encoded).
# The values inside a mutation's ``fields`` are checked per mutation instead.
WireText = Annotated[str, AfterValidator(check_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Op(StrEnum):
    UPSERT = "upsert"
    DELETE = "delete"  # gone for everyone (tombstone)
    REMOVE = "remove"  # left this scope; still exists elsewhere


class MutationOp(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


class RejectReason(StrEnum):
    """Machine-readable reasons a mutation is refused (the message says it for people)."""

    UNKNOWN_TABLE = "unknown_table"
    UNKNOWN_FIELD = "unknown_field"
    BAD_VALUE = "bad_value"
    NOT_ALLOWED = "not_allowed"  # this role/table/op is never allowed
    OUT_OF_SCOPE = "out_of_scope"
    NOT_OWNER = "not_owner"
    LOCKED = "locked"  # e.g. a submitted visit
    INVALID_TRANSITION = "invalid_transition"  # a state change the policy does not allow
    NOT_FOUND = "not_found"
    ALREADY_EXISTS = "already_exists"
    VALIDATION = "validation"  # a business rule (domain) refused it
    DELETED = "deleted"


class ChangeEntry(Strict):
    scope: str
    table: str
    id: str
    op: Op
    version: int
    data: dict[str, Any] | None = None


class ScopeChecksum(Strict):
    count: int
    sum: str  # 64-bit sum of hash(id, version), as a decimal string


# A request's protocol, as documented: the server answers 426 (upgrade_required) to any
# other before it validates the rest (server/sync/views.py: protocol_gate).
# Documented, not validated here: the client builds these models too (a test client
# speaking protocol 0 must still reach the server to hear 426).
RequestProtocol = Field(json_schema_extra={"minimum": MIN_SUPPORTED_PROTOCOL,
                                           "maximum": PROTOCOL_VERSION},
                        description="the client's sync protocol; others get 426")


class PullRequest(Strict):
    protocol: int = RequestProtocol
    cursors: dict[WireText, WireText] = Field(default_factory=dict)
    limit: int = Field(default=DEFAULT_PULL_LIMIT, ge=1, le=MAX_PULL_LIMIT)


class PullResponse(Strict):
    protocol: int
    server_time: str
    scopes: list[str]
    changes: list[ChangeEntry]
    cursors: dict[str, str]
    has_more: bool
    checksums: dict[str, ScopeChecksum] = Field(default_factory=dict)
    resync_required: list[str] = Field(default_factory=list)
    dropped_scopes: list[str] = Field(default_factory=list)


class Mutation(Strict):
    mutation_id: int = Field(ge=1)
    table: WireText = Field(max_length=64)
    id: WireText = Field(max_length=64)
    op: MutationOp
    base_version: int | None = Field(default=None, ge=0)
    fields: dict[WireText, Any] = Field(default_factory=dict)


class PushRequest(Strict):
    protocol: int = RequestProtocol
    client_id: WireText = Field(min_length=8, max_length=64)
    mutations: list[Mutation] = Field(max_length=MAX_PUSH_BATCH)


class MutationResult(Strict):
    mutation_id: int
    status: Literal["applied", "rejected", "duplicate"]
    version: int | None = None
    reason: RejectReason | None = None
    message: str | None = None
    field: str | None = None
    overwritten: dict[str, Any] | None = None
    # On a "duplicate": what the first processing answered ("applied" or "rejected").
    original_status: Literal["applied", "rejected"] | None = None


class PushResponse(Strict):
    protocol: int
    server_time: str
    results: list[MutationResult]
    last_mutation_id: int

