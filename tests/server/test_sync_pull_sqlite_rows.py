"""SQLite pull rows: read as stored and turned into wire JSON directly; the values
equal ``encode_row`` of the row read through SQLAlchemy's types."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.feed import ChangeSet, publish, territory_scope
from server.sync.pull import sqlite_row_reader
from server.sync.rows import insert_rows
from server.tables import synced
from tests.factories import Factory
from wire.schema import TABLES_BY_NAME, encode_row


def test_sqlite_rows_carry_what_encode_row_says(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        pytest.skip("PostgreSQL builds the row JSON in SQL (row_json_sql)")
    f = Factory(conn)
    territory = f.territory()
    rep = f.user(territory=territory)
    doctor = f.doctor(territory, custom_fields={"备注": "学术带头人 \"引号\" \\"},
                      product_potential={"P1": 1.5, "P2": None})
    f.publish()
    ch = ChangeSet()
    start = dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)
    visits = [insert_rows(conn, ch, "visits", [row], actor=rep["id"])[0] for row in [
        {"rep_id": rep["id"], "territory_id": territory["id"], "doctor_id": doctor["id"],
         "institution_id": doctor["institution_id"], "visit_type": "face_to_face",
         "started_at": start, "ended_at": start + dt.timedelta(minutes=20, microseconds=5),
         "status": "draft", "purpose": "介绍\n新适应症", "products_detailed": None,
         "quality_score": 72.5, "quality_explanation": [{"code": "purpose", "points": 15.0}],
         "next_visit_date": dt.date(2026, 12, 1)},
        {"rep_id": rep["id"], "territory_id": territory["id"], "doctor_id": doctor["id"],
         "visit_type": "phone", "started_at": start, "status": "submitted",
         "products_detailed": [{"product_id": str(uuid.uuid4()), "key_message": "好"}]},
    ]]
    publish(conn, ch)
    scope = territory_scope(territory["id"])
    for table, ids in (("doctors", [doctor["id"]]), ("visits", [v["id"] for v in visits])):
        t = synced[table]
        sql, encode = sqlite_row_reader(table)
        got: dict[str, Any] = {}
        for raw in conn.exec_driver_sql(sql, (scope, table, 0, 10**12)).fetchall():
            row_id, version, deleted, text = encode(raw)
            got[row_id] = (version, deleted, json.loads(text))
        for row_id in ids:
            row = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().one()
            expected = encode_row(TABLES_BY_NAME[table], row)
            assert got[str(row_id)] == (expected["version"], expected["deleted"], expected)
            assert list(got[str(row_id)][2]) == list(expected)  # same key order
