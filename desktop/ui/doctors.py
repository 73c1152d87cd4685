"""The Doctors screen: a filterable table of the replica's doctors and a detail pane.

Threading rule: every query runs on the read pool through ``Ops.query``;
the UI thread never waits on the replica. Flow:

* ``refresh()`` (on open and after ``Ops.changed``) loads the in-memory
  search/filter snapshot (``load_doctor_index``), the filter choices and the count.
* a filter change (search debounced ~100 ms) selects the matching ids from the
  snapshot and fetches the first block of rows in the same task, so the first
  screenful paints with no second round trip; further rows come lazily
  (``DoctorTableModel``).
* selecting a row loads its ``DoctorDetail``.

Results of an older request are dropped (``_generation``), so fast typing never
shows a stale list.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelection, QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.doctors_data import (
    TARGET_CHANGES,
    DoctorDetail,
    DoctorIndex,
    DoctorKey,
    SearchResult,
    Snapshot,
    load_detail,
    load_snapshot,
    run_search,
    save_target_override,
)
from desktop.ops import OpFailure, Ops
from desktop.ui import print_actions
from desktop.ui.common import EmptyState
from desktop.ui.doctors_detail import DoctorDetailPane
from desktop.ui.doctors_filter import DoctorFilterBar
from desktop.ui.doctors_model import DoctorTableModel
from desktop.ui.lazy_model import BLOCK_SIZE, fetch_visible, visible_rows
from desktop.ui.product_articles import show_product_articles

# name, institution (stretches), department, title, grade, visits this month, last visit
COLUMN_WIDTHS = (90, 200, 110, 110, 50, 100, 95)
INSTITUTION_COLUMN = 1
# The page's width below which the detail goes under the table: side by side, the seven
# columns (about 560 px, the institution at least 200) and the detail (320) need it.
SIDE_BY_SIDE_MIN_WIDTH = 1150
ONE_ROW_FILTER_MIN_WIDTH = 1250  # below it the filter bar takes two rows


class DoctorsPage(QWidget):
    """See the module docstring. ``refresh()`` reloads everything from the replica."""

    def __init__(self, ops: Ops, parent: QWidget | None = None, *, role: str = "rep") -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.dialog: QWidget | None = None
        self.index: DoctorIndex | None = None
        self._behind: set[DoctorKey] | None = None
        self._generation = 0
        self._detail_generation = 0
        self.count = 0

        self.filter_bar = DoctorFilterBar()
        self.model = DoctorTableModel(ops, self)
        self.model.headers = self._headers
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The institution takes what is left, so the last column ends at the table's edge
        # whenever the columns fit; cells that do not fit elide and show a tooltip.
        header.setSectionResizeMode(INSTITUTION_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            if column != INSTITUTION_COLUMN:
                self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.summary = QLabel()
        self.summary.setStyleSheet("color: palette(mid);")
        self.detail = DoctorDetailPane(can_mark_target=role in ("dm", "rm"))
        self.detail.target_override_requested.connect(self.set_target_override)
        self.detail.log_visit_requested.connect(lambda doctor: self.open_visit(doctor_id=doctor))
        self.detail.planned_visit_requested.connect(
            lambda planned, doctor: self.open_visit(doctor_id=doctor, planned_visit_id=planned))
        self.detail.visit_requested.connect(lambda visit: self.open_visit(visit_id=visit))
        self.detail.print_history_requested.connect(lambda doctor: print_actions.print_doctor_history(
            self, self.ops, doctor))
        self.detail.articles_requested.connect(lambda ids, name: show_product_articles(
            self, self.ops, ids, self.tr("Product articles — %1").replace("%1", name)))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.list_view = QWidget()
        list_layout = QVBoxLayout(self.list_view)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filter_bar)
        list_layout.addWidget(self.splitter, 1)
        self.empty = EmptyState(QStyle.StandardPixmap.SP_DirHomeIcon, self.tr("No doctors yet"),
                                self.tr("Sync to download your doctors."))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.stack)

        self.filter_bar.changed.connect(self.apply_filters_now)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._fetch_visible())
        ops.changed.connect(self._changed)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_orientation()

    def _fit_orientation(self) -> None:
        """Table beside the detail when the page is wide; above it when narrower (up to a
        1280 px window): side by side, the seven columns and the profile would not fit."""
        self.filter_bar.set_compact(self.width() < ONE_ROW_FILTER_MIN_WIDTH)
        wanted = (Qt.Orientation.Vertical if self.width() < SIDE_BY_SIDE_MIN_WIDTH
                  else Qt.Orientation.Horizontal)
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self.detail.set_compact(wanted == Qt.Orientation.Vertical)

    def _headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Institution"), self.tr("Department"), self.tr("Title"),
                self.tr("Grade"), self.tr("Visits this month"), self.tr("Last visit")]

    # --- loading ------------------------------------------------------------------------

    def _changed(self, _tables: frozenset[str]) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Reload the snapshot and the filter choices, then re-run the current filter."""
        self.ops.query(load_snapshot, on_done=self._snapshot_loaded, on_error=self._failed)

    def _snapshot_loaded(self, snap: Snapshot) -> None:
        self.index = snap.index
        self._behind = None
        self.count = snap.count
        self.filter_bar.set_options(snap.options)
        self.stack.setCurrentWidget(self.empty if snap.count == 0 else self.list_view)
        self.apply_filters_now()

    def apply_filters_now(self) -> None:
        """Run the filter bar's current filter (the search box calls this debounced)."""
        self.filter_bar.debounce.stop()
        if self.index is None:
            return
        self._generation += 1
        generation = self._generation
        index, flt, behind = self.index, self.filter_bar.current_filter(), self._behind
        first = min(BLOCK_SIZE, self._visible_row_capacity())
        self.ops.query(lambda replica: run_search(replica, index, flt, behind, first),
                       on_done=lambda result: self._show_result(generation, index, result),
                       on_error=self._failed)

    def _show_result(self, generation: int, index: DoctorIndex, result: SearchResult) -> None:
        if generation != self._generation or index is not self.index:
            return
        if result.behind is not None:
            self._behind = result.behind
        selected = self.selected_key()
        self.model.set_keys(result.keys, result.first_rows)
        loc = QLocale()
        self.summary.setText(self.tr("%1 of %2 doctors").replace("%1", loc.toString(len(result.keys)))
                             .replace("%2", loc.toString(self.count)))
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.detail.clear()

    def _failed(self, failure: OpFailure) -> None:
        self.summary.setText(self.tr("Could not read the doctors: %1").replace("%1", failure.message))

    # --- visible rows -----------------------------------------------------------------------

    def _visible_row_capacity(self) -> int:
        height = self.table.viewport().height()
        return max(1, height // max(1, self.table.verticalHeader().defaultSectionSize()) + 1)

    def visible_rows(self) -> range:
        return visible_rows(self.table)

    def _fetch_visible(self) -> None:
        fetch_visible(self.table, self.model)

    def paint_visible_rows(self) -> int:
        """Ask the model for every cell on screen, as a paint does; returns cells read."""
        cells = 0
        for row in self.visible_rows():
            for column in range(self.model.columnCount()):
                self.model.data(self.model.index(row, column))
                cells += 1
        return cells

    # --- detail -------------------------------------------------------------------------------

    def selected_key(self) -> DoctorKey | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.key_at(rows[0].row()) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.reload_detail()

    def reload_detail(self) -> None:
        key = self.selected_key()
        if key is None:
            self.detail.clear()
            return
        self._detail_generation += 1
        generation = self._detail_generation
        self.ops.query(lambda replica: load_detail(replica, key),
                       on_done=lambda d: self._detail_loaded(generation, d),
                       on_error=self._failed)

    def _detail_loaded(self, generation: int, detail: DoctorDetail | None) -> None:
        if generation == self._detail_generation:
            self.detail.show_detail(detail)

    def set_target_override(self, doctor_id: uuid.UUID, value: bool | None) -> None:
        """The manager's target mark, written offline; the pages refresh on ``doctors``."""
        self.ops.write(lambda replica: save_target_override(replica, doctor_id, value),
                       changes=TARGET_CHANGES, on_done=lambda _r: self.reload_detail(),
                       on_error=lambda f: self.detail.show_target_error(
                           self.tr("Only a district or regional manager marks a doctor as a "
                                   "target.") if getattr(f.error, "reason", "") == "not_allowed"
                           else f.message))

    def open_visit(self, *, visit_id: uuid.UUID | None = None, doctor_id: uuid.UUID | None = None,
                   planned_visit_id: uuid.UUID | None = None) -> None:
        """The visit form: an existing visit, or a new one for a doctor (from a plan)."""
        from desktop.ui.visit_form import open_visit_dialog  # loaded on first use

        self.dialog = open_visit_dialog(self, self.ops, self.role, visit_id,
                                        doctor_id=None if visit_id else doctor_id,
                                        planned_visit_id=None if visit_id else planned_visit_id)
