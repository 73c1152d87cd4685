"""Wires the desktop app: settings, translations, sign-in, the main window, sync, idle lock.

``run(argv)`` is what ``fieldrep`` (no subcommand) calls. ``FieldRepApp`` holds one
session at a time: sign-in dialog → main window (+ SyncRunner, IdleWatcher) → sign
out → sign-in dialog again. Each session has one ``Ops`` over its replica, handed to
the window, its pages and dialogs. Reopening the last session (keyring, key check,
opening the replica) runs off the UI thread behind a small busy window. Changing the
language installs the new translator and rebuilds the main window at once (same
session, no restart).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSettings, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from desktop import session as sess
from desktop.ops import Ops
from desktop.settings import MEBIBYTE, AppSettings, load_settings, open_qsettings, save_settings
from desktop.sync_runner import SyncRunner
from desktop.tasks import TaskManager
from desktop.ui.lock_screen import IdleWatcher, LockDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.notifications import TrayNotifier
from desktop.ui.sign_in import SignInDialog
from desktop.ui.starting import StartingWindow

I18N_DIR = Path(__file__).resolve().parent / "i18n"
DEMO_USER = "rep001"
DEMO_PASSWORD = "fieldrep"

log = logging.getLogger(__name__)


def language_code(language: str) -> str:
    """"system" → the system locale's language (zh_CN for any Chinese locale, else en)."""
    if language == "system":
        return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"
    return language


_INSTALLED: list[QTranslator] = []  # process-wide: a QApplication has one set of translators


