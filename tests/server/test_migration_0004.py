"""Alembic 0004: an installation whose users were published to the global scope moves
them to their team scopes (a remove in global, an upsert where they now belong)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command

from server.migrate import alembic_config, ensure_server_state
from server.sync.feed import GLOBAL_SCOPE, ChangeSet, district_scope, publish, user_scope
from server.tables import sync_feed
from tests.factories import Factory
from wire.protocol import Op


def test_users_leave_the_global_scope_for_their_teams(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0003")
        ensure_server_state(conn)
        f = Factory(conn)
        territory = f.territory()
        rep = f.user(territory=territory)
        old = ChangeSet()  # as 0003 servers published users
        old.add(GLOBAL_SCOPE, "users", rep["id"], 1, Op.UPSERT)
        publish(conn, old)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
        feed = {scope: op for scope, op in conn.execute(
            sa.select(sync_feed.c.scope, sync_feed.c.op).where(sync_feed.c.row_id == rep["id"]))}
    engine.dispose()
    assert feed == {GLOBAL_SCOPE: "remove", user_scope(rep["id"]): "upsert",
                    district_scope(territory["district_id"]): "upsert"}
