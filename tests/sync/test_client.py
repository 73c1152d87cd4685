"""The HTTP client over real sockets: retries, gzip, error mapping, token refresh."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import keyring
import pytest
import zstandard
from keyring.backends import fail

from sync.client import (
    AuthError,
    BadAddress,
    CertificateError,
    NetworkError,
    ServerError,
    ServerRejected,
    SyncHttpClient,
    UpgradeRequired,
)
from sync.credentials import SERVICE, CredentialStore, Tokens
from tests.conftest import LiveServer, free_port
from tests.sync.conftest import PASSWORD, World
from wire.protocol import PROTOCOL_VERSION, PullRequest

Reply = tuple[int, dict[str, Any]]
EMPTY_PULL = {"protocol": PROTOCOL_VERSION, "server_time": "2026-11-03T09:00:00+00:00",
              "scopes": ["global"], "changes": [], "cursors": {}, "has_more": False}


class Scripted:
    """A tiny HTTP server answering from a script; records what it received."""

    def __init__(self, answer: Callable[[str, dict[str, str], Any], Reply],
                 encode: Callable[[bytes], tuple[bytes, str]] | None = None) -> None:
        """``encode``: the answer's body -> (bytes sent, Content-Encoding)."""
        self.requests: list[tuple[str, dict[str, str], Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                if headers.get("content-encoding") == "gzip":
                    raw = gzip.decompress(raw)
                body = json.loads(raw) if raw else None
                outer.requests.append((self.path, headers, body))
                status, payload = answer(self.path, headers, body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if encode is not None:
                    data, coding = encode(data)
                    self.send_header("Content-Encoding", coding)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def scripted() -> Iterator[Callable[..., Scripted]]:
    made: list[Scripted] = []

    def make(answer: Callable[[str, dict[str, str], Any], Reply],
             encode: Callable[[bytes], tuple[bytes, str]] | None = None) -> Scripted:
        s = Scripted(answer, encode)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


def client(url: str, **kw: Any) -> SyncHttpClient:
    kw.setdefault("tokens", Tokens("access-1", "refresh-1"))
    return SyncHttpClient(url, backoff=0.01, **kw)


def test_5xx_is_retried_and_bodies_are_gzipped(scripted: Callable[..., Scripted]) -> None:
    replies = iter([(503, {"error": "busy", "message": "busy"}), (502, {}), (200, EMPTY_PULL)])
    server = scripted(lambda *_: next(replies))
    got = client(server.url).pull(PullRequest(protocol=PROTOCOL_VERSION, cursors={"global": "c1"}))
    assert got.has_more is False and len(server.requests) == 3
    path, headers, body = server.requests[-1]
    assert path == "/api/v1/sync/pull" and headers["content-encoding"] == "gzip"
    assert "gzip" in headers["accept-encoding"] and headers["authorization"] == "Bearer access-1"
    assert body["cursors"] == {"global": "c1"}


def test_pull_pages_may_come_zstd_compressed(scripted: Callable[..., Scripted]) -> None:
    page = {**EMPTY_PULL, "scopes": ["global", "territory:t1"], "server_time": "2026-11-03T10:00:00+00:00"}
    server = scripted(lambda *_: (200, page),
                      lambda data: (zstandard.ZstdCompressor(level=1).compress(data), "zstd"))
    got = client(server.url).pull(PullRequest(protocol=PROTOCOL_VERSION))
    assert got.scopes == ["global", "territory:t1"]
    assert server.requests[0][1]["accept-encoding"] == "zstd, gzip"


def test_a_cut_zstd_page_is_a_network_error_and_retried(scripted: Callable[..., Scripted]) -> None:
    """A zstd frame cut short inflates without an error, to less data: it must count as
    a failed transfer (retried), never as a page."""
    sent: list[int] = []

    def cut(data: bytes) -> tuple[bytes, str]:
        whole = zstandard.ZstdCompressor(level=1).compress(data)
        sent.append(len(whole))
        return whole[: len(whole) // 2], "zstd"

    server = scripted(lambda *_: (200, EMPTY_PULL), cut)
    with pytest.raises(NetworkError):
        client(server.url, retries=1).pull(PullRequest(protocol=PROTOCOL_VERSION))
    assert len(server.requests) == 2 and len(sent) == 2


def test_5xx_after_the_retries_is_a_server_error(scripted: Callable[..., Scripted]) -> None:
    server = scripted(lambda *_: (500, {"error": "internal_error", "message": "logged"}))
    with pytest.raises(ServerError, match="HTTP 500"):
        client(server.url, retries=2).pull(PullRequest(protocol=PROTOCOL_VERSION))
    assert len(server.requests) == 3


def test_4xx_is_never_retried_and_keeps_the_error_shape(scripted: Callable[..., Scripted]) -> None:
    server = scripted(lambda *_: (422, {"error": "invalid_request", "message": "bad cursor",
                                        "details": [{"field": "cursors"}]}))
    with pytest.raises(ServerRejected) as err:
        client(server.url).pull(PullRequest(protocol=PROTOCOL_VERSION))
    assert (err.value.code, err.value.message, err.value.status) == ("invalid_request", "bad cursor", 422)
    assert err.value.details == [{"field": "cursors"}] and len(server.requests) == 1


def test_upgrade_required_and_bad_password_are_typed(scripted: Callable[..., Scripted]) -> None:
    upgrade = scripted(lambda *_: (426, {"error": "upgrade_required", "message": "update FieldRep"}))
    with pytest.raises(UpgradeRequired, match="update FieldRep"):
        client(upgrade.url).pull(PullRequest(protocol=PROTOCOL_VERSION))
    wrong = scripted(lambda *_: (401, {"error": "invalid_credentials", "message": "wrong password"}))
    with pytest.raises(AuthError) as err:
        client(wrong.url, tokens=None).login("zhang", "nope")
    assert err.value.code == "invalid_credentials"


def test_expired_token_is_refreshed_once_and_the_call_retried(
    scripted: Callable[..., Scripted],
) -> None:
    def answer(path: str, headers: dict[str, str], body: Any) -> Reply:
        if path == "/api/v1/auth/refresh":
            assert body == {"refresh_token": "refresh-1"}
            return 200, {"access_token": "access-2", "refresh_token": "refresh-2", "expires_in": 900,
                         "user": {}}
        if headers.get("authorization") != "Bearer access-2":
            return 401, {"error": "token_expired", "message": "expired"}
        return 200, EMPTY_PULL

    server = scripted(answer)
    saved: list[Tokens] = []
    c = client(server.url, on_tokens=saved.append)
    c.pull(PullRequest(protocol=PROTOCOL_VERSION))
    assert [p for p, _h, _b in server.requests] == [
        "/api/v1/sync/pull", "/api/v1/auth/refresh", "/api/v1/sync/pull"]
    assert saved == [Tokens("access-2", "refresh-2", 900)]


def test_an_unreachable_server_says_what_to_do() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(NetworkError) as err:
        client(url, retries=1).pull(PullRequest(protocol=PROTOCOL_VERSION))
    assert err.value.message == f"cannot reach server at {url}: check the address and your network"


def test_tokens_live_in_the_keyring_under_server_and_user(memory_keyring: Any) -> None:
    store = CredentialStore("http://h:8000", "zhang")
    store.save(Tokens("a", "r", 60))
    assert (SERVICE, "http://h:8000|zhang") in memory_keyring.store
    assert CredentialStore("http://h:8000", "zhang").load() == Tokens("a", "r", 60)
    store.clear()
    assert store.load() is None and memory_keyring.store == {}


def test_without_a_keyring_tokens_stay_in_memory_and_say_so() -> None:
    keyring.set_keyring(fail.Keyring())
    store = CredentialStore("http://h:8000", "li")
    store.save(Tokens("a", "r"))
    assert store.persistent is False and store.warning and "will not remember your sign-in" in store.warning
    assert store.load() == Tokens("a", "r")
    store.clear()
    assert store.load() is None


def test_health_answers_with_the_servers_protocol_and_logout_ends_the_session(
        world: World, live_server: LiveServer) -> None:
    c = client(live_server.url, retries=0)
    answer = c.health()
    assert answer.ok and answer.body["protocol"] == PROTOCOL_VERSION
    c.login(world.rep_a["username"], PASSWORD)
    assert c.me()["username"] == world.rep_a["username"]
    c.logout()
    with pytest.raises(AuthError):
        c.me()


def test_health_says_what_is_wrong_with_the_address() -> None:
    with pytest.raises(BadAddress):
        client("http://exa mple.com", retries=0).health()
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(NetworkError) as err:
        client(url, retries=0).health()
    assert not isinstance(err.value, CertificateError)
    with pytest.raises(NetworkError):
        client(url, retries=0, tokens=Tokens("a", "r")).logout()
