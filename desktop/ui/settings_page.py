"""Settings: server, language, sync interval, idle lock, data folder (no secrets)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import AppSettings
from desktop.ui.common import error_label, heading, set_error

# check(new values, on_done(problems by field)): runs the checks off the UI thread.
SettingsCheck = Callable[[AppSettings, Callable[[dict[str, str]], None]], None]
SAVED_SHOWN_MS = 4000


class SettingsPage(QWidget):
    """Edits a copy of the settings; ``saved(AppSettings)`` carries the new values once
    ``check`` found nothing wrong (a problem shows next to its field, nothing is saved)."""

    saved = Signal(object)
    sign_out_requested = Signal()

    def __init__(self, settings: AppSettings, account: str = "", parent: QWidget | None = None,
                 *, check: SettingsCheck | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.check = check
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading(self.tr("Settings"), 8))
        form = QFormLayout()
        self.server = QLineEdit(settings.server_url)
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.sync_minutes = QSpinBox()
        self.sync_minutes.setRange(1, 24 * 60)
        self.sync_minutes.setSuffix(self.tr(" min"))
        self.sync_minutes.setValue(settings.sync_interval_minutes)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(1, 24 * 60)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setValue(settings.idle_lock_minutes)
        self.attachment_budget = QSpinBox()
        self.attachment_budget.setRange(0, 1024 * 1024)
        self.attachment_budget.setSingleStep(256)
        self.attachment_budget.setSuffix(self.tr(" MB"))
        self.attachment_budget.setValue(settings.attachment_budget_mb)
        self.attachment_use = QLabel(self.tr("Not measured yet."))
        self.attachment_use.setWordWrap(True)
        self.data_dir = QLineEdit(str(settings.data_dir))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        folder = QHBoxLayout()
        folder.addWidget(self.data_dir, 1)
        folder.addWidget(browse)
        self.server_error, self.data_dir_error = error_label(), error_label()
        form.addRow(self.tr("Server address"), self.server)
        form.addRow("", self.server_error)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Sync every"), self.sync_minutes)
        form.addRow(self.tr("Lock after inactivity"), self.lock_minutes)
        form.addRow(self.tr("Data folder"), folder)
        form.addRow("", self.data_dir_error)
        form.addRow(self.tr("Attachment storage limit"), self.attachment_budget)
        form.addRow(self.tr("Attachments on this device"), self.attachment_use)
        layout.addLayout(form)
        note = QLabel(self.tr("A new server address or data folder is used at the next sign-in. "
                              "The language changes at once."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel(self.tr("Saved."))
        self.saved_label.setStyleSheet("color: #2e7d32;")
        self.saved_label.setVisible(False)
        self._saved_timer = QTimer(self)  # owned by the page: gone with it (a language switch)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_SHOWN_MS)
        self._saved_timer.timeout.connect(lambda: self.saved_label.setVisible(False))
        row.addStretch(1)
        row.addWidget(self.saved_label)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addSpacing(24)
        layout.addWidget(heading(self.tr("Account"), 2))
        if account:
            layout.addWidget(QLabel(account))
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.clicked.connect(self.sign_out_requested.emit)
        out_row = QHBoxLayout()
        out_row.addWidget(self.sign_out_button)
        out_row.addStretch(1)
        layout.addLayout(out_row)
        layout.addStretch(1)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Data folder"), self.data_dir.text())
        if chosen:
            self.data_dir.setText(chosen)

    def values(self) -> AppSettings:
        return AppSettings(
            server_url=self.server.text().strip(), username=self.settings.username,
            language=str(self.language.currentData()),
            sync_interval_minutes=self.sync_minutes.value(),
            idle_lock_minutes=self.lock_minutes.value(),
            attachment_budget_mb=self.attachment_budget.value(),
            data_dir=Path(self.data_dir.text().strip() or str(self.settings.data_dir)))

    def save(self) -> None:
        values = self.values()
        set_error(self.server_error, None)
        set_error(self.data_dir_error, None)
        self.saved_label.setVisible(False)
        unchanged = (values.server_url == self.settings.server_url
                     and values.data_dir == self.settings.data_dir)
        if self.check is None or unchanged:  # nothing to check: saved at once
            self._checked(values, {})
            return
        self.save_button.setEnabled(False)
        self.check(values, lambda problems: self._checked(values, problems))

    def _checked(self, values: AppSettings, problems: dict[str, str]) -> None:
        self.save_button.setEnabled(True)
        set_error(self.server_error, problems.get("server"))
        set_error(self.data_dir_error, problems.get("data_dir"))
        if problems:
            return
        self.settings = values
        self.saved.emit(values)
        self.saved_label.setVisible(True)
        self._saved_timer.start()

    def show_attachment_use(self, stored_bytes: int, files_complete: int, files_wanted: int) -> None:
        """What the knowledge base's files take on this device, against the limit."""
        loc = QLocale()
        self.attachment_use.setText(self.tr("%1 of %2 files, %3 (budget %4)")
                                    .replace("%1", loc.toString(files_complete))
                                    .replace("%2", loc.toString(files_wanted))
                                    .replace("%3", loc.formattedDataSize(stored_bytes))
                                    .replace("%4", loc.formattedDataSize(
                                        self.attachment_budget.value() * 1024 * 1024)))

    def refresh(self) -> None:
        """Settings do not depend on the replica."""
