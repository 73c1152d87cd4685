"""The Plan page offscreen: drag a doctor onto Wednesday, keyboard add, reorder, review."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDropEvent
from sqlalchemy.engine import Engine

from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.plan_page import PlanPage
from desktop.ui.plan_widgets import ID_ROLE
from local_store import outbox as ob
from local_store.replica import synced
from local_store.state import USER_ID, set_state
from tests.local_store.plan_world import MONDAY, PlanWorld, build_plan_world, put

WEDNESDAY = MONDAY + dt.timedelta(days=2)


def _world(replica: Engine, *, signed_in: str = "rep") -> PlanWorld:
    with replica.begin() as conn:
        world = build_plan_world(conn, signed_in=signed_in)
        put(conn, "visit_plans", rep_id=world.rep, territory_id=world.territory,
            week_start=MONDAY, status="draft")  # a synced draft: the drop adds one entry
    return world


def _page(qtbot: Any, replica: Engine, role: str = "rep") -> PlanPage:
    ops = Ops(SynchronousTaskManager(), replica)
    page = PlanPage(ops, role, monday=MONDAY)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    return page


def _planned(replica: Engine) -> list[Any]:
    p = synced["planned_visits"]
    with replica.connect() as conn:
        return conn.execute(sa.select(p.c.doctor_id, p.c.planned_date).where(~p.c.deleted)).all()


def test_drag_a_doctor_to_wednesday(qtbot: Any, replica: Engine) -> None:
    world = _world(replica)
    page = _page(qtbot, replica)
    assert page.suggestion_list.count() == 6
    item = page.suggestion_list.item(0)
    doctor = uuid.UUID(str(item.data(ID_ROLE)))
    data = page.suggestion_list.mimeData([item])
    wednesday = page.day_lists[2]
    assert wednesday.day == WEDNESDAY
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    wednesday.dropEvent(drop)
    assert _planned(replica) == [(doctor, WEDNESDAY)]
    with replica.connect() as conn:
        entries = ob.all_entries(conn)
    assert [(e["table_name"], e["op"]) for e in entries] == [("planned_visits", "insert")]
    assert wednesday.count() == 1 and page.day_lists[1].count() == 0
    assert page.suggestion_list.count() == 5  # planned doctors leave the suggestions
    assert doctor in world.doctors


def test_keyboard_add_move_between_days_and_delete(qtbot: Any, replica: Engine) -> None:
    _world(replica)
    page = _page(qtbot, replica)
    page.suggestion_list.setCurrentRow(0)
    page.day_combo.setCurrentIndex(0)
    qtbot.keyClick(page.suggestion_list, Qt.Key.Key_Return)
    [(doctor, day)] = _planned(replica)
    assert day == MONDAY
    planned_item = page.day_lists[0].item(0)
    data = page.day_lists[0].mimeData([planned_item])
    page.day_lists[4].accept_mime(data)  # dragged to Friday
    assert _planned(replica) == [(doctor, MONDAY + dt.timedelta(days=4))]
    page.day_lists[4].setCurrentRow(0)
    qtbot.keyClick(page.day_lists[4], Qt.Key.Key_Delete)
    assert _planned(replica) == []


def test_outside_the_week_is_refused_next_to_the_grid(qtbot: Any, replica: Engine) -> None:
    world = _world(replica)
    page = _page(qtbot, replica)
    page.add_doctor_to_day(world.doctors[0], MONDAY + dt.timedelta(days=9))
    assert "outside this plan's week" in page.error.text() and not page.error.isHidden()
    assert _planned(replica) == []


def test_a_refused_plan_edit_reads_in_chinese(qtbot: Any, qapp: Any, replica: Engine) -> None:
    from tests.desktop.conftest import use_language

    world = _world(replica)
    with use_language(qapp, "zh_CN"):
        page = _page(qtbot, replica)
        page.add_doctor_to_day(world.doctors[0], MONDAY + dt.timedelta(days=9))
        assert page.error.text() == "该日期不在本计划的这一周内。"


def test_fill_week_route_reorder_submit_and_manager_return(qtbot: Any, replica: Engine) -> None:
    world = _world(replica)
    page = _page(qtbot, replica)
    page.per_day_spin.setValue(2)
    page.fill_button.click()
    planned = _planned(replica)
    assert 1 <= len(planned) <= 10
    day = planned[0][1]
    page._choose_day((day - MONDAY).days)
    assert page.route_list.count() >= 1 and "km" in page.route_stats.text()
    page.submit_button.click()
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(world.dm))
    manager = _page(qtbot, replica, role="dm")
    assert manager.team_table.rowCount() == 1 and "Submitted" in manager.status_label.text()
    manager.return_button.click()  # no comment: refused next to the buttons
    assert "Say why" in manager.error.text()
    manager.comment_edit.setText("周三太少")
    manager.return_button.click()
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(world.rep))
    page.refresh()
    assert not page.banner.isHidden() and "周三太少" in page.banner.text()
    image = page.grab()
    assert not image.isNull()


def test_the_rep_sets_their_own_reminder_day(qtbot: Any, replica: Engine) -> None:
    from local_store.read.plans import REMINDER_DAY_KEY
    from local_store.state import get_state

    _world(replica)
    page = _page(qtbot, replica)
    assert page.reminder_spin.value() == 20  # the company rule's day
    page.reminder_spin.setValue(15)
    with replica.connect() as conn:
        assert get_state(conn, REMINDER_DAY_KEY) == "15"
    page.reminder_spin.setValue(20)
    with replica.connect() as conn:
        assert get_state(conn, REMINDER_DAY_KEY) is None


def test_team_plan_adherence_tab(qtbot: Any, replica: Engine) -> None:
    from desktop.ui.plan_adherence import PlanAdherenceTab

    world = _world(replica)
    with replica.begin() as conn:
        set_state(conn, USER_ID, str(world.dm))
    tab = PlanAdherenceTab(Ops(SynchronousTaskManager(), replica))
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 0  # nothing read until the tab is shown
    tab.show()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 0).text() == "张伟"


@pytest.mark.parametrize("role", ["rep", "dm"])
def test_the_week_fits_a_1024_window(qtbot: Any, replica: Engine, role: str) -> None:
    """Seven day columns, the suggestions (or team) panel and the route fit beside each
    other in a 1024×700 window: the page asks for no more than it gets, and its labels
    wrap instead of being cut."""
    from PySide6.QtWidgets import QLabel

    from desktop.ui.main_window import MainWindow
    from tests.desktop.layout_checks import WINDOW, clipped

    _world(replica, signed_in=role)
    page = _page(qtbot, replica, role)
    area = (WINDOW[0] - MainWindow.NAV_WIDTH, WINDOW[1] - 60)
    assert page.minimumSizeHint().width() <= area[0]
    assert page.minimumSizeHint().height() <= area[1]
    page.resize(*area)
    page.show()
    qtbot.waitExposed(page)
    assert page.size().width() == area[0]
    problems = [why for label in page.findChildren(QLabel)
                if label.isVisibleTo(page) and (why := clipped(label))]
    assert problems == []
