"""HTTP client for the sync protocol and sign-in (requests; no Qt, no database).

Retries with exponential backoff on connection errors, timeouts and 5xx answers
(never on 4xx: the server has decided). Request bodies are gzip-compressed. Every
error answer ``{"error","message","details"}`` becomes a typed ``SyncError`` whose
``message`` tells the user what to do. On a 401 ``token_expired`` the client
refreshes the access token once and retries; new tokens go to ``on_tokens`` (the
credential store) because the server rotates the refresh token.
"""

from __future__ import annotations

import gzip
import json
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sync.credentials import Tokens

if TYPE_CHECKING:  # imported on first use: the app imports this module at start
    import requests

    from sync.pull_pages import PulledPage
    from wire.protocol import PullRequest, PushRequest, PushResponse


class SyncError(Exception):
    """Base of everything the client raises; ``message`` is for people."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SyncStateError(SyncError):
    """The server and this replica disagree about what was sent (e.g. a mutation gap)."""


class NetworkError(SyncError):
    """The server could not be reached (or kept timing out)."""


class ServerError(SyncError):
    """The server kept failing (5xx) after the retries."""


class AuthError(SyncError):
    """Not signed in, wrong password, or the session ended: sign in again."""

    def __init__(self, message: str, code: str = "unauthorized") -> None:
        super().__init__(message)
        self.code = code


class UpgradeRequired(SyncError):
    """Client and server speak no common protocol version."""


class ServerRejected(SyncError):
    """A 4xx answer other than the ones above: ``code`` is the machine-readable error."""

    def __init__(self, code: str, message: str, *, status: int = 400, details: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.details = details


class BadAddress(SyncError):
    """The server address is not a usable URL (a typing error)."""


class CertificateError(NetworkError):
    """The server answered but its TLS certificate could not be verified."""


@dataclass(frozen=True, slots=True)
class HealthAnswer:
    """What ``GET /api/v1/health`` answered: the status and the JSON body (None if not JSON)."""

    status: int
    body: Any

    @property
    def ok(self) -> bool:
        return self.status < 400


class MutationGap(ServerRejected):
    """The server expected earlier mutations than the ones sent (local state confused)."""


TokenListener = Callable[[Tokens], None]


class SyncHttpClient:
    """One server. Thread rule: use an instance from one thread at a time."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: tuple[float, float] = (5, 30),
        retries: int = 3,
        backoff: float = 0.5,
        tokens: Tokens | None = None,
        on_tokens: TokenListener | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.tokens = tokens
        self.on_tokens = on_tokens
        self._session: requests.Session | None = None

    @property
    def session(self) -> requests.Session:
        """The HTTP session, made on first use (``requests`` is imported then, not at start)."""
        if self._session is None:
            import requests  # (on first use, not at the app's start: see TYPE_CHECKING)

            session = requests.Session()
            session.headers.update({"Accept-Encoding": "gzip", "Accept": "application/json"})
            # Proxy and CA-bundle settings from the environment, read once for this server:
            # requests would otherwise re-read the whole environment on every request
            # (~0.3 ms each, a noticeable part of a no-op sync).
            env = session.merge_environment_settings(self.base_url, {}, None, None, None)
            session.proxies.update(env.get("proxies") or {})
            session.verify = env.get("verify", True)
            if env.get("cert") is not None:
                session.cert = env["cert"]
            session.trust_env = False
            self._session = session
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    # --- public calls -------------------------------------------------------------

    def login(self, username: str, password: str) -> dict[str, Any]:
        """Sign in; keeps (and announces) the tokens; returns the whole answer incl. ``user``."""
        answer = self._post("/api/v1/auth/login", {"username": username, "password": password},
                            auth=False)
        self._set_tokens(Tokens.from_answer(answer))
        return answer

    def health(self, *, timeout: tuple[float, float] | None = None) -> HealthAnswer:
        """Ask the server once whether it is there (no retries: a probe must answer fast).

        Raises ``BadAddress`` for an address that is no URL, ``CertificateError`` when TLS
        fails, ``NetworkError`` when nothing answers. Any HTTP answer is returned as is:
        the caller decides what a 5xx or a foreign body means."""
        import requests

        try:
            response = self.session.get(self.base_url + "/api/v1/health",
                                        timeout=timeout or self.timeout)
        except requests.exceptions.SSLError as exc:
            raise CertificateError(f"the security certificate of {self.base_url} could not be "
                                   "verified") from exc
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema, ValueError) as exc:
            raise BadAddress(f"{self.base_url} is not a valid server address") from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise NetworkError(f"cannot reach server at {self.base_url}: check the address and "
                               "your network") from exc
        try:
            body = response.json()
        except ValueError:
            body = None
        return HealthAnswer(response.status_code, body)

    def logout(self, *, timeout: tuple[float, float] | None = None) -> None:
        """End this session's tokens on the server (one try, any answer accepted).

        Raises ``NetworkError`` when the server cannot be reached; the caller forgets the
        tokens anyway (they expire on the server)."""
        import requests

        if self.tokens is None:
            return
        try:
            self.session.post(self.base_url + "/api/v1/auth/logout", timeout=timeout or self.timeout,
                              headers={"Authorization": f"Bearer {self.tokens.access_token}"})
        except requests.RequestException as exc:
            raise NetworkError(f"cannot reach server at {self.base_url}") from exc

    def refresh(self) -> dict[str, Any]:
        if self.tokens is None:
            raise AuthError("not signed in: sign in with your username and password",
                            "not_authenticated")
        answer = self._post("/api/v1/auth/refresh",
                            {"refresh_token": self.tokens.refresh_token}, auth=False)
        self._set_tokens(Tokens.from_answer(answer))
        return answer

    def me(self) -> dict[str, Any]:
        answer: dict[str, Any] = self._request("GET", "/api/v1/auth/me", None, auth=True)
        return answer

    def admin_overview(self) -> dict[str, Any]:
        """The company's aggregates (admins only: anyone else gets ``ServerRejected``
        ``admin_only``, 403)."""
        answer: dict[str, Any] = self._request("GET", "/api/v1/admin/overview", None, auth=True)
        return answer

    def admin_imports(self, limit: int = 200) -> dict[str, Any]:
        """The import history, newest first (admins only, as ``admin_overview``)."""
        answer: dict[str, Any] = self._request("GET", f"/api/v1/admin/imports?limit={int(limit)}",
                                               None, auth=True)
        return answer

    def pull(self, request: PullRequest) -> PulledPage:
        return self.parse_pull(self.pull_raw(request))

    def pull_raw(self, request: PullRequest) -> bytes:
        """The pull answer's body, not yet parsed (``parse_pull`` reads it).

        Split so that a thread fetching the next page ahead (``SyncEngine.pull``) only
        waits on the network, which releases the GIL, while the thread applying the
        current page keeps it: parsing on the fetching thread would make the two fight
        for the GIL (SQLite gives it up on every row it steps through)."""
        body: bytes = self._request("POST", "/api/v1/sync/pull", request.model_dump(), auth=True,
                                    raw=True, accept_encoding=PULL_ACCEPT_ENCODING)
        return body

    def parse_pull(self, raw: bytes) -> PulledPage:
        # A page can hold 5,000 rows: the envelope is validated by its model, the changes
        # are checked field by field here (no per-row model validation of ``data``,
        # which the engine decodes and checks column by column anyway).
        # (Imported with the first pull, not at the app's start: pydantic loads with them.)
        import orjson

        from sync.pull_pages import PulledPage, change_entry
        from wire.protocol import PullResponse

        try:
            body = orjson.loads(raw)  # ~3x json.loads on a page of thousands of rows
            changes = body.pop("changes")
            envelope = PullResponse.model_validate({**body, "changes": []})
            return PulledPage.from_envelope(envelope, [change_entry(c) for c in changes])
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ServerError(f"the server at {self.base_url} sent a pull answer this FieldRep "
                              "cannot read; check the server address or update FieldRep") from exc

    def push(self, request: PushRequest) -> PushResponse:
        return self.push_body(request.model_dump(mode="json"))

    def push_body(self, body: dict[str, Any]) -> PushResponse:
        """``push`` for a body already in wire form (``PushRequest``'s JSON): the sync
        engine builds it straight from outbox rows, without a model per mutation."""
        from wire.protocol import PushResponse  # (pydantic: with the first push, not at start)

        return PushResponse.model_validate(self._post("/api/v1/sync/push", body))

    # --- plumbing -----------------------------------------------------------------

    def open_download(self, path: str, *, start: int = 0) -> requests.Response:
        """A streamed, uncompressed GET of a file from byte ``start`` (HTTP Range); the
        caller reads and closes it. An expired access token is refreshed once; no
        retries here: the caller resumes from what it stored."""
        import requests

        for attempt in (0, 1):
            if self.tokens is None:
                raise AuthError("not signed in: sign in with your username and password",
                                "not_authenticated")
            headers = {"Accept-Encoding": "identity",
                       "Authorization": f"Bearer {self.tokens.access_token}"}
            if start:
                headers["Range"] = f"bytes={start}-"
            try:
                response = self.session.get(self.base_url + path, headers=headers,
                                            timeout=self.timeout, stream=True)
            except (requests.ConnectionError, requests.Timeout, OSError) as exc:
                raise NetworkError(f"cannot reach server at {self.base_url}: check the address "
                                   "and your network") from exc
            if response.status_code < 400:
                return response
            error = self._error(response)
            response.close()
            if attempt == 0 and isinstance(error, AuthError) and error.code == "token_expired":
                self.refresh()
                continue
            raise error
        raise AssertionError("unreachable")

    def _set_tokens(self, tokens: Tokens) -> None:
        self.tokens = tokens
        if self.on_tokens is not None:
            self.on_tokens(tokens)

    def _post(self, path: str, body: dict[str, Any], *, auth: bool = True) -> dict[str, Any]:
        answer: dict[str, Any] = self._request("POST", path, body, auth=auth)
        return answer

    def _request(self, method: str, path: str, body: dict[str, Any] | None, *,
                 auth: bool, raw: bool = False, accept_encoding: str | None = None) -> Any:
        """The answer's JSON (``raw``: its body bytes, not yet parsed; only a raw answer
        may ask for other encodings than the session's gzip, see ``_read_whole``)."""
        try:
            return self._request_once_authed(method, path, body, auth=auth, raw=raw,
                                             accept_encoding=accept_encoding)
        except AuthError as exc:
            if not auth or exc.code != "token_expired" or self.tokens is None:
                raise
        self.refresh()
        return self._request_once_authed(method, path, body, auth=auth, raw=raw,
                                         accept_encoding=accept_encoding)

    def _request_once_authed(self, method: str, path: str, body: dict[str, Any] | None, *,
                             auth: bool, raw: bool = False,
                             accept_encoding: str | None = None) -> Any:
        headers: dict[str, str] = {}
        if raw and accept_encoding is not None:
            headers["Accept-Encoding"] = accept_encoding
        data: bytes | None = None
        if body is not None:
            data = gzip.compress(_json_bytes(body), compresslevel=1)
            headers["Content-Type"] = "application/json"
            headers["Content-Encoding"] = "gzip"
        if auth:
            if self.tokens is None:
                raise AuthError("not signed in: sign in with your username and password",
                                "not_authenticated")
            headers["Authorization"] = f"Bearer {self.tokens.access_token}"
        response = self._send_with_retries(method, path, data, headers, whole_body=raw)
        if response.status_code >= 400:
            raise self._error(response)
        if raw:
            return response.content
        try:
            result: dict[str, Any] = response.json()
        except ValueError as exc:
            raise ServerError(f"the server at {self.base_url} sent an answer that is not JSON; "
                              "check the server address") from exc
        return result

    def _send_with_retries(self, method: str, path: str, data: bytes | None,
                           headers: dict[str, str], *,
                           whole_body: bool = False) -> requests.Response:
        """``whole_body``: read the answer in one piece (see ``_read_whole``)."""
        # (The HTTP stack loads with the first request, not at the app's start.)
        import http.client

        import requests
        import urllib3
        import zstandard

        url = self.base_url + path
        attempt = 0
        while True:
            try:
                response = self.session.request(method, url, data=data, headers=headers,
                                                timeout=self.timeout, stream=whole_body)
                if whole_body:
                    _read_whole(response)
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ContentDecodingError, urllib3.exceptions.HTTPError,
                    http.client.HTTPException, zlib.error, zstandard.ZstdError,
                    OSError) as exc:
                # A cut or garbled answer (connection lost mid-body) is a network failure too:
                # retrying is safe because pushes are idempotent per mutation id.
                if attempt >= self.retries:
                    raise NetworkError(
                        f"cannot reach server at {self.base_url}: check the address and your network"
                    ) from exc
            else:
                if response.status_code < 500:
                    return response
                if attempt >= self.retries:
                    raise ServerError(
                        f"the server at {self.base_url} failed (HTTP {response.status_code}): "
                        f"{_error_message(response) or 'try again later'}")
            time.sleep(self.backoff * (2 ** attempt))
            attempt += 1

    def _error(self, response: requests.Response) -> SyncError:
        code, message, details = _error_parts(response)
        status = response.status_code
        if status == 401:
            return AuthError(message or "sign in again", code or "unauthorized")
        if status == 426 or code == "upgrade_required":
            return UpgradeRequired(message or "this FieldRep version does not match the server; update it")
        if code == "mutation_gap":
            return MutationGap(code, message, status=status, details=details)
        return ServerRejected(code or f"http_{status}", message or f"HTTP {status}",
                              status=status, details=details)


