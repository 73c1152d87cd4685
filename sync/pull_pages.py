"""Build a pull page's change entries fast (pydantic imported here, not by ``sync.client``).

Kept apart from the HTTP client so that importing the client (the desktop app does at
start) does not import pydantic and the protocol models; the first pull does.
"""

from __future__ import annotations

from typing import Any

from sync.protocol import ChangeEntry, Op

_OPS = {op.value: op for op in Op}


_new = object.__new__
_setattr = object.__setattr__
_ENTRY_FIELDS = frozenset(ChangeEntry.model_fields)


def change_entry(c: dict[str, Any]) -> ChangeEntry:
    """One change of a pull page, checked field by field and built as pydantic's
    ``model_construct`` builds it (same ``__dict__`` and fields set), without its
    generic per-field loop: a first sync builds tens of thousands of these."""
    data = c.get("data")
    if data is not None and type(data) is not dict:
        raise TypeError("data")
    version = c["version"]
    if type(version) is not int:
        raise TypeError("version")
    entry = _new(ChangeEntry)
    _setattr(entry, "__dict__", {"scope": str(c["scope"]), "table": str(c["table"]),
                                 "id": str(c["id"]), "op": _OPS[c["op"]], "version": version,
                                 "data": data})
    _setattr(entry, "__pydantic_fields_set__", set(_ENTRY_FIELDS))
    _setattr(entry, "__pydantic_extra__", None)
    _setattr(entry, "__pydantic_private__", None)
    return entry
