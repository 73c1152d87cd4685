"""Team → Plan adherence: this month's planned visits done and missed per person."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import planning
from desktop.ops import OpFailure, Ops
from desktop.planning import AdherenceRow

REFRESH_TABLES = frozenset({"visit_plans", "planned_visits", "visits", "users"})


class PlanAdherenceTab(QWidget):
    """A read-only table; refreshes when plans or visits change. It reads the replica
    only once it is shown (and again when shown after a change): Team opens on its review
    list, and a third query at construction queued behind that list's reads (bench
    visits.team_list_ms +12 ms)."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "This month: a planned visit is done when a submitted visit is linked to it, and "
            "missed when its day ends without one.")))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Planned"), self.tr("Done"),
                                              self.tr("Missed"), self.tr("Adherence")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        layout.addWidget(self.error)
        self.stale = True
        ops.changed.connect(self._tables_changed)

    def _tables_changed(self, tables: frozenset[str]) -> None:
        if tables & REFRESH_TABLES:
            self.stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        self.stale = False
        self.ops.query(planning.team_adherence_rows, on_done=self._show, on_error=self._failed)

    def _failed(self, failure: OpFailure) -> None:
        self.error.setText(failure.message)

    def _show(self, rows: list[AdherenceRow]) -> None:
        self.error.setText("")
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            a = row.adherence
            cells = (row.name, str(a.done + a.missed + a.planned), str(a.done), str(a.missed),
                     f"{a.share:.0%}" if a.share is not None else "–")
            for column, text in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(text))
