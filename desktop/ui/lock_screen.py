"""The idle lock: after a quiet period the window is covered until the password is entered."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import session as sess
from desktop.ops import Ops
from desktop.ui.common import error_label, heading, set_error

MIN_WIDTH = 420
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without keyboard or mouse input anywhere in the app."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle.emit)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def set_timeout(self, timeout_ms: int) -> None:
        self.timer.setInterval(timeout_ms)
        self.timer.start()

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def close(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()


class LockDialog(QDialog):
    """Asks for the password (checked offline against the replica key); or sign out."""

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, session: sess.Session, ops: Ops, parent: QWidget | None = None, *,
                 after_inactivity: bool = True) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.setWindowTitle(self.tr("FieldRep is locked"))
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        layout = self.body = QVBoxLayout(self)
        self.title = heading(self.tr("Locked"), 6)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        why = (self.tr("FieldRep was locked after a period without use. Enter the password "
                       "of %1 to continue.") if after_inactivity else
               self.tr("FieldRep is locked. Enter the password of %1 to continue."))
        self.text = QLabel(why.replace("%1", session.display_name))
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.password)
        self.error = error_label()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.clicked.connect(self._sign_out)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        row.addWidget(self.sign_out_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        self.setMinimumWidth(MIN_WIDTH)

    def fit_height(self) -> None:
        """Tall enough for the wrapped text at the current width. A top-level window
        does not follow its labels' height-for-width: without this the explanation was
        squeezed and cut once "Wrong password." appeared under the field."""
        layout = self.body
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() \
            else layout.totalMinimumSize().height()
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()

    def reject(self) -> None:
        """Escape does not unlock."""

    def try_unlock(self) -> None:
        password = self.password.text()
        self.unlock_button.setEnabled(False)
        session = self.session
        self.ops.call(lambda: sess.verify_password(session, password),
                      on_done=self._checked, on_error=lambda _failure: self._checked(False))

    def _checked(self, ok: bool) -> None:
        self.unlock_button.setEnabled(True)
        if ok:
            self.password.clear()
            set_error(self.error, None)
            self.unlocked.emit()
            self.accept()
        else:
            set_error(self.error, self.tr("Wrong password."))
            self.fit_height()
            self.password.selectAll()

    def _sign_out(self) -> None:
        self.sign_out_requested.emit()
        self.done(QDialog.DialogCode.Rejected)
