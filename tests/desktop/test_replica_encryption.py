"""The encrypted replica: unreadable without the key, re-keyable, plain files convertible."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from local_store.db import (
    SQLITE_HEADER,
    ReplicaUnreadable,
    check_key,
    create_replica_engine,
    derive_key,
    encrypt_plain_replica,
    is_plain_sqlite,
    rekey,
    replica_salt,
)
from local_store.state import CLIENT_ID, get_state
from local_store.store import open_replica


def test_encrypted_replica_reads_as_noise_and_does_not_open_without_the_key(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    salt = replica_salt(path)
    assert salt is not None and replica_salt(path) == salt  # made once, then reused
    key = derive_key("correct horse", salt)
    assert derive_key("correct horse", salt) == key and derive_key("wrong", salt) != key
    engine = open_replica(path, key=key, username="rep001")
    with engine.begin() as conn:
        cid = get_state(conn, CLIENT_ID)
        conn.execute(sa.text("CREATE TABLE secret (v TEXT)"))
        conn.execute(sa.text("INSERT INTO secret VALUES ('患者名单')"))
    engine.dispose()

    raw = path.read_bytes()
    assert not raw.startswith(SQLITE_HEADER) and "患者名单".encode() not in raw
    assert not is_plain_sqlite(path)
    with pytest.raises(sa.exc.DatabaseError):  # plain SQLite sees no database
        plain = create_replica_engine(path)
        with plain.connect() as conn:
            conn.execute(sa.text("SELECT count(*) FROM sqlite_master")).scalar()
    assert not check_key(path, derive_key("wrong", salt))
    with pytest.raises(ReplicaUnreadable):
        create_replica_engine(path, derive_key("wrong", salt))

    again = open_replica(path, key=key)
    with again.connect() as conn:
        assert get_state(conn, CLIENT_ID) == cid
        assert conn.execute(sa.text("SELECT v FROM secret")).scalar() == "患者名单"
    again.dispose()


def test_rekey_and_encrypting_a_plain_replica(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    plain = open_replica(path, username="rep001")
    with plain.connect() as conn:
        cid = get_state(conn, CLIENT_ID)
    plain.dispose()
    assert is_plain_sqlite(path)

    key = derive_key("one", b"0123456789abcdef")
    encrypt_plain_replica(path, key)
    assert not is_plain_sqlite(path) and check_key(path, key)
    new_key = derive_key("two", b"0123456789abcdef")
    rekey(path, key, new_key)
    assert not check_key(path, key) and check_key(path, new_key)
    engine = open_replica(path, key=new_key)
    with engine.connect() as conn:
        assert get_state(conn, CLIENT_ID) == cid
    engine.dispose()
