"""A DM marks a doctor of their team "never a target" offline; the device's frequency
and suggestions follow at once; after the sync the server holds the mark and the rep's
replica shows it (read-only for them: the rep's own push is refused)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.engine import Engine

from local_store.doctor_targets import set_target_override
from local_store.read.doctors import doctor_detail
from local_store.read.plans import suggestion_inputs
from local_store.writes import record_local_change
from tests.sync.conftest import Device, World, server_row

TODAY = dt.date(2026, 11, 20)


def _target(d: Device, doctor: dict[str, Any]) -> bool:
    with d.db.connect() as conn:
        detail = doctor_detail(conn, doctor["id"], TODAY)
    assert detail is not None
    return detail.is_target


def _suggested_target(d: Device, doctor: dict[str, Any]) -> bool:
    with d.db.connect() as conn:
        inputs = suggestion_inputs(conn, [doctor["territory_id"]], today=TODAY)
    [candidate] = [c for c in inputs.candidates if c.key == doctor["id"].hex]
    return bool(candidate.target)


def test_a_dm_marks_a_doctor_offline_and_the_rep_sees_it_after_the_sync(
        world: World, device: Any, engine: Engine) -> None:
    rep: Device = device(world.rep_a)
    dm: Device = device(world.dm)
    rep.sync()
    dm.sync()
    doctor = world.doc_a
    assert _target(dm, doctor) and _target(rep, doctor)  # grade A: a target by grade

    with dm.db.begin() as conn:  # offline: nothing reaches the server yet
        set_target_override(conn, doctor["id"], False)
    assert not _target(dm, doctor) and not _suggested_target(dm, doctor)
    assert server_row(engine, "doctors", doctor["id"])["target_override"] is None  # type: ignore[index]

    assert dm.sync().rejected == 0
    assert server_row(engine, "doctors", doctor["id"])["target_override"] is False  # type: ignore[index]
    rep.sync()
    assert rep.row("doctors", doctor["id"])["target_override"] is False  # type: ignore[index]
    assert not _target(rep, doctor) and not _suggested_target(rep, doctor)

    # The rep's replica refuses early; a hand-made change is refused by the server.
    with rep.db.begin() as conn:
        record_local_change(conn, "doctors", doctor["id"], "update", {"target_override": True})
    result = rep.sync()
    assert result.rejected == 1
    assert server_row(engine, "doctors", doctor["id"])["target_override"] is False  # type: ignore[index]
