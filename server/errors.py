"""The service-level error: what a server service raises when it refuses.

Services (auth, imports, sync, rules, ...) are called from HTTP endpoints, the CLI,
imports and tests alike, so they must not speak HTTP. They raise ``ServiceError``
with a machine-readable ``code``, a human ``message``, the ``field`` at fault when
there is one, and a ``kind`` that says what sort of refusal it is;
``server.api.errors`` maps the kind to an HTTP status, the CLI prints the message.
"""

from __future__ import annotations

from typing import Any, Literal

ErrorKind = Literal["validation", "not_found", "conflict", "forbidden", "unauthorized",
                    "rate_limited", "gone", "upgrade_required"]


class ServiceError(Exception):
    """A refusal with a reason (see the module docstring)."""

    def __init__(self, code: str, message: str, *, kind: ErrorKind = "validation",
                 field: str | None = None, details: Any = None,
                 retry_after_s: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.kind: ErrorKind = kind
        self.field = field
        self.details = details
        self.retry_after_s = retry_after_s
