"""Runs the sync engine for the UI: on demand, on a timer, and when the server comes back.

Threading rule: the sync itself runs on the task manager's database thread (it writes
the replica); the reachability probe runs on the network pool; everything this
object emits arrives on the Qt main thread. The engine's progress callback is turned
into the ``progress`` signal (queued across threads by Qt).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop import company_time
from desktop.ops import SYNCED
from desktop.session import HEALTH_TIMEOUT, Session
from desktop.storage import storage_message, storage_problem
from desktop.tasks import TaskManager
from local_store.read.sync_status import SyncStatus, read_status

__all__ = ["SyncRunner", "SyncStatus", "explain"]
from sync.client import (
    AuthError,
    CertificateError,
    NetworkError,
    SyncError,
    SyncHttpClient,
    UpgradeRequired,
)

if TYPE_CHECKING:
    from sync.engine import SyncResult

PROBE_INTERVAL_MS = 30_000
DEFAULT_ATTACHMENT_BUDGET_BYTES = 2 * 1024 ** 3  # knowledge base files kept on the device


def explain(exc: BaseException) -> str:
    """What to tell the user about a failed sync (and what to do)."""
    problem = storage_problem(exc)
    if problem is not None:
        return storage_message(problem)
    if isinstance(exc, CertificateError):  # (a NetworkError, but the server did answer)
        return QCoreApplication.translate(
            "SyncRunner",
            "The server's security certificate could not be verified (TLS error). "
            "Check the address, or ask IT whether the certificate is valid.",
        )
    if isinstance(exc, NetworkError):
        return offline_message()
    if isinstance(exc, AuthError):
        return QCoreApplication.translate(
            "SyncRunner", "Your session on the server has ended. Enter your password to continue syncing."
        )
    if isinstance(exc, UpgradeRequired):
        return QCoreApplication.translate(
            "SyncRunner", "This FieldRep version no longer matches the server. Install the latest version."
        )
    from sync.engine import SyncCancelled  # loaded with the first sync, not at start

    if isinstance(exc, SyncCancelled):
        return QCoreApplication.translate("SyncRunner", "Sync cancelled. What was already exchanged is kept.")
    if isinstance(exc, SyncError):
        return QCoreApplication.translate("SyncRunner", "Sync failed: %1").replace("%1", exc.message)
    return QCoreApplication.translate(
        "SyncRunner",
        "Sync failed unexpectedly: %1. Try again; if it keeps failing, export your "
        "unsynced changes (Rejected changes → Export) and contact support.",
    ).replace("%1", str(exc))


def offline_message() -> str:
    return QCoreApplication.translate(
        "SyncRunner",
        "Offline: your changes are kept and will sync when you are connected.",
    )


def not_signed_in(exc: BaseException) -> bool:
    """No tokens on this device (an offline sign-in): the server was never asked, so
    nothing says the session ended; only a reachable server can tell."""
    return isinstance(exc, AuthError) and exc.code == "not_authenticated"


class Waiting:
    """What the next sync waits for (``SyncRunner.waiting_changed``)."""

    NOTHING = ""
    CONNECTION = "connection"
    SIGN_IN = "sign_in"


class SyncRunner(QObject):
    """Owns the timers and the one sync in flight for a session.

    Honest about why a sync cannot happen: without a network it says so and waits for
    the connection (no password prompt: an offline sign-in has no server tokens, and
    that is not an ended session); only an answer from the server that the session has
    ended asks for the password, once, until a sync succeeds again."""

    online_changed = Signal(bool)
    progress = Signal(str, int, int)  # phase, done, total (-1: unknown)
    started = Signal()
    finished = Signal(object)  # SyncResult
    failed = Signal(str, object)  # message, exception
    status_changed = Signal(object)  # SyncStatus
    auth_required = Signal()
    waiting_changed = Signal(str)  # a ``Waiting`` value

    def __init__(
        self,
        session: Session,
        tasks: TaskManager,
        *,
        sync_interval_minutes: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.online = session.online
        self.running = False
        self.waiting = Waiting.NOTHING
        self._asked_sign_in = False
        self._unsigned_failure: BaseException | None = None
        self._cancel = threading.Event()
        self._probing = False
        # Its own client: the probe runs on the network pool while a sync may use the session's.
        self._prober = SyncHttpClient(session.server_url, timeout=HEALTH_TIMEOUT, retries=0)
        self._fetching = False
        self.attachment_budget_bytes = DEFAULT_ATTACHMENT_BUDGET_BYTES
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_INTERVAL_MS)
        self.probe_timer.timeout.connect(self.probe)
        self.sync_timer = QTimer(self)
        self.sync_timer.timeout.connect(self.sync_now)
        self.set_interval(sync_interval_minutes)

    def start(self) -> None:
        """Begin probing and timed syncs; sync at once when online."""
        self.probe_timer.start()
        self.sync_timer.start()
        self.refresh_status()
        if self.online:
            self.sync_now()
        else:
            self.probe()

    def stop(self) -> None:
        self.probe_timer.stop()
        self.sync_timer.stop()
        self._cancel.set()

    def set_interval(self, minutes: int) -> None:
        self.sync_timer.setInterval(max(1, int(minutes)) * 60_000)

    # --- reachability -----------------------------------------------------------------

    def probe(self) -> None:
        if self._probing:
            return
        self._probing = True
        prober = self._prober

        def reachable() -> bool:
            try:
                return prober.health().ok
            except SyncError:
                return False

        self.tasks.run_net(reachable, on_done=self._probed, on_error=lambda _e: self._probed(False))

    def _probed(self, ok: bool) -> None:
        self._probing = False
        was = self.online
        self._set_online(ok)
        unsigned, self._unsigned_failure = self._unsigned_failure, None
        if unsigned is not None:  # a sync found no tokens: the probe tells why
            if ok:
                self._ask_sign_in()
                self.failed.emit(self.tr("Sign in to sync: this device is not signed in to "
                                         "the server yet."), unsigned)
            else:
                self._set_waiting(Waiting.CONNECTION)
                self.failed.emit(offline_message(), unsigned)
            return
        if not ok:
            if self.waiting == Waiting.NOTHING:
                self._set_waiting(Waiting.CONNECTION)
        elif not was or self.waiting == Waiting.CONNECTION:
            self.sync_now()

    def _set_waiting(self, waiting: str) -> None:
        if waiting != self.waiting:
            self.waiting = waiting
            self.waiting_changed.emit(waiting)

    def _ask_sign_in(self) -> None:
        """Ask for the password once per ended session (not at every timed sync)."""
        self._set_waiting(Waiting.SIGN_IN)
        if not self._asked_sign_in:
            self._asked_sign_in = True
            self.auth_required.emit()

    def _set_online(self, ok: bool) -> None:
        if ok != self.online:
            self.online = ok
            self.session.online = ok
            self.online_changed.emit(ok)

    # --- sync --------------------------------------------------------------------------

    def sync_now(self) -> bool:
        """Start a sync unless one is running; False when one already was."""
        if self.running:
            return False
        self.running = True
        self._cancel = threading.Event()
        self.started.emit()
        session, cancel = self.session, self._cancel

        def run() -> SyncResult:
            from desktop.knowledge import after_sync
            from sync.engine import SyncEngine  # imported on the writer thread, not the UI's

            result = SyncEngine(session.replica, session.http, progress=self._on_progress,
                                cancel=cancel).run()
            after_sync(session.replica)  # the knowledge base's search index
            company_time.refresh(session.replica)  # the sync may have changed the zone
            return result

        self.tasks.run_db(run, on_done=self._done, on_error=self._error)
        return True

    def cancel(self) -> None:
        self._cancel.set()

    def _on_progress(self, phase: str, done: int, total: int | None) -> None:
        self.progress.emit(phase, int(done), -1 if total is None else int(total))  # worker thread

    def _done(self, result: SyncResult) -> None:
        self.running = False
        self._set_online(True)
        self._asked_sign_in = False
        self._set_waiting(Waiting.NOTHING)
        self.finished.emit(result)
        self.tasks.notify(SYNCED)
        self.refresh_status()
        self._checkpoint()
        self._complete_search_index()
        self.fetch_attachments()

    def _complete_search_index(self) -> None:
        """The knowledge base's trigram index for what the sync brought (writer thread;
        searches scan until it is done)."""
        from desktop.knowledge import complete_search_index

        replica = self.session.replica
        self.tasks.run_db(lambda: complete_search_index(replica), on_error=lambda _e: None)

    def fetch_attachments(self) -> None:
        """Download the knowledge base files the sync named, in the background on the
        network pool (``sync.attachments``: resumable, verified, within the budget)."""
        if self._fetching:
            return
        self._fetching = True
        session, cancel, budget = self.session, self._cancel, self.attachment_budget_bytes

        def run() -> object:
            from sync.attachments import fetch_attachments

            return fetch_attachments(session.replica, session.http, budget_bytes=budget,
                                     progress=self._on_progress, cancel=cancel)

        def done(_report: object) -> None:
            self._fetching = False
            self.tasks.notify("attachment_files")

        def failed(_exc: BaseException) -> None:  # a later sync resumes it
            self._fetching = False
            self.tasks.notify("attachment_files")

        self.tasks.run_net(run, on_done=done, on_error=failed)

    def _checkpoint(self) -> None:
        """Fold the sync's writes into the replica file now that the user has the result
        (``local_store.db.checkpoint``: off the sync's own path, never blocking a save)."""
        from local_store.db import checkpoint

        replica = self.session.replica
        self.tasks.run_read(lambda: checkpoint(replica), on_error=lambda _e: None)

    def _error(self, exc: BaseException) -> None:
        self.running = False
        if not_signed_in(exc):
            # Signed in offline: no tokens, the server never asked. Whether that means
            # "offline" or "sign in" depends on whether the server answers.
            self._unsigned_failure = exc
            self.probe()
        else:
            if isinstance(exc, NetworkError):
                self._set_online(False)
                self._set_waiting(Waiting.CONNECTION)
            elif isinstance(exc, AuthError):  # the server said the session has ended
                self._ask_sign_in()
            self.failed.emit(explain(exc), exc)
        self.tasks.notify(SYNCED)
        self.refresh_status()

    def refresh_status(self) -> None:
        replica = self.session.replica
        self.tasks.run_read(
            lambda: read_status(replica), on_done=self.status_changed.emit, on_error=lambda _e: None
        )
