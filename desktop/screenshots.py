"""`make screenshots`: every main page, as rep001, dm001, rm001 and admin, in Chinese and English,
at 1280×800 (and the Plan page's field-days tab for dm001 and rm001); then Today, Doctors,
Team (managers) and the lock dialog (after a wrong password) at 1024×700,
the smallest window the layouts are made for (``*_1024x700.png``).

Starts its own server (``python -m server.cli``: init-db, seed-demo small, serve on
a free port, SQLite in a temp folder), runs the app offscreen, signs in, syncs, and
saves ``docs/screenshots/<user>_<lang>_<page>.png``. The server process is stopped
by its PID at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import DEMO_PASSWORD, FieldRepApp
from desktop.demo import throwaway_server
from desktop.settings import AppSettings, open_qsettings

USERS = ("rep001", "dm001", "rm001", "admin")
LANGUAGES = ("zh_CN", "en")
COMPACT = (1024, 700)  # the smallest window the layouts are made for
COMPACT_NAME = "1024x700"
ROOT = Path(__file__).resolve().parent.parent


def wait(app: QApplication, condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


def settle(app: QApplication, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out)):
        raise OSError(f"could not write {out}")
    print(f"  {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}", flush=True)


def capture(app: QApplication, url: str, client_dir: Path, user: str, language: str,
            out_dir: Path) -> None:
    store = open_qsettings(client_dir)
    controller = FieldRepApp(app, store, AppSettings(language=language, data_dir=client_dir))
    try:
        dialog = controller.show_sign_in(server_url=url, username=user)
        dialog.resize(520, dialog.sizeHint().height())
        settle(app, 0.2)
        if user == USERS[0]:
            save(dialog, out_dir / f"{language}_sign_in.png")
        dialog.password.setText(DEMO_PASSWORD)
        dialog.submit()
        wait(app, lambda: controller.window is not None, 60, f"{user} to sign in")
        window = controller.window
        assert window is not None and controller.runner is not None
        window.resize(1280, 800)
        wait(app, lambda: controller.runner is not None and not controller.runner.running
             and window.status.status is not None and window.status.status.last_sync is not None,
             300, f"{user}'s first sync")
        for key in window.page_keys():
            page = window.show_page(key)
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
            settle(app, 1.0)
            wait(app, lambda: not getattr(page, "fetching", False),  # noqa: B023 (waited for here)
                 60, f"{user}'s {key} page to fetch")
            settle(app, 0.3)
            save(window, out_dir / f"{user}_{language}_{key}.png")
        company_screens(app, window, user, language, out_dir)
        field_day_screens(app, window, user, language, out_dir)
        visit_screens(app, window, user, language, out_dir)
        evaluation_screens(app, window, user, language, out_dir)
        report_screens(app, window, user, language, out_dir)
        knowledge_screens(app, controller, window, user, language, out_dir)
        if user == USERS[0]:
            dialog_r = window.show_rejected()
            settle(app, 0.5)
            save(dialog_r, out_dir / f"{language}_rejected_changes.png")
            dialog_r.close()
        compact_screens(app, window, user, language, out_dir)
        if user == USERS[0]:
            lock = controller.lock_now()
            settle(app, 0.3)
            if lock is not None:
                save(lock, out_dir / f"{language}_lock.png")
                lock.password.setText("wrong password")
                lock.try_unlock()
                wait(app, lock.error.isVisible, 30, "the wrong password to be refused")
                settle(app, 0.3)
                save(lock, out_dir / f"{language}_lock_wrong_password_{COMPACT_NAME}.png")
    finally:
        controller.shutdown()
        app.processEvents()


def company_screens(app: QApplication, window: Any, user: str, language: str,
                    out_dir: Path) -> None:
    """The admin's Company page: its users and import history tabs."""
    if "company" not in window.page_keys():
        return
    page = window.show_page("company")
    for name, tab in (("company_users", 1), ("company_imports", 2)):
        page.tabs.setCurrentIndex(tab)
        settle(app, 0.5)
        save(window, out_dir / f"{user}_{language}_{name}.png")
    page.tabs.setCurrentIndex(0)


