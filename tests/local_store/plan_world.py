"""A small planning world in a replica: a DM, a rep with a territory, doctors at two
hospitals with coordinates, and one doctor of another territory."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.replica import synced
from local_store.state import USER_ID, set_state, utcnow

MONDAY = dt.date(2026, 12, 7)


def put(conn: Connection, table: str, **values: Any) -> uuid.UUID:
    row_id = values.pop("id", uuid.uuid4())
    conn.execute(sa.insert(synced[table]).values(id=row_id, version=1, updated_at=utcnow(),
                                                 deleted=False, **values))
    return row_id


@dataclass
class PlanWorld:
    dm: uuid.UUID
    rep: uuid.UUID
    territory: uuid.UUID
    doctors: list[uuid.UUID] = field(default_factory=list)
    hospitals: list[uuid.UUID] = field(default_factory=list)
    stranger: uuid.UUID | None = None


def build_plan_world(conn: Connection, *, signed_in: str = "rep") -> PlanWorld:
    territory = uuid.uuid4()
    other = uuid.uuid4()
    dm = put(conn, "users", username="dm1", display_name="王经理", role="dm", active=True)
    rep = put(conn, "users", username="rep1", display_name="张伟", role="rep", active=True,
              territory_id=territory, manager_id=dm)
    set_state(conn, USER_ID, str(rep if signed_in == "rep" else dm))
    world = PlanWorld(dm, rep, territory)
    for n, (lat, lon) in enumerate(((31.20, 121.45), (31.25, 121.50))):
        world.hospitals.append(put(conn, "institutions", name=f"医院{n}", type="hospital",
                                   status="active", latitude=lat, longitude=lon, level="3A"))
    grades = ("A", "A", "B", "B", "C", "D")
    for n, grade in enumerate(grades):
        world.doctors.append(put(conn, "doctors", name=f"医生{n}", status="active", grade=grade,
                                 institution_id=world.hospitals[n % 2], territory_id=territory))
    world.stranger = put(conn, "doctors", name="外人", status="active", grade="A",
                         institution_id=world.hospitals[0], territory_id=other)
    return world
