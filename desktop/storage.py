"""Recognise "the disk is full" (and its cousins) wherever it surfaces.

SQLite reports a full disk as ``SQLITE_FULL`` ("database or disk is full"), often
wrapped by SQLAlchemy; file writes raise ``OSError`` with ``ENOSPC``/``EDQUOT``; a
read-only folder or medium gives ``SQLITE_READONLY``/``EROFS``. Whatever the layer,
the user needs the same sentence: free some space; nothing already saved is lost,
and what is on screen stays there to save again.
"""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_FULL_TEXT = ("database or disk is full", "no space left on device", "disk quota exceeded")
_READONLY_TEXT = ("attempt to write a readonly database", "read-only file system")


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def storage_problem(exc: BaseException) -> str | None:
    """"full" or "readonly" when ``exc`` (or what caused it) is that storage problem, else None."""
    for e in _chain(exc):
        text = str(e).lower()
        if (isinstance(e, OSError) and e.errno in _FULL_ERRNOS) or any(t in text for t in _FULL_TEXT):
            return "full"
        if (isinstance(e, OSError) and e.errno == errno.EROFS) or any(t in text for t in _READONLY_TEXT):
            return "readonly"
    return None


def storage_message(problem: str) -> str:
    if problem == "full":
        return QCoreApplication.translate(
            "Storage",
            "The disk is full, so FieldRep could not save. Free some space (delete or move "
            "large files), then try again. Everything saved before is safe, and what you "
            "typed is still on screen.")
    return QCoreApplication.translate(
        "Storage",
        "FieldRep cannot write to its data folder (it is read-only). Check the folder's "
        "permissions or choose another data folder in Settings. Everything saved before is safe.")
