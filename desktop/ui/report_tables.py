"""The Reports page's building blocks: numbers as shown, and a titled table that exports.

Shared by the page's tabs (overview, drill-down, data quality) so every table sorts,
shows "–" for "not applicable" and exports the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common import heading

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's identity, on its first cell


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


class NumericItem(QTableWidgetItem):
    """A cell that sorts by its number, not its text ("–" sorts last)."""

    def __init__(self, text: str, value: float | None) -> None:
        super().__init__(text)
        self.setData(Qt.ItemDataRole.UserRole, value)
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine = self.data(Qt.ItemDataRole.UserRole)
        theirs = other.data(Qt.ItemDataRole.UserRole)
        if mine is None:
            return False  # unknown figures sort last
        if theirs is None:
            return True
        return float(mine) < float(theirs)


class ExportableTable(QWidget):
    """A titled, sortable table with an Export button (CSV or Excel)."""

    export_requested = Signal(object)  # this table

    def __init__(self, title: str, headers: Sequence[str]) -> None:
        super().__init__()
        self.headers = list(headers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = heading(title, 2)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self))
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.rows: list[list[Any]] = []

    def fill(self, rows: Sequence[Sequence[tuple[str, float | None] | str]],
             keys: Sequence[str] | None = None) -> None:
        """Each cell is text, or (text, number) for a right-aligned numeric cell; ``keys``
        (one per row) are kept on the first cell (``KEY_ROLE``), where sorting keeps them."""
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        self.rows = []
        for r, row in enumerate(rows):
            plain: list[Any] = []
            for c, cell in enumerate(row):
                if isinstance(cell, tuple):
                    item: QTableWidgetItem = NumericItem(cell[0], cell[1])
                    plain.append(cell[1])
                else:
                    item = QTableWidgetItem(cell)
                    plain.append(cell)
                if c == 0 and keys is not None:
                    item.setData(KEY_ROLE, keys[r])
                self.table.setItem(r, c, item)
            self.rows.append(plain)
        self.table.setSortingEnabled(True)
        height = min(40 + 30 * max(1, len(rows)), 420)
        self.table.setMinimumHeight(height)
        self.table.setMaximumHeight(height)


