"""A fresh replica file per test (real SQLite, WAL)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from local_store.state import USER_ID, set_state
from local_store.store import open_replica


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Engine]:
    engine = open_replica(tmp_path / "replica.sqlite3")
    with engine.begin() as conn:
        set_state(conn, USER_ID, str(uuid.uuid4()))
    yield engine
    engine.dispose()
