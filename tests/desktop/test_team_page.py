"""The manager's Team page offscreen on a real replica: filters, per-rep averages,
lazy rows over a long list, Good practice."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QDate, Qt

from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.lazy_model import BLOCK_SIZE
from desktop.ui.team_page import CUSTOM, TeamPage
from desktop.visit_lists import TeamFilter, rep_averages, team_visit_ids
from local_store.replica import synced, visits_team_list_index
from tests.desktop.test_visits_page import (  # noqa: F401 (visit_world: a fixture)
    MONDAY,
    VisitWorld,
    local,
    visit_world,
)


@pytest.fixture
def team(visit_world: VisitWorld) -> dict[str, uuid.UUID]:  # noqa: F811
    """Li: three visits (quality 90, 50, 40), one reviewed, one exemplary; Zhao: two (80, 30 draft)."""
    w = visit_world
    ids = {
        "li_good": w.visit("li", "zhang", local(MONDAY, 9), quality=90.0),
        "li_mid": w.visit("li", "zhou", local(MONDAY + dt.timedelta(days=1), 9), quality=50.0),
        "li_low": w.visit("li", "liu", local(MONDAY + dt.timedelta(days=8), 9), quality=40.0),
        "zhao_good": w.visit("zhao", "zhang", local(MONDAY + dt.timedelta(days=2), 9), quality=80.0),
        "zhao_draft": w.visit("zhao", "liu", local(MONDAY + dt.timedelta(days=3), 9),
                              status="draft", quality=30.0),
    }
    w.review(ids["li_good"], exemplary=True, at=local(MONDAY, 18))
    w.review(ids["li_mid"], exemplary=False, at=local(MONDAY + dt.timedelta(days=1), 18))
    w.review(ids["zhao_good"], exemplary=True, at=local(MONDAY + dt.timedelta(days=4), 18))
    return ids


def make_page(qtbot: Any, tasks: SynchronousTaskManager, world: VisitWorld) -> TeamPage:
    page = TeamPage(Ops(tasks, world.replica), "dm")
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    return page


def shown(page: TeamPage) -> list[uuid.UUID]:
    return page.model.visit_ids()


def choose(combo: Any, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_all_team_visits_newest_first_with_quality_and_review_marks(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld,  # noqa: F811
        team: dict[str, uuid.UUID]) -> None:
    page = make_page(qtbot, tasks, visit_world)
    assert shown(page) == [team[k] for k in ("li_low", "zhao_draft", "zhao_good", "li_mid", "li_good")]
    m = page.model
    assert [m.data(m.index(r, 1)) for r in range(5)] == ["李娜", "赵强", "赵强", "李娜", "李娜"]
    assert [m.data(m.index(r, 6)) for r in range(5)] == ["40", "30", "80", "50", "90"]
    assert [m.data(m.index(r, 7)) for r in range(5)] == ["", "", "★ Exemplary", "✓", "★ Exemplary"]
    assert m.data(m.index(0, 6), Qt.ItemDataRole.ForegroundRole) is not None  # low quality in red
    assert page.summary.text() == "5 visits"
    reps = [page.filter_bar.rep.itemText(i) for i in range(page.filter_bar.rep.count())]
    assert reps == ["All reps", "李娜", "赵强"]


def test_filters_by_rep_status_quality_review_doctor_and_dates(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld,  # noqa: F811
        team: dict[str, uuid.UUID]) -> None:
    page = make_page(qtbot, tasks, visit_world)
    bar = page.filter_bar

    choose(bar.rep, str(visit_world.id("li")))
    assert set(shown(page)) == {team["li_good"], team["li_mid"], team["li_low"]}
    bar.not_reviewed.setChecked(True)
    assert shown(page) == [team["li_low"]]
    bar.reset()
    assert len(shown(page)) == 5

    choose(bar.status, "draft")
    assert shown(page) == [team["zhao_draft"]]
    choose(bar.status, "submitted")
    assert team["zhao_draft"] not in shown(page) and len(shown(page)) == 4
    choose(bar.status, None)

    bar.quality.setValue(50)
    bar.quality_on.setChecked(True)
    assert shown(page) == [team["li_low"], team["zhao_draft"]]  # 50 is not below 50
    bar.quality_on.setChecked(False)

    bar.doctor.setText("zhou")  # pinyin finds 周杰
    page.apply_filters_now()
    assert shown(page) == [team["li_mid"]]
    bar.doctor.setText("朝阳")  # the hospital's name
    page.apply_filters_now()
    assert shown(page) == [team["li_mid"]]
    bar.doctor.clear()
    page.apply_filters_now()

    choose(bar.period, CUSTOM)
    assert bar.date_from.isVisibleTo(page)
    bar.date_from.setDate(QDate(MONDAY + dt.timedelta(days=1)))
    bar.date_to.setDate(QDate(MONDAY + dt.timedelta(days=3)))
    page.apply_filters_now()
    assert shown(page) == [team["zhao_draft"], team["zhao_good"], team["li_mid"]]
    bar.date_from.setDate(QDate(MONDAY + dt.timedelta(days=5)))
    page.apply_filters_now()
    assert bar.error.isVisibleTo(page) and "after the end date" in bar.error.text()
    # The rows of the last valid range would look like an answer to this one: they go.
    assert shown(page) == [] and page.averages.table.rowCount() == 0
    assert page.summary.text() == ""


def test_rejected_status_filter(visit_world: VisitWorld,  # noqa: F811
                                team: dict[str, uuid.UUID]) -> None:
    visit_world.reject(team["zhao_good"], "refused")
    with visit_world.replica.connect() as conn:
        assert team_visit_ids(conn, TeamFilter(status="rejected")) == [team["zhao_good"].hex]


def test_per_rep_average_quality_follows_the_filter(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld,  # noqa: F811
        team: dict[str, uuid.UUID]) -> None:
    page = make_page(qtbot, tasks, visit_world)
    table = page.averages.table
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows == [["李娜", "3", "60.0"], ["赵强", "2", "55.0"]]
    choose(page.filter_bar.status, "submitted")
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows == [["赵强", "1", "80.0"], ["李娜", "3", "60.0"]]


def test_good_practice_lists_exemplary_visits_newest_first(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld,  # noqa: F811
        team: dict[str, uuid.UUID]) -> None:
    page = make_page(qtbot, tasks, visit_world)
    page.tabs.setCurrentWidget(page.good_practice)
    gp = page.good_practice
    assert gp.visit_ids() == [team["zhao_good"], team["li_good"]]
    table = gp.table
    assert [table.item(0, c).text() for c in (2, 3, 4, 6, 7)] == [
        "赵强", "张伟", "北京协和医院", "80", "陈经理"]
    gp.table.cellDoubleClicked.emit(1, 0)
    assert page.dialog is not None and page.dialog.visit_id == team["li_good"]  # type: ignore[attr-defined]
    page.dialog.close()


def test_a_long_list_holds_ids_and_fetches_only_the_rows_on_screen(
        qtbot: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld) -> None:  # noqa: F811
    start = local(MONDAY, 8)
    for i in range(BLOCK_SIZE * 6):
        visit_world.visit("li" if i % 2 else "zhao", "zhang", start + dt.timedelta(minutes=10 * i))
    page = make_page(qtbot, tasks, visit_world)
    assert page.model.rowCount() == BLOCK_SIZE * 6
    assert page.model.cached_row_count() <= BLOCK_SIZE
    page.table.scrollToBottom()
    last = page.model.rowCount() - 1
    assert page.model.data(page.model.index(last, 1)) in ("李娜", "赵强")
    assert page.model.cached_row_count() <= 2 * BLOCK_SIZE
    assert page.visible_rows_ready()


def test_the_team_list_index_is_read_alone_and_changes_no_result(
        visit_world: VisitWorld, team: dict[str, uuid.UUID]) -> None:  # noqa: F811
    flt = TeamFilter(not_reviewed=True, quality_below=85.0)
    with visit_world.replica.begin() as conn:
        before = team_visit_ids(conn, flt), rep_averages(conn, flt)
        visits_team_list_index.drop(conn)
        assert (team_visit_ids(conn, flt), rep_averages(conn, flt)) == before
        visits_team_list_index.create(conn, checkfirst=True)
    with visit_world.replica.connect() as conn:
        assert (team_visit_ids(conn, flt), rep_averages(conn, flt)) == before
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id, rep_id, quality_score FROM visits WHERE deleted = 0 "
            "ORDER BY started_at DESC"))
    assert "COVERING INDEX ix_visits_team_list" in plan
    assert before[0] == [team["li_low"].hex, team["zhao_draft"].hex]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_rep_names_fit_the_average_panel_at_1024(
        qtbot: Any, qapp: Any, tasks: SynchronousTaskManager, visit_world: VisitWorld,  # noqa: F811
        team: dict[str, uuid.UUID], language: str) -> None:
    """The side panel takes the width its names need (it had a fifth of the page and cut
    every name to "…"); a name beyond ``MAX_NAME_WIDTH`` elides, whole in its tooltip."""
    from desktop.ui.main_window import MainWindow
    from tests.desktop.conftest import use_language
    from tests.desktop.layout_checks import WINDOW

    with visit_world.replica.begin() as conn:  # a long name, as some reps have
        conn.execute(sa.update(synced["users"]).where(synced["users"].c.id == visit_world.id("li"))
                     .values(display_name="欧阳娜娜·买买提"))
    with use_language(qapp, language):
        page = TeamPage(Ops(tasks, visit_world.replica), "dm")
        qtbot.addWidget(page)
        page.resize(WINDOW[0] - MainWindow.NAV_WIDTH, WINDOW[1] - 60)
        page.show()
        qtbot.waitExposed(page)
        qtbot.wait(10)
        page.grab().save(f"/tmp/team_1024_{language}.png")
        table = page.averages.table
        metrics = table.fontMetrics()
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            assert metrics.horizontalAdvance(item.text()) + 8 <= table.columnWidth(0), item.text()
            assert item.toolTip() == item.text()
        assert table.viewport().width() >= sum(table.columnWidth(c) for c in range(3))
        assert page.table.width() > 2 * page.averages.width()  # the visits keep most of the page
