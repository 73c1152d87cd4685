"""The sign-in dialog: server, username, password, with errors next to the field they concern."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import session as sess
from desktop.tasks import TaskManager
from desktop.ui.common import error_label, heading, set_error


class SignInDialog(QDialog):
    """Signs in on the network pool; ``signed_in(Session)`` fires on success, then it accepts."""

    signed_in = Signal(object)

    def __init__(self, tasks: TaskManager, data_dir: Path, *, server_url: str = "",
                 username: str = "", keyring_secure: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.data_dir = data_dir
        self.session: sess.Session | None = None
        self.busy = False
        self.setWindowTitle(self.tr("Sign in to FieldRep"))
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("FieldRep"), 8))
        intro = QLabel(self.tr("Sign in with the account your company gave you. After the first "
                               "sign-in you can also sign in without a connection."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("https://crm.example.com")
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_error, self.username_error, self.password_error = (
            error_label(), error_label(), error_label())
        for label, edit, err in ((self.tr("Server address"), self.server, self.server_error),
                                 (self.tr("Username"), self.username, self.username_error),
                                 (self.tr("Password"), self.password, self.password_error)):
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(err)
            form.addRow(label, box)
            edit.textEdited.connect(lambda _t, e=err: set_error(e, None))
        layout.addLayout(form)

        self.general_error = error_label()
        layout.addWidget(self.general_error)
        self.keyring_note = QLabel(sess.no_keyring_notice())
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: palette(mid);")
        self.keyring_note.setVisible(not keyring_secure)
        layout.addWidget(self.keyring_note)

        self.problem = QFrame()
        self.problem.setFrameShape(QFrame.Shape.StyledPanel)
        problem_layout = QVBoxLayout(self.problem)
        self.problem_text = QLabel()
        self.problem_text.setWordWrap(True)
        self.move_aside_button = QPushButton(self.tr("Move it aside and download again"))
        self.move_aside_button.clicked.connect(lambda: self.submit(move_aside=True))
        problem_layout.addWidget(self.problem_text)
        problem_layout.addWidget(self.move_aside_button, 0, Qt.AlignmentFlag.AlignRight)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)

        bottom = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setVisible(False)
        bottom.addWidget(self.progress, 1)
        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(self.tr("Sign in"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        (self.password if server_url and username else self.server).setFocus()

    def submit(self, move_aside: bool = False) -> None:
        if self.busy:
            return
        for label in (self.server_error, self.username_error, self.password_error,
                      self.general_error):
            set_error(label, None)
        self.problem.setVisible(False)
        if self._missing_fields():
            return
        self._set_busy(True)
        data_dir, server = self.data_dir, self.server.text()
        username, password = self.username.text(), self.password.text()
        self.tasks.run_net(
            lambda: sess.sign_in(data_dir, server, username, password,
                                 move_aside_unreadable=move_aside),
            on_done=self._done, on_error=self._failed)

    def _missing_fields(self) -> bool:
        """Name every empty field next to it (all three at once, before asking anyone);
        True when one is empty. Focus goes to the first."""
        missing = [(edit, err, text) for edit, err, text in (
            (self.server, self.server_error, self.tr("Enter the server address.")),
            (self.username, self.username_error, self.tr("Enter your username.")),
            (self.password, self.password_error, self.tr("Enter your password.")))
            if not edit.text().strip()]
        for _edit, err, text in missing:
            set_error(err, text)
        if missing:
            missing[0][0].setFocus()
        return bool(missing)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        for w in (self.server, self.username, self.password, self.sign_in_button):
            w.setEnabled(not busy)

    def _done(self, session: sess.Session) -> None:
        self._set_busy(False)
        self.session = session
        self.signed_in.emit(session)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, sess.ReplicaProblem):
            self.problem_text.setText(exc.message)
            self.problem.setVisible(True)
            return
        if isinstance(exc, sess.SignInError):
            target = {"server": self.server_error, "username": self.username_error,
                      "password": self.password_error}.get(exc.field or "", self.general_error)
            set_error(target, exc.message)
            edit = {"server": self.server, "username": self.username,
                    "password": self.password}.get(exc.field or "")
            if edit is not None:
                edit.setFocus()
                edit.selectAll()
            return
        set_error(self.general_error, self.tr("Sign-in failed unexpectedly: %1").replace("%1", str(exc)))
