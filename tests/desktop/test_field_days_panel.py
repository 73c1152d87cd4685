"""Field days on the Plan page offscreen: a DM ticks the reps they ride along with and
submits the week; the RM approves or returns it; the accompanied rep sees the ride-along
on their Plan and Today pages. Real replica, every op inline."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from sqlalchemy.engine import Engine

from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.field_days_panel import FieldDaysPanel
from desktop.ui.plan_page import PlanPage
from desktop.ui.today_page import TodayPage
from local_store import outbox as ob
from local_store.replica import synced
from local_store.state import USER_ID, set_state
from tests.local_store.plan_world import MONDAY, PlanWorld, build_plan_world, put

TUESDAY = MONDAY + dt.timedelta(days=1)
WEDNESDAY = MONDAY + dt.timedelta(days=2)


@pytest.fixture
def world(replica: Engine) -> dict[str, Any]:
    with replica.begin() as conn:
        w: PlanWorld = build_plan_world(conn, signed_in="dm")
        region = put(conn, "regions", code="R1", name="华东大区")
        district = put(conn, "districts", region_id=region, code="D1", name="上海一区")
        # The reps are of the DM's district by their territories (as the server decides).
        put(conn, "territories", id=w.territory, district_id=district, code="T1", name="徐汇")
        peer_territory = put(conn, "territories", district_id=district, code="T2", name="静安")
        rm = put(conn, "users", username="rm1", display_name="赵总", role="rm", active=True,
                 region_id=region)
        conn.execute(sa.update(synced["users"]).where(synced["users"].c.id == w.dm)
                     .values(district_id=district, region_id=region, manager_id=rm))
        peer = put(conn, "users", username="rep2", display_name="李娜", role="rep", active=True,
                   territory_id=peer_territory, manager_id=w.dm)
    return {"dm": w.dm, "rep": w.rep, "peer": peer, "rm": rm, "district": district}


def _sign_in(replica: Engine, user: uuid.UUID) -> None:
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(user))


def _panel(qtbot: Any, replica: Engine, role: str) -> FieldDaysPanel:
    panel = FieldDaysPanel(Ops(SynchronousTaskManager(), replica), role)
    qtbot.addWidget(panel)
    panel.resize(1300, 600)
    panel.show()
    panel.set_week(MONDAY)
    return panel


def _tick(panel: FieldDaysPanel, column: int, name: str) -> None:
    reps = panel.day_lists[column]
    [item] = [reps.item(i) for i in range(reps.count()) if reps.item(i).text() == name]
    item.setCheckState(Qt.CheckState.Checked)


def _days(replica: Engine) -> list[tuple[Any, Any, Any]]:
    d = synced["field_days"]
    with replica.connect() as conn:
        return conn.execute(sa.select(d.c.planned_date, d.c.rep_id, d.c.note)
                            .where(~d.c.deleted).order_by(d.c.planned_date)).all()


def test_a_dm_ticks_reps_writes_a_note_and_submits(qtbot: Any, replica: Engine,
                                                   world: dict[str, Any]) -> None:
    panel = _panel(qtbot, replica, "dm")
    assert [panel.day_lists[0].item(i).text() for i in range(panel.day_lists[0].count())] \
        == ["张伟", "李娜"]
    assert not panel.submit_button.isEnabled()
    _tick(panel, 1, "张伟")
    assert _days(replica) == [(TUESDAY, world["rep"], None)]
    panel.day_notes[1].setText("一起拜访协和心内科")
    panel.day_notes[1].editingFinished.emit()
    _tick(panel, 1, "李娜")
    assert sorted(_days(replica), key=str) == sorted(
        [(TUESDAY, world["rep"], "一起拜访协和心内科"), (TUESDAY, world["peer"], "一起拜访协和心内科")],
        key=str)
    assert panel.day_headers[1].text().endswith("· 2")
    assert panel.submit_button.isEnabled()
    panel.grab().save("/tmp/field_days_dm.png")
    panel.submit_button.click()
    assert panel.status_label.text() == "Submitted"
    assert panel.day_notes[1].isReadOnly()
    assert not (panel.day_lists[1].item(0).flags() & Qt.ItemFlag.ItemIsEnabled)
    with replica.connect() as conn:
        entries = ob.all_entries(conn)
        status = conn.execute(sa.select(synced["field_plans"].c.status)).scalar_one()
    assert status == "submitted"
    assert (entries[0]["table_name"], entries[0]["op"]) == ("field_plans", "insert")
    assert {e["table_name"] for e in entries} == {"field_plans", "field_days"}


def test_a_note_being_typed_survives_a_refresh(qtbot: Any, replica: Engine,
                                               world: dict[str, Any]) -> None:
    """A sync (or any write) refreshes the grid while the DM is typing a note: the typed
    text stays, and is saved when the field is left."""
    panel = _panel(qtbot, replica, "dm")
    _tick(panel, 2, "张伟")
    note = panel.day_notes[2]
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    qtbot.keyClicks(note, "joint visit")
    panel.ops.announce(frozenset({"field_days"}))  # what a sync that brought rows does
    assert note.text() == "joint visit"
    note.editingFinished.emit()
    assert _days(replica) == [(WEDNESDAY, world["rep"], "joint visit")]


def test_the_rm_reviews_month_week_and_day(qtbot: Any, replica: Engine,
                                           world: dict[str, Any]) -> None:
    panel = _panel(qtbot, replica, "dm")
    _tick(panel, 1, "张伟")
    _tick(panel, 3, "李娜")
    panel.submit_button.click()
    _sign_in(replica, world["rm"])
    rm = _panel(qtbot, replica, "rm")
    assert rm.dm_table.rowCount() == 1
    assert [rm.dm_table.item(0, c).text() for c in range(4)] == ["王经理", "2", "2", "Submitted"]
    assert rm.day_lists[1].item(0).text() == "张伟"
    rm.day_headers[3].click()
    assert "riding along with 李娜" in rm.day_detail.text()
    rm.return_button.click()  # no comment: refused next to the comment
    assert rm.comment_error.isVisible() and "Say why" in rm.comment_error.text()
    rm.comment_edit.setText("周四改成周五")
    rm.return_button.click()
    assert rm.dm_table.item(0, 3).text() == "Returned"
    rm.grab().save("/tmp/field_days_rm.png")

    _sign_in(replica, world["dm"])
    dm = _panel(qtbot, replica, "dm")
    assert dm.banner.isVisible() and "周四改成周五" in dm.banner.text()
    assert dm.submit_button.isEnabled()


def test_a_dm_cannot_name_a_rep_of_another_team(replica: Engine,
                                                world: dict[str, Any]) -> None:
    from desktop import field_days

    with replica.begin() as conn:
        stranger = put(conn, "users", username="rep9", display_name="外人", role="rep",
                       active=True, manager_id=uuid.uuid4())
    with pytest.raises(field_days.FieldPlanRefused) as refused:
        field_days.save_day(replica, MONDAY, TUESDAY, [stranger], None)
    assert refused.value.field == "rep_id" and refused.value.reason == "out_of_scope"


def test_the_accompanied_rep_sees_the_ride_along(qtbot: Any, replica: Engine,
                                                 world: dict[str, Any],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import field_days
    from domain.calendar import CompanyCalendar

    field_days.save_day(replica, MONDAY, TUESDAY, [world["rep"]], "看新产品反馈")
    with replica.connect() as conn:
        plan = conn.execute(sa.select(synced["field_plans"].c.id)).scalar_one()
    field_days.submit(replica, plan)
    _sign_in(replica, world["rep"])
    page = PlanPage(Ops(SynchronousTaskManager(), replica), "rep", monday=MONDAY)
    qtbot.addWidget(page)
    page.show()
    assert page.ride_label.isVisible()
    assert "王经理 rides along with you on" in page.ride_label.text()
    assert "看新产品反馈" in page.ride_label.text() and "(awaiting approval)" in page.ride_label.text()
    assert page.day_headers[1].text().endswith("★")
    assert page.day_headers[1].toolTip() == "王经理 rides along"
    page.grab().save("/tmp/field_days_rep.png")
    assert not page.day_headers[2].text().endswith("★")

    monkeypatch.setattr(CompanyCalendar, "today", lambda _self, _now=None: TUESDAY)
    today = TodayPage(Ops(SynchronousTaskManager(), replica), "张伟", role="rep")
    qtbot.addWidget(today)
    assert not today.rides.isHidden()
    assert today.rides.text() == "Today 王经理 rides along with you — 看新产品反馈"


def test_the_dm_reads_their_field_days_on_today(qtbot: Any, replica: Engine,
                                                world: dict[str, Any],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import field_days
    from domain.calendar import CompanyCalendar

    field_days.save_day(replica, MONDAY, TUESDAY, [world["rep"], world["peer"]], "新产品")
    field_days.save_day(replica, MONDAY, MONDAY + dt.timedelta(days=3), [world["peer"]], None)
    monkeypatch.setattr(CompanyCalendar, "today", lambda _self, _now=None: TUESDAY)
    today = TodayPage(Ops(SynchronousTaskManager(), replica), "王经理", role="dm")
    qtbot.addWidget(today)
    lines = today.rides.text().split("\n")
    assert lines[0] == "Today you ride along with 张伟、李娜 — 新产品"
    assert lines[1].startswith("On ") and lines[1].endswith("you ride along with 李娜")


def test_field_days_print_for_the_dm_and_the_rm(qtbot: Any, replica: Engine,
                                                world: dict[str, Any]) -> None:
    from tests.desktop.printing.pdf_checks import assert_sound

    panel = _panel(qtbot, replica, "dm")
    _tick(panel, 1, "张伟")
    panel.day_notes[1].setText("协访：新产品介绍")
    panel.day_notes[1].editingFinished.emit()
    panel.submit_button.click()
    dialog = panel.print_week()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert dialog.result_print is not None
    [page] = assert_sound(dialog.result_print.pdf, chinese="协访周计划")
    assert "张伟 协访：新产品介绍" in page and "已提交，待审批" in page
    dialog.close()

    _sign_in(replica, world["rm"])
    page_widget = PlanPage(Ops(SynchronousTaskManager(), replica), "rm", monday=MONDAY)
    qtbot.addWidget(page_widget)
    page_widget.show()
    actions = [a.text() for a in page_widget.print_button.menu().actions()]
    assert "Field days (week)…" in actions
    action = next(a for a in page_widget.print_button.menu().actions()
                  if a.text() == "Field days (week)…")
    action.trigger()
    rm_dialog = page_widget.field_panel.print_dialog  # type: ignore[union-attr]
    assert rm_dialog is not None
    qtbot.addWidget(rm_dialog)
    rm_dialog.language.setCurrentIndex(rm_dialog.language.findData("en"))
    assert rm_dialog.result_print is not None
    [page] = assert_sound(rm_dialog.result_print.pdf)
    assert "Manager: 王经理" in page and "张伟" in page and "Submitted, awaiting approval" in page
    rm_dialog.close()
