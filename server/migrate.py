"""Schema migrations (Alembic) and the first-run state every server needs."""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from server.tables import server_state, sync_counter

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).parent


def alembic_config(conn: Connection | None = None) -> Config:
    # Alembic loads only to migrate: every command and request reads ``get_state``.
    from alembic.config import Config

    cfg = Config(str(HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema; safe to run any number of times."""
    from alembic import command  # (loaded only to migrate, as in ``alembic_config``)

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    with engine.begin() as conn:
        ensure_server_state(conn)


def ensure_server_state(conn: Connection) -> None:
    """The change counter row, the server epoch (cursors name it) and the token secret."""
    if conn.execute(sa.select(sync_counter.c.id)).first() is None:
        conn.execute(sa.insert(sync_counter).values(id=1, value=0))
    have = {k for (k,) in conn.execute(sa.select(server_state.c.key))}
    for key, value in (("epoch", uuid.uuid4().hex), ("token_secret", secrets.token_hex(32))):
        if key not in have:
            conn.execute(sa.insert(server_state).values(key=key, value=value))


def get_state(conn: Connection, key: str) -> str:
    return str(conn.execute(
        sa.select(server_state.c.value).where(server_state.c.key == key)
    ).scalar_one())
