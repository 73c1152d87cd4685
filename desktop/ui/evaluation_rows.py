"""The evaluation form's repeated rows: one competency (levels with their anchored
descriptions, a note, its error) and one action item (text and due date)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop import company_time
from desktop import evaluations as ev
from desktop.ui.common import error_label, set_error, to_qdate


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class CompetencyRow(QFrame):
    """One competency: its name and description, radio buttons for the levels (each
    with its anchored description as tooltip, the chosen one shown), a note."""

    changed = Signal()

    def __init__(self, competency: Any, levels: range, english: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.competency = competency
        self.english = english
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{competency.label(english=english)}</b> "
                       f"<span style='color:gray'>({competency.weight:g})</span>")
        layout.addWidget(title)
        description = competency.description_en if english and competency.description_en \
            else competency.description
        if description:
            text = QLabel(description)
            text.setWordWrap(True)
            text.setStyleSheet("color: palette(mid);")
            layout.addWidget(text)
        buttons = QHBoxLayout()
        self.group = QButtonGroup(self)
        for level in levels:
            button = QRadioButton(str(level))
            button.setToolTip(competency.anchor(level, english=english))
            self.group.addButton(button, level)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.anchor = QLabel()
        self.anchor.setWordWrap(True)
        self.anchor.setStyleSheet("color: #1565c0;")
        layout.addWidget(self.anchor)
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(self.tr("Note (what you observed)"))
        layout.addWidget(self.note)
        self.error = error_label()
        layout.addWidget(self.error)
        self.group.idClicked.connect(self._picked)

    def _picked(self, level: int) -> None:
        self.anchor.setText(f"{level}: {self.competency.anchor(level, english=self.english)}")
        set_error(self.error, None)
        self.changed.emit()

    def value(self) -> Any:
        level = self.group.checkedId()
        note = self.note.text().strip()
        if level < 0:
            return {"note": note} if note else None
        return {"score": level, "note": note} if note else level

    def set_value(self, value: Any) -> None:
        level = value.get("score") if isinstance(value, dict) else value
        if isinstance(value, dict):
            self.note.setText(str(value.get("note") or ""))
        if not isinstance(level, int):
            return
        button = self.group.button(level)
        if button is not None:
            button.setChecked(True)
            self._picked(level)


class ActionItemRow(QWidget):
    removed = Signal(object)

    def __init__(self, item: ev.ItemDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id = item.id
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLineEdit(item.text)
        self.text.setMaxLength(1000)
        self.text.setPlaceholderText(self.tr("What will be done"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDate(to_qdate(item.due_date or company_time.today()))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(self.text, 1)
        layout.addWidget(QLabel(self.tr("due")))
        layout.addWidget(self.due)
        layout.addWidget(remove)

    def draft(self) -> ev.ItemDraft:
        return ev.ItemDraft(self.text.text(), to_date(self.due.date()), self.item_id)
