"""Small widgets and helpers shared by the screens (empty state, error labels, local dates)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QVBoxLayout, QWidget

from desktop import company_time


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_qdatetime(value: dt.datetime) -> QDateTime:
    """``value``'s wall-clock fields as a local QDateTime (to the millisecond).

    Its tzinfo is not consulted: convert to the company's time first
    (``company_time.local``)."""
    return QDateTime(to_qdate(value),
                     QTime(value.hour, value.minute, value.second, value.microsecond // 1000))


def format_when(value: dt.datetime | None, never: str) -> str:
    """A timestamp in the user's locale and the company's time zone (``never`` when None)."""
    if value is None:
        return never
    return QLocale().toString(to_qdatetime(company_time.local(value)),
                              QLocale.FormatType.ShortFormat)


def error_label() -> QLabel:
    """A red, word-wrapped label shown under a field only when it holds a message."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.setVisible(False)
    return label


def set_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def heading(text: str, size_delta: int = 6) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    label.setFont(font)
    return label


class EmptyState(QWidget):
    """A friendly placeholder for a screen that is not built yet: icon, title, one sentence."""

    def __init__(self, icon: QStyle.StandardPixmap, title: str, sentence: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        picture = QLabel()
        picture.setPixmap(QApplication.style().standardIcon(icon).pixmap(64, 64))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = heading(title, 4)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence = QLabel(sentence)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet("color: palette(mid);")
        for w in (picture, self.title, self.sentence):
            layout.addWidget(w)
        layout.addStretch(3)

    def refresh(self) -> None:
        """Nothing to reload: the placeholder has no data."""
