"""Replica file location, PRAGMAs and schema migrations that keep unsynced work."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from local_store import outbox as ob
from local_store.db import create_replica_engine
from local_store.migrations import MIGRATIONS, MigrationLostWork, ReplicaTooNew, migrate, schema_version
from local_store.replica import replica_path
from local_store.state import client_id
from local_store.store import open_replica


def test_replica_path_is_one_file_per_server_and_user(tmp_path: Path) -> None:
    p = replica_path(tmp_path, "https://CRM.example.com/", "zhang.wei")
    assert p == tmp_path / "replicas" / "crm.example.com_443__zhang.wei.sqlite3"
    assert replica_path(tmp_path, "https://crm.example.com", "zhang.wei") == p
    assert replica_path(tmp_path, "http://10.0.0.5:8000", "li") .name == "10.0.0.5_8000__li.sqlite3"
    odd = {replica_path(tmp_path, "http://h:1", u).name for u in ("a/b", "a_b", "../a b", "张伟")}
    assert len(odd) == 4
    for name in odd:
        assert "/" not in name and not name.startswith(".")
    assert replica_path(tmp_path, "http://h:1", "张伟").name.startswith("h_1__张伟")


def test_engine_uses_wal_foreign_keys_and_normal_sync(tmp_path: Path) -> None:
    engine = create_replica_engine(tmp_path / "sub" / "r.sqlite3")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    engine.dispose()


def test_client_id_is_generated_once(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    first = open_replica(path)
    with first.connect() as conn:
        cid = client_id(conn)
    first.dispose()
    again = open_replica(path)
    with again.connect() as conn:
        assert client_id(conn) == cid and len(cid) == 32
        assert schema_version(conn) == len(MIGRATIONS)
    again.dispose()


def _pending_work(conn: Connection) -> None:
    for i in range(3):
        ob.append_entry(conn, table="visits", row_id=uuid.uuid4(), op="insert",
                        base_version=None, fields={"purpose": f"p{i}"})
    entry = ob.next_batch(conn, 1)[0]
    ob.move_to_rejected(conn, entry, reason="locked", message="submitted", field="status")


def _v2_rebuild_outbox(conn: Connection) -> None:
    """A realistic upgrade: rebuild the outbox with an extra column, copying its rows."""
    conn.exec_driver_sql("ALTER TABLE outbox RENAME TO outbox_old")
    conn.exec_driver_sql(
        "CREATE TABLE outbox (mutation_id INTEGER PRIMARY KEY, table_name VARCHAR(40) NOT NULL, "
        "row_id CHAR(32) NOT NULL, op VARCHAR(10) NOT NULL, base_version BIGINT, fields JSON NOT NULL, "
        "created_at DATETIME NOT NULL, state VARCHAR(10) NOT NULL DEFAULT 'pending', "
        "device VARCHAR(40))")
    conn.exec_driver_sql(
        "INSERT INTO outbox (mutation_id, table_name, row_id, op, base_version, fields, created_at, state) "
        "SELECT mutation_id, table_name, row_id, op, base_version, fields, created_at, state "
        "FROM outbox_old")
    conn.exec_driver_sql("DROP TABLE outbox_old")


def _v2_careless(conn: Connection) -> None:
    conn.exec_driver_sql("DELETE FROM outbox")


def test_upgrade_to_v2_keeps_pending_outbox_and_rejected_rows(replica: Engine) -> None:
    with replica.begin() as conn:
        _pending_work(conn)
        before = ob.all_entries(conn)
    assert migrate(replica, (*MIGRATIONS, _v2_rebuild_outbox)) == len(MIGRATIONS) + 1
    with replica.connect() as conn:
        assert schema_version(conn) == len(MIGRATIONS) + 1
        assert ob.all_entries(conn) == before
        assert len(ob.unresolved_rejections(conn)) == 1
        assert "device" in {c["name"] for c in sa.inspect(conn).get_columns("outbox")}


def test_an_upgrade_that_would_lose_unsynced_work_is_rolled_back(replica: Engine) -> None:
    with replica.begin() as conn:
        _pending_work(conn)
    with pytest.raises(MigrationLostWork):
        migrate(replica, (*MIGRATIONS, _v2_careless))
    with replica.connect() as conn:
        assert schema_version(conn) == len(MIGRATIONS)
        assert ob.pending_count(conn) == 2


def test_a_replica_from_a_newer_fieldrep_is_left_alone(replica: Engine) -> None:
    with replica.begin() as conn:
        conn.exec_driver_sql("PRAGMA user_version = 99")
    with pytest.raises(ReplicaTooNew):
        migrate(replica)


def _version_5_replica(path: Path) -> Engine:
    """A replica as FieldRep wrote it before version 6: unique codes on the synced
    tables, ``row_scopes`` and ``doctor_search`` with rowids."""
    from local_store.replica import metadata
    from wire.schema import build_tables

    old = sa.MetaData()
    build_tables(old, foreign_keys=False)  # (with their unique constraints)
    for table in metadata.tables.values():
        if table.name not in old.tables:
            copy = table.to_metadata(old)
            copy.dialect_options["sqlite"]["with_rowid"] = True
    engine = create_replica_engine(path)
    with engine.begin() as conn:
        old.create_all(conn)
        conn.exec_driver_sql("PRAGMA user_version = 5")
    return engine


def _table_sql(conn: Connection, name: str) -> str:
    return str(conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?",
                                    (name,)).scalar())


def test_version_6_drops_replica_unique_codes_and_keeps_every_row(tmp_path: Path) -> None:
    replica = _version_5_replica(tmp_path / "r.sqlite3")
    doctor, institution = uuid.uuid4().hex, uuid.uuid4().hex
    with replica.begin() as conn:
        assert "UNIQUE" in _table_sql(conn, "doctors")
        conn.exec_driver_sql(
            "INSERT INTO doctors (id, version, updated_at, deleted, code, name, institution_id, "
            "status) VALUES (?, 3, '2026-11-20 10:00:00.000000', 0, 'DR1', '李明', ?, 'active')",
            (doctor, institution))
        conn.exec_driver_sql("INSERT INTO row_scopes (scope, table_name, row_id, stale) "
                             "VALUES ('territory:t', 'doctors', ?, 0)", (doctor,))
        _pending_work(conn)
    assert migrate(replica) == len(MIGRATIONS)
    with replica.begin() as conn:
        assert "UNIQUE" not in _table_sql(conn, "doctors")
        assert "WITHOUT ROWID" in _table_sql(conn, "row_scopes")
        assert "WITHOUT ROWID" in _table_sql(conn, "doctor_search")
        indexes = {str(r[0]) for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'doctors'")}
        assert "ix_doctors_institution_id" in indexes
        assert conn.exec_driver_sql("SELECT code, version FROM doctors WHERE id = ?",
                                    (doctor,)).one() == ("DR1", 3)
        assert conn.exec_driver_sql("SELECT count(*) FROM row_scopes").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar() == 2
        assert conn.exec_driver_sql("SELECT count(*) FROM rejected_changes").scalar() == 1
        # two rows may now hold one code for a moment (a swap arriving in two pages)
        conn.exec_driver_sql(
            "INSERT INTO doctors (id, version, updated_at, deleted, code, name, institution_id, "
            "status) VALUES (?, 1, '2026-11-20 10:00:00.000000', 0, 'DR1', '王芳', ?, 'active')",
            (uuid.uuid4().hex, institution))
    replica.dispose()


def test_v7_adds_the_planning_columns_keeping_rows(replica: Engine) -> None:
    with replica.begin() as conn:
        _pending_work(conn)
        for table, column in (("frequency_rules", "time_zone"), ("doctors", "target_override"),
                              ("visit_plans", "review_comment")):
            conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
        conn.exec_driver_sql("PRAGMA user_version = 6")
        before = ob.all_entries(conn)
    assert migrate(replica) == len(MIGRATIONS)
    with replica.connect() as conn:
        assert "review_comment" in {c["name"] for c in sa.inspect(conn).get_columns("visit_plans")}
        assert "target_override" in {c["name"] for c in sa.inspect(conn).get_columns("doctors")}
        assert "time_zone" in {c["name"] for c in sa.inspect(conn).get_columns("frequency_rules")}
        assert ob.all_entries(conn) == before


def test_version_7_moves_inline_attachments_out_of_the_rows(tmp_path: Path) -> None:
    """A replica of FieldRep before the knowledge base model: one product per article,
    attachment bytes inline. The upgrade keeps the bytes as a verified local file and
    makes the rows look as the server's revision 0007 makes them."""
    import base64
    import hashlib

    from local_store import attachments as store
    from local_store.read.knowledge import search_articles

    replica = create_replica_engine(tmp_path / "r.sqlite3")
    article, attachment, product = uuid.uuid4().hex, uuid.uuid4().hex, uuid.uuid4()
    content = b"%PDF-1.4 old inline file"
    with replica.begin() as conn:
        for migration in MIGRATIONS[:6]:
            migration(conn)
        for name in ("kb_fts", "kb_search", "kb_text", "attachment_chunks", "attachment_files",
                     "knowledge_reads"):
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
        conn.exec_driver_sql("DROP TABLE knowledge_articles")
        conn.exec_driver_sql("DROP TABLE knowledge_attachments")
        conn.exec_driver_sql(
            "CREATE TABLE knowledge_articles (id CHAR(32) PRIMARY KEY, version BIGINT NOT NULL, "
            "updated_at DATETIME NOT NULL, updated_by CHAR(32), deleted BOOLEAN NOT NULL, "
            "category VARCHAR(30) NOT NULL, title VARCHAR(300) NOT NULL, body TEXT, "
            "product_id CHAR(32), competitor_product_id CHAR(32), tags JSON, "
            "article_version INTEGER NOT NULL, published BOOLEAN NOT NULL)")
        conn.exec_driver_sql("CREATE INDEX ix_knowledge_articles_product_id "
                             "ON knowledge_articles (product_id)")
        conn.exec_driver_sql(
            "CREATE TABLE knowledge_attachments (id CHAR(32) PRIMARY KEY, version BIGINT NOT NULL, "
            "updated_at DATETIME NOT NULL, updated_by CHAR(32), deleted BOOLEAN NOT NULL, "
            "article_id CHAR(32) NOT NULL, filename VARCHAR(300) NOT NULL, mime_type VARCHAR(100), "
            "size_bytes INTEGER, content_base64 TEXT)")
        conn.exec_driver_sql(
            "INSERT INTO knowledge_articles VALUES (?, 2, '2026-11-20 10:00:00.000000', NULL, 0, "
            "'product', '心安平产品手册', '一天一次，平稳降压。', ?, NULL, '[\"手册\"]', 1, 1)",
            (article, product.hex))
        conn.exec_driver_sql(
            "INSERT INTO knowledge_attachments VALUES (?, 1, '2026-11-20 10:00:00.000000', NULL, 0, "
            "?, 'manual.pdf', 'application/pdf', NULL, ?)",
            (attachment, article, base64.b64encode(content).decode()))
        conn.exec_driver_sql("PRAGMA user_version = 6")
    assert migrate(replica) == len(MIGRATIONS)
    sha = hashlib.sha256(content).hexdigest()
    with replica.connect() as conn:
        row = conn.exec_driver_sql("SELECT product_ids, version FROM knowledge_articles").one()
        assert row == (f'["{product}"]', 2)
        att = conn.exec_driver_sql("SELECT sha256, size_bytes FROM knowledge_attachments").one()
        assert att == (sha, len(content))
        assert store.read_file(conn, sha) == content
        assert [h.title for h in search_articles(conn, "降压")] == ["心安平产品手册"]
