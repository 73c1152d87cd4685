"""The review thread under a visit: comments, suggestions and manager notes, and the review.

Everyone who can open the visit sees the whole thread. Comments written by someone
else and not yet read by me are marked (a dot and bold text); once the thread has
been shown they are marked read in the replica (one ``comment_reads`` row each), but
the markers stay for as long as this widget lives so the user still sees what was new.
Managers and admins (dm, rm, admin) choose the kind of what they write (comment,
suggestion, manager note); reps reply with comments. dm and rm also mark the visit
reviewed or exemplary (shared with the team), as the server allows only them.

Reads run on the read pool, writes on the writer thread (``desktop.review``).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import review
from desktop.ops import SYNCED, OpFailure, Ops
from desktop.review import TEXT_LIMIT, CommentRefused, ThreadComment, VisitThread
from desktop.ui.common import error_label, format_when, heading, set_error

THREAD_TABLES = frozenset({SYNCED, "visit_comments", "visit_reviews"})  # what refreshes the thread
BADGE_COLOURS = {
    review.COMMENT: "#1565c0",
    review.SUGGESTION: "#ef6c00",
    review.MANAGER_NOTE: "#6a1b9a",
}


class CommentCard(QFrame):
    """One entry of the thread: kind badge, author, local time, text; unread = dot + bold."""

    def __init__(self, comment: ThreadComment, kind_label: str, new: bool,
                 kind_hint: str = "", unread_hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comment = comment
        self.new = new
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.dot = QLabel("●")
        self.dot.setStyleSheet("color: #c62828;")
        self.dot.setVisible(new)
        self.dot.setToolTip(unread_hint)
        self.badge = QLabel(kind_label)
        self.badge.setToolTip(kind_hint)
        colour = BADGE_COLOURS.get(comment.kind, "#546e7a")
        self.badge.setStyleSheet(f"color: white; background: {colour}; border-radius: 3px;"
                                 " padding: 1px 6px;")
        self.author = QLabel(f"<b>{_escape(comment.author_name)}</b>")
        self.when = QLabel(format_when(comment.at, ""))
        self.when.setStyleSheet("color: palette(mid);")
        for w in (self.dot, self.badge, self.author, self.when):
            top.addWidget(w)
        top.addStretch(1)
        layout.addLayout(top)
        self.text = QLabel(comment.text)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if new:
            font = self.text.font()
            font.setBold(True)
            self.text.setFont(font)
        layout.addWidget(self.text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class VisitThreadWidget(QWidget):
    """The thread of one visit for the signed-in user of ``role``; ``refresh()`` reloads it."""

    def __init__(self, ops: Ops, role: str, visit_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.visit_id = visit_id
        self.loaded: VisitThread | None = None
        self.is_manager = role in review.WRITES_ALL_KINDS
        # Comments that were unread when this widget first showed them: keep marking them.
        self._new_ids: set[uuid.UUID] = set()
        self._mark_pending = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(heading(self.tr("Review"), 2))
        header.addStretch(1)
        layout.addLayout(header)
        self.review_state = QLabel()
        self.review_state.setWordWrap(True)
        layout.addWidget(self.review_state)

        self.review_box = QWidget()
        review_row = QHBoxLayout(self.review_box)
        review_row.setContentsMargins(0, 0, 0, 0)
        self.reviewed_button = QPushButton(self.tr("Mark reviewed"))
        self.reviewed_button.clicked.connect(self._mark_reviewed)
        self.exemplary_check = QCheckBox(self.tr("Exemplary — share with the team"))
        self.exemplary_check.clicked.connect(self._exemplary_clicked)
        review_row.addWidget(self.reviewed_button)
        review_row.addWidget(self.exemplary_check)
        review_row.addStretch(1)
        self.review_error = error_label()
        layout.addWidget(self.review_box)
        layout.addWidget(self.review_error)
        self.review_box.setVisible(review.can_review(role))

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.list_host = QWidget()
        self.list_layout = QVBoxLayout(self.list_host)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(self.tr("No comments yet."))
        self.empty.setStyleSheet("color: palette(mid);")
        self.list_layout.addWidget(self.empty)
        self.list_layout.addStretch(1)
        self.scroll_area.setWidget(self.list_host)
        layout.addWidget(self.scroll_area, 1)
        self.cards: list[CommentCard] = []

        compose = QHBoxLayout()
        self.kind = QComboBox()
        for i, kind in enumerate(review.kinds_for_role(role)):
            self.kind.addItem(self.kind_label(kind), kind)
            self.kind.setItemData(i, self.kind_hint(kind), Qt.ItemDataRole.ToolTipRole)
        self.kind.setVisible(self.is_manager)
        compose.addWidget(self.kind)
        self.counter = QLabel()
        self.counter.setStyleSheet("color: palette(mid);")
        compose.addStretch(1)
        compose.addWidget(self.counter)
        layout.addLayout(compose)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Write a comment…") if not self.is_manager
                                     else self.tr("Write a comment, a suggestion or a note…"))
        self.text.setFixedHeight(80)
        self.text.textChanged.connect(self._text_changed)
        layout.addWidget(self.text)
        self.compose_error = error_label()
        layout.addWidget(self.compose_error)
        send_row = QHBoxLayout()
        send_row.addStretch(1)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.clicked.connect(self.send)
        send_row.addWidget(self.send_button)
        layout.addLayout(send_row)
        self._text_changed()

        ops.changed.connect(self._changed)
        self.refresh()

    # --- labels ------------------------------------------------------------------------

    def kind_label(self, kind: str) -> str:
        return {review.COMMENT: self.tr("Comment"), review.SUGGESTION: self.tr("Suggestion"),
                review.MANAGER_NOTE: self.tr("Manager note")}.get(kind, kind)

    def kind_hint(self, kind: str) -> str:
        return {review.COMMENT: self.tr("Feedback on this visit"),
                review.SUGGESTION: self.tr("Something to do next time"),
                review.MANAGER_NOTE: self.tr("For the record")}.get(kind, "")

    # --- loading -----------------------------------------------------------------------

    def _changed(self, tables: frozenset[str]) -> None:
        if tables & THREAD_TABLES:
            self.refresh()

    def refresh(self) -> None:
        visit_id = self.visit_id
        self.ops.query(lambda replica: review.load_thread(replica, visit_id), on_done=self._show,
                       on_error=lambda failure: set_error(self.review_error, failure.message))

    def _show(self, thread: VisitThread) -> None:
        self.loaded = thread
        self._new_ids.update(thread.unread_ids)
        for card in self.cards:
            self.list_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for i, c in enumerate(thread.comments):
            card = CommentCard(c, self.kind_label(c.kind), c.id in self._new_ids,
                               self.kind_hint(c.kind), self.tr("New since you last looked"))
            self.list_layout.insertWidget(i, card)
            self.cards.append(card)
        self.empty.setVisible(not thread.comments)
        self._show_review(thread)
        if thread.unread_ids:
            self._mark_pending = True
            if self.isVisible():
                self._mark_read()

    def _show_review(self, thread: VisitThread) -> None:
        r = thread.review
        if not r.reviewed:
            text = self.tr("Not reviewed yet.")
        else:
            text = (self.tr("Reviewed by %1 on %2").replace("%1", r.reviewer_name or "?")
                    .replace("%2", format_when(r.reviewed_at, "")))
            if r.exemplary:
                text += " · " + self.tr("Exemplary: shared with the team")
        self.review_state.setText(text)
        mine = r.my_review_id is not None
        self.reviewed_button.setEnabled(not mine)
        self.reviewed_button.setText(self.tr("Reviewed ✓") if mine else self.tr("Mark reviewed"))
        self.exemplary_check.setChecked(r.my_exemplary)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._mark_pending:
            self._mark_read()

    def _mark_read(self) -> None:
        self._mark_pending = False
        visit_id = self.visit_id
        self.ops.write(lambda replica: review.mark_thread_read(replica, visit_id),
                       changes=lambda count: {"comment_reads"} if count else (),
                       on_error=lambda failure: set_error(self.review_error, failure.message))

    # --- writing -----------------------------------------------------------------------

    def _text_changed(self) -> None:
        n = len(self.text.toPlainText().strip())
        self.counter.setText(f"{n} / {TEXT_LIMIT}")
        self.counter.setStyleSheet("color: #c62828;" if n > TEXT_LIMIT else "color: palette(mid);")
        if n:
            set_error(self.compose_error, None)

    def current_kind(self) -> str:
        return str(self.kind.currentData() or review.COMMENT)

    def send(self) -> None:
        text, kind = self.text.toPlainText(), self.current_kind()
        try:
            review.check_comment(text, kind, self.role)
        except CommentRefused as exc:
            set_error(self.compose_error, self._refusal(exc))
            return
        set_error(self.compose_error, None)
        self.send_button.setEnabled(False)
        visit_id, role = self.visit_id, self.role
        self.ops.write(lambda replica: review.add_to_thread(replica, visit_id, text, kind=kind, role=role),
                       changes={"visit_comments"}, on_done=self._sent, on_error=self._send_failed)

    def _refusal(self, exc: CommentRefused) -> str:
        if exc.reason == "empty":
            return self.tr("Write something before sending.")
        if exc.reason == "too_long":
            return self.tr("Too long: at most %1 characters.").replace("%1", str(TEXT_LIMIT))
        if exc.reason == "kind":
            return self.tr("You can reply with a comment only.")
        return str(exc)

    def _sent(self, _comment_id: uuid.UUID) -> None:
        self.send_button.setEnabled(True)
        self.text.clear()

    def _send_failed(self, failure: OpFailure) -> None:
        self.send_button.setEnabled(True)
        exc = failure.error
        message = self._refusal(exc) if isinstance(exc, CommentRefused) else failure.message
        set_error(self.compose_error,
                  self.tr("Not sent: %1").replace("%1", message))

    def _mark_reviewed(self) -> None:
        self._save_review(self.exemplary_check.isChecked())

    def _exemplary_clicked(self, checked: bool) -> None:
        self._save_review(checked)

    def _save_review(self, exemplary: bool) -> None:
        set_error(self.review_error, None)
        visit_id = self.visit_id
        self.ops.write(lambda replica: review.set_review(replica, visit_id, exemplary=exemplary),
                       changes={"visit_reviews"},
                       on_error=lambda failure: set_error(
                           self.review_error, self.tr("Not saved: %1").replace("%1", failure.message)))
