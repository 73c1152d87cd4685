"""Background download of knowledge base attachment files, after a sync.

The synced rows say which files the replica should hold (name, size, media type,
SHA-256); this module makes the device's encrypted store (``local_store.attachments``)
match them: files no live row names are removed, missing ones are fetched through
``GET /api/v1/kb/attachments/{id}/content`` and checked against their SHA-256.

* Resumable: every chunk is committed as it arrives; the next run asks for
  ``Range: bytes=<received>-``, so a kill, a crash or a dropped connection costs at
  most one chunk. A server that ignores the range (200) is taken from the start.
* Verified: a complete file is hashed before it is marked usable; a mismatch throws
  the bytes away and is reported (``hash_mismatch``), never shown.
* Budgeted: files are taken in ``wanted_files`` order (must-read first, then small
  first) while the total stays within ``budget_bytes``; the rest wait (``over_budget``).
* Free when idle: when every wanted file is complete, no request is made at all.

Runs on the network pool; each chunk's write is its own short replica transaction.
No Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from local_store import attachments as store
from sync.client import NetworkError, ServerRejected, SyncHttpClient

CHUNK_BYTES = 256 * 1024
DEFAULT_BUDGET_BYTES = 2 * 1024 ** 3
PHASE = "attachments"

Progress = Callable[[str, int, int | None], None]


@dataclass(slots=True)
class FetchReport:
    files_downloaded: int = 0
    bytes_downloaded: int = 0
    removed: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # sha256 -> reason
    over_budget: int = 0


class FetchCancelled(Exception):
    """The user (or sign-out) stopped the download; what arrived is kept."""


def fetch_attachments(replica: Engine, client: SyncHttpClient, *,
                      budget_bytes: int = DEFAULT_BUDGET_BYTES,
                      progress: Progress | None = None,
                      cancel: threading.Event | None = None,
                      chunk_bytes: int = CHUNK_BYTES) -> FetchReport:
    """Bring the device's attachment files in line with the rows (module docstring)."""
    report = FetchReport()
    with replica.begin() as conn:
        report.removed = store.drop_unwanted(conn)
        wanted = store.wanted_files(conn)
    planned: list[store.WantedFile] = []
    total = 0
    for f in wanted:
        if total + f.size_bytes > budget_bytes:
            report.over_budget += 1
            continue
        total += f.size_bytes
        if not f.complete:
            planned.append(f)
    to_fetch = sum(f.size_bytes - f.received_bytes for f in planned)

    def moved() -> None:
        if progress is not None:
            progress(PHASE, report.bytes_downloaded, to_fetch)

    for f in planned:
        if cancel is not None and cancel.is_set():
            raise FetchCancelled()
        try:
            ok = _fetch_one(replica, client, f, report, chunk_bytes, moved, cancel)
        except ServerRejected as exc:  # gone since the sync, or not ours to see: skip it
            report.failed[f.sha256] = exc.code or "rejected"
            with replica.begin() as conn:
                store.record_error(conn, f.sha256, exc.code or "rejected")
            continue
        if ok:
            report.files_downloaded += 1
        else:
            report.failed[f.sha256] = "hash_mismatch"
    return report


def _fetch_one(replica: Engine, client: SyncHttpClient, f: store.WantedFile,
               report: FetchReport, chunk_bytes: int, moved: Callable[[], None],
               cancel: threading.Event | None) -> bool:
    """Download the rest of one file; True when it is complete and verified."""
    with replica.begin() as conn:
        received = store.begin_file(conn, f.sha256, f.size_bytes)
    path = f"/api/v1/kb/attachments/{store.download_key(f)}/content"
    while received < f.size_bytes:
        response = client.open_download(path, start=received)
        try:
            if received and response.status_code == 200:  # the range was ignored
                with replica.begin() as conn:
                    store.discard_file(conn, f.sha256)
                    received = store.begin_file(conn, f.sha256, f.size_bytes)
            buffer = bytearray()
            try:
                for piece in response.iter_content(chunk_size=chunk_bytes):
                    buffer.extend(piece)
                    if len(buffer) >= chunk_bytes:
                        received = _store(replica, f.sha256, received, bytes(buffer), report)
                        moved()
                        buffer.clear()
                        if cancel is not None and cancel.is_set():
                            raise FetchCancelled()
                        if received > f.size_bytes:
                            break
            except (OSError, ValueError) as exc:  # requests' stream errors derive from these
                if buffer:
                    _store(replica, f.sha256, received, bytes(buffer), report)
                raise NetworkError("the connection dropped during an attachment download; "
                                   "it resumes on the next sync") from exc
            if buffer:
                received = _store(replica, f.sha256, received, bytes(buffer), report)
                moved()
        finally:
            response.close()
        if received > f.size_bytes:
            break
    with replica.begin() as conn:
        return store.finish_file(conn, f.sha256)


def _store(replica: Engine, sha256: str, offset: int, data: bytes, report: FetchReport) -> int:
    with replica.begin() as conn:
        store.append_chunk(conn, sha256, offset, data)
    report.bytes_downloaded += len(data)
    return offset + len(data)
