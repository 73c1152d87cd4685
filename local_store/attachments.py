"""The device's copy of knowledge base attachment files, kept inside the replica.

Where the bytes live: in two local tables of the replica itself (``attachment_files``
for what is known about each file, ``attachment_chunks`` for its bytes in order). The
replica is a SQLCipher file, so the attachments are encrypted with the replica's own
key, page by page, exactly like the rows: no second key to derive, store or rotate,
and signing out or wiping the replica takes the files with it. A file is kept once
per content (SHA-256), whatever the number of rows naming it.

Why chunks: a download resumes from ``received_bytes`` after a kill or a dropped
connection (each chunk is committed on its own), and a viewer reads a file back
without holding two copies. A file counts as present only once ``complete`` is set,
which happens after its bytes were hashed and matched the row's SHA-256.

Writers: ``sync.attachments`` (the background download) and the replica migration
that moved old inline attachments here. Every statement is here.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.replica import metadata

attachment_files = sa.Table(
    "attachment_files", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size_bytes", sa.BigInteger(), nullable=False),
    sa.Column("received_bytes", sa.BigInteger(), nullable=False, server_default="0"),
    sa.Column("complete", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("error", sa.Text(), nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

attachment_chunks = sa.Table(
    "attachment_chunks", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("offset", sa.BigInteger(), primary_key=True),
    sa.Column("data", sa.LargeBinary(), nullable=False),
)

attachment_tables = (attachment_files, attachment_chunks)


@dataclass(frozen=True, slots=True)
class WantedFile:
    """A file the replica's live attachment rows name, with what is stored of it."""

    sha256: str
    size_bytes: int
    received_bytes: int
    complete: bool
    error: str | None
    attachment_id: str  # one attachment row naming it (the download endpoint's key)
    must_read: bool


@dataclass(frozen=True, slots=True)
class StorageUse:
    """Attachment bytes on the device and what the live rows name in all."""

    stored_bytes: int
    wanted_bytes: int
    files_complete: int
    files_wanted: int


def _int(value: Any) -> int:
    return int(value or 0)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def wanted_files(conn: Connection) -> list[WantedFile]:
    """Every distinct file named by a live attachment of a live, published article;
    must-read articles' files first, then smaller files first (more of them usable
    sooner under a budget)."""
    rows = conn.exec_driver_sql(
        "SELECT a.sha256, max(coalesce(a.size_bytes, 0)), min(a.id), "
        "max(coalesce(k.must_read, 0)), f.received_bytes, f.complete, f.error "
        "FROM knowledge_attachments a JOIN knowledge_articles k ON k.id = a.article_id "
        "LEFT JOIN attachment_files f ON f.sha256 = a.sha256 "
        "WHERE NOT a.deleted AND NOT k.deleted AND k.published AND a.sha256 IS NOT NULL "
        "GROUP BY a.sha256").all()
    files = [WantedFile(str(sha), _int(size), _int(received), bool(complete),
                        None if error is None else str(error),
                        str(att_id), bool(must)) for sha, size, att_id, must, received,
             complete, error in rows]
    files.sort(key=lambda f: (not f.must_read, f.size_bytes, f.sha256))
    return files


def _attachment_uuid_text(stored: Any) -> str:
    """An attachment id as the server's URL takes it (stored form: 32 hex digits)."""
    import uuid

    return str(uuid.UUID(str(stored)))


def download_key(file: WantedFile) -> str:
    return _attachment_uuid_text(file.attachment_id)


def begin_file(conn: Connection, sha256: str, size_bytes: int) -> int:
    """Make sure ``sha256`` has its entry; returns the bytes already received."""
    found = conn.execute(sa.select(attachment_files.c.received_bytes, attachment_files.c.size_bytes)
                         .where(attachment_files.c.sha256 == sha256)).first()
    if found is None:
        conn.execute(sa.insert(attachment_files).values(
            sha256=sha256, size_bytes=size_bytes, received_bytes=0, complete=False,
            updated_at=_now()))
        return 0
    if int(found[1]) != size_bytes:  # the row's size changed: start over
        discard_file(conn, sha256)
        return begin_file(conn, sha256, size_bytes)
    return int(found[0])


