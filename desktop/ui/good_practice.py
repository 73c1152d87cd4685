"""The "Good practice" list: visits a manager marked exemplary, shared with the whole team.

Used by the rep's Visits page and the manager's Team page. The list is short (at most
``GOOD_PRACTICE_LIMIT`` rows, newest review first), so it is read in one go on the
read pool into a plain table widget. Double-click asks the page to open the visit
(``open_requested(visit_id)``; the page owns the visit dialog), or, for a colleague's
visit that only the district's shared snapshot brought here, shows that snapshot.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ops import Ops
from desktop.ui.doctors_labels import VISIT_TYPES, label
from desktop.ui.shared_visit import SharedVisitDialog
from desktop.ui.visits_model import local_date_time, quality_text
from desktop.visit_lists import GoodPracticeRow, load_good_practice


class GoodPracticeList(QWidget):
    """Exemplary visits: reviewed, visit, rep, doctor, institution, type, quality, reviewer."""

    open_requested = Signal(object)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.rows: list[GoodPracticeRow] = []
        self.loaded = False
        self.viewer: SharedVisitDialog | None = None
        self.intro = QLabel(self.tr("Visits your managers marked as exemplary, shared with the "
                                    "whole team. Double-click one to read it."))
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: palette(mid);")
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            self.tr("Marked on"), self.tr("Visit"), self.tr("Rep"), self.tr("Doctor"),
            self.tr("Institution"), self.tr("Type"), self.tr("Quality"), self.tr("Reviewer")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((130, 130, 90, 90, 200, 110, 60)):
            self.table.setColumnWidth(column, width)
        self.empty = QLabel(self.tr("No exemplary visits yet. When a manager marks a visit as "
                                    "exemplary, it appears here for everyone."))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid); padding: 24px;")
        self.empty.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.table.cellDoubleClicked.connect(self._double_clicked)

    def refresh(self) -> None:
        self.ops.query(load_good_practice, on_done=self.show_rows,
                       on_error=lambda failure: self.intro.setText(
                           self.tr("Could not read the Good practice list: %1")
                           .replace("%1", failure.message)))

    def show_rows(self, rows: list[GoodPracticeRow]) -> None:
        self.rows = rows
        self.loaded = True
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (local_date_time(row.reviewed_at), local_date_time(row.started_at), row.rep_name,
                      row.doctor_name, row.institution_name, label(VISIT_TYPES, row.visit_type),
                      quality_text(row.quality), row.reviewer_name)
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c == 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setData(Qt.ItemDataRole.UserRole, row.visit_id)
                self.table.setItem(r, c, item)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def visit_ids(self) -> list[uuid.UUID]:
        return [r.visit_id for r in self.rows]

    def _double_clicked(self, row: int, _column: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        chosen = self.rows[row]
        if chosen.snapshot is not None:  # a colleague's visit: only the shared snapshot is here
            self.viewer = SharedVisitDialog(chosen.snapshot, self)
            self.viewer.show()
            return
        self.open_requested.emit(chosen.visit_id)
