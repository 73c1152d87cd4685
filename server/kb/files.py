"""Serving attachment files: who may fetch which bytes, and which range of them.

An attachment is fetched by its row id, so the check is the row's: it must be live and
belong to a live article that is published (administrators also fetch unpublished
ones). Anything else is ``not_found``, exactly like a missing id: nobody learns that a
withdrawn file exists. A range is cut in the database (``substr`` on the stored blob),
at most ``MAX_RANGE_BYTES`` per answer, so a 50 MB file never sits in memory whole;
the client asks again from where the answer ended.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.roles import Role
from server.auth.principal import Principal
from server.errors import ServiceError
from server.tables import knowledge_files, synced

MAX_RANGE_BYTES = 4 * 1024 * 1024
# At most 18 digits: a longer number is no range a file can have (and int() refuses past
# 4300 digits), so such a header is treated like any other form this does not handle.
_RANGE = re.compile(r"^bytes=(\d{1,18})-(\d{0,18})$")


@dataclass(frozen=True, slots=True)
class FilePart:
    sha256: str
    media_type: str
    filename: str
    total: int
    start: int
    content: bytes
    partial: bool  # answer 206 with Content-Range


def parse_range(header: str | None, total: int) -> tuple[int, int] | None:
    """``Range: bytes=a-b`` -> (start, end inclusive), or None for the whole file.
    A range starting at or past the end raises ``range_not_satisfiable``."""
    if not header:
        return None
    found = _RANGE.match(header.strip())
    if found is None:
        return None  # other forms (suffix, several ranges): the whole file, as RFC 9110 allows
    start = int(found.group(1))
    end = int(found.group(2)) if found.group(2) else total - 1
    if start >= total or end < start:
        raise ServiceError("range_not_satisfiable",
                           f"The file has {total} bytes; the range starts past its end.",
                           kind="validation", details={"size": total})
    return start, min(end, total - 1)


def read_part(conn: Connection, principal: Principal, attachment_id: uuid.UUID,
              range_header: str | None) -> FilePart:
    a, k = synced["knowledge_attachments"], synced["knowledge_articles"]
    query = (sa.select(a.c.sha256, a.c.mime_type, a.c.filename, k.c.published)
             .join(k, k.c.id == a.c.article_id)
             .where(a.c.id == attachment_id, ~a.c.deleted, ~k.c.deleted))
    row = conn.execute(query).first()
    if row is None or row.sha256 is None or (not row.published and principal.role is not Role.ADMIN):
        raise ServiceError("not_found", "No such attachment.", kind="not_found")
    f = knowledge_files
    total = conn.execute(sa.select(f.c.size_bytes).where(f.c.sha256 == row.sha256)).scalar()
    if total is None:
        raise ServiceError("not_found", "The attachment's file is not on the server.",
                           kind="not_found")
    wanted = parse_range(range_header, int(total))
    start, end = wanted if wanted is not None else (0, int(total) - 1)
    end = min(end, start + MAX_RANGE_BYTES - 1)
    length = max(0, end - start + 1)
    content = b"" if length == 0 else bytes(conn.execute(
        sa.select(sa.func.substr(f.c.content, start + 1, length)).where(f.c.sha256 == row.sha256)
    ).scalar_one())
    partial = wanted is not None or length < int(total)
    return FilePart(str(row.sha256), str(row.mime_type or "application/octet-stream"),
                    str(row.filename), int(total), start, content, partial)
