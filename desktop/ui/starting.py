"""What the user sees while the last session reopens: a small busy window.

Reopening (keyring, the SQLCipher key check, opening the replica) runs off the UI
thread (``FieldRepApp.start``); this window shows at once so a slow keyring or a large
replica never looks like a frozen app. It closes when the main window or the sign-in
dialog takes over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop.ui.common import heading

WIDTH = 360


class StartingWindow(QWidget):
    """"Opening your data…" with a busy bar; nothing to click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("FieldRep"))
        self.setFixedWidth(WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading(self.tr("FieldRep"), 8))
        self.message = QLabel(self.tr("Opening your data…"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: no known end
        self.bar.setTextVisible(False)
        layout.addWidget(self.bar)
