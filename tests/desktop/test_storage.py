"""A full disk is recognised through every layer and explained in one clear sentence."""

from __future__ import annotations

import datetime as dt
import errno
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from desktop.storage import storage_message, storage_problem
from desktop.sync_runner import explain
from local_store.replica import synced
from local_store.state import USER_ID, set_state
from local_store.store import open_replica


def test_a_full_replica_refuses_the_write_and_is_explained(tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "full.sqlite3", key=b"k" * 32)
    with replica.begin() as conn:
        set_state(conn, USER_ID, "8a4c5f8e-7c59-4d7a-9d7e-0c5d1a2b3c4d")
    with replica.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
    # SQLite's own size cap: the next page it needs fails exactly as a full disk does.
    with replica.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
        conn.commit()
        with pytest.raises(OperationalError) as failed:
            conn.execute(sa.insert(synced["products"]), [
                {"id": uuid.uuid4(), "version": 1, "updated_at": dt.datetime.now(dt.UTC),
                 "deleted": False, "code": f"P{i}", "name": "立普妥" * 200, "active": True}
                for i in range(200)])
            conn.commit()
    assert storage_problem(failed.value) == "full"
    assert "The disk is full" in explain(failed.value)
    assert "try again" in storage_message("full")
    replica.dispose()


def test_os_level_errors_and_wrapped_causes() -> None:
    assert storage_problem(OSError(errno.ENOSPC, "No space left on device")) == "full"
    assert storage_problem(OSError(errno.EROFS, "Read-only file system")) == "readonly"
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("export failed") from inner
    except RuntimeError as outer:
        assert storage_problem(outer) == "full"
    assert storage_problem(ValueError("bad date")) is None
    assert "read-only" in storage_message("readonly")
