"""The protocol version gate every sync request passes first."""

from __future__ import annotations

from typing import Any

from server.api.errors import ApiError
from wire.protocol import MIN_SUPPORTED_PROTOCOL, PROTOCOL_VERSION


def check_protocol(protocol: Any) -> None:
    """HTTP 426 ``upgrade_required`` unless ``protocol`` is in the supported range."""
    if isinstance(protocol, bool) or not isinstance(protocol, int):
        return  # not a number: request validation reports it as invalid_request
    if protocol < MIN_SUPPORTED_PROTOCOL:
        raise ApiError(
            426, "upgrade_required",
            f"This FieldRep version (sync protocol {protocol}) is too old for the server; "
            f"please update to a version speaking protocol {MIN_SUPPORTED_PROTOCOL}"
            f"–{PROTOCOL_VERSION}.",
            {"protocol": protocol, "min_supported": MIN_SUPPORTED_PROTOCOL,
             "max_supported": PROTOCOL_VERSION},
        )
    if protocol > PROTOCOL_VERSION:
        raise ApiError(
            426, "upgrade_required",
            f"This server speaks sync protocol {MIN_SUPPORTED_PROTOCOL}–{PROTOCOL_VERSION}, "
            f"older than this FieldRep version (protocol {protocol}); ask your administrator "
            "to update the server, or install the matching FieldRep version.",
            {"protocol": protocol, "min_supported": MIN_SUPPORTED_PROTOCOL,
             "max_supported": PROTOCOL_VERSION},
        )
