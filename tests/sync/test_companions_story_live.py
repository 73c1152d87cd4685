"""The rep records a visit with the DM and the RM together, offline, through the
visit form's writes; once synced, the server holds one companion row each and both
managers' replicas receive them, where each one's evaluation counts the visit as
observed (the DM's of the rep, the RM's of the DM). Over a real HTTP server."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop import visit_form_data as vfd
from domain.calendar import CompanyCalendar
from local_store.outbox import all_entries
from local_store.read import evaluations as read_evaluations
from local_store.replica import synced
from server.tables import synced as server_tables
from tests.factories import Factory
from tests.sync.conftest import PASSWORD, Device, World, server_row


def _companions(d: Device, visit_id: uuid.UUID) -> set[uuid.UUID]:
    c = synced["visit_companions"]
    with d.db.connect() as conn:
        return set(conn.execute(sa.select(c.c.user_id).where(
            c.c.visit_id == visit_id, c.c.deleted.is_(False))).scalars())


def test_a_visit_with_the_dm_and_the_rm_reaches_both(world: World, device: Any,
                                                      engine: Engine) -> None:
    with engine.begin() as conn:
        f = Factory(conn)
        rm_user = f.user("rm", region_id=world.dm["region_id"], password=PASSWORD)
        f.publish()
    rep: Device = device(world.rep_a)
    dm: Device = device(world.dm)
    rm: Device = device(rm_user)
    for d in (rep, dm, rm):
        assert d.sync().rejected == 0

    # Offline: the form offers the rep's DM and RM, the rep ticks both, saves, submits.
    with rep.db.connect() as conn:
        offered = [m.id for m in vfd.load_context(conn).managers]
    assert offered == [world.dm["id"], rm_user["id"]]
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3)
    fields = {"doctor_id": world.doc_a["id"], "visit_type": "face_to_face", "started_at": start,
              "ended_at": start + dt.timedelta(minutes=30), "purpose": "新适应症",
              "next_step": "送资料", vfd.COMPANIONS: offered}
    visit_id = uuid.uuid4()
    assert vfd.autosave(rep.db, visit_id, fields).saved
    assert vfd.submit(rep.db, visit_id, fields).submitted
    assert server_row(engine, "visits", visit_id) is None  # nothing sent yet

    with rep.db.connect() as conn:  # the companions are queued before the submit
        assert [(e["table_name"], e["fields"].get("status")) for e in all_entries(conn)] == [
            ("visits", "draft"), ("visit_companions", None), ("visit_companions", None),
            ("visits", "submitted")]
    assert rep.sync().rejected == 0
    c = server_tables["visit_companions"]
    with engine.connect() as conn:
        stored = {r.user_id: r.territory_id for r in conn.execute(
            sa.select(c.c.user_id, c.c.territory_id).where(c.c.visit_id == visit_id, ~c.c.deleted))}
    assert stored == {world.dm["id"]: world.ta["id"], rm_user["id"]: world.ta["id"]}
    visit = server_row(engine, "visits", visit_id)
    assert visit is not None and visit["status"] == "submitted" and visit["accompanied_by_id"] is None

    dm.sync()
    rm.sync()
    both = {world.dm["id"], rm_user["id"]}
    assert _companions(dm, visit_id) == both and _companions(rm, visit_id) == both
    day = CompanyCalendar().local_date(start)
    with dm.db.connect() as conn:
        of_rep = read_evaluations.observable_visits(conn, evaluatee_id=world.rep_a["id"], day=day)
    with rm.db.connect() as conn:
        of_dm = read_evaluations.observable_visits(conn, evaluatee_id=world.dm["id"], day=day)
    assert visit_id in {v.id for v in of_rep} and visit_id in {v.id for v in of_dm}
