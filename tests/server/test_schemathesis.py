"""No 500 on any input: schemathesis generates requests for every operation of
``/openapi.json`` (valid and invalid bodies, parameters and headers), without a token
and with a real rep's token, and every answer must conform to the document: no server
error, a documented status, our error shape, the declared content type.

Kept small for CI (a few dozen cases per operation, on SQLite in process); the
document itself lists every error an operation can answer (server/api/errors.py), so
no check is switched off.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from sqlalchemy.engine import Engine

from server.config import Settings
from tests.conftest import truncate_all
from tests.factories import Factory

EXAMPLES_PER_OPERATION = 20


@pytest.fixture
def world(sqlite_engine: Engine) -> Iterator[tuple[FastAPI, dict[str, str]]]:
    """The app on SQLite with a rep who has a doctor, and that rep's bearer header."""
    from server.auth.service import issue_tokens
    from server.main import create_app

    with sqlite_engine.begin() as c:
        f = Factory(c)
        territory = f.territory()
        rep = f.user(territory=territory, password="correct-horse-battery")
        f.doctor(territory)
        f.publish()
        tokens = issue_tokens(c, Settings(), rep["id"])
    yield create_app(sqlite_engine, Settings()), {
        "Authorization": f"Bearer {tokens['access_token']}"}
    truncate_all(sqlite_engine)


def _run(app: FastAPI, headers: dict[str, str] | None) -> list[str]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                  database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers)

        try:
            check()
        except Exception as exc:  # every operation is run; the report lists each failure
            failures.append(f"{operation.label}: {exc}")
    return failures


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "rep"])
def test_no_request_gets_a_server_error_or_an_undocumented_answer(
        world: tuple[FastAPI, dict[str, str]], signed_in: bool) -> None:
    app, headers = world
    failures = _run(app, headers if signed_in else None)
    assert not failures, "\n\n".join(failures)


def test_a_request_id_comes_with_every_answer(world: tuple[FastAPI, dict[str, str]]) -> None:
    from fastapi.testclient import TestClient

    app, _headers = world
    with TestClient(app) as client:
        answer = client.get("/api/v1/health")
    assert uuid.UUID(answer.headers["X-Request-ID"])