def field_day_screens(app: QApplication, window: Any, user: str, language: str,
                      out_dir: Path) -> None:
    """The Plan page's field-days tab: a DM's own week, an RM's DMs (the demo's current
    week: submitted, awaiting the RM)."""
    if "plan" not in window.page_keys():
        return
    page = window.show_page("plan")
    panel = getattr(page, "field_panel", None)
    if panel is None:
        return
    page.tabs.setCurrentWidget(panel)
    settle(app, 1.0)
    save(window, out_dir / f"{user}_{language}_plan_field_days.png")
    page.tabs.setCurrentIndex(0)


def compact_screens(app: QApplication, window: Any, user: str, language: str,
                    out_dir: Path) -> None:
    """The smallest supported window (1024×700): Today with its notifications, Doctors
    with a doctor chosen (the detail goes under the table). Last: the window stays small."""
    if not {"today", "doctors"} <= set(window.page_keys()):  # an admin: the Company page
        return
    window.resize(*COMPACT)
    today = window.show_page("today")
    today.refresh()
    settle(app, 1.0)
    save(window, out_dir / f"{user}_{language}_today_{COMPACT_NAME}.png")
    doctors = window.show_page("doctors")
    doctors.refresh()
    settle(app, 1.0)
    if doctors.model.rowCount():
        doctors.table.selectRow(0)
        settle(app, 1.0)
    save(window, out_dir / f"{user}_{language}_doctors_{COMPACT_NAME}.png")
    if "team" in window.page_keys():  # the per-rep quality panel keeps names whole
        team = window.show_page("team")
        team.tabs.setCurrentIndex(0)  # the team's visits beside the per-rep panel
        team.refresh()
        settle(app, 1.0)
        save(window, out_dir / f"{user}_{language}_team_{COMPACT_NAME}.png")


def knowledge_screens(app: QApplication, controller: Any, window: Any, user: str, language: str,
                      out_dir: Path) -> None:
    """The Knowledge page: a 2-character search, an article, its PDF opened offline."""
    runner = controller.runner
    wait(app, lambda: not runner._fetching, 300, f"{user}'s attachment downloads")
    page = window.show_page("knowledge")
    page.refresh()
    settle(app, 0.5)
    page.search_box.setText("降压")
    page.run_search()
    settle(app, 0.8)
    if page.hits:
        page.open_article(page.hits[0].article_id)
        settle(app, 0.8)
    save(window, out_dir / f"{user}_{language}_knowledge_search.png")
    page.search_box.setText("产品手册")
    page.run_search()
    settle(app, 0.8)
    with_pdf = [h for h in page.hits if "手册" in h.title]
    if with_pdf:
        page.open_article(with_pdf[0].article_id)
        settle(app, 0.8)
        pdfs = [a for a in page.article.attachments if a.mime_type == "application/pdf"] \
            if page.article is not None else []
        if pdfs:
            page.open_attachment(pdfs[0])
            settle(app, 2.0)
            save(window, out_dir / f"{user}_{language}_knowledge_pdf.png")
    page.search_box.setText("")
    page.run_search()


def _save_dialog(app: QApplication, dialog: QWidget, out: Path) -> None:
    dialog.resize(1100, 860)
    settle(app, 1.2)
    save(dialog, out)
    dialog.close()
    settle(app, 0.3)


