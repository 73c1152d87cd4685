"""The print preview over a real replica: built on a worker, page 1 rendered offscreen,
printed on a QPrinter in PDF mode, saved as a PDF; the menu on the Visits page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter

from desktop.ops import Ops
from desktop.pdf_pages import page_count
from desktop.printing_data import print_visit_summary
from desktop.tasks import SynchronousTaskManager, TaskManager
from desktop.ui import print_actions
from desktop.ui.print_preview import PrintPreviewDialog
from local_store.store import open_replica
from tests.desktop.printing.pdf_checks import all_text
from tests.desktop.printing.print_world import PrintWorld, build_print_world

DECEMBER = dt.date(2026, 12, 10)
NOW = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def world(tmp_path: Path) -> Iterator[PrintWorld]:
    engine = open_replica(tmp_path / "replica.sqlite3")
    yield build_print_world(engine)
    engine.dispose()


def month_build(replica: Any, language: str, at: dt.datetime) -> Any:
    return print_visit_summary(replica, "month", DECEMBER, language, at)


def test_preview_renders_page_one_prints_and_saves(qtbot: Any, world: PrintWorld, tmp_path: Path) -> None:
    ops = Ops(SynchronousTaskManager(), world.replica)
    dialog = PrintPreviewDialog(ops, "Month", month_build, language="zh_CN", now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.result_print is not None and dialog.view.page_count() >= 1
    assert dialog.view.page_pixmap(1) is not None
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    dialog.grab().save(str(tmp_path / "preview.png"))

    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    dialog.choose_printer = lambda: printer  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.printed) as printed:
        dialog.print_button.click()
    assert printed.args == [dialog.view.page_count()]
    assert out.stat().st_size > 10_000 and page_count(out) == dialog.view.page_count()

    target = tmp_path / "saved"
    dialog.choose_save_path = lambda suggested: str(target)  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    saved = Path(str(target) + ".pdf").read_bytes()
    assert saved == dialog.result_print.pdf and "月拜访汇总" in all_text(saved)


def test_switching_language_rebuilds_in_english(qtbot: Any, world: PrintWorld) -> None:
    ops = Ops(SynchronousTaskManager(), world.replica)
    dialog = PrintPreviewDialog(ops, "Month", month_build, language="zh_CN", now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.result_print is not None
    assert "Monthly visit summary" in all_text(dialog.result_print.pdf)


def test_a_refused_print_says_why(qtbot: Any, world: PrintWorld) -> None:
    ops = Ops(SynchronousTaskManager(), world.replica)

    def someone_elses(replica: Any, language: str, at: dt.datetime) -> Any:
        return print_visit_summary(replica, "month", DECEMBER, language, at, rep="rep099")

    dialog = PrintPreviewDialog(ops, "Month", someone_elses, language="en", now=lambda: NOW)
    qtbot.addWidget(dialog)
    assert "not in your team" in dialog.status.text()
    assert not dialog.print_button.isEnabled()
    # The reason is in the print's language: a Chinese print refuses in Chinese.
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert "不在您的团队中" in dialog.status.text()
    assert not dialog.print_button.isEnabled()


def test_build_on_real_threads_with_progress_and_cancel(qtbot: Any, world: PrintWorld) -> None:
    tasks = TaskManager()
    try:
        ops = Ops(tasks, world.replica)
        dialog = PrintPreviewDialog(ops, "Month", month_build, language="en", now=lambda: NOW)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.ready, timeout=30_000):
            pass
        qtbot.waitUntil(lambda: dialog.view.page_pixmap(1) is not None, timeout=30_000)
        assert dialog.bar.value() > 0

        started = []

        def slow(replica: Any, language: str, at: dt.datetime) -> Any:
            started.append(True)
            return month_build(replica, language, at)

        second = PrintPreviewDialog(ops, "Month", slow, language="en", now=lambda: NOW)
        qtbot.addWidget(second)
        second.cancel()
        assert second.result() == 0 and second.result_print is None
    finally:
        tasks.shutdown()


def test_the_visits_menu_opens_the_summaries(qtbot: Any, world: PrintWorld) -> None:
    ops = Ops(SynchronousTaskManager(), world.replica)
    button = print_actions.PrintMenuButton(ops, lambda: DECEMBER, "rep")
    qtbot.addWidget(button)
    assert button.team_action is None
    dialog = button.open("week")
    qtbot.addWidget(dialog)
    assert "Weekly visit summary" in all_text(dialog.result_print.pdf) or \
        "周拜访汇总" in all_text(dialog.result_print.pdf)
    world.sign_in("dm")
    manager = print_actions.PrintMenuButton(ops, lambda: DECEMBER, "dm")
    qtbot.addWidget(manager)
    team = manager.open_team()
    qtbot.addWidget(team)
    assert "李娜" in all_text(team.result_print.pdf)



def test_the_menu_prints_the_weekly_report_and_the_day_plan(qtbot: Any, world: PrintWorld) -> None:
    from tests.desktop.printing.print_world import add_plans

    add_plans(world)
    ops = Ops(SynchronousTaskManager(), world.replica)
    button = print_actions.PrintMenuButton(ops, lambda: dt.date(2026, 12, 2), "rep")
    qtbot.addWidget(button)
    weekly = button.open_plan("weekly")
    qtbot.addWidget(weekly)
    assert weekly.result_print is not None and "目标2" in all_text(weekly.result_print.pdf)
    day = button.open_plan("day")
    qtbot.addWidget(day)
    assert day.result_print is not None and "东城区帅府园1号" in all_text(day.result_print.pdf)


def test_the_visits_page_carries_the_print_menu(qtbot: Any, world: PrintWorld) -> None:
    from desktop.ui.visits_page import VisitsPage

    page = VisitsPage(Ops(SynchronousTaskManager(), world.replica), "rep")
    qtbot.addWidget(page)
    texts = [a.text() for a in page.print_button.menu().actions() if a.text()]
    assert texts[:3] == ["Day summary…", "Week summary…", "Month summary…"]
    assert page.print_button.team_action is None
