"""The Reports page's "Drill-down" tab: region → district → rep → doctors and hospitals.

A manager starts at their own level (an RM at the districts of their region, a DM at
their reps; a rep at their own doctors and hospitals). Double-click a line, or press
Enter on it, to open the level below; the breadcrumb above goes back up. Every level
of people shows the same KPI columns; a rep's level shows their doctors (visits, due
so far, last visit, behind or not) and hospitals (visits against sales). The period is
the page's. Lines come from ``desktop.drill_down.load_level`` through ``Ops``.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.drill_down import (
    CHILD,
    DISTRICTS,
    DOCTORS,
    REGIONS,
    Crumb,
    DrillLevel,
    load_level,
    root_crumb,
)
from desktop.ops import OpFailure, Ops
from desktop.ui.report_tables import KEY_ROLE, ExportableTable, ask_export_path, export_shown, number, percent

REFRESH_ON = frozenset({"visits", "doctors", "sales_records", "targets", "frequency_rules", "sync",
                        "users"})


class DrillDownView(QWidget):
    """See the module docstring. ``choose_export_path`` is replaceable (tests)."""

    loaded = Signal(object)  # the DrillLevel shown

    def __init__(self, ops: Ops, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.kind = "month"
        self.day: dt.date | None = None
        self.crumbs: list[Crumb] = [root_crumb(role)]
        self.level: DrillLevel | None = None
        self._request = 0
        self.choose_export_path: Callable[[str], Path | None] = self._ask_export_path
        self._build()
        self._stale = True
        ops.changed.connect(self._tables_changed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.breadcrumb = QHBoxLayout()
        self.breadcrumb.setSpacing(2)
        layout.addLayout(self.breadcrumb)
        self.crumb_buttons: list[QPushButton | QLabel] = []
        self.hint = QLabel(self.tr("Double-click a line, or press Enter, to see the level below."))
        self.hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.hint)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.groups = ExportableTable("", [])
        self.doctors = ExportableTable(self.tr("Doctors"), [
            self.tr("Doctor"), self.tr("Institution"), self.tr("Grade"), self.tr("Visits"),
            self.tr("Required"), self.tr("Due so far"), self.tr("Last visit"), self.tr("Behind")])
        self.hospitals = ExportableTable(self.tr("Hospitals: sales against visits"), [
            self.tr("Hospital"), self.tr("Target doctors"), self.tr("Visits"), self.tr("Sold"),
            self.tr("Sold per visit")])
        for table in (self.groups, self.doctors, self.hospitals):
            layout.addWidget(table, 1)
            table.export_requested.connect(self.export)
        self.groups.table.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))
        self.groups.table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.groups.table and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_row(self.groups.table.currentRow())
            return True
        return super().eventFilter(watched, event)

    def _tables_changed(self, tables: frozenset[str]) -> None:
        if tables & REFRESH_ON:
            self._stale = True
            if self.isVisible():
                self.refresh()

    # --- navigation ------------------------------------------------------------------

    def set_period(self, kind: str, day: dt.date) -> None:
        """Follow the page's period (called when the page loads one); read now if shown,
        else when shown."""
        if (kind, day) == (self.kind, self.day) and self.level is not None:
            return
        self.kind, self.day = kind, day
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def open_row(self, row: int) -> None:
        """Open the level below the line at ``row`` (as the table shows it, sorted)."""
        crumb = self.crumbs[-1]
        item = self.groups.table.item(row, 0) if row >= 0 else None
        if crumb.level not in CHILD or item is None:
            return
        self.crumbs.append(Crumb(CHILD[crumb.level], str(item.data(KEY_ROLE) or ""), item.text()))
        self.refresh()

    def go_to(self, index: int) -> None:
        """Back up to the breadcrumb's ``index``-th step."""
        del self.crumbs[index + 1:]
        self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self._request += 1
        request = self._request
        kind, day, crumb = self.kind, self.day, self.crumbs[-1]
        self._show_breadcrumb()
        self.status.setText(self.tr("Loading…"))
        self.ops.query(lambda replica: load_level(replica, kind, day, crumb),
                       on_done=lambda level: self._show(request, level),
                       on_error=lambda failure: self._failed(request, failure))

    def _failed(self, request: int, failure: OpFailure) -> None:
        if request == self._request:
            self.status.setText(failure.message)

    def _level_name(self, crumb: Crumb) -> str:
        return {REGIONS: self.tr("Regions"), DISTRICTS: self.tr("Districts"),
                DOCTORS: self.tr("My doctors and hospitals")}.get(crumb.level, self.tr("Reps"))

    def _show_breadcrumb(self) -> None:
        while self.breadcrumb.count():
            taken = self.breadcrumb.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        self.crumb_buttons.clear()
        for index, crumb in enumerate(self.crumbs):
            if index:
                self.breadcrumb.addWidget(QLabel("›"))
            text = crumb.name if index else self._level_name(crumb)
            step: QPushButton | QLabel
            if index == len(self.crumbs) - 1:  # where the user is: plain bold text
                step = QLabel(f"<b>{html.escape(text)}</b>")
            else:
                step = QPushButton(text)
                step.setFlat(True)
                step.setCursor(Qt.CursorShape.PointingHandCursor)
                step.setStyleSheet("color: palette(link); text-decoration: underline; padding: 2px 4px;")
                step.clicked.connect(lambda _c=False, i=index: self.go_to(i))
            self.breadcrumb.addWidget(step)
            self.crumb_buttons.append(step)
        self.breadcrumb.addStretch(1)

    def _show(self, request: int, level: DrillLevel) -> None:
        if request != self._request:
            return
        self.level = level
        self.status.setText("")
        leaf = level.crumb.level == DOCTORS
        self.groups.setVisible(not leaf)
        self.hint.setVisible(not leaf)
        self.doctors.setVisible(leaf)
        self.hospitals.setVisible(leaf)
        if leaf:
            self._show_doctors(level)
        else:
            self._show_groups(level)
        for table in (self.groups, self.doctors, self.hospitals):
            # The tab shares the page with others: tables fill it and scroll, never grow it.
            table.table.setMinimumHeight(120)
            table.table.setMaximumHeight(16777215)
        self.loaded.emit(level)

    def _show_groups(self, level: DrillLevel) -> None:
        name = {REGIONS: self.tr("Region"), DISTRICTS: self.tr("District")}.get(level.crumb.level,
                                                                                self.tr("Rep"))
        title = {REGIONS: self.tr("Regions"), DISTRICTS: self.tr("Districts")}.get(level.crumb.level,
                                                                                   self.tr("Reps"))
        headers = [name, self.tr("Reps"), self.tr("Target doctors"), self.tr("Visits"),
                   self.tr("Coverage"), self.tr("Frequency attainment"),
                   self.tr("Visits per working day per rep"), self.tr("Average quality"), self.tr("Sold"),
                   self.tr("Target"), self.tr("Sales attainment")]
        self.groups.title.setText(title)
        self.groups.headers = headers
        self.groups.table.setColumnCount(len(headers))
        self.groups.table.setHorizontalHeaderLabels(headers)
        self.groups.fill([[g.name or self.tr("(none)"), (str(g.reps), g.reps),
                           (str(g.target_doctors), g.target_doctors), (str(g.visits), g.visits),
                           (percent(g.coverage), g.coverage), (percent(g.frequency), g.frequency),
                           (number(g.visits_per_rep_day), g.visits_per_rep_day),
                           (number(g.average_quality), g.average_quality),
                           (number(g.sold, 0), g.sold), (number(g.target, 0), g.target),
                           (percent(g.sales_attainment), g.sales_attainment)] for g in level.groups],
                         keys=[g.key for g in level.groups])
        self.groups.table.setColumnHidden(1, level.crumb.level not in (REGIONS, DISTRICTS))  # 1 rep each
        if self.groups.table.rowCount():
            self.groups.table.setCurrentCell(0, 0)

    def _show_doctors(self, level: DrillLevel) -> None:
        yes, no = self.tr("behind"), self.tr("on track")
        self.doctors.fill([[d.doctor.name, d.doctor.institution, d.doctor.grade or "–",
                            (str(d.standing.visits), d.standing.visits),
                            (str(d.standing.required), d.standing.required),
                            (str(d.standing.due), d.standing.due),
                            d.standing.last_visit.isoformat() if d.standing.last_visit else "–",
                            (yes if d.standing.behind else no) if d.standing.required else "–"]
                           for d in level.doctors])
        self.hospitals.fill([[h.name, (str(h.line.target_doctors), h.line.target_doctors),
                              (str(h.line.visits), h.line.visits), (number(h.line.sold, 0), h.line.sold),
                              (number(h.line.sales_per_visit), h.line.sales_per_visit)]
                             for h in level.hospitals])

    # --- export ----------------------------------------------------------------------

    def export(self, table: ExportableTable) -> None:
        export_shown(self.ops, table, self.choose_export_path(table.title.text()), self.status)

    def _ask_export_path(self, title: str) -> Path | None:
        return ask_export_path(self, title)
