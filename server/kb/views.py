"""``GET /api/v1/kb/attachments/{id}/content``: an attachment's bytes, with HTTP Range.

Thin: the rules are in ``server.kb.files``. The answer is never compressed (PDFs and
images are already; a compressed body would also break byte ranges), carries the
file's SHA-256 as its ETag and ``X-Content-SHA256``, and says how big the whole file is.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from server.api.deps import ConnDep, CurrentUser
from server.api.errors import ApiError, error_responses
from server.errors import ServiceError
from server.kb.files import read_part

router = APIRouter(prefix="/api/v1/kb", tags=["knowledge"])


@router.get("/attachments/{attachment_id}/content",
            responses={200: {"content": {"application/octet-stream": {}}},
                       206: {"description": "Partial content (a Range was asked)"},
                       **error_responses(401, 404, 416)},
            summary="Download an attachment's file (HTTP Range supported)")
def attachment_content(attachment_id: uuid.UUID, user: CurrentUser, conn: ConnDep,
                       request: Request) -> Response:
    try:
        part = read_part(conn, user, attachment_id, request.headers.get("range"))
    except ServiceError as exc:
        if exc.code != "range_not_satisfiable":
            raise
        size = (exc.details or {}).get("size", 0)
        raise ApiError(416, exc.code, exc.message, exc.details,
                       headers={"Content-Range": f"bytes */{size}"}) from None
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{part.sha256}"',
               "X-Content-SHA256": part.sha256, "Content-Encoding": "identity",
               "Cache-Control": "private, max-age=0"}
    if part.partial:
        end = part.start + len(part.content) - 1
        headers["Content-Range"] = f"bytes {part.start}-{end}/{part.total}"
    return Response(content=part.content, status_code=206 if part.partial else 200,
                    media_type=part.media_type, headers=headers)
