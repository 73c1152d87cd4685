"""The replica's tables and where its file lives.

The synced tables come from the wire schema (``wire.schema``), built without foreign
keys because pulled pages arrive in change order, not dependency order. The local
tables hold what only this replica knows: the outbox of unsent edits, sync state,
per-scope cursors, which scope delivered each row, and rejected changes kept for the
user until they fix, discard or export them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa

from wire.schema import build_tables

metadata = sa.MetaData()
synced: dict[str, sa.Table] = build_tables(metadata, foreign_keys=False, unique=False)

# The team visits list (a DM's 10k+ visits) filters, sorts and averages on these
# columns only: covering them lets SQLite read the list's ids and the per-rep
# averages from the index alone (medium demo DM replica: ~200 ms -> ~20 ms).
visits_team_list_index = sa.Index(
    "ix_visits_team_list",
    *(synced["visits"].c[name] for name in (
        "started_at", "deleted", "rep_id", "status", "quality_score", "doctor_id", "id")))

# One entry per local edit not yet acknowledged by the server. ``mutation_id`` is
# handed out from sync_state (never reused, no gaps) and increases per client.
outbox = sa.Table(
    "outbox", metadata,
    sa.Column("mutation_id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("row_id", sa.Uuid(), nullable=False),
    sa.Column("op", sa.String(10), nullable=False),
    sa.Column("base_version", sa.BigInteger(), nullable=True),
    sa.Column("fields", sa.JSON(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("state", sa.String(10), nullable=False, server_default="pending"),
    sa.Index("ix_outbox_table_row", "table_name", "row_id"),
)

sync_state = sa.Table(
    "sync_state", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text(), nullable=True),
)

# ``resyncing``: the scope is being downloaded again from zero; rows of the scope
# not received again by the end are swept (see row_scopes.stale).
cursors = sa.Table(
    "cursors", metadata,
    sa.Column("scope", sa.String(80), primary_key=True),
    sa.Column("cursor", sa.Text(), nullable=True),
    sa.Column("resyncing", sa.Boolean(), nullable=False, server_default=sa.false()),
)

row_scopes = sa.Table(
    "row_scopes", metadata,
    sa.Column("scope", sa.String(80), primary_key=True),
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("row_id", sa.Uuid(), primary_key=True),
    sa.Column("stale", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Index("ix_row_scopes_table_row", "table_name", "row_id"),
    sqlite_with_rowid=False,  # (rows live in the key's own B-tree: one tree less per row)
)

rejected_changes = sa.Table(
    "rejected_changes", metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("mutation_id", sa.Integer(), nullable=False),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("row_id", sa.Uuid(), nullable=False),
    sa.Column("op", sa.String(10), nullable=False),
    sa.Column("base_version", sa.BigInteger(), nullable=True),
    sa.Column("fields", sa.JSON(), nullable=False),
    sa.Column("reason", sa.String(40), nullable=True),
    sa.Column("message", sa.Text(), nullable=True),
    sa.Column("field", sa.String(64), nullable=True),
    sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("resolved", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Index("ix_rejected_changes_table_row", "table_name", "row_id"),
)

# Pulled rows this FieldRep could not store (``local_store.quarantine``): set aside with
# the reason, so one bad row never stops a sync; released when a storable version comes.
quarantined_rows = sa.Table(
    "quarantined_rows", metadata,
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("row_id", sa.Uuid(), primary_key=True),
    sa.Column("version", sa.BigInteger(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("data", sa.Text(), nullable=True),  # the row as the server sent it (JSON text)
    sa.Column("quarantined_at", sa.DateTime(timezone=True), nullable=False),
)

_UNSAFE = re.compile(r"[^\w.-]+")


def _safe(text: str) -> str:
    return _UNSAFE.sub("_", text).strip("._") or "_"


def normalise_server_url(server_url: str) -> str:
    """``HTTP://Host:8000/`` -> ``http://host:8000``: one spelling per server."""
    parts = urlsplit(server_url.strip())
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port else ""
    path = parts.path.rstrip("/")
    return f"{scheme}://{host}{port}{path}"


def replica_path(data_dir: Path, server_url: str, username: str) -> Path:
    """The replica file for one server and user: ``<data_dir>/replicas/<host_port>__<user>.sqlite3``.

    Names are reduced to letters, digits, ``.``, ``_`` and ``-``; when that changes
    anything, a short hash of the exact server and user keeps two accounts apart.
    """
    parts = urlsplit(normalise_server_url(server_url))
    port = parts.port or (443 if parts.scheme == "https" else 80)
    host = f"{parts.hostname or 'server'}_{port}"
    if parts.path:
        host += "_" + parts.path.strip("/")
    name = f"{_safe(host)}__{_safe(username)}"
    if _safe(username) != username or (parts.path and _safe(parts.path.strip("/")) != parts.path.strip("/")):
        digest = hashlib.sha1(f"{normalise_server_url(server_url)}|{username}".encode()).hexdigest()
        name += f"-{digest[:8]}"
    return Path(data_dir) / "replicas" / f"{name}.sqlite3"
