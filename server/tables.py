"""All server tables: the synced ones from the wire schema, plus server-only state."""

from __future__ import annotations

import sqlalchemy as sa

from wire.schema import build_tables

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING)
synced = build_tables(metadata, foreign_keys=True)

# Handy aliases for service code.
regions = synced["regions"]
districts = synced["districts"]
territories = synced["territories"]
users = synced["users"]
products = synced["products"]
institutions = synced["institutions"]
departments = synced["departments"]
doctors = synced["doctors"]
assignments = synced["assignments"]
visits = synced["visits"]

server_state = sa.Table(
    "server_state", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text(), nullable=False),
)

credentials = sa.Table(
    "credentials", metadata,
    sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
)

auth_sessions = sa.Table(
    "auth_sessions", metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("refresh_hash", sa.String(128), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)

# Refresh tokens already swapped for new ones (hashes): presented again, they reveal a
# stolen token in use, and the whole session (its family of tokens) is revoked.
used_refresh_tokens = sa.Table(
    "used_refresh_tokens", metadata,
    sa.Column("refresh_hash", sa.String(128), primary_key=True),
    sa.Column("session_id", sa.Uuid(), sa.ForeignKey("auth_sessions.id"), nullable=False,
              index=True),
    sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=False),
)

login_failures = sa.Table(
    "login_failures", metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
              autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_login_failures_username_at", "username", "at"),
)

# One row: the change sequence. Taken FOR UPDATE at the end of each writing
# transaction, so sequence order is commit order (no change is ever skipped by a
# reader that saw a later one; see docs/sync-protocol.md).
sync_counter = sa.Table(
    "sync_counter", metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("value", sa.BigInteger(), nullable=False),
)

# The change feed: the latest change of each row in each scope. A row edited many
# times between two pulls is sent once; a new scope's snapshot is the same query
# from sequence 0.
sync_feed = sa.Table(
    "sync_feed", metadata,
    sa.Column("scope", sa.String(80), primary_key=True),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("row_id", sa.Uuid(), primary_key=True),
    sa.Column("seq", sa.BigInteger(), nullable=False),
    sa.Column("version", sa.BigInteger(), nullable=False),
    sa.Column("op", sa.String(10), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_sync_feed_scope_seq", "scope", "seq"),
    sa.Index("ix_sync_feed_table_row", "table_name", "row_id"),
)

sync_clients = sa.Table(
    "sync_clients", metadata,
    sa.Column("client_id", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("last_mutation_id", sa.BigInteger(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
)

processed_mutations = sa.Table(
    "processed_mutations", metadata,
    sa.Column("client_id", sa.String(64), primary_key=True),
    sa.Column("mutation_id", sa.BigInteger(), primary_key=True),
    sa.Column("result", sa.JSON(), nullable=False),
    sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
              autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("user_id", sa.Uuid(), nullable=True),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("table_name", sa.String(40), nullable=True),
    sa.Column("row_id", sa.Uuid(), nullable=True),
    sa.Column("details", sa.JSON(), nullable=True),
)

# Per-scope checksum state, kept up to date by publish() (under the counter lock):
# the number of live (upsert) feed entries and the sum mod 2**64 of
# wire.checksum.row_hash(id, version) over them, stored in two's complement so it
# fits a signed BIGINT on both databases.
sync_scope_stats = sa.Table(
    "sync_scope_stats", metadata,
    sa.Column("scope", sa.String(80), primary_key=True),
    sa.Column("live_count", sa.BigInteger(), nullable=False),
    sa.Column("hash_sum", sa.BigInteger(), nullable=False),
)

# The knowledge base's attachment files, by content (SHA-256 hex): a file shared by
# two articles, or re-imported unchanged, is stored once. Kept in the database (not a
# folder) so an import is one transaction with its rows; replicas fetch them through
# the ranged download of ``server.kb.views``.
knowledge_files = sa.Table(
    "knowledge_files", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size_bytes", sa.BigInteger(), nullable=False),
    sa.Column("content", sa.LargeBinary(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# One row per run of an admin import command (``fieldrep-server import``, ``rules
# import``, ``kb import``), refused and failed runs included: the history an admin
# reads on the desktop's Company page (``GET /api/v1/admin/imports``). Written in a
# transaction of its own after the import's, so a rolled-back import is still recorded.
import_runs = sa.Table(
    "import_runs", metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("source", sa.String(300), nullable=False),  # the file or folder name
    sa.Column("command", sa.String(200), nullable=False),
    sa.Column("run_by", sa.String(100), nullable=True),  # the account that ran it
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("created", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("updated", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("unchanged", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("rejected", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("errors_file", sa.String(500), nullable=True),
    sa.Column("message", sa.Text(), nullable=True),
)
