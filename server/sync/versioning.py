"""The protocol version gate every sync request passes first."""

from __future__ import annotations

from typing import Any

from server.errors import ServiceError
from wire.protocol import MIN_SUPPORTED_PROTOCOL, PROTOCOL_VERSION


def check_protocol(protocol: Any) -> None:
    """``upgrade_required`` (HTTP 426) unless ``protocol`` is in the supported range."""
    if isinstance(protocol, bool) or not isinstance(protocol, int):
        return  # not a number: request validation reports it as invalid_request
    if protocol < MIN_SUPPORTED_PROTOCOL:
        raise ServiceError(
            "upgrade_required",
            f"This FieldRep version (sync protocol {protocol}) is too old for the server; "
            f"please update to a version speaking protocol {MIN_SUPPORTED_PROTOCOL}"
            f"–{PROTOCOL_VERSION}.",
            details={"protocol": protocol, "min_supported": MIN_SUPPORTED_PROTOCOL,
                     "max_supported": PROTOCOL_VERSION},
            kind="upgrade_required")
    if protocol > PROTOCOL_VERSION:
        raise ServiceError(
            "upgrade_required",
            f"This server speaks sync protocol {MIN_SUPPORTED_PROTOCOL}–{PROTOCOL_VERSION}, "
            f"older than this FieldRep version (protocol {protocol}); ask your administrator "
            "to update the server, or install the matching FieldRep version.",
            details={"protocol": protocol, "min_supported": MIN_SUPPORTED_PROTOCOL,
                     "max_supported": PROTOCOL_VERSION},
            kind="upgrade_required")
