"""Attachment files: downloaded after a sync over real HTTP, resumed, verified, removed."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store import attachments as store
from server.kb.service import import_folder
from server.tables import knowledge_files
from sync.attachments import fetch_attachments
from sync.client import NetworkError, SyncHttpClient
from tests.conftest import LiveServer
from tests.kb.kb_folder import article
from tests.sync.conftest import World
from tests.sync.faultproxy import Action, Fault, FaultProxy

FILE_BYTES = 2 * 1024 * 1024 + 12345


def _big_png() -> bytes:
    """A 'PNG' (magic + noise) big enough to be cut mid-way."""
    noise = hashlib.sha256(b"seed").digest() * (FILE_BYTES // 32 + 1)
    return (b"\x89PNG\r\n\x1a\n" + noise)[:FILE_BYTES]


def _publish(engine: Engine, folder: Path, *, with_file: bool = True) -> bytes:
    folder.mkdir(exist_ok=True)
    content = _big_png()
    (folder / "card.png").write_bytes(content)
    article(folder, "card", title="核心信息卡", attachments=["card.png"] if with_file else [])
    with engine.begin() as c:
        result = import_folder(c, folder)
    assert not result.errors
    return content


def _stored(device_db: Engine, sha: str) -> bytes | None:
    with device_db.connect() as conn:
        return store.read_file(conn, sha)


def test_download_verifies_and_a_noop_run_asks_nothing(
        engine: Engine, world: World, device, tmp_path: Path, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    content = _publish(engine, tmp_path / "kb")
    a = device(world.rep_a)
    a.sync()
    with FaultProxy(live_server.port) as proxy:
        http = SyncHttpClient(proxy.url, tokens=a.http.tokens, retries=0)
        first = fetch_attachments(a.db, http, chunk_bytes=64 * 1024)
        assert (first.files_downloaded, first.bytes_downloaded, first.failed) == (1, FILE_BYTES, {})
        requests_made = len(proxy.events)
        again = fetch_attachments(a.db, http)
        assert again.bytes_downloaded == 0 and len(proxy.events) == requests_made
        http.close()
    assert _stored(a.db, hashlib.sha256(content).hexdigest()) == content


def test_a_dropped_connection_resumes_where_it_stopped(
        engine: Engine, world: World, device, tmp_path: Path, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    content = _publish(engine, tmp_path / "kb")
    a = device(world.rep_a)
    a.sync()

    def schedule(index: int, line: str) -> Action:
        return Action(Fault.DROP_RESPONSE, fraction=0.5) if index == 0 else Action()

    with FaultProxy(live_server.port, schedule) as proxy:
        http = SyncHttpClient(proxy.url, tokens=a.http.tokens, retries=0)
        try:
            fetch_attachments(a.db, http, chunk_bytes=64 * 1024)
            raise AssertionError("the cut connection should have stopped the download")
        except NetworkError:
            pass
        assert proxy.faults_hit(Fault.DROP_RESPONSE, "/kb/attachments") == 1
        with a.db.connect() as conn:
            partial = store.wanted_files(conn)[0].received_bytes
        assert 0 < partial < FILE_BYTES
        resumed = fetch_attachments(a.db, http, chunk_bytes=64 * 1024)
        http.close()
    assert resumed.bytes_downloaded == FILE_BYTES - partial  # only the rest travelled
    assert _stored(a.db, hashlib.sha256(content).hexdigest()) == content


KILLED_FETCH = """
import sys, time
from local_store.store import open_replica
from sync.attachments import fetch_attachments
from sync.client import SyncHttpClient
from sync.credentials import Tokens
db = open_replica(sys.argv[1])
http = SyncHttpClient(sys.argv[2], tokens=Tokens(sys.argv[3], sys.argv[4]), retries=0)
fetch_attachments(db, http, chunk_bytes=64 * 1024, progress=lambda *a: time.sleep(0.1))
"""


def test_a_killed_download_resumes_and_completes(
        engine: Engine, world: World, device, tmp_path: Path, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    content = _publish(engine, tmp_path / "kb")
    a = device(world.rep_a)
    a.sync()
    replica_file = str(a.db.url.database)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_FETCH, replica_file, live_server.url,
                             a.http.tokens.access_token, a.http.tokens.refresh_token], env=env)
    try:
        partial = 0
        deadline = time.monotonic() + 60
        while partial < 256 * 1024 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            with a.db.connect() as conn:
                files = store.wanted_files(conn)
                partial = files[0].received_bytes if files else 0
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with a.db.connect() as conn:
        partial = store.wanted_files(conn)[0].received_bytes
    assert 0 < partial < FILE_BYTES, partial
    resumed = fetch_attachments(a.db, a.http)
    assert resumed.bytes_downloaded == FILE_BYTES - partial
    assert _stored(a.db, hashlib.sha256(content).hexdigest()) == content


def test_a_file_whose_hash_does_not_match_is_refused(
        engine: Engine, world: World, device, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    content = _publish(engine, tmp_path / "kb")
    sha = hashlib.sha256(content).hexdigest()
    with engine.begin() as c:  # the server's copy is damaged (same size, other bytes)
        c.execute(sa.update(knowledge_files).where(knowledge_files.c.sha256 == sha)
                  .values(content=content[:-1] + b"X"))
    a = device(world.rep_a)
    a.sync()
    report = fetch_attachments(a.db, a.http)
    assert report.failed == {sha: "hash_mismatch"} and report.files_downloaded == 0
    assert _stored(a.db, sha) is None
    with a.db.connect() as conn:
        assert store.wanted_files(conn)[0].error == "hash_mismatch"


def test_an_attachment_removed_on_the_server_leaves_the_device(
        engine: Engine, world: World, device, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    content = _publish(engine, tmp_path / "kb")
    a = device(world.rep_a)
    a.sync()
    fetch_attachments(a.db, a.http)
    sha = hashlib.sha256(content).hexdigest()
    assert _stored(a.db, sha) == content
    _publish(engine, tmp_path / "kb", with_file=False)
    a.sync()
    report = fetch_attachments(a.db, a.http)
    assert report.removed == 1
    with a.db.connect() as conn:
        assert store.storage_use(conn).stored_bytes == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(
            store.attachment_chunks)).scalar_one() == 0


def test_the_download_endpoint_serves_ranges_to_signed_in_users_only(
        engine: Engine, world: World, device, tmp_path: Path, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    import requests

    content = _publish(engine, tmp_path / "kb")
    a = device(world.rep_a)
    a.sync()
    with a.db.connect() as conn:
        key = store.download_key(store.wanted_files(conn)[0])
    url = f"{live_server.url}/api/v1/kb/attachments/{key}/content"
    auth = {"Authorization": f"Bearer {a.http.tokens.access_token}"}
    assert requests.get(url, timeout=10).status_code == 401
    part = requests.get(url, headers={**auth, "Range": "bytes=10-19"}, timeout=10)
    assert part.status_code == 206 and part.content == content[10:20]
    assert part.headers["Content-Range"] == f"bytes 10-19/{FILE_BYTES}"
    past = requests.get(url, headers={**auth, "Range": f"bytes={FILE_BYTES}-"}, timeout=10)
    assert past.status_code == 416 and past.json()["error"] == "range_not_satisfiable"
    huge = "9" * 5000  # more digits than int() accepts: no range, not a 500
    for header in (f"bytes={huge}-", f"bytes=0-{huge}"):
        odd = requests.get(url, headers={**auth, "Range": header}, timeout=10)
        assert odd.status_code in (200, 206, 416), (header[:20], odd.status_code)
    missing = requests.get(url.replace(key, "00000000-0000-0000-0000-000000000000"),
                           headers=auth, timeout=10)
    assert missing.status_code == 404
