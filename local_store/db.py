"""The one place that creates the replica's SQLAlchemy engine, plain or encrypted.

Every connection detail lives here (cipher key, PRAGMAs, busy timeout, transaction
mode). With a ``key`` the replica is a SQLCipher file (``sqlcipher3``, which bundles
its own SQLite): the 32-byte raw key is passed as ``x'hex'``, so SQLCipher skips its
own per-connection key derivation, and connections are pooled. Without a key the
file is plain SQLite (tests, the headless CLI).

Key derivation (``derive_key``) is argon2id over the user's password with a random
salt kept beside the replica (``<replica>.salt``); the salt is not secret. Opening
the replica with the derived key IS the offline password check: a wrong key cannot
read page 1 (``check_key`` answers False).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlcipher3.dbapi2 as sqlcipher
from argon2.low_level import Type, hash_secret_raw
from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_SECONDS = 30
# Checkpoints (copying the WAL into the file, with an fsync) are the slow part of a
# commit. SQLite's default runs one inside whichever commit takes the WAL past 1,000
# pages: every third 100-row sync, and five times in a first download of 10,000
# doctors. The sync engine instead checkpoints after a sync (``checkpoint``, called
# once the user has the result); the automatic one stays as a backstop at 64 MB.
WAL_AUTOCHECKPOINT_PAGES = 16_384
WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024  # the WAL file is truncated back to this
CACHE_KIB = 16 * 1024  # page cache per connection (SQLite's default: 2 MB)
KEY_BYTES = 32
SALT_BYTES = 16
SQLITE_HEADER = b"SQLite format 3\x00"

# argon2id cost: ~0.15 s on a 2-core laptop, paid once per sign-in or unlock.
_ARGON_TIME_COST = 3
_ARGON_MEMORY_KIB = 64 * 1024
_ARGON_PARALLELISM = 2


class ReplicaUnreadable(RuntimeError):
    """The replica file is not a database this key can open (wrong key, foreign or corrupt)."""


def salt_path(replica: Path) -> Path:
    return Path(str(replica) + ".salt")


def replica_salt(replica: Path, *, create: bool = True) -> bytes | None:
    """The salt beside ``replica`` (made on first use when ``create``)."""
    path = salt_path(replica)
    if path.exists():
        return path.read_bytes()
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = os.urandom(SALT_BYTES)
    path.write_bytes(salt)
    return salt


def derive_key(password: str, salt: bytes) -> bytes:
    """The replica key for ``password``: argon2id raw hash, 32 bytes (slow on purpose)."""
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=_ARGON_TIME_COST,
                           memory_cost=_ARGON_MEMORY_KIB, parallelism=_ARGON_PARALLELISM,
                           hash_len=KEY_BYTES, type=Type.ID)


def _key_pragma(verb: str, key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError(f"a replica key is {KEY_BYTES} bytes, not {len(key)}")
    return f"PRAGMA {verb} = \"x'{key.hex()}'\""


def _cipher_connect(path: Path, key: bytes) -> Any:
    conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_SECONDS,
                             isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(_key_pragma("key", key))
    return conn


def is_plain_sqlite(path: Path) -> bool:
    """True when ``path`` starts with the plain SQLite header (not encrypted)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except FileNotFoundError:
        return False


def check_key(path: Path, key: bytes) -> bool:
    """Does ``key`` open the encrypted replica at ``path``? (A missing file: True.)"""
    if not Path(path).exists():
        return True
    try:
        conn = _cipher_connect(Path(path), key)
    except Exception:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except Exception:
        return False
    finally:
        conn.close()


def rekey(path: Path, old_key: bytes, new_key: bytes) -> None:
    """Re-encrypt the replica for a new key (password changed). Close engines on it first."""
    conn = _cipher_connect(Path(path), old_key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(_key_pragma("rekey", new_key))
    finally:
        conn.close()


def encrypt_plain_replica(path: Path, key: bytes) -> None:
    """Turn a plain SQLite replica (e.g. made by ``fieldrep sync``) into an encrypted one.

    Copies every table with ``sqlcipher_export`` into a new file, then swaps the files;
    the plain original is removed only after the encrypted copy is in place.
    """
    path = Path(path)
    target = path.with_name(path.name + ".encrypting")
    target.unlink(missing_ok=True)
    conn = sqlcipher.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.move(str(target), str(path))


def create_replica_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine on the replica file ``path`` (created with its folder if missing).

    ``key`` (32 raw bytes) opens or creates a SQLCipher file; None means plain SQLite.
    WAL lets the UI read while the sync engine writes; ``synchronous=NORMAL`` is safe
    with WAL (a power cut may lose the last transaction, never corrupt the file);
    foreign keys are ON for the local tables that declare them. Transactions start
    with ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout instead of
    failing with a lock upgrade error half way through. Raises ``ReplicaUnreadable``
    when an existing file does not open with ``key``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if key is None:
        engine = sa.create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_SECONDS},
        )
    else:
        if path.exists() and not check_key(path, key):
            raise ReplicaUnreadable(f"{path} does not open with this key")
        engine = sa.create_engine(f"sqlite:///{path}", module=sqlcipher,
                                  creator=lambda: _cipher_connect(path, key),
                                  pool_size=5, max_overflow=5)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy owns BEGIN/COMMIT
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        cur.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
        cur.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT_BYTES}")
        cur.execute(f"PRAGMA cache_size={-CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def checkpoint(engine: Engine) -> None:
    """Copy the WAL into the replica file now (PASSIVE: readers and writers go on).

    Called after a sync, off the path the user waits on (see WAL_AUTOCHECKPOINT_PAGES).
    """
    raw = engine.raw_connection()  # (outside any transaction: a checkpoint cannot run in one)
    try:
        driver = raw.driver_connection
        assert driver is not None  # (a pooled connection that is open)
        driver.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    finally:
        raw.close()


