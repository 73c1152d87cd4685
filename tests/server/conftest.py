"""Server test helpers: an in-process HTTP client, committed test data, signed-in headers.

HTTP tests see only committed rows, so they build data with ``committed`` (one
transaction, feed published) rather than the rolled-back ``conn`` fixture; the
``engine`` fixture empties the database afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from server.config import Settings
from tests.factories import Factory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def app(engine: Engine, settings: Settings) -> FastAPI:
    from server.main import create_app

    return create_app(engine, settings)


@pytest.fixture
def api(app: FastAPI) -> Iterator[TestClient]:
    """The app over HTTP semantics, in process; server errors come back as responses."""
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def committed(engine: Engine) -> Callable[[], AbstractContextManager[Factory]]:
    """``with committed() as f: ...`` builds rows in one committed transaction."""

    @contextmanager
    def build() -> Iterator[Factory]:
        with engine.begin() as c:
            f = Factory(c)
            yield f
            f.publish()

    return build


@pytest.fixture
def auth_headers(engine: Engine, settings: Settings) -> Callable[[uuid.UUID], dict[str, str]]:
    """Bearer headers for a fresh session of ``user_id`` (no password hashing)."""
    from server.auth.service import issue_tokens

    def headers(user_id: uuid.UUID) -> dict[str, str]:
        with engine.begin() as c:
            tokens = issue_tokens(c, settings, user_id)
        return {"Authorization": f"Bearer {tokens['access_token']}"}

    return headers


@pytest.fixture
def stateless_api(sqlite_engine: Engine) -> Iterator[TestClient]:
    """A client for requests refused before any service runs (parsing, routing, schema).

    They never write, so one database is enough and nothing needs emptying; tests
    that store anything use ``api`` (both databases) instead.
    """
    from server.main import create_app

    with TestClient(create_app(sqlite_engine, Settings()), raise_server_exceptions=False) as client:
        yield client
