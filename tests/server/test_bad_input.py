"""Bad requests get a 4xx in the one error shape, never a 500 or a traceback."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
import requests
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import LiveServer
from tests.factories import Factory
from tests.server.conftest import PASSWORD

Committed = Callable[[], AbstractContextManager[Factory]]
LOGIN = "/api/v1/auth/login"
MB = 1024 * 1024


def assert_error(response: requests.Response | object, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"].startswith("application/json")  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error", "message", "details"}
    assert body["message"]
    if code is not None:
        assert body["error"] == code
    return dict(body)


@pytest.fixture
def headers(committed: Committed,
            auth_headers: Callable[[uuid.UUID], dict[str, str]]) -> dict[str, str]:
    with committed() as f:
        rep = f.user(territory=f.territory(), password=PASSWORD)
    return auth_headers(rep["id"])


# --- bodies ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [b"{", b'{"username": "a",}', b"\xff\xfe", b"nul", b'{"a": 1} x'])
def test_malformed_json_is_400(stateless_api: TestClient, raw: bytes) -> None:
    answer = stateless_api.post(LOGIN, content=raw, headers={"content-type": "application/json"})
    assert_error(answer, 400, "malformed_json")


def test_wrong_types_missing_and_unknown_fields_are_422_per_field(stateless_api: TestClient) -> None:
    answer = stateless_api.post(LOGIN, json={"username": 42, "role": "admin"})
    body = assert_error(answer, 422, "invalid_request")
    problems = {d["field"]: d["type"] for d in body["details"]}
    assert problems == {"username": "string_type", "password": "missing",
                        "role": "extra_forbidden"}


@pytest.mark.parametrize("payload", [[], "text", 3, None, {"username": "", "password": ""},
                                     {"username": "u" * 65, "password": "x"}])
def test_wrong_shapes_are_422(stateless_api: TestClient, payload: object) -> None:
    assert_error(stateless_api.post(LOGIN, json=payload), 422, "invalid_request")


def test_non_json_content_type_is_422(stateless_api: TestClient) -> None:
    answer = stateless_api.post(LOGIN, content=b"username=a&password=b",
                      headers={"content-type": "application/x-www-form-urlencoded"})
    assert_error(answer, 422, "invalid_request")


def test_body_over_the_limit_with_content_length_is_413(stateless_api: TestClient) -> None:
    answer = stateless_api.post(LOGIN, content=b"x" * (10 * MB + 1),
                                headers={"content-type": "application/json"})
    assert_error(answer, 413, "body_too_large")


def test_chunked_body_over_the_limit_is_413(live_server: LiveServer) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"username": "'
        for _ in range(11):
            yield b"u" * MB
        yield b'", "password": "x"}'

    answer = requests.post(f"{live_server.url}{LOGIN}", data=chunks(), timeout=30,
                           headers={"content-type": "application/json"})
    assert_error(answer, 413, "body_too_large")


def test_chunked_body_under_the_limit_is_read(live_server: LiveServer) -> None:
    body = json.dumps({"username": "nobody", "password": "whatever"}).encode()
    answer = requests.post(f"{live_server.url}{LOGIN}", data=iter([body[:10], body[10:]]),
                           timeout=30, headers={"content-type": "application/json"})
    assert_error(answer, 401, "invalid_credentials")


def test_gzip_body_is_inflated(api: TestClient, committed: Committed) -> None:
    with committed() as f:
        rep = f.user(password=PASSWORD)
    raw = gzip.compress(json.dumps({"username": rep["username"], "password": PASSWORD}).encode())
    answer = api.post(LOGIN, content=raw, headers={"content-type": "application/json",
                                                   "content-encoding": "gzip"})
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize("raw", [b"not gzip at all", gzip.compress(b'{"a": 1}')[:-6] + b"\x00" * 6,
                                 b"\x1f\x8b\x08\x00garbage"])
def test_corrupt_gzip_body_is_400(stateless_api: TestClient, raw: bytes) -> None:
    answer = stateless_api.post(LOGIN, content=raw, headers={"content-type": "application/json",
                                                   "content-encoding": "gzip"})
    assert_error(answer, 400)


def test_gzip_bomb_is_413(stateless_api: TestClient) -> None:
    bomb = gzip.compress(b" " * (11 * MB))
    assert len(bomb) < MB
    answer = stateless_api.post(LOGIN, content=bomb, headers={"content-type": "application/json",
                                                    "content-encoding": "gzip"})
    assert_error(answer, 413, "body_too_large")


def test_invalid_content_length_is_400(live_server: LiveServer) -> None:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", live_server.port, timeout=10)
    try:
        connection.putrequest("POST", LOGIN)
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", "-5")
        connection.endheaders()
        answer = connection.getresponse()
        assert 400 <= answer.status < 500
    finally:
        connection.close()


# --- paths, queries, methods ---------------------------------------------------------------

def test_bad_uuid_in_a_path_is_422(api: TestClient, headers: dict[str, str]) -> None:
    body = assert_error(api.get("/api/v1/doctors/not-a-uuid", headers=headers), 422,
                        "invalid_request")
    assert body["details"][0]["field"] == "path.doctor_id"


def test_bad_query_parameters_are_422(api: TestClient, headers: dict[str, str]) -> None:
    for query in ("limit=abc", "limit=0", "limit=100000", "offset=-1", "territory_id=42"):
        assert_error(api.get(f"/api/v1/doctors?{query}", headers=headers), 422, "invalid_request")


def test_unknown_route_is_404_json(stateless_api: TestClient) -> None:
    assert_error(stateless_api.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(stateless_api.get("/"), 404, "not_found")


def test_wrong_method_is_405_json(stateless_api: TestClient) -> None:
    answer = stateless_api.delete("/api/v1/auth/login")
    assert_error(answer, 405, "method_not_allowed")
    assert "POST" in answer.headers["allow"]


@pytest.mark.parametrize("authorization", ["Bearer", "Bearer ", "Bearer a.b.c", "Token x",
                                           "Bearer " + "A" * 5000, "Bearer \u00e9t\u00e9.x"])
def test_bad_authorization_headers_are_401(stateless_api: TestClient, authorization: str) -> None:
    header = {"Authorization": authorization.encode("latin-1")}
    answer = stateless_api.get("/api/v1/auth/me", headers=header)  # type: ignore[arg-type]
    assert_error(answer, 401)


# --- nothing returns 500 ------------------------------------------------------------------

JUNK_BODIES: list[tuple[bytes, dict[str, str]]] = [
    (b"", {}),
    (b"{", {"content-type": "application/json"}),
    (b"[1, 2, 3]", {"content-type": "application/json"}),
    (b'{"x": "\\ud800"}', {"content-type": "application/json"}),
    (json.dumps({"a": [[[[[[[[[[1]]]]]]]]]]}).encode(), {"content-type": "application/json"}),
    (b"\x00\x01\x02", {"content-type": "application/octet-stream"}),
    (b"junk", {"content-type": "application/json", "content-encoding": "gzip"}),
]


def test_junk_to_every_operation_never_gets_a_500(
    api: TestClient, app: FastAPI, headers: dict[str, str]
) -> None:
    paths = app.openapi()["paths"]
    for path, item in paths.items():
        url = path
        for part in [p for p in path.split("/") if p.startswith("{")]:
            url = url.replace(part, str(uuid.uuid4()))
        for method in item:
            for auth in ({}, headers):
                for raw, extra in JUNK_BODIES:
                    answer = api.request(method.upper(), url, content=raw, headers={**auth, **extra})
                    assert answer.status_code < 500, (method, path, raw, answer.text)
                    if answer.status_code >= 400:
                        assert "error" in answer.json()
                        assert "Traceback" not in answer.text


@pytest.mark.parametrize("query", ["offset=18446744073709551616", "offset=-1", "limit=0",
                                   "limit=99999999999999999999", "offset=1e3"])
def test_query_parameters_out_of_range_are_422_not_500(
        api: TestClient, headers: dict[str, str], query: str) -> None:
    assert_error(api.get(f"/api/v1/doctors?{query}", headers=headers), 422, "invalid_request")


def test_an_unexpected_failure_is_logged_and_answered_with_its_request_id(
        sqlite_engine: object, caplog: pytest.LogCaptureFixture) -> None:
    from server.config import Settings
    from server.main import create_app

    app = create_app(sqlite_engine, Settings())  # type: ignore[arg-type]

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("database fell over")

    with TestClient(app, raise_server_exceptions=False) as client, \
            caplog.at_level("ERROR", logger="fieldrep.server"):
        answer = client.get("/api/v1/boom")
    body = assert_error(answer, 500, "internal_error")
    request_id = body["details"]["request_id"]
    assert answer.headers["X-Request-ID"] == request_id and request_id in body["message"]
    assert "database fell over" not in answer.text
    logged = [r for r in caplog.records if getattr(r, "request_id", None) == request_id]
    assert logged and logged[0].exc_info is not None


@pytest.mark.parametrize("text", ["\ud800", "a\x00b"])
def test_unstorable_text_in_a_login_or_a_cursor_is_a_4xx(
        api: TestClient, headers: dict[str, str], text: str) -> None:
    json_headers = {"content-type": "application/json"}
    login = api.post(LOGIN, content=json.dumps({"username": text, "password": text}),
                     headers=json_headers)
    assert 400 <= login.status_code < 500, login.text
    pull = api.post("/api/v1/sync/pull", headers={**headers, **json_headers},
                    content=json.dumps({"protocol": 1, "cursors": {text: text}}))
    assert pull.status_code < 500, pull.text  # (an unknown scope is dropped)
    push = api.post("/api/v1/sync/push", headers={**headers, **json_headers}, content=json.dumps(
        {"protocol": 1, "client_id": f"device-{text}-12345678", "mutations": [
            {"mutation_id": 1, "table": text, "id": text, "op": "insert", "fields": {text: 1}}]}))
    assert push.status_code < 500, push.text
