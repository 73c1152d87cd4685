"""Today's notification list: what is about me first, then one row per bulk kind.

A district shares dozens of good-practice visits a week; listed one by one, newest
first, they buried the few things addressed to the user (a manager's comment on
their visit, a returned plan, a refused change). So the personal items come first
(``desktop.notifications.arrange``) and each bulk kind is one row with its count
("12 new good-practice visits") that expands to list them. Every row is a line of
title and a line of detail that elide to the window's width, with the full text in
their tooltips (nothing is clipped at 1024×700).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDialog, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import notifications as nt
from desktop.notifications import Notification, NotificationGroup
from desktop.ops import Ops
from desktop.ui.common import format_when
from desktop.ui.elided_label import ElidedLabel
from desktop.ui.notifications import NotificationText

MAX_PERSONAL = 5  # more behind "Show n more"
MAX_IN_GROUP = 10  # an expanded group lists this many; the full list is on its page
GROUP_INDENT = 24


class NotificationRow(QFrame):
    """A clickable row: a bold title line and a grey detail line, both elided."""

    clicked = Signal()

    def __init__(self, title: str, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = ElidedLabel(title)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.detail = ElidedLabel(detail)
        self.detail.setStyleSheet("color: palette(mid);")
        self.detail.setVisible(bool(detail))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)

    def text(self) -> str:
        return self.title.full_text()

    def labels(self) -> list[ElidedLabel]:
        return [self.title, self.detail]

    def click(self) -> None:
        self.clicked.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class GroupRow(QWidget):
    """One bulk kind: a row with the count that shows or hides its newest items."""

    def __init__(self, owner: NotificationList, group: NotificationGroup) -> None:
        super().__init__(owner)
        self.group = group
        self.owner = owner
        self.header = NotificationRow(owner.group_title(group), owner.group_detail(group), self)
        self.header.clicked.connect(self.toggle)
        self.children_box = QWidget(self)
        inner = QVBoxLayout(self.children_box)
        inner.setContentsMargins(GROUP_INDENT, 0, 0, 0)
        inner.setSpacing(2)
        self.rows: list[NotificationRow] = []
        for n in group.items[:MAX_IN_GROUP]:
            row = owner.row_for(n)
            inner.addWidget(row)
            self.rows.append(row)
        hidden = group.count - MAX_IN_GROUP
        self.rest = QLabel(owner.rest_text(group.kind, hidden) if hidden > 0 else "")
        self.rest.setWordWrap(True)
        self.rest.setStyleSheet("color: palette(mid);")
        self.rest.setVisible(hidden > 0)
        inner.addWidget(self.rest)
        self.children_box.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.children_box)

    def text(self) -> str:
        return self.header.text()

    def click(self) -> None:
        self.header.click()

    def is_expanded(self) -> bool:
        return not self.children_box.isHidden()

    def toggle(self) -> None:
        self.children_box.setVisible(not self.is_expanded())
        self.header.detail.set_full_text(self.owner.group_detail(self.group, self.is_expanded()))


class NotificationList(QWidget):
    """Personal notifications (at most ``MAX_PERSONAL`` until "Show n more"), then the
    groups. ``buttons`` are the top-level rows in order (``text()``, ``click()``);
    ``opened`` is the last dialog a click opened."""

    def __init__(self, ops: Ops, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.words = NotificationText(self)
        self.items: list[Notification] = []
        self.personal: list[Notification] = []
        self.groups: list[GroupRow] = []
        self.buttons: list[NotificationRow | GroupRow] = []
        self.show_all = False
        self.opened: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        layout.addLayout(self.rows)
        self.more = QPushButton()
        self.more.setFlat(True)
        self.more.setStyleSheet("text-align: left; color: palette(link);")
        self.more.clicked.connect(self.show_more)
        self.group_rows = QVBoxLayout()
        self.group_rows.setSpacing(2)
        self.empty = QLabel(self.tr("Nothing new."))
        self.empty.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.more)
        layout.addLayout(self.group_rows)
        layout.addWidget(self.empty)

    # --- words ------------------------------------------------------------------------

    def group_title(self, group: NotificationGroup) -> str:
        return self.words.group_title(group)

    def group_detail(self, group: NotificationGroup, expanded: bool = False) -> str:
        newest = group.items[0]
        text = (self.tr("Newest: %1 · %2 — click to hide them") if expanded
                else self.tr("Newest: %1 · %2 — click to list them"))
        return text.replace("%1", self._subject(newest)).replace("%2", format_when(newest.at, ""))

    def _subject(self, n: Notification) -> str:
        if n.kind == nt.EXEMPLARY and len(n.title_args) >= 2:
            return self.tr("%1's visit to %2").replace("%1", n.title_args[0]).replace(
                "%2", n.title_args[1])
        return self.words.title(n)

    def rest_text(self, kind: str, hidden: int) -> str:
        if kind == nt.EXEMPLARY:
            return self.tr("and %n more: Visits › Good practice lists them all", "", hidden)
        return self.tr("and %n more", "", hidden)

    # --- rows -------------------------------------------------------------------------

    def row_for(self, n: Notification) -> NotificationRow:
        message = self.words.message(n)
        when = format_when(n.at, "")
        row = NotificationRow(self.words.title(n), f"{message} · {when}" if message else when)
        row.clicked.connect(lambda n=n: self.open(n))
        return row

    def show_items(self, items: list[Notification]) -> None:
        self.items = items
        expanded = {g.group.kind for g in self.groups if g.is_expanded()}
        for old in self.buttons:
            old.setParent(None)
            old.deleteLater()
        self.buttons, self.groups = [], []
        self.personal, groups = nt.arrange(items)
        shown = self.personal if self.show_all else self.personal[:MAX_PERSONAL]
        for n in shown:
            row = self.row_for(n)
            self.rows.addWidget(row)
            self.buttons.append(row)
        hidden = len(self.personal) - len(shown)
        self.more.setText(self.tr("Show %n more", "", hidden) if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        for group in groups:
            group_row = GroupRow(self, group)
            if group.kind in expanded:
                group_row.toggle()
            self.group_rows.addWidget(group_row)
            self.groups.append(group_row)
            self.buttons.append(group_row)
        self.empty.setVisible(not items)

    def show_more(self) -> None:
        self.show_all = True
        self.show_items(self.items)

    def labels(self) -> list[ElidedLabel]:
        """Every elided label of the rows shown (for the layout checks)."""
        out: list[ElidedLabel] = []
        for b in self.buttons:
            if isinstance(b, GroupRow):
                out += b.header.labels()
                if b.is_expanded():
                    for row in b.rows:
                        out += row.labels()
            else:
                out += b.labels()
        return out

    # --- opening ----------------------------------------------------------------------

    def open(self, n: Notification) -> QDialog | None:
        """Rejected change: the rejected-changes dialog; anything else: its visit."""
        if n.kind == nt.REJECTED:
            from desktop.ui.rejected_dialog import RejectedChangesDialog

            dialog: QDialog = RejectedChangesDialog(self.ops, self, role=self.role)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
        elif n.shared_id is not None:  # a colleague's visit: only its shared snapshot is here
            from desktop.visit_lists import load_shared_visit

            shared_id = n.shared_id
            self.ops.query(lambda replica: load_shared_visit(replica, shared_id),
                        on_done=self._show_shared)
            return None
        elif n.visit_id is not None:
            from desktop.ui.visit_form import open_visit_dialog

            dialog = open_visit_dialog(self, self.ops, self.role, visit_id=n.visit_id)
        else:
            return None
        self.opened = dialog
        return dialog

    def _show_shared(self, snapshot: dict[str, Any] | None) -> None:
        from desktop.ui.shared_visit import SharedVisitDialog

        if snapshot is None:  # the mark was taken back meanwhile
            return
        dialog = SharedVisitDialog(snapshot, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.opened = dialog
