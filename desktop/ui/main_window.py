"""The main window: a sidebar of pages chosen by role, a notice bar, the sync status bar.

Pages are built (and their modules imported) the first time they are shown: a fast
start. Each page factory hands the page the session's ``Ops`` (``self.ops``): the page
reads and writes the replica only through it and refreshes itself on ``Ops.changed``.
Every page exposes ``refresh()``. The notice bar above the pages keeps what the
user must read (no secure keyring, a full disk) until they close it; the status
bar's transient messages would be overwritten by the next sync.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import session as sess
from desktop.ops import OpFailure, Ops
from desktop.settings import AppSettings
from desktop.settings_checks import settings_problems
from desktop.storage import storage_message, storage_problem
from desktop.sync_runner import SyncRunner
from desktop.tasks import TaskManager
from desktop.ui.common import EmptyState
from desktop.ui.status_bar import SyncStatusBar

if TYPE_CHECKING:
    from desktop.ui.rejected_dialog import RejectedChangesDialog

SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: QStyle.StandardPixmap
    roles: tuple[str, ...]
    empty_sentence: str


ALL_ROLES = ("rep", "dm", "rm", "admin")
FIELD_ROLES = ("rep", "dm", "rm")
MANAGERS = ("dm", "rm")
ADMINS = ("admin",)


class MainWindow(QMainWindow):
    """One signed-in session. ``sign_out_requested``/``lock_requested``/``settings_saved`` go to the app."""

    sign_out_requested = Signal()
    lock_requested = Signal()
    settings_saved = Signal(object)
    NAV_WIDTH = 190  # the sidebar; a 1024 px window leaves the pages the rest

    def __init__(self, session: sess.Session, tasks: TaskManager, settings: AppSettings,
                 runner: SyncRunner, parent: QWidget | None = None, *,
                 initial_page: str = "today", ops: Ops | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.ops = ops if ops is not None else Ops(tasks, session.replica, self)
        self.settings = settings
        self.runner = runner
        self.setWindowTitle(self.tr("FieldRep — %1").replace("%1", session.display_name))
        self.resize(1200, 760)
        self.specs = [s for s in self.page_specs() if session.role in s.roles]
        self.pages: dict[str, QWidget] = {}

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(self.NAV_WIDTH)
        self.nav.setStyleSheet("QListWidget { border: none; background: palette(window); padding-top: 8px; }"
                               "QListWidget::item { padding: 8px 10px; }")
        style = QApplication.style()
        for spec in self.specs:
            item = QListWidgetItem(style.standardIcon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self._notice_bar())
        right.addWidget(self.stack, 1)
        layout.addWidget(self.nav)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_row)

        self.status = SyncStatusBar()
        self.setStatusBar(self.status)
        self.status.set_online(runner.online)
        self.status.sync_clicked.connect(runner.sync_now)
        self.status.rejected_clicked.connect(self.show_rejected)
        runner.online_changed.connect(self.status.set_online)
        runner.started.connect(self.status.sync_started)
        runner.progress.connect(self.status.sync_progress)
        runner.finished.connect(self.status.sync_finished)
        runner.failed.connect(lambda message, _exc: self.status.sync_failed(message))
        runner.status_changed.connect(self.status.set_status)
        runner.auth_required.connect(self.ask_password_again)
        runner.waiting_changed.connect(self.status.set_waiting)
        self.ops.changed.connect(self._changed)
        self.ops.failed.connect(self._op_failed)
        tasks.task_failed.connect(self._task_failed)

        menu = self.menuBar().addMenu(self.tr("&FieldRep"))
        for text, slot in ((self.tr("Sync now"), runner.sync_now),
                           (self.tr("Rejected changes…"), self.show_rejected),
                           (self.tr("Lock"), self.lock_requested.emit),
                           (self.tr("Sign out"), self.sign_out_requested.emit),
                           (self.tr("Quit"), self.close)):
            action = QAction(text, self)
            action.triggered.connect(slot)
            menu.addAction(action)
        keys = self.page_keys()
        self.nav.setCurrentRow(keys.index(initial_page) if initial_page in keys else 0)

    def page_specs(self) -> list[PageSpec]:
        return [
            # An admin's replica holds no field data (they subscribe to the global scope
            # only): their first page is the company as the server reports it; the field
            # pages would be empty for them and are not offered.
            PageSpec("company", self.tr("Company"), SP.SP_DriveNetIcon, ADMINS, ""),
            PageSpec("today", self.tr("Today"), SP.SP_ComputerIcon, FIELD_ROLES, ""),
            PageSpec("doctors", self.tr("Doctors"), SP.SP_DirHomeIcon, FIELD_ROLES, ""),
            PageSpec("institutions", self.tr("Institutions"), SP.SP_DriveNetIcon, FIELD_ROLES, ""),
            PageSpec("plan", self.tr("Plan"), SP.SP_FileDialogDetailedView, FIELD_ROLES, ""),
            PageSpec("visits", self.tr("Visits"), SP.SP_DialogApplyButton, FIELD_ROLES, ""),
            PageSpec("knowledge", self.tr("Knowledge"), SP.SP_FileDialogInfoView, ALL_ROLES, ""),
            PageSpec("team", self.tr("Team"), SP.SP_DirLinkIcon, MANAGERS, ""),
            PageSpec("evaluations", self.tr("Evaluations"), SP.SP_FileDialogContentsView,
                     FIELD_ROLES, ""),
            PageSpec("reports", self.tr("Reports"), SP.SP_FileDialogListView, FIELD_ROLES, ""),
            PageSpec("settings", self.tr("Settings"), SP.SP_FileDialogStart, ALL_ROLES, ""),
        ]

    # --- pages -------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        return [s.key for s in self.specs]

    def show_page(self, key: str) -> QWidget:
        """Show page ``key``; a page this role does not have shows the first one instead
        (a reminder asks for Today, an admin has none)."""
        keys = self.page_keys()
        if key not in keys:
            key = keys[0]
        self.nav.setCurrentRow(keys.index(key))
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        spec = self.specs[row]
        page = self.pages.get(spec.key)
        if page is None:
            page = self._build(spec)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _build(self, spec: PageSpec) -> QWidget:
        builders: dict[str, Callable[[], QWidget | None]] = {
            "company": self._company_page,
            "today": self._today_page,
            "doctors": self._doctors_page,
            "institutions": self._institutions_page,
            "plan": self._plan_page,
            "visits": self._visits_page,
            "knowledge": self._knowledge_page,
            "team": self._team_page,
            "evaluations": self._evaluations_page,
            "reports": self._reports_page,
            "settings": self._settings_page,
        }
        page = builders.get(spec.key, lambda: None)()
        return page if page is not None else EmptyState(spec.icon, spec.title, spec.empty_sentence)

    # Each page's module is imported when the page is first shown (a faster start).

    def _company_page(self) -> QWidget:
        from desktop.company import refresh_company
        from desktop.ui.company_page import CompanyPage

        http = self.session.http
        return CompanyPage(self.ops, lambda replica: refresh_company(http, replica))

    def _today_page(self) -> QWidget:
        from desktop.ui.today_page import TodayPage

        return TodayPage(self.ops, self.session.display_name, role=self.session.role)

    def _doctors_page(self) -> QWidget:
        from desktop.ui.doctors import DoctorsPage

        return DoctorsPage(self.ops, role=self.session.role)

    def _institutions_page(self) -> QWidget:
        from desktop.ui.institutions import InstitutionsPage

        return InstitutionsPage(self.ops)

    def _plan_page(self) -> QWidget:
        from desktop.ui.plan_page import PlanPage

        return PlanPage(self.ops, self.session.role)

    def _reports_page(self) -> QWidget:
        from desktop.ui.reports_page import ReportsPage

        return ReportsPage(self.ops, self.session.role)

    def _visits_page(self) -> QWidget:
        from desktop.ui.visits_page import VisitsPage

        return VisitsPage(self.ops, self.session.role)

    def _knowledge_page(self) -> QWidget:
        from desktop.ui.knowledge_page import KnowledgePage

        return KnowledgePage(self.ops, role=self.session.role)

    def _team_page(self) -> QWidget:
        from desktop.ui.team_page import TeamPage

        return TeamPage(self.ops, self.session.role)

    def _evaluations_page(self) -> QWidget:
        from desktop.ui.evaluations_page import EvaluationsPage

        return EvaluationsPage(self.ops, self.session.role)

    def _settings_page(self) -> QWidget:
        from desktop.ui.settings_page import SettingsPage

        account = f"{self.session.display_name} ({self.session.username}, {self.session.role}) — " \
                  f"{self.session.server_url}"
        page = SettingsPage(self.settings, account, check=self._check_settings)
        page.saved.connect(self.settings_saved.emit)
        page.sign_out_requested.connect(self.sign_out_requested.emit)
        from desktop.knowledge import attachment_use

        self.ops.query(attachment_use,
                       lambda use: page.show_attachment_use(
                           use.stored_bytes, use.files_complete, use.files_wanted),
                       lambda _failure: None)
        return page

    def _check_settings(self, new: AppSettings, done: Callable[[dict[str, str]], None]) -> None:
        old = self.settings
        self.ops.call(lambda: settings_problems(new, old), on_done=done,
                      on_error=lambda failure: done({"server": failure.message}))

    def _changed(self, _tables: frozenset[str]) -> None:
        self.runner.refresh_status()

    # --- notices ---------------------------------------------------------------------------

    def _notice_bar(self) -> QWidget:
        self.notice_bar = QFrame()
        self.notice_bar.setObjectName("notice")
        bar = QHBoxLayout(self.notice_bar)
        bar.setContentsMargins(12, 6, 6, 6)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close this message"))
        close.clicked.connect(self.notice_bar.hide)
        bar.addWidget(self.notice, 1)
        bar.addWidget(close)
        self.notice_bar.hide()
        return self.notice_bar

    def show_notice(self, text: str, *, problem: bool = False) -> None:
        """Keep ``text`` above the pages until the user closes it (a newer notice replaces it)."""
        colours = ("#fdecea", "#e57373") if problem else ("#fff8e1", "#ffcc80")
        self.notice_bar.setStyleSheet(f"QFrame#notice {{ background: {colours[0]}; "
                                      f"border-bottom: 1px solid {colours[1]}; }}")
        self.notice.setText(text)
        self.notice_bar.show()

    def _op_failed(self, failure: OpFailure) -> None:
        """An operation failed and its page had no place to say so: say it here."""
        if storage_problem(failure.error) is None:  # storage problems: see _task_failed
            self.show_notice(failure.message, problem=True)

    def _task_failed(self, exc: BaseException) -> None:
        problem = storage_problem(exc)
        if problem is not None:
            self.show_notice(storage_message(problem), problem=True)

    # --- dialogs -----------------------------------------------------------------------

    def show_rejected(self) -> RejectedChangesDialog:
        from desktop.ui.rejected_dialog import RejectedChangesDialog

        dialog = RejectedChangesDialog(self.ops, self, role=self.session.role)
        dialog.open()
        return dialog

    def ask_password_again(self) -> None:
        password, ok = QInputDialog.getText(
            self, self.tr("Sign in again"),
            self.tr("Your session on the server ended. Enter the password of %1 to keep syncing.")
            .replace("%1", self.session.username), QLineEdit.EchoMode.Password)
        if not ok or not password:
            return
        session = self.session
        self.ops.call(lambda: sess.relogin(session, password),
                      on_done=lambda _r: self._sync_after_relogin(),
                      on_error=lambda failure: self.status.sync_failed(
                          getattr(failure.error, "message", failure.message)))

    def _sync_after_relogin(self) -> None:
        self.runner.sync_now()
