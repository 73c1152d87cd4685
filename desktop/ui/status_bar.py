"""The sync status bar: online/offline, pending changes, last sync, rejected badge, Sync button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop.sync_runner import SyncStatus
from desktop.ui.common import format_when

if TYPE_CHECKING:
    from desktop.sync_runner import SyncResult

ONLINE_STYLE = "color: #2e7d32; font-weight: bold;"
OFFLINE_STYLE = "color: #9e9e9e; font-weight: bold;"


class SyncStatusBar(QStatusBar):
    """Shows what the SyncRunner reports; ``sync_clicked``/``rejected_clicked`` ask for action."""

    sync_clicked = Signal()
    rejected_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.online_label = QLabel()
        self.pending_label = QLabel()
        self.last_sync_label = QLabel()
        self.rejected_button = QPushButton()
        self.rejected_button.setFlat(True)
        self.rejected_button.setStyleSheet("color: white; background: #c62828; border-radius: 8px;"
                                           " padding: 1px 8px;")
        self.rejected_button.clicked.connect(self.rejected_clicked.emit)
        self.rejected_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.sync_button = QPushButton(self.tr("Sync"))
        self.sync_button.clicked.connect(self.sync_clicked.emit)
        # Permanent widgets stay visible while a message is shown on the left.
        for label in (self.online_label, self.pending_label, self.last_sync_label):
            label.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(label)
        self.addPermanentWidget(self.rejected_button)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.sync_button)
        self.status: SyncStatus | None = None
        self.set_online(False)
        self.set_status(SyncStatus(0, 0, None))

    def set_online(self, online: bool) -> None:
        self.online = online
        self.online_label.setText("● " + (self.tr("Online") if online else self.tr("Offline")))
        self.online_label.setStyleSheet(ONLINE_STYLE if online else OFFLINE_STYLE)

    def set_status(self, status: SyncStatus) -> None:
        self.status = status
        loc = QLocale()
        self.pending_label.setText(self.tr("Pending changes: %1").replace("%1", loc.toString(status.pending)))
        self.last_sync_label.setText(self.tr("Last sync: %1").replace(
            "%1", format_when(status.last_sync, self.tr("never"))))
        self.rejected_button.setText(self.tr("%n rejected", "", status.rejected))
        self.rejected_button.setVisible(status.rejected > 0)

    def set_waiting(self, waiting: str) -> None:
        """Say on the Sync button what the next sync waits for (``sync_runner.Waiting``):
        a connection (it starts by itself when the server answers) or a sign-in."""
        texts = {"connection": (self.tr("Sync (waiting for connection)"),
                                self.tr("Offline: your changes are kept and will sync when "
                                        "you are connected.")),
                 "sign_in": (self.tr("Sync (waiting for sign-in)"),
                             self.tr("Sign in again to continue syncing."))}
        text, tip = texts.get(waiting, (self.tr("Sync"), ""))
        self.sync_button.setText(text)
        self.sync_button.setToolTip(tip)

    def sync_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Starting…"))
        self.progress.setVisible(True)
        self.clearMessage()

    def sync_progress(self, phase: str, done: int, total: int) -> None:
        names = {"push": self.tr("Sending"), "pull": self.tr("Receiving"),
                 "apply": self.tr("Saving"), "done": self.tr("Done"),
                 "attachments": self.tr("Downloading attachments")}
        name = names.get(phase, phase)
        if phase == "attachments":  # after the sync, in the background
            self.progress.setVisible(0 <= done < total)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(f"{name} %p%" if phase == "attachments" else f"{name} %v/%m")
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(f"{name} {done}")

    def sync_finished(self, result: SyncResult) -> None:
        self.sync_button.setEnabled(True)
        self.progress.setVisible(False)
        self.showMessage(self.tr("Sync complete: %1 received, %2 sent.")
                         .replace("%1", QLocale().toString(result.pulled))
                         .replace("%2", QLocale().toString(result.pushed)), 8000)

    def sync_failed(self, message: str) -> None:
        self.sync_button.setEnabled(True)
        self.progress.setVisible(False)
        self.showMessage(message)
