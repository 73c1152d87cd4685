"""Reassigning a doctor moves its history between territory scopes in the feed."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.masterdata.service import reassign_doctor
from server.sync.feed import ChangeSet, publish
from server.tables import assignments, sync_feed
from tests.factories import Factory


def feed(conn: Connection, scope: str) -> dict[tuple[str, str], str]:
    rows = conn.execute(sa.select(sync_feed).where(sync_feed.c.scope == scope)).mappings()
    return {(r["table_name"], str(r["row_id"])): r["op"] for r in rows}


def test_reassignment_moves_doctor_and_history(conn: Connection) -> None:
    f = Factory(conn)
    ta, tb = f.territory(), f.territory()
    rep = f.user(territory=ta)
    inst = f.institution()
    dept = f.department(inst)
    doc = f.doctor(ta, inst, dept)
    visit = f.visit(rep, doc)
    f.publish()
    sa_, sb = f"territory:{ta['id']}", f"territory:{tb['id']}"
    assert feed(conn, sa_)[("doctors", str(doc["id"]))] == "upsert"
    assert feed(conn, sa_)[("institutions", str(inst["id"]))] == "upsert"

    changes = ChangeSet()
    reassign_doctor(conn, changes, doc["id"], tb["id"], valid_from=dt.date(2026, 12, 1), actor=None)
    publish(conn, changes)

    a_feed, b_feed = feed(conn, sa_), feed(conn, sb)
    for table, row in (("doctors", doc), ("visits", visit), ("institutions", inst),
                       ("departments", dept)):
        assert a_feed[(table, str(row["id"]))] == "remove"
        assert b_feed[(table, str(row["id"]))] == "upsert"
    history = conn.execute(
        sa.select(assignments.c.territory_id, assignments.c.valid_to)
        .where(assignments.c.doctor_id == doc["id"]).order_by(assignments.c.valid_from)
    ).all()
    assert [(h.territory_id, h.valid_to) for h in history] == [(tb["id"], None)]
