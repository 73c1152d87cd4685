"""The Reports page's building blocks: numbers as shown, and a titled table that exports.

Shared by the page's tabs (overview, drill-down, data quality) so every table sorts,
shows "–" for "not applicable" and exports the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ops import Ops
from desktop.reports import export_table
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




def ask_export_path(parent: QWidget, title: str) -> Path | None:
    """Where a table goes: an .xlsx workbook by default, a CSV file by choosing it."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("ReportTables", "Export %1").replace("%1", title),
        f"{title}.xlsx", QCoreApplication.translate("ReportTables", "Excel workbook (*.xlsx);;CSV (*.csv)"))
    return Path(name) if name else None


def export_shown(ops: Ops, table: ExportableTable, path: Path | None, status: QLabel) -> None:
    """Write what ``table`` shows to ``path`` (nothing when no path was chosen) off the
    UI thread; where it went, or why it could not, appears in ``status``."""
    if path is None:
        return
    headers, rows = list(table.headers), [list(r) for r in table.rows]
    ops.query(lambda _replica: export_table(path, headers, rows),
              on_done=lambda written: status.setText(
                  QCoreApplication.translate("ReportTables", "Exported to %1").replace("%1", str(written))),
              on_error=lambda failure: status.setText(failure.message))
