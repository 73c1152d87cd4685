"""Client-side sync fixtures: a small org on the live server and replicas that sync to it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store.replica import synced
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from sync.client import SyncHttpClient
from sync.engine import SyncEngine, SyncResult
from tests.conftest import LiveServer
from tests.factories import Factory

PASSWORD = "s3cret-passw0rd"


@dataclass
class World:
    """Two territories of one district (reps A and B, their DM) and one elsewhere."""

    ta: dict[str, Any]
    tb: dict[str, Any]
    t_other: dict[str, Any]
    rep_a: dict[str, Any]
    rep_b: dict[str, Any]
    dm: dict[str, Any]
    doc_a: dict[str, Any]
    doc_a2: dict[str, Any]
    doc_b: dict[str, Any]
    doc_other: dict[str, Any]
    visit_a: dict[str, Any]
    template: dict[str, Any]


@pytest.fixture
def world(engine: Engine) -> World:
    with engine.begin() as conn:
        f = Factory(conn)
        district = f.district()
        ta, tb, t_other = f.territory(district), f.territory(district), f.territory()
        rep_a = f.user(territory=ta, password=PASSWORD)
        rep_b = f.user(territory=tb, password=PASSWORD)
        dm = f.user("dm", district_id=district["id"], region_id=district["region_id"],
                    password=PASSWORD)
        inst = f.institution()
        doc_a = f.doctor(ta, inst, f.department(inst))
        doc_a2 = f.doctor(ta)
        doc_b, doc_other = f.doctor(tb), f.doctor(t_other)
        visit_a = f.visit(rep_a, doc_a)
        f.visit(rep_b, doc_b)
        f.visit(f.user(territory=t_other), doc_other)
        template = f._insert("evaluation_templates", name="随访评估", kind="accompanied",
                             evaluator_role="dm", evaluatee_role="rep",
                             competencies=[{"code": "opening", "name": "开场", "weight": 1}], scale_min=1,
                             scale_max=5, template_version=1, active=True)
        f._insert("products", code=f"P{uuid.uuid4().hex[:6]}", name="立普妥", active=True)
        f.publish()
    return World(ta, tb, t_other, rep_a, rep_b, dm, doc_a, doc_a2, doc_b, doc_other, visit_a,
                 template)


@dataclass
class Device:
    """One user's laptop: a replica file and a signed-in client."""

    db: Engine
    http: SyncHttpClient
    user: dict[str, Any]
    results: list[SyncResult] = field(default_factory=list)

    def sync(self) -> SyncResult:
        result = SyncEngine(self.db, self.http).run()
        self.results.append(result)
        return result

    def ids(self, table: str) -> set[uuid.UUID]:
        t = synced[table]
        with self.db.connect() as conn:
            return set(conn.execute(sa.select(t.c.id)).scalars())

    def row(self, table: str, row_id: uuid.UUID) -> dict[str, Any] | None:
        t = synced[table]
        with self.db.connect() as conn:
            found = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
            return dict(found) if found else None


@pytest.fixture
def device(tmp_path: Path, live_server: LiveServer) -> Iterator[Any]:
    made: list[Device] = []

    def make(user: dict[str, Any], *, pull_limit: int | None = None) -> Device:
        db = open_replica(tmp_path / f"{user['username']}.sqlite3")
        http = SyncHttpClient(live_server.url, retries=0)
        answer = http.login(user["username"], PASSWORD)
        with db.begin() as conn:
            set_state(conn, USER_ID, str(answer["user"]["id"]))
        d = Device(db, http, user)
        made.append(d)
        return d

    yield make
    for d in made:
        d.http.close()
        d.db.dispose()


def server_row(engine: Engine, table: str, row_id: uuid.UUID) -> dict[str, Any] | None:
    from server.tables import synced as server_tables

    t = server_tables[table]
    with engine.connect() as conn:
        found = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
        return dict(found) if found else None


NOW = dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)
