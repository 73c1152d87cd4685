"""Must-read receipts over real HTTP: the rep confirms offline, the DM sees it after a
sync; nobody writes a receipt for someone else or for another district's team."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store import outbox as ob
from local_store.kb_writes import confirm_article_read
from local_store.read.knowledge import team_must_read_status
from local_store.state import local_user_id
from server.tables import synced as server_tables
from tests.factories import Factory
from tests.sync.conftest import PASSWORD, World


def _must_read(engine: Engine) -> uuid.UUID:
    with engine.begin() as c:
        f = Factory(c)
        row = f._insert("knowledge_articles", category="compliance", title="礼品与招待规定",
                        body="不得提供现金。", article_version=3, published=True, must_read=True,
                        slug="gifts", published_on=dt.date(2026, 11, 1))
        f.publish()
    return uuid.UUID(str(row["id"]))


def test_a_confirmed_must_read_reaches_the_manager(engine: Engine, world: World, device: Any) -> None:
    article = _must_read(engine)
    a, dm = device(world.rep_a), device(world.dm)
    a.sync()
    with a.db.begin() as conn:
        assert confirm_article_read(conn, article) is not None
        assert confirm_article_read(conn, article) is None  # once per version
    result = a.sync()
    assert (result.pushed, result.rejected) == (1, 0)
    with engine.connect() as c:
        stored = c.execute(sa.select(server_tables["knowledge_reads"])).one()
    assert (stored.user_id, stored.district_id, stored.article_version) == (
        world.rep_a["id"], world.ta["district_id"], 3)
    dm.sync()
    with dm.db.connect() as conn:
        status = team_must_read_status(conn, local_user_id(conn))
    assert len(status) == 1
    assert (len(status[0].read), len(status[0].not_read)) == (1, 1)  # A confirmed, B not yet


def test_receipts_for_someone_else_or_another_team_are_refused(
        engine: Engine, world: World, device: Any) -> None:
    article = _must_read(engine)
    with engine.begin() as c:
        f = Factory(c)
        outsider = f.user(territory=world.t_other, password=PASSWORD)
        f.publish()
    a, other = device(world.rep_a), device(outsider)
    a.sync()
    other.sync()
    from local_store.writes import record_local_change

    with a.db.begin() as conn:  # rep A claims rep B read it
        record_local_change(conn, "knowledge_reads", None, "insert", {
            "article_id": article, "user_id": world.rep_b["id"],
            "district_id": world.ta["district_id"], "article_version": 3,
            "read_at": dt.datetime.now(dt.UTC)})
    with other.db.begin() as conn:  # an outsider files into rep A's district
        record_local_change(conn, "knowledge_reads", None, "insert", {
            "article_id": article, "user_id": outsider["id"],
            "district_id": world.ta["district_id"], "article_version": 3,
            "read_at": dt.datetime.now(dt.UTC)})
    assert a.sync().rejected == 1 and other.sync().rejected == 1
    with a.db.connect() as conn:
        reasons = {r["reason"] for r in ob.unresolved_rejections(conn)}
    with other.db.connect() as conn:
        reasons |= {r["reason"] for r in ob.unresolved_rejections(conn)}
    assert reasons == {"not_allowed", "out_of_scope"}
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(
            server_tables["knowledge_reads"])).scalar_one() == 0
