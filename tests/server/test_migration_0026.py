"""Alembic 0026: evaluations published the old way (only the evaluator's and evaluatee's
``user:`` scopes, drafts included) reach the district's managers scope, through the
feed: an RM's fresh pull and an incremental pull from a cursor taken before the
upgrade both receive them; the evaluatee no longer holds the evaluator's draft; a
second run publishes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Engine, make_url

from server.evaluations.republish import republish_evaluations
from server.evaluations.templates import import_templates
from server.migrate import alembic_config, ensure_server_state
from server.sync.feed import managers_scope, user_scope
from server.tables import sync_feed, synced
from tests.factories import Factory
from tests.server.test_evaluations_server import TEMPLATE
from tests.server.test_sync_pull import principal_for, pull
from wire.protocol import Op

OLD_TABLES = ("evaluations", "evaluation_action_items")


@pytest.fixture(params=["sqlite", "postgresql"])
def old_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database of its own (the shared test databases are already at head)."""
    if request.param == "sqlite":
        engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    url = make_url(request.getfixturevalue("postgres_url"))  # skips/fails as the others do
    name = f"{url.database}_m0026_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine = sa.create_engine(url.set(database=name))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def _as_before_0006(f: Factory) -> None:
    """Publish the factory's rows, evaluations and action items the pre-0006 way."""
    old = [(key, value) for key, value in f.changes.entries.items() if key[1] in OLD_TABLES]
    for key, _value in old:
        del f.changes.entries[key]
    rows: dict[tuple[str, uuid.UUID], tuple[int, Op]] = {}
    for (_scope, table, row_id), value in old:
        rows[(table, row_id)] = value
    f.publish()
    for (table, row_id), (version, _op) in rows.items():
        t = synced[table]
        row = f.conn.execute(sa.select(t.c.evaluator_id, t.c.evaluatee_id)
                             .where(t.c.id == row_id)).one()
        for user_id in row:
            f.changes.add(user_scope(user_id), table, row_id, version, Op.UPSERT)
    f.publish()


def _world(f: Factory) -> dict[str, Any]:
    reg = f.region()
    d1 = f.district(reg)
    t1 = f.territory(d1)
    rep = f.user(territory=t1)
    dm = f.user(role="dm", district_id=d1["id"], region_id=reg["id"])
    rm = f.user(role="rm", region_id=reg["id"])
    f.publish()
    [template] = [o.template_id for o in import_templates(f.conn, [TEMPLATE])]
    base = {"template_id": template, "evaluator_id": dm["id"], "evaluatee_id": rep["id"],
            "kind": "accompanied", "eval_date": dt.date(2026, 11, 2), "district_id": d1["id"],
            "scores": {"probing": 4, "closing": 3}}
    submitted = f._insert("evaluations", **base, status="submitted",
                          submitted_at=dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC))
    draft = f._insert("evaluations", **base, status="draft")
    item = f._insert("evaluation_action_items", evaluation_id=submitted["id"],
                     evaluator_id=dm["id"], evaluatee_id=rep["id"], district_id=d1["id"],
                     position=1, text="练习异议处理")
    _as_before_0006(f)
    return {"d1": d1, "rep": rep, "dm": dm, "rm": rm, "submitted": submitted["id"],
            "draft": draft["id"], "item": item["id"]}


def _evaluation_rows(changes: list[Any]) -> set[tuple[str, uuid.UUID]]:
    return {(c.table, uuid.UUID(c.id)) for c in changes
            if c.table in OLD_TABLES and c.op is Op.UPSERT}


def test_old_evaluations_reach_the_managers_scope(old_engine: Engine) -> None:
    with old_engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0021")
        ensure_server_state(conn)
        w = _world(Factory(conn))
        rm = principal_for(w["rm"])
        before = pull(conn, rm)
        assert _evaluation_rows(before.changes) == set()  # the RM was never sent them
        assert not before.has_more
    with old_engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    expected = {("evaluations", w["submitted"]), ("evaluation_action_items", w["item"])}
    with old_engine.begin() as conn:
        fresh = pull(conn, rm)
        incremental = pull(conn, rm, cursors=before.cursors)
        evaluatee = pull(conn, principal_for(w["rep"]))
        feed = {(scope, table, row_id): op for scope, table, row_id, op in conn.execute(
            sa.select(sync_feed.c.scope, sync_feed.c.table_name, sync_feed.c.row_id,
                      sync_feed.c.op).where(sync_feed.c.table_name.in_(OLD_TABLES)))}
        assert republish_evaluations(conn) == 0  # idempotent: nothing left to publish
    assert _evaluation_rows(fresh.changes) == expected
    assert _evaluation_rows(incremental.changes) == expected
    managers = managers_scope(w["d1"]["id"])
    assert fresh.checksums[managers].count == incremental.checksums[managers].count
    assert ("evaluations", w["draft"]) not in _evaluation_rows(evaluatee.changes)
    assert ("evaluations", w["submitted"]) in _evaluation_rows(evaluatee.changes)
    assert feed[(user_scope(w["rep"]["id"]), "evaluations", w["draft"])] == Op.REMOVE.value
    assert feed[(user_scope(w["dm"]["id"]), "evaluations", w["draft"])] == Op.UPSERT.value
    assert (managers, "evaluations", w["draft"]) not in feed
