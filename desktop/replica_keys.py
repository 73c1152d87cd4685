"""The replica's key and the keyring: where the key is kept, how the replica opens with it.

How the replica key and the offline check work (documented choice):
- The replica is SQLCipher-encrypted with ``derive_key(password, salt)`` (argon2id,
  salt beside the replica). Opening the replica with that key IS the offline
  password check; no password hash is stored anywhere.
- Where a secure keyring exists, the raw key is kept there too (with the tokens), so
  the app reopens without asking; where none exists nothing secret is written to a
  file and the password is asked at every start (``secure_keyring_available``).
- A password changed on the server: the first online sign-in with the new one
  re-keys the replica using the key kept in the keyring (``open_keyed``); without a
  keyring the old data cannot be opened and the user is offered to move it aside
  (``move_aside``) and download again.

Blocking (key derivation, file moves): run on the task manager's pools. The sign-in
flows that use this live in ``desktop.session``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from pathlib import Path

import keyring
from keyring.errors import KeyringError
from PySide6.QtCore import QCoreApplication
from sqlalchemy.engine import Engine

from local_store.db import (
    ReplicaUnreadable,
    check_key,
    encrypt_plain_replica,
    is_plain_sqlite,
    rekey,
)
from local_store.export import write_unsynced
from local_store.store import open_replica
from sync.credentials import SERVICE, secure_keyring_available


class SignInError(Exception):
    """A sign-in that did not work; ``field`` is where the dialog shows ``message``."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ReplicaProblem(SignInError):
    """The data file on this computer does not open: offer to move it aside and download again."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message, None)
        self.path = path


def _key_name(server_url: str, username: str) -> str:
    return f"{server_url}|{username}|replica-key"


def load_stored_key(server_url: str, username: str) -> bytes | None:
    if not secure_keyring_available():
        return None
    try:
        raw = keyring.get_password(SERVICE, _key_name(server_url, username))
    except KeyringError:
        return None
    try:
        return bytes.fromhex(raw) if raw else None
    except ValueError:
        return None


def store_key(server_url: str, username: str, key: bytes) -> None:
    if secure_keyring_available():
        with contextlib.suppress(KeyringError):
            keyring.set_password(SERVICE, _key_name(server_url, username), key.hex())


def forget_stored_key(server_url: str, username: str) -> None:
    with contextlib.suppress(Exception):
        keyring.delete_password(SERVICE, _key_name(server_url, username))


def move_aside(path: Path) -> Path:
    """Rename an unreadable replica (and its salt) out of the way; nothing is deleted."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    shutil.move(str(path), str(target))
    for suffix in (".salt", "-wal", "-shm"):
        extra = Path(str(path) + suffix)
        if extra.exists():
            shutil.move(str(extra), str(target) + suffix)
    return target


def export_plain_unsynced(path: Path, out: Path) -> int:
    """Export unsynced changes of a plain (unencrypted) replica; returns how many."""
    engine = open_replica(path)
    try:
        return write_unsynced(engine, out)
    finally:
        engine.dispose()


def _unreadable(path: Path) -> ReplicaProblem:
    return ReplicaProblem(
        QCoreApplication.translate(
            "Session",
            "The data file on this computer cannot be opened with this password (it may come "
            "from an older password, another program, or be damaged). FieldRep can move it aside "
            "(it is kept, not deleted) and download your data again.",
        ),
        path,
    )


def open_keyed(path: Path, key: bytes, server_url: str, username: str, stored_key: bytes | None) -> Engine:
    """Open (creating, encrypting or re-keying as needed) the replica with ``key``."""
    if is_plain_sqlite(path):
        encrypt_plain_replica(path, key)
    elif path.exists() and not check_key(path, key):
        if stored_key is not None and stored_key != key and check_key(path, stored_key):
            rekey(path, stored_key, key)  # the password changed on the server
        else:
            raise _unreadable(path)
    try:
        return open_replica(path, key=key, server_url=server_url, username=username)
    except ReplicaUnreadable as exc:
        raise _unreadable(path) from exc
    except Exception as exc:
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise _unreadable(path) from exc
        raise


def no_keyring_notice() -> str:
    return QCoreApplication.translate(
        "Session",
        "This computer has no secure password store (keyring), so FieldRep keeps no "
        "password or key on disk and asks for your password at every start.",
    )
