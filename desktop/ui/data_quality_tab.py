"""The Reports page's "Data quality" tab (managers and admins): the exception list.

For a day or a range (yesterday and today by default) it lists what looks wrong in
the team's records (docs/data-quality.md): visits with missing or thin fields, visits
outside working hours, duplicate visits, doctors without grade inputs, plan days with
nothing done. Filter by kind and rep; export what is shown to CSV or Excel, headers and
texts in the UI's language. Figures come from ``desktop.data_quality.load_quality``
through ``Ops`` (off the UI thread, offline).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.data_quality import KINDS, QualityRow, QualityView, default_range, load_quality
from desktop.ops import OpFailure, Ops
from desktop.ui.report_tables import ExportableTable, ask_export_path, export_shown
from domain.data_quality import DUPLICATE_VISIT, MISSING_FIELD, NO_GRADE_INPUTS, OUTSIDE_HOURS, THIN_FIELD

REFRESH_ON = frozenset({"visits", "doctors", "departments", "visit_plans", "planned_visits", "users", "sync"})


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DataQualityTab(QWidget):
    """See the module docstring. ``choose_export_path`` is replaceable (tests)."""

    loaded = Signal(object)  # the QualityView shown

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.view: QualityView | None = None
        self.shown: list[QualityRow] = []
        self._request = 0
        self._stale = True
        self.choose_export_path: Callable[[str], Path | None] = self._ask_export_path
        self._build()
        ops.changed.connect(self._tables_changed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        dates = QHBoxLayout()
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(lambda: self.refresh(_pydate(self.first.date()),
                                                              _pydate(self.last.date())))
        self.yesterday_button = QPushButton(self.tr("Yesterday and today"))
        self.yesterday_button.clicked.connect(self.show_default_range)
        dates.addWidget(QLabel(self.tr("From")))
        dates.addWidget(self.first)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.last)
        dates.addWidget(self.show_button)
        dates.addWidget(self.yesterday_button)
        dates.addStretch(1)
        layout.addLayout(dates)
        filters = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), "")
        for key in KINDS:
            self.kind.addItem(self.kind_text(key), key)
        self.rep = QComboBox()
        self.rep.addItem(self.tr("All reps"), "")
        self.kind.currentIndexChanged.connect(lambda _i: self._fill())
        self.rep.currentIndexChanged.connect(lambda _i: self._fill())
        filters.addWidget(QLabel(self.tr("Kind")))
        filters.addWidget(self.kind)
        filters.addWidget(QLabel(self.tr("Rep")))
        filters.addWidget(self.rep)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = ExportableTable(self.tr("Data quality exceptions"), [
            self.tr("Kind"), self.tr("Rep"), self.tr("Date"), self.tr("Doctor / institution"),
            self.tr("Detail")])
        self.table.table.setMaximumHeight(16777215)
        self.table.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # by date
        layout.addWidget(self.table, 1)
        self.table.export_requested.connect(lambda _t: self.export())

    # --- data ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _tables_changed(self, tables: frozenset[str]) -> None:
        if tables & REFRESH_ON:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def show_default_range(self) -> None:
        if self.view is None:
            self.refresh()
        else:
            self.refresh(*default_range(self.view.today))

    def refresh(self, first: dt.date | None = None, last: dt.date | None = None) -> None:
        """Load the exceptions of ``first``..``last``; with neither given, the range shown
        (yesterday and today at first)."""
        if first is None and last is None and self.view is not None:
            first, last = self.view.first, self.view.last
        if first is not None and last is not None and last < first:
            self.status.setText(self.tr("The range must end on or after its first day."))
            return
        self._stale = False
        self._request += 1
        request = self._request
        self.status.setText(self.tr("Loading…"))
        self.ops.query(lambda replica: load_quality(replica, first, last),
                       on_done=lambda view: self._show(request, view),
                       on_error=lambda failure: self._failed(request, failure))

    def _failed(self, request: int, failure: OpFailure) -> None:
        if request == self._request:
            self.status.setText(failure.message)

    def _show(self, request: int, view: QualityView) -> None:
        if request != self._request:
            return
        self.view = view
        for edit, day in ((self.first, view.first), (self.last, view.last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        chosen = self.rep.currentData()
        self.rep.blockSignals(True)
        self.rep.clear()
        self.rep.addItem(self.tr("All reps"), "")
        for rep_id, name in sorted(view.reps, key=lambda pair: pair[1]):
            self.rep.addItem(name, rep_id)
        index = self.rep.findData(chosen)
        self.rep.setCurrentIndex(max(0, index))
        self.rep.blockSignals(False)
        self._fill()
        self.loaded.emit(view)

    def _fill(self) -> None:
        if self.view is None:
            return
        kind, rep = self.kind.currentData(), self.rep.currentData()
        self.shown = [r for r in self.view.rows
                      if (not kind or r.kind == kind) and (not rep or r.rep_id == rep)]
        self.table.fill([[self.kind_text(r.kind), r.rep_name, r.day.isoformat() if r.day else "–",
                          r.subject, self.detail_text(r)] for r in self.shown])
        self.table.table.setMinimumHeight(200)
        self.table.table.setMaximumHeight(16777215)
        view = self.view
        self.status.setText(self.tr("%1 exception(s) of %2 in %3 – %4").replace("%1", str(len(self.shown)))
                            .replace("%2", str(len(view.rows))).replace("%3", view.first.isoformat())
                            .replace("%4", view.last.isoformat()))

    # --- texts -----------------------------------------------------------------------

    def kind_text(self, kind: str) -> str:
        return {
            MISSING_FIELD: self.tr("Missing field"),
            THIN_FIELD: self.tr("Thin field"),
            OUTSIDE_HOURS: self.tr("Outside working hours"),
            DUPLICATE_VISIT: self.tr("Duplicate visit"),
            NO_GRADE_INPUTS: self.tr("No grade inputs"),
        }.get(kind, self.tr("Plan day with nothing done"))

    def field_text(self, name: str) -> str:
        return {
            "doctor_feedback": self.tr("Doctor feedback"),
            "next_step": self.tr("Next step"),
            "purpose": self.tr("Purpose"),
            "result": self.tr("Result"),
            "title": self.tr("title"),
            "outpatient_per_month": self.tr("department outpatients"),
            "department_beds": self.tr("department beds"),
            "product_potential": self.tr("product potential"),
        }.get(name, name)

    def detail_text(self, row: QualityRow) -> str:
        v = row.values
        if row.kind == MISSING_FIELD:
            return self.tr("%1 is empty").replace("%1", self.field_text(row.detail))
        if row.kind == THIN_FIELD:
            return (self.tr("%1: %2 characters (at least %3)").replace("%1", self.field_text(row.detail))
                    .replace("%2", v[0]).replace("%3", v[1]))
        if row.kind == OUTSIDE_HOURS:
            text = {"early": self.tr("%1–%2, before working hours"),
                    "late": self.tr("%1–%2, after working hours"),
                    }.get(row.detail, self.tr("%1–%2 on a day off"))
            return text.replace("%1", v[0]).replace("%2", v[1])
        if row.kind == DUPLICATE_VISIT:
            return self.tr("%1 visits that day: %2").replace("%1", v[0]).replace("%2", v[1])
        if row.kind == NO_GRADE_INPUTS:
            return self.tr("missing: %1").replace("%1", self.tr(", ").join(self.field_text(f) for f in v))
        return self.tr("%1 visit(s) planned, none done").replace("%1", v[0] if v else "0")

    # --- export ----------------------------------------------------------------------

    def export(self) -> None:
        export_shown(self.ops, self.table, self.choose_export_path(self.table.title.text()), self.status)

    def _ask_export_path(self, title: str) -> Path | None:
        return ask_export_path(self, title)
