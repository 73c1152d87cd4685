"""The visit form records several companions offscreen on a real replica: the rep's DM
and RM offered as check boxes (only those over the rep), both ticked, autosaved as one
``visit_companions`` row each, back on reopening, edited while a draft, locked on
submit; an old visit's single companion column is shown and turned into rows; what is
typed before the draft can be saved keeps its companions in the journal."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop import visit_form_data as vfd
from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.visit_form import VisitDialog, to_local
from domain.kpis import Period
from local_store import visit_rules as vr
from local_store import writes as w
from local_store.outbox import all_entries
from local_store.read import prints
from local_store.read.reports import report_inputs
from local_store.replica import synced
from local_store.state import USER_ID, set_state
from local_store.store import open_replica
from local_store.visit_edits import delete_drafts
from tests.local_store.test_drafts import SERVER, build_world, later, server_row

START = SERVER - dt.timedelta(hours=2)


@dataclass(frozen=True)
class World:
    doctor: uuid.UUID
    territory: uuid.UUID
    rep: uuid.UUID
    dm: uuid.UUID
    rm: uuid.UUID
    other_dm: uuid.UUID


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Engine]:
    engine = open_replica(tmp_path / "replica.sqlite3")
    yield engine
    engine.dispose()


@pytest.fixture
def world(replica: Engine, monkeypatch: pytest.MonkeyPatch) -> World:
    """A rep of T1 (district D1, region R1), their DM and RM, a DM of another district
    (not the rep's manager), and build_world's rules, clock and doctor, moved to T1."""
    monkeypatch.setattr(vr, "read_device_clock", lambda: later(1))
    doctor = build_world(replica)
    with replica.begin() as conn:
        region = server_row(conn, "regions", code="R1", name="华东大区")
        d1 = server_row(conn, "districts", region_id=region, code="D1", name="上海一区")
        d2 = server_row(conn, "districts", region_id=region, code="D2", name="上海二区")
        t1 = server_row(conn, "territories", district_id=d1, code="T1", name="徐汇")
        rep = server_row(conn, "users", username="rep001", display_name="王芳", role="rep",
                         territory_id=t1, active=True)
        dm = server_row(conn, "users", username="dm001", display_name="张经理", role="dm",
                        district_id=d1, region_id=region, active=True)
        rm = server_row(conn, "users", username="rm001", display_name="赵大区", role="rm",
                        region_id=region, active=True)
        other = server_row(conn, "users", username="dm002", display_name="钱经理", role="dm",
                           district_id=d2, region_id=region, active=True)
        conn.execute(sa.update(synced["doctors"]).values(territory_id=t1))
        set_state(conn, USER_ID, str(rep))
    return World(doctor, t1, rep, dm, rm, other)


def dialog(qtbot: Any, tasks: SynchronousTaskManager, replica: Engine,
           visit_id: uuid.UUID | None = None, **kw: Any) -> VisitDialog:
    d = VisitDialog(Ops(tasks, replica), "rep", visit_id, **kw)
    qtbot.addWidget(d)
    d.confirm_submit = lambda: True
    d.ask_keep_journal = lambda: "keep"
    d.show()
    return d


def fill(d: VisitDialog) -> None:
    d.started.setDateTime(to_local(START))
    d.ended.setDateTime(to_local(START + dt.timedelta(minutes=20)))
    d.purpose.setPlainText("介绍新适应症")
    d.next_step.setPlainText("下周送资料")


def live_companions(replica: Engine, visit_id: uuid.UUID) -> list[uuid.UUID]:
    c = synced["visit_companions"]
    with replica.connect() as conn:
        return sorted(conn.execute(sa.select(c.c.user_id).where(
            c.c.visit_id == visit_id, c.c.deleted.is_(False))).scalars())


def test_two_companions_are_saved_reopened_edited_and_locked(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine, world: World,
        tmp_path: Path) -> None:
    d = dialog(qtbot, tasks, replica, doctor_id=world.doctor)
    assert [b.text() for b in d.companions.boxes.values()] == ["张经理 (DM)", "赵大区 (RM)"]
    assert d.companions.selected() == [] and d.labels[vfd.COMPANIONS].text() == "Accompanied by"
    fill(d)
    d.companions.boxes[world.dm].setChecked(True)
    d.companions.boxes[world.rm].setChecked(True)
    d.grab().save(str(tmp_path / "visit_form_companions.png"))
    outcome = d.save_now()
    assert outcome is not None and outcome.result().saved
    assert live_companions(replica, d.visit_id) == sorted([world.dm, world.rm])
    with replica.connect() as conn:
        entries = [(e["table_name"], e["op"], e["fields"].get("user_id")) for e in all_entries(conn)]
        [row] = conn.execute(sa.select(synced["visit_companions"].c.territory_id).where(
            synced["visit_companions"].c.user_id == world.rm)).all()
    assert entries == [("visits", "insert", None),
                       ("visit_companions", "insert", str(world.dm)),
                       ("visit_companions", "insert", str(world.rm))]
    assert row.territory_id == world.territory
    visit_id = d.visit_id
    d.close()

    reopened = dialog(qtbot, tasks, replica, visit_id)
    assert reopened.companions.selected() == [world.dm, world.rm]
    reopened.companions.boxes[world.rm].setChecked(False)  # the RM left early after all
    reopened.save_now()
    assert live_companions(replica, visit_id) == [world.dm]
    with replica.connect() as conn:
        assert [e["op"] for e in all_entries(conn)][-1] == "delete"
    reopened.companions.boxes[world.rm].setChecked(True)
    reopened.submit()
    assert reopened.read_only
    assert not any(box.isEnabled() for box in reopened.companions.boxes.values())
    assert live_companions(replica, visit_id) == sorted([world.dm, world.rm])
    with replica.begin() as conn, pytest.raises(w.RowLocked):
        vfd.set_visit_companions(conn, visit_id, [])

    locked = dialog(qtbot, tasks, replica, visit_id)
    assert locked.read_only and locked.companions.selected() == [world.dm, world.rm]
    assert not locked.companions.boxes[world.dm].isEnabled()


def test_an_old_single_companion_is_shown_and_becomes_rows(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine, world: World) -> None:
    with replica.begin() as conn:  # a draft from before several companions, synced down
        visit_id = server_row(conn, "visits", rep_id=world.rep, territory_id=world.territory,
                              doctor_id=world.doctor, visit_type="face_to_face",
                              started_at=START, ended_at=START + dt.timedelta(minutes=20),
                              purpose="旧草稿", status="draft", accompanied_by_id=world.dm)
    d = dialog(qtbot, tasks, replica, visit_id)
    assert d.companions.selected() == [world.dm]
    d.purpose.setPlainText("旧草稿，改一下")  # an edit that leaves the companions alone
    d.save_now()
    assert live_companions(replica, visit_id) == []  # nothing rewritten
    d.companions.boxes[world.rm].setChecked(True)
    d.save_now()
    assert live_companions(replica, visit_id) == sorted([world.dm, world.rm])
    with replica.connect() as conn:
        row = w.get_local_row(conn, "visits", visit_id)
    assert row is not None and row["accompanied_by_id"] is None  # only rows from now on
    assert dialog(qtbot, tasks, replica, visit_id).companions.selected() == [world.dm, world.rm]


def test_companions_typed_before_a_valid_draft_wait_in_the_journal(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine, world: World) -> None:
    d = dialog(qtbot, tasks, replica)  # no doctor yet: not a draft, only the journal
    d.companions.boxes[world.rm].setChecked(True)
    outcome = d.save_now()
    assert outcome is not None and outcome.result().journaled
    assert live_companions(replica, d.visit_id) == []
    again = dialog(qtbot, tasks, replica, d.visit_id)
    assert again.companions.selected() == [world.rm]


def test_who_can_come_along_and_who_cannot(replica: Engine, world: World) -> None:
    with replica.connect() as conn:
        as_rep = vfd.load_context(conn).managers
    assert [m.id for m in as_rep] == [world.dm, world.rm]  # not the other district's DM
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(world.dm))
    with replica.connect() as conn:
        assert [m.id for m in vfd.load_context(conn).managers] == [world.rm]
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(world.rep))
    fields = {"doctor_id": world.doctor, "visit_type": "face_to_face", "started_at": START,
              "ended_at": START + dt.timedelta(minutes=20), "purpose": "介绍"}
    visit_id = uuid.uuid4()
    assert vfd.autosave(replica, visit_id, {**fields, vfd.COMPANIONS: [world.dm]}).saved
    out = vfd.autosave(replica, visit_id, {**fields, vfd.COMPANIONS: [world.dm, world.rep]})
    assert [(e.field, e.code) for e in out.errors] == [(vfd.COMPANIONS, "not_a_companion")]
    out = vfd.autosave(replica, visit_id, {**fields, vfd.COMPANIONS: [uuid.uuid4()]})
    assert [(e.field, e.code) for e in out.errors] == [(vfd.COMPANIONS, "not_a_manager")]
    assert live_companions(replica, visit_id) == [world.dm]  # the refused ones changed nothing


def test_prints_and_reports_name_every_companion(replica: Engine, world: World) -> None:
    fields = {"doctor_id": world.doctor, "visit_type": "face_to_face", "started_at": START,
              "ended_at": START + dt.timedelta(minutes=20), "purpose": "介绍",
              "next_step": "送资料", vfd.COMPANIONS: [world.dm, world.rm]}
    visit_id = uuid.uuid4()
    assert vfd.submit(replica, visit_id, fields).submitted  # reports count submitted visits
    with replica.begin() as conn:  # an older visit, with the single column only
        old = server_row(conn, "visits", rep_id=world.rep, territory_id=world.territory,
                         doctor_id=world.doctor, visit_type="face_to_face",
                         started_at=START - dt.timedelta(days=1), status="submitted",
                         accompanied_by_id=world.dm)
    span = Period(START.date() - dt.timedelta(days=3), START.date() + dt.timedelta(days=3))
    with replica.connect() as conn:
        printed = prints.visit_by_id(conn, str(visit_id))
        printed_old = prints.visit_by_id(conn, str(old))
        facts = {v.day: v.accompanied_by for v in report_inputs(conn, span).visits}
    assert printed is not None and printed.accompanied_by == "张经理、赵大区"
    assert printed_old is not None and printed_old.accompanied_by == "张经理"
    assert sorted(len(a) for a in facts.values()) == [1, 2]


def test_deleting_a_draft_takes_its_companions_along(replica: Engine, world: World) -> None:
    fields = {"doctor_id": world.doctor, "visit_type": "face_to_face", "started_at": START,
              "purpose": "介绍", vfd.COMPANIONS: [world.dm, world.rm]}
    visit_id = uuid.uuid4()
    assert vfd.autosave(replica, visit_id, fields).saved
    delete_drafts(replica, [visit_id])
    assert live_companions(replica, visit_id) == []
    with replica.connect() as conn:
        ops = [(e["table_name"], e["op"]) for e in all_entries(conn)]
    assert ops[-3:] == [("visit_companions", "delete"), ("visit_companions", "delete"),
                        ("visits", "delete")]