def visit_screens(app: QApplication, window: Any, user: str, language: str, out_dir: Path) -> None:
    """The visit form, the rep's week, the team review, a visit with its thread, Good practice."""
    from desktop.ui.visit_form import open_visit_dialog

    ops, role = window.ops, window.session.role
    if role == "admin":  # no visits on an admin's replica
        return
    if user == USERS[0]:
        visits = window.show_page("visits")
        visits.set_mode("week")
        settle(app, 1.0)
        for _ in range(3):  # early in a week: show the last week that has visits
            if getattr(visits, "rows", None):
                break
            visits.step(-1)
            settle(app, 1.0)
        save(window, out_dir / f"{user}_{language}_visits_week.png")
        rows = list(getattr(visits, "rows", {}).values())
        submitted = next((r for r in rows if r.status == "submitted"), None)
        if submitted is not None:
            _save_dialog(app, open_visit_dialog(window, ops, role, submitted.id),
                         out_dir / f"{language}_visit_submitted.png")
        form = open_visit_dialog(window, ops, role)
        form.confirm_submit = lambda: True  # no modal question offscreen
        form.ask_keep_journal = lambda: "discard"
        settle(app, 1.0)
        form.submit()  # an empty new visit: every problem shows next to its field
        _save_dialog(app, form, out_dir / f"{language}_visit_form_errors.png")
        visits.tabs.setCurrentWidget(visits.good_practice)
        settle(app, 1.0)
        save(window, out_dir / f"{user}_{language}_good_practice.png")
    else:
        team = window.show_page("team")
        settle(app, 1.5)
        team.filter_bar.status.setCurrentIndex(team.filter_bar.status.findData("submitted"))
        settle(app, 1.5)
        visit_id = team.model.id_at(0) if team.model.rowCount() else None
        if visit_id is not None:
            review = open_visit_dialog(window, ops, role, visit_id)
            review.resize(1100, 860)
            settle(app, 1.2)
            if review.thread_widget is not None:
                review.thread_widget.text.setPlainText(
                    "开场很好；下次请先问处方量，再介绍新适应症。" if language == "zh_CN" else
                    "Good opening. Next time ask about prescriptions before the new indication.")
            review.scroll_to_thread()
            _save_dialog(app, review, out_dir / f"{language}_team_review_visit.png")
        team.tabs.setCurrentWidget(team.good_practice)
        settle(app, 1.0)
        save(window, out_dir / f"{user}_{language}_good_practice.png")


def evaluation_screens(app: QApplication, window: Any, user: str, language: str,
                       out_dir: Path) -> None:
    """A manager's evaluation form (a new one for their first team member, submitted
    half-filled so the field errors show) and the Evaluations page's trends."""
    if window.session.role not in ("dm", "rm"):
        return
    page = window.show_page("evaluations")
    if page.trends_tab is not None:
        page.tabs.setCurrentWidget(page.trends_tab)
        settle(app, 1.0)
        save(window, out_dir / f"{user}_{language}_evaluation_trends.png")
    form = page.open_form(None)
    form.confirm_submit = lambda: True  # no modal question offscreen
    settle(app, 1.0)
    form.evaluatee.setCurrentIndex(1)
    settle(app, 1.0)
    form.rows[0].group.button(4).click()
    form.save(submit=True)
    _save_dialog(app, form, out_dir / f"{user}_{language}_evaluation_form.png")


def report_screens(app: QApplication, window: Any, user: str, language: str, out_dir: Path) -> None:
    """The Reports page's drill-down (the first level, then one line opened) and, for
    managers, the data-quality list of the last seven days."""
    if "reports" not in window.page_keys():  # an admin has the Company page instead
        return
    page = window.show_page("reports")
    settle(app, 1.0)
    page.tabs.setCurrentWidget(page.drill)
    wait(app, lambda: page.drill.level is not None, 60, "the drill-down")
    settle(app, 0.5)
    save(window, out_dir / f"{user}_{language}_reports_drill.png")
    if page.drill.groups.isVisible() and page.drill.groups.table.rowCount():
        page.drill.open_row(0)
        settle(app, 1.0)
        save(window, out_dir / f"{user}_{language}_reports_drill_down.png")
    if page.data_quality is not None:
        page.tabs.setCurrentWidget(page.data_quality)
        wait(app, lambda: page.data_quality.view is not None, 60, "the data-quality list")
        today = page.data_quality.view.today
        page.data_quality.refresh(today - dt.timedelta(days=6), today)
        settle(app, 1.0)
        save(window, out_dir / f"{user}_{language}_reports_data_quality.png")
    page.tabs.setCurrentIndex(0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fieldrep-screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--users", nargs="*", default=list(USERS))
    parser.add_argument("--languages", nargs="*", default=list(LANGUAGES))
    args = parser.parse_args(argv)
    from tools.memory_keyring import MemoryKeyring  # a tool's keyring: never in the product

    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="fieldrep-shots-") as tmp, \
            throwaway_server(Path(tmp) / "server") as url:
        for user in args.users:
            client_dir = Path(tmp) / f"client-{user}"
            for language in args.languages:
                print(f"{user} ({language}):", flush=True)
                capture(app, url, client_dir, user, language, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
