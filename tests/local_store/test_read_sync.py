"""The doctor search index follows real syncs (live server, SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store.read.doctors import DoctorFilter, doctor_ids, key_of
from local_store.read.search import doctor_search, name_pinyin
from server.masterdata.service import reassign_doctor
from server.sync.feed import ChangeSet, publish
from server.sync.rows import update_row
from tests.sync.conftest import Device, World, device, world  # noqa: F401 (fixtures)


def _entries(a: Device) -> dict[str, tuple[str, str, str]]:
    with a.db.connect() as conn:
        return {str(r.doctor_id.hex): (r.name, r.pinyin_full, r.institution_name)
                for r in conn.execute(sa.select(doctor_search))}


def test_sync_indexes_pulled_doctors_renames_and_removals(
        world: World, device: Any, engine: Engine) -> None:  # noqa: F811 (fixtures)
    a: Device = device(world.rep_a)
    a.sync()
    entries = _entries(a)
    assert set(entries) == {key_of(world.doc_a["id"]), key_of(world.doc_a2["id"])}
    name, full, _inst = entries[key_of(world.doc_a["id"])]
    assert name == world.doc_a["name"] and full == name_pinyin(name)[0]

    with engine.begin() as conn:
        changes = ChangeSet()
        update_row(conn, changes, "doctors", world.doc_a["id"], {"name": "曾晓燕"}, actor=None)
        update_row(conn, changes, "institutions", world.doc_a["institution_id"],
                   {"name": "协和医院东院"}, actor=None)
        publish(conn, changes)
    a.sync()
    with a.db.connect() as conn:
        assert doctor_ids(conn, DoctorFilter(query="zengxiaoyan")) == [key_of(world.doc_a["id"])]
        assert key_of(world.doc_a["id"]) in doctor_ids(conn, DoctorFilter(query="东院"))

    with engine.begin() as conn:
        changes = ChangeSet()
        reassign_doctor(conn, changes, world.doc_a["id"], world.tb["id"],
                        valid_from=dt.date.today(), actor=None)
        publish(conn, changes)
    a.sync()
    assert set(_entries(a)) == {key_of(world.doc_a2["id"])}