def append_chunk(conn: Connection, sha256: str, offset: int, data: bytes) -> None:
    """Store ``data`` at ``offset`` (= bytes received so far) and count it, one transaction."""
    conn.execute(sa.insert(attachment_chunks).values(sha256=sha256, offset=offset, data=data))
    conn.execute(sa.update(attachment_files).where(attachment_files.c.sha256 == sha256).values(
        received_bytes=offset + len(data), updated_at=_now(), error=None))


def iter_chunks(conn: Connection, sha256: str) -> Iterator[bytes]:
    for (data,) in conn.execute(sa.select(attachment_chunks.c.data)
                                .where(attachment_chunks.c.sha256 == sha256)
                                .order_by(attachment_chunks.c.offset)):
        yield bytes(data)  # type: ignore[call-overload]  # a BLOB comes back as bytes


def stored_hash(conn: Connection, sha256: str) -> str:
    digest = hashlib.sha256()
    for chunk in iter_chunks(conn, sha256):
        digest.update(chunk)
    return digest.hexdigest()


def finish_file(conn: Connection, sha256: str) -> bool:
    """Hash what was received: a match marks the file complete (True); a mismatch
    throws the bytes away and records the error (False), so nobody opens a file
    that is not the one published."""
    if stored_hash(conn, sha256) == sha256:
        conn.execute(sa.update(attachment_files).where(attachment_files.c.sha256 == sha256)
                     .values(complete=True, error=None, updated_at=_now()))
        return True
    conn.execute(sa.delete(attachment_chunks).where(attachment_chunks.c.sha256 == sha256))
    conn.execute(sa.update(attachment_files).where(attachment_files.c.sha256 == sha256).values(
        received_bytes=0, complete=False, error="hash_mismatch", updated_at=_now()))
    return False


def record_error(conn: Connection, sha256: str, error: str) -> None:
    conn.execute(sa.update(attachment_files).where(attachment_files.c.sha256 == sha256)
                 .values(error=error, updated_at=_now()))


def discard_file(conn: Connection, sha256: str) -> None:
    conn.execute(sa.delete(attachment_chunks).where(attachment_chunks.c.sha256 == sha256))
    conn.execute(sa.delete(attachment_files).where(attachment_files.c.sha256 == sha256))


def drop_unwanted(conn: Connection) -> int:
    """Remove files no live attachment row names any more (removed on the server, or
    its article withdrawn); returns how many went."""
    wanted = {f.sha256 for f in wanted_files(conn)}
    stored = [str(s) for (s,) in conn.execute(sa.select(attachment_files.c.sha256))]
    gone = [s for s in stored if s not in wanted]
    for sha in gone:
        discard_file(conn, sha)
    return len(gone)


def read_file(conn: Connection, sha256: str) -> bytes | None:
    """The complete file's bytes, or None when it is not (yet) on the device."""
    complete = conn.execute(sa.select(attachment_files.c.complete)
                            .where(attachment_files.c.sha256 == sha256)).scalar()
    if not complete:
        return None
    return b"".join(iter_chunks(conn, sha256))


def storage_use(conn: Connection) -> StorageUse:
    stored = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(attachment_files.c.received_bytes), 0),
                                    sa.func.count().filter(attachment_files.c.complete))).one()
    wanted = wanted_files(conn)
    return StorageUse(int(stored[0]), sum(f.size_bytes for f in wanted), int(stored[1] or 0),
                      len(wanted))


def adopt_legacy_attachment(conn: Connection, row_id: Any, content_base64: str) -> None:
    """Replica migration: an attachment that arrived inline keeps its bytes as a
    complete local file, and its row gets the SHA-256 and size the server computes."""
    content = base64.b64decode(content_base64)
    digest = hashlib.sha256(content).hexdigest()
    conn.exec_driver_sql("UPDATE knowledge_attachments SET sha256 = ?, size_bytes = ? WHERE id = ?",
                         (digest, len(content), row_id))
    if conn.execute(sa.select(attachment_files.c.sha256)
                    .where(attachment_files.c.sha256 == digest)).first() is not None:
        return
    begin_file(conn, digest, len(content))
    if content:
        append_chunk(conn, digest, 0, content)
    finish_file(conn, digest)
