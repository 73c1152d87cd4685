"""A one-line label that never asks for more width than it gets.

A plain ``QLabel`` wants the width of its whole text: in a narrow window (1024×700) the
layout then squeezes or clips its neighbours, or the text is cut without a hint. This
label shows as much as fits, ends with "…", and then carries the full text as its
tooltip, so nothing is lost, only folded.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 8  # the least it shrinks to, in average characters


class ElidedLabel(QLabel):
    """``text()``/``setText()`` are the whole text; ``shown_text()`` what fits (maybe elided)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._own_tip = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def text(self) -> str:
        return self._full

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self.set_full_text(text)

    def shown_text(self) -> str:
        return super().text()

    def set_full_text(self, text: str, tooltip: str = "") -> None:
        """Show ``text`` (elided to the width); ``tooltip`` is shown when nothing is elided."""
        self._full = text
        self._own_tip = tooltip
        self._elide()

    def is_elided(self) -> bool:
        return self.shown_text() != self._full

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        full = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(full, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * MIN_CHARS,
                     super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 0)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != super().text():
            super().setText(shown)
        self.setToolTip(self._full if shown != self._full else self._own_tip)