def _error_parts(response: requests.Response) -> tuple[str, str, Any]:
    try:
        body = response.json()
    except ValueError:
        return "", response.text[:200], None
    if not isinstance(body, dict):
        return "", str(body)[:200], None
    return str(body.get("error") or ""), str(body.get("message") or ""), body.get("details")


def _error_message(response: requests.Response) -> str:
    return _error_parts(response)[1]


def _json_bytes(body: dict[str, Any]) -> bytes:
    """Compact JSON of a request body (orjson; ``json`` for what orjson refuses)."""
    import orjson  # (with the first request, not at the app's start)

    try:
        return orjson.dumps(body)
    except TypeError:  # (e.g. an integer beyond 64 bits)
        return json.dumps(body, separators=(",", ":")).encode()


# Pull pages may come zstd-compressed: ~5x cheaper to compress than gzip level 1 for the
# server, ~5x cheaper to inflate here, and ~40% smaller (a 2,000-row page: 114 kB, not 201).
PULL_ACCEPT_ENCODING = "zstd, gzip"


def _read_whole(response: requests.Response) -> None:
    """Read the body with one socket read and inflate it with one call (zlib or zstd).

    A pull page arrives while the engine's thread applies the previous one. Read the
    usual way (10 kB pieces, each inflated in Python), the fetching thread needed the
    GIL ~160 times per page and waited for the busy engine thread each time: a page
    took 2-3x longer to arrive than to send. Both calls here release the GIL.
    """
    raw = response.raw
    body = raw.read(decode_content=False)
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    if encoding == "gzip":
        body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
    elif encoding == "zstd":
        import zstandard  # (with the first compressed answer, not at the app's start)

        inflater = zstandard.ZstdDecompressor().decompressobj()
        body = inflater.decompress(body)
        if not inflater.eof:  # a cut answer: no error from zstd, just less data
            raise zstandard.ZstdError("truncated zstd body")
    response._content = body  # (what ``response.content`` would have read)
    response._content_consumed = True
    raw.release_conn()