class Translations:
    """The app's and Qt's own translators for one language, swappable at runtime."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.installed = _INSTALLED
        self.code = "en"

    def apply(self, language: str) -> str:
        for t in self.installed:
            self.app.removeTranslator(t)
        self.installed.clear()
        self.code = language_code(language)
        locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China) if self.code == "zh_CN" \
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        QLocale.setDefault(locale)
        # English too: its .qm holds the plural forms of the "%n …" strings ("1 visit",
        # "12 visits"); every other English string is the source text itself.
        ours = QTranslator(self.app)
        if ours.load(f"fieldrep_{self.code}", str(I18N_DIR)):
            self.app.installTranslator(ours)
            self.installed.append(ours)
        if self.code != "en":
            qt = QTranslator(self.app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(f"qtbase_{self.code}", qt_dir):
                self.app.installTranslator(qt)
                self.installed.append(qt)
        return self.code


class FieldRepApp(QObject):
    """The application controller (one instance per process)."""

    main_window_shown = Signal(object)
    signed_out = Signal()

    def __init__(self, app: QApplication, store: QSettings, settings: AppSettings,
                 tasks: TaskManager | None = None) -> None:
        super().__init__(app)
        self.app = app
        self.store = store
        self.settings = settings
        self.tasks = tasks or TaskManager(self)
        self.translations = Translations(app)
        self.translations.apply(settings.language)
        self.session: sess.Session | None = None
        self.ops: Ops | None = None
        self.starting: StartingWindow | None = None
        self.window: MainWindow | None = None
        self.runner: SyncRunner | None = None
        self.notifier: TrayNotifier | None = None
        self.idle: IdleWatcher | None = None
        self.lock: LockDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None

    # --- start and sign in ------------------------------------------------------------------

    def start(self, *, server_url: str | None = None, username: str | None = None,
              password: str | None = None) -> None:
        """Resume the last session when possible, else show the sign-in dialog (auto-submitted
        when a password is given).

        Resuming runs on the network pool while ``starting`` (a busy window) shows; the main
        window or the sign-in dialog replaces it."""
        if password is not None:
            self.show_sign_in(server_url=server_url, username=username, password=password)
            return
        data_dir = self.settings.data_dir
        server, user = server_url or self.settings.server_url, username or self.settings.username
        self.starting = StartingWindow()
        self.starting.show()

        def failed(exc: BaseException) -> None:
            log.warning("could not reopen the last session: %s", exc)
            resumed(None)

        def resumed(session: sess.Session | None) -> None:
            if self.starting is not None:
                self.starting.close()
                self.starting.deleteLater()
                self.starting = None
            if session is not None:
                self.show_main(session)
            else:
                self.show_sign_in(server_url=server_url, username=username)

        self.tasks.run_net(lambda: sess.resume_session(data_dir, server, user),
                           on_done=resumed, on_error=failed)

    def show_sign_in(self, *, server_url: str | None = None, username: str | None = None,
                     password: str | None = None) -> SignInDialog:
        dialog = SignInDialog(self.tasks, self.settings.data_dir,
                              server_url=server_url or self.settings.server_url,
                              username=username or self.settings.username,
                              keyring_secure=sess.secure_keyring_available())
        dialog.signed_in.connect(self.show_main)
        dialog.rejected.connect(self._sign_in_cancelled)
        self.sign_in_dialog = dialog
        dialog.show()
        if password:
            dialog.password.setText(password)
            dialog.submit()
        return dialog

    def _sign_in_cancelled(self) -> None:
        if self.window is None:
            self.app.quit()

    def show_main(self, session: sess.Session) -> MainWindow:
        self.session = session
        self.settings.server_url = session.server_url
        self.settings.username = session.username
        save_settings(self.store, self.settings)
        self.ops = Ops(self.tasks, session.replica, self)
        self.runner = SyncRunner(session, self.tasks,
                                 sync_interval_minutes=self.settings.sync_interval_minutes, parent=self)
        self.runner.attachment_budget_bytes = self.settings.attachment_budget_mb * MEBIBYTE
        window = self._build_window()
        self.notifier = TrayNotifier(self.ops, self)
        self.notifier.open_requested.connect(lambda: self.window and self.window.show_page("today"))
        self.runner.finished.connect(self.notifier.check)
        self.notifier.check()
        self.idle = IdleWatcher(self.settings.idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(self.lock_now)
        self.runner.start()
        if session.notices:
            window.show_notice("\n".join(session.notices))
        return window

    def _build_window(self) -> MainWindow:
        assert self.session is not None and self.runner is not None and self.ops is not None
        window = MainWindow(self.session, self.tasks, self.settings, self.runner, ops=self.ops)
        window.sign_out_requested.connect(self.sign_out)
        window.lock_requested.connect(lambda: self.lock_now(after_inactivity=False))
        window.settings_saved.connect(self.apply_settings)
        self.window = window
        # A rebuilt window (a language switch) shows the runner's state at once, not
        # "last sync: never" until the next sync.
        window.status.set_waiting(self.runner.waiting)
        self.runner.refresh_status()
        window.show()
        self.main_window_shown.emit(window)
        return window

    # --- settings and language -------------------------------------------------------------

    def apply_settings(self, new: AppSettings) -> None:
        language_changed = new.language != self.settings.language
        new.username = self.settings.username
        if self.session is not None:
            new.server_url = new.server_url or self.session.server_url
        self.settings = new
        save_settings(self.store, new)
        if self.runner is not None:
            self.runner.set_interval(new.sync_interval_minutes)
            self.runner.attachment_budget_bytes = new.attachment_budget_mb * MEBIBYTE
        if self.idle is not None:
            self.idle.set_timeout(new.idle_lock_minutes * 60_000)
        if language_changed:
            self.set_language(new.language)

    def set_language(self, language: str) -> None:
        """Switch language now: new translators, then rebuild the window on the same page."""
        self.settings.language = language
        save_settings(self.store, self.settings)
        self.translations.apply(language)
        if self.window is not None and self.session is not None:
            old = self.window
            key = old.specs[max(0, old.nav.currentRow())].key
            geometry = old.geometry()
            self._disconnect_runner(old)
            window = self._build_window()
            window.setGeometry(geometry)
            window.show_page(key)
            old.close()
            old.deleteLater()

    def _disconnect_runner(self, window: MainWindow) -> None:
        if self.runner is None:
            return
        for signal in (self.runner.online_changed, self.runner.started, self.runner.progress,
                       self.runner.finished, self.runner.failed, self.runner.status_changed,
                       self.runner.waiting_changed,
                       self.runner.auth_required):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect()
        with contextlib.suppress(RuntimeError, TypeError):
            window.ops.changed.disconnect(window._changed)
        with contextlib.suppress(RuntimeError, TypeError):
            window.ops.failed.disconnect(window._op_failed)

    # --- lock and sign out -------------------------------------------------------------------

    def lock_now(self, after_inactivity: bool = True) -> LockDialog | None:
        """Lock the window (the idle timer's lock, or the user's own from the menu)."""
        if self.session is None or self.window is None or self.lock is not None:
            return self.lock
        if self.idle is not None:
            self.idle.pause()
        assert self.ops is not None
        lock = LockDialog(self.session, self.ops, self.window,
                          after_inactivity=after_inactivity)
        lock.unlocked.connect(self._unlocked)
        lock.sign_out_requested.connect(self.sign_out)
        self.lock = lock
        self._show_pages(False)
        lock.open()
        return lock

    def _show_pages(self, visible: bool) -> None:
        """Hide the pages behind the lock dialog (and show them again once unlocked)."""
        central = self.window.centralWidget() if self.window is not None else None
        if central is not None:
            central.setVisible(visible)

    def _unlocked(self) -> None:
        self.lock = None
        self._show_pages(True)
        if self.idle is not None:
            self.idle.resume()

    def sign_out(self) -> None:
        """Forget tokens and key, close the replica, back to the sign-in dialog."""
        session = self.teardown()
        if session is not None:
            self.tasks.run_net(lambda: sess.sign_out(session), on_error=lambda _e: None)
        self.signed_out.emit()
        self.show_sign_in()

    def teardown(self) -> sess.Session | None:
        """Stop timers and close the window; returns the session (still open) or None."""
        session, self.session = self.session, None
        if self.runner is not None:
            self.runner.stop()
            self.runner = None
        if self.notifier is not None:
            self.notifier.close()
            self.notifier = None
        if self.idle is not None:
            self.idle.close()
            self.idle = None
        if self.lock is not None:
            self.lock.done(0)
            self.lock = None
        if self.window is not None:
            window, self.window = self.window, None
            window.close()
            window.deleteLater()
        if self.ops is not None:
            self.ops.deleteLater()  # no longer forwards the task manager's announcements
            self.ops = None
        return session

    def shutdown(self) -> None:
        session = self.teardown()
        self.tasks.shutdown(wait=True)
        if session is not None:
            session.close()


# --- command line -------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="fieldrep", description="FieldRep desktop app.")
    p.add_argument("--server", help="server address (prefills the sign-in)")
    p.add_argument("--username", help="username (prefills the sign-in)")
    p.add_argument("--user", help="with --demo: the demo user to sign in as (default rep001)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input and sign in at once")
    p.add_argument("--demo", action="store_true",
                   help="sign in to the demo server as rep001 (password 'fieldrep')")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="folder for replicas and settings (default: the user data folder)")
    p.add_argument("--language", choices=("system", "zh_CN", "en"),
                   help="interface language for this run (saved)")
    return p


def run(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    password: str | None = None
    username = args.username
    if args.demo:
        username = args.user or args.username or DEMO_USER
        password = DEMO_PASSWORD
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n") or None
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("FieldRep")
    app.setOrganizationName("FieldRep")
    store = open_qsettings(args.data_dir)
    settings = load_settings(store, data_dir=args.data_dir)
    if args.language:
        settings.language = args.language
    controller = FieldRepApp(app, store, settings)
    QTimer.singleShot(0, lambda: controller.start(server_url=args.server, username=username,
                                                  password=password))
    try:
        return int(app.exec())
    finally:
        controller.shutdown()
