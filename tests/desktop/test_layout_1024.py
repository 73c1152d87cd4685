"""At a 1024×700 main window nothing is cut: Today's notification rows elide with the
whole text in a tooltip, and the lock dialog's explanation stays whole after "Wrong
password." appears (it was squeezed and cut before). In English and Chinese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.engine import Engine

from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.main_window import MainWindow
from desktop.ui.today_page import TodayPage
from local_store.state import utcnow
from tests.conftest import LiveServer
from tests.desktop.conftest import use_language
from tests.desktop.layout_checks import WINDOW, clipped
from tests.desktop.review_world import ReviewWorld
from tests.desktop.test_app_live import WAIT, signed_in
from tests.sync.conftest import World

LONG_COMMENT = ("拜访目的明确，关键信息传递清楚，但请在下次拜访前准备好最新的临床试验数据和相关文献，"
                "并与科室主任确认下个月城市会的参会安排。") * 2


@pytest.fixture(params=["en", "zh_CN"])
def language(request: Any, qapp: Any) -> Iterator[str]:
    with use_language(qapp, request.param):
        yield request.param


def page_area() -> tuple[int, int]:
    """What a 1024×700 main window leaves its pages: minus the sidebar, menu and status bar."""
    return WINDOW[0] - MainWindow.NAV_WIDTH, WINDOW[1] - 60


def labels_of(widget: QWidget) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def test_today_notification_rows_are_not_clipped_at_1024(
        qtbot: Any, replica: Engine, language: str) -> None:
    w = ReviewWorld.build(replica)
    w.sign_in_as("rep")
    doctor = w.insert("doctors", name="欧阳娜娜·阿卜杜热西提·买买提", institution_id=w.ids["institution"],
                      territory_id=w.ids["territory"], status="active")
    w.ids["long"] = w.insert("visits", rep_id=w.ids["rep"], territory_id=w.ids["territory"],
                             doctor_id=doctor, visit_type="face_to_face", started_at=utcnow(),
                             status="submitted")
    w.comment("dm", LONG_COMMENT, visit="long", at=utcnow() - dt.timedelta(hours=2))
    w.comment("dm", "好", kind="suggestion", at=utcnow() - dt.timedelta(hours=1))
    for i in range(12):
        at = utcnow() - dt.timedelta(minutes=i)
        w.insert("shared_visits", at=at, visit_id=w.visit("rep2"), district_id=w.ids["territory"],
                 rep_id=w.ids["rep2"], rep_name="李强", doctor_name="欧阳娜娜·阿卜杜热西提·买买提",
                 reviewer_name="张伟", purpose="介绍新适应症", shared_at=at)
    page = TodayPage(Ops(SynchronousTaskManager(), replica), "王芳", role="rep")
    qtbot.addWidget(page)
    page.resize(*page_area())
    page.show()
    qtbot.waitExposed(page)
    rows = page.notifications
    rows.buttons[-1].click()  # expand the good-practice group: its rows are checked too
    qtbot.wait(10)
    labels = rows.labels()
    assert len(labels) == 2 * (2 + 1 + 10)
    assert any(label.is_elided() for label in labels)  # the long comment: elided, in a tooltip
    problems = [why for label in labels if (why := clipped(label))]
    problems += [why for label in labels_of(page) if (why := clipped(label))]
    assert problems == []
    for label in labels:
        assert label.width() <= page.width()


@pytest.mark.parametrize("app_language", ["en", "zh_CN"])
def test_the_lock_dialog_keeps_its_text_whole_after_a_wrong_password(
        qtbot: Any, make_app: Any, world: World, live_server: LiveServer,
        app_language: str) -> None:
    from PySide6.QtCore import QLocale

    before = QLocale()
    app = make_app(language=app_language)
    try:
        window = signed_in(qtbot, app, live_server.url, world.rep_a["username"])
        window.resize(*WINDOW)
        lock = app.lock_now()
        assert lock is not None
        qtbot.waitExposed(lock)
        lock.password.setText("wrong")
        lock.try_unlock()
        qtbot.waitUntil(lambda: lock.error.isVisible(), timeout=WAIT)
        qtbot.wait(10)
        assert lock.error.text() == ("Wrong password." if app_language == "en" else "密码错误。")
        assert [why for label in labels_of(lock) if (why := clipped(label))] == []
        assert lock.width() <= WINDOW[0] and lock.height() <= WINDOW[1]
    finally:  # the translators are process-wide: later tests run in the source language
        for translator in app.translations.installed:
            app.app.removeTranslator(translator)
        app.translations.installed.clear()
        QLocale.setDefault(before)
