"""The Doctors screen offscreen, on a real replica filled directly (no server needed)."""

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
from desktop.ui.doctors import DoctorsPage
from desktop.ui.lazy_model import BLOCK_SIZE
from domain.calendar import CompanyCalendar
from local_store.read.doctors import key_of
from local_store.replica import synced
from tests.local_store.test_read_world import TODAY, ReadWorld, build_world


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page reads 'today' from the company's calendar; pin it to the world's date."""
    monkeypatch.setattr(CompanyCalendar, "today", lambda _self, _now=None: TODAY)


def _page(qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> DoctorsPage:
    page = DoctorsPage(Ops(tasks, replica))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def _names(page: DoctorsPage) -> list[str]:
    return [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]


def _search(page: DoctorsPage, text: str) -> list[str]:
    page.filter_bar.search.setText(text)
    page.apply_filters_now()
    return _names(page)


def test_empty_replica_shows_the_sync_hint(qtbot: Any, tasks: SynchronousTaskManager,
                                           replica: Engine) -> None:
    page = _page(qtbot, tasks, replica)
    assert page.stack.currentWidget() is page.empty
    assert "Sync to download your doctors" in page.empty.sentence.text()


def test_model_holds_ids_and_fetches_rows_lazily_in_blocks(qtbot: Any, tasks: SynchronousTaskManager,
                                                           replica: Engine) -> None:
    w = ReadWorld(replica)
    w.institution("h", "测试医院")
    rows = [{"id": uuid.uuid4(), "version": 1, "updated_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
             "deleted": False, "name": f"医生{n:04d}", "institution_id": w.ids["h"],
             "status": "active", "grade": "B", "title": "attending"} for n in range(1000)]
    with replica.begin() as conn:
        conn.execute(sa.insert(synced["doctors"]), rows)
    w.reindex()
    from PySide6.QtCore import QLocale

    page = _page(qtbot, tasks, replica)
    model = page.model
    assert page.stack.currentWidget() is page.list_view
    assert model.rowCount() == 1000
    assert 0 < model.cached_row_count() <= BLOCK_SIZE  # only the rows on screen
    before = model.cached_row_count()
    assert model.data(model.index(900, 0)) == model.cached(900).name  # type: ignore[union-attr]
    assert model.cached_row_count() == before + BLOCK_SIZE
    page.paint_visible_rows()
    assert model.cached_row_count() <= before + 2 * BLOCK_SIZE
    thousand = QLocale().toString(1000)
    assert page.summary.text() == f"{thousand} of {thousand} doctors"


def test_columns_show_localized_title_grade_visits_and_red_when_behind(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    from PySide6.QtCore import Qt

    build_world(replica)
    page = _page(qtbot, tasks, replica)
    assert _names(page) == ["李明", "曾强", "张伟", "张薇"]
    model = page.model
    row = _names(page).index("张伟")
    cells = [model.data(model.index(row, c)) for c in range(model.columnCount())]
    assert cells[:6] == ["张伟", "北京协和医院", "心内科", "Chief physician", "A", "1 / 8"]
    assert cells[6] == "2026-03-02"
    assert model.data(model.index(row, 5), Qt.ItemDataRole.ForegroundRole) is not None
    fine = _names(page).index("张薇")
    assert model.data(model.index(fine, 5), Qt.ItemDataRole.ForegroundRole) is None
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Visits this month"


def test_pinyin_search_chinese_full_partial_initials_and_institution(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    build_world(replica)
    page = _page(qtbot, tasks, replica)
    assert _search(page, "张伟") == ["张伟"]
    assert _search(page, "zhangwei") == ["张伟", "张薇"]
    assert _search(page, "zhang") == ["张伟", "张薇"]
    assert _search(page, "lm") == ["李明"]
    assert _search(page, "人民医院") == ["李明", "曾强"]
    assert _search(page, "") == ["李明", "曾强", "张伟", "张薇"]


def test_search_box_is_debounced(qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    build_world(replica)
    page = _page(qtbot, tasks, replica)
    page.filter_bar.search.setText("zeng")
    assert page.model.rowCount() == 4  # not yet: waits for the pause in typing
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert _names(page) == ["曾强"]


def test_filters_institution_department_title_grade_and_behind(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    w = build_world(replica)
    page = _page(qtbot, tasks, replica)
    bar = page.filter_bar
    bar.institution.setCurrentIndex(bar.institution.findData(key_of(w.ids["rm"])))
    assert _names(page) == ["李明", "曾强"]
    assert bar.department.count() == 2  # "all" + the one department of this hospital
    bar.institution.setCurrentIndex(bar.institution.findData(key_of(w.ids["xh"])))
    bar.department.setCurrentIndex(bar.department.findData(key_of(w.ids["xh_endo"])))
    assert _names(page) == ["张薇"]
    bar.institution.setCurrentIndex(0)
    assert _names(page) == ["李明", "曾强", "张伟", "张薇"]
    bar.title.setCurrentIndex(bar.title.findData("resident"))
    assert bar.title.currentText() == "Resident physician"
    assert _names(page) == ["李明"]
    bar.title.setCurrentIndex(0)
    bar.grade.setCurrentIndex(bar.grade.findData("B"))
    assert _names(page) == ["张薇"]
    bar.grade.setCurrentIndex(0)
    bar.behind.setChecked(True)
    assert _names(page) == ["李明", "张伟"]
    bar.order.setCurrentIndex(bar.order.findData("grade"))
    assert _names(page) == ["张伟", "李明"]


def test_detail_pane_shows_grade_explanation_history_and_upcoming(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    build_world(replica)
    page = _page(qtbot, tasks, replica)
    page.table.selectRow(_names(page).index("张伟"))
    detail = page.detail
    assert detail.content.isVisible()
    assert detail.name.text() == "张伟"
    assert detail.grade.text().startswith("Grade A (score ")
    lines = detail.explanation_lines()
    assert lines[0] == "Hospital level Tertiary grade A: 100 × 30% = 30"
    assert any(line.startswith("Title Chief physician: 100 × 25%") for line in lines)
    assert "1 of 8 visits (4 due by today)" in detail.frequency.text()
    assert "behind on frequency" in detail.frequency.text()
    history = [detail.history.topLevelItem(i).text(4) for i in range(detail.history.topLevelItemCount())]
    assert history == ["产品介绍", "二月最后一晚", "上月拜访"]
    assert detail.upcoming.topLevelItemCount() == 1
    assert detail.upcoming.topLevelItem(0).text(1) == "介绍新适应症"
    # The selection survives a refresh (e.g. after a sync).
    tasks.notify("sync")
    assert page.selected_key() is not None and detail.name.text() == "张伟"


def test_refreshes_after_a_sync(qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    page = _page(qtbot, tasks, replica)
    assert page.stack.currentWidget() is page.empty
    build_world(replica)
    tasks.notify("sync")
    assert page.stack.currentWidget() is page.list_view
    assert page.model.rowCount() == 4


def test_the_detail_pane_logs_a_visit_from_the_plan_or_ad_hoc_and_opens_past_ones(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    build_world(replica)
    page = _page(qtbot, tasks, replica)
    page.table.selectRow(_names(page).index("张伟"))
    detail = page.detail
    doctor = uuid.UUID(str(detail.detail.id))  # type: ignore[union-attr]

    qtbot.mouseClick(detail.log_button, Qt.MouseButton.LeftButton)
    form = page.dialog
    assert form is not None and form.state is not None  # type: ignore[attr-defined]
    assert form.collect_fields()["doctor_id"] == doctor  # type: ignore[attr-defined]
    form.close()

    planned = detail.upcoming.topLevelItem(0)
    detail.upcoming.itemDoubleClicked.emit(planned, 0)
    form = page.dialog
    fields = form.collect_fields()  # type: ignore[union-attr]
    assert fields["doctor_id"] == doctor and fields["purpose"] == "介绍新适应症"
    assert form.state.visit.fields.get("planned_visit_id") == planned.data(0, Qt.ItemDataRole.UserRole)  # type: ignore[union-attr]
    form.close()  # type: ignore[union-attr]

    past = detail.history.topLevelItem(0)
    detail.history.itemDoubleClicked.emit(past, 0)
    assert page.dialog.visit_id == past.data(0, Qt.ItemDataRole.UserRole)  # type: ignore[union-attr]
    page.dialog.close()  # type: ignore[union-attr]


def _signed_in_as(replica: Engine, role: str) -> None:
    from local_store.state import USER_ID, set_state
    from tests.local_store.test_writes import insert_server_row

    with replica.begin() as conn:
        user = insert_server_row(conn, "users", username=role, role=role, display_name="经理",
                                 active=True)
        set_state(conn, USER_ID, str(user))


def _choose_target(page: DoctorsPage, value: bool | None) -> None:
    combo = page.detail.target
    index = combo.findData(value) if value is not None else 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_a_manager_marks_a_doctor_never_a_target_offline_and_the_frequency_follows(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    from local_store import outbox as ob

    build_world(replica)
    _signed_in_as(replica, "dm")
    page = DoctorsPage(Ops(tasks, replica), role="dm")
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.table.selectRow(_names(page).index("张伟"))
    detail = page.detail
    assert detail.target.isEnabled() and detail.target.currentText() == "By grade"
    assert detail.target_state.text() == "a target" and "behind" in detail.frequency.text()

    _choose_target(page, False)
    with replica.connect() as conn:
        stored = conn.execute(sa.select(synced["doctors"].c.target_override)
                              .where(synced["doctors"].c.name == "张伟")).scalar_one()
        [entry] = ob.all_entries(conn)
    assert stored is False
    assert entry["table_name"] == "doctors" and entry["op"] == "update"
    assert entry["fields"] == {"target_override": False}
    assert detail.name.text() == "张伟" and detail.target.currentText() == "Never a target"
    assert detail.target_state.text() == "not a target"
    assert "behind" not in detail.frequency.text()  # only targets fall behind
    page.grab().save("/tmp/target_override.png")

    _choose_target(page, None)  # back to the grade
    assert detail.target_state.text() == "a target" and "behind" in detail.frequency.text()


def test_a_rep_sees_the_mark_read_only(qtbot: Any, tasks: SynchronousTaskManager,
                                       replica: Engine) -> None:
    world = build_world(replica)
    with replica.begin() as conn:
        conn.execute(sa.update(synced["doctors"]).where(synced["doctors"].c.name == "李明")
                     .values(target_override=True))
    page = _page(qtbot, tasks, replica)
    page.table.selectRow(_names(page).index("李明"))
    assert world is not None
    assert not page.detail.target.isEnabled()
    assert page.detail.target.currentText() == "Always a target"
    assert page.detail.target_state.text() == "a target"


def test_a_refused_mark_is_explained_next_to_the_control(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    build_world(replica)
    _signed_in_as(replica, "rep")  # a rep's replica behind a manager's page: refused early
    page = DoctorsPage(Ops(tasks, replica), role="dm")
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(_names(page).index("张伟"))
    _choose_target(page, True)
    assert page.detail.target_error.isVisible()
    assert "manager" in page.detail.target_error.text()
    assert page.detail.target.currentText() == "By grade"


def test_the_behind_filter_follows_the_target_mark(qtbot: Any, tasks: SynchronousTaskManager,
                                                    replica: Engine) -> None:
    build_world(replica)
    page = _page(qtbot, tasks, replica)
    page.filter_bar.behind.setChecked(True)
    page.apply_filters_now()
    assert "张伟" in _names(page)
    with replica.begin() as conn:
        conn.execute(sa.update(synced["doctors"]).where(synced["doctors"].c.name == "张伟")
                     .values(target_override=False))
    tasks.notify("sync")
    page.filter_bar.behind.setChecked(False)
    page.filter_bar.behind.setChecked(True)
    page.apply_filters_now()
    assert "张伟" not in _names(page)


def test_at_1024_every_column_shows_and_the_detail_goes_under_the_table(
        qtbot: Any, tasks: SynchronousTaskManager, replica: Engine) -> None:
    """At a 1024×700 window the seven columns end inside the table (the last one too),
    no header is cut, long cells elide with a tooltip, and the doctor's detail sits under
    the table, wrapping its text instead of scrolling sideways."""
    from PySide6.QtWidgets import QLabel

    from desktop.ui.main_window import MainWindow
    from tests.desktop.layout_checks import WINDOW, clipped

    build_world(replica)
    page = _page(qtbot, tasks, replica)
    page.resize(WINDOW[0] - MainWindow.NAV_WIDTH, WINDOW[1] - 60)
    qtbot.wait(10)
    assert page.splitter.orientation() == Qt.Orientation.Vertical
    assert page.filter_bar.compact
    header = page.table.horizontalHeader()
    last = page.model.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= page.table.viewport().width()
    assert not page.table.horizontalScrollBar().isVisible()
    for column in range(page.model.columnCount()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column
    index = page.model.index(0, 1)
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == page.model.data(index)
    page.table.selectRow(_names(page).index("张伟"))
    detail = page.detail
    qtbot.waitUntil(lambda: detail.content.isVisible())
    qtbot.wait(10)
    assert detail.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert detail.widget().width() <= detail.viewport().width()
    problems = [why for label in detail.findChildren(QLabel)
                if label.isVisibleTo(detail) and (why := clipped(label))]
    assert problems == []
    page.resize(1400, 800)  # wide again: side by side, one row of filters
    qtbot.wait(10)
    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    assert not page.filter_bar.compact
    for column in range(page.model.columnCount()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= page.table.viewport().width()
