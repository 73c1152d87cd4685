"""The Team page (dm, rm, admin): the team's visits with filters, per-rep quality, Good practice.

Filters: rep, period (all dates, this week, this month, last 30 days, a custom
range), doctor (name, pinyin or hospital, typed: debounced), status, quality below a
threshold, not yet reviewed. A filter change runs one read on the pool
(``team_search``): the ordered ids, the rows of the first screenful and the per-rep
averages of the same filter; further rows come in blocks as they scroll into view
(``VisitTableModel``), so 10,000+ visits open as fast as fifty. Double-click opens
the visit in the visit form (read-only for a manager, with its review thread).
Results of an older filter are dropped (``_generation``).
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import company_time
from desktop.ops import OpFailure, Ops
from desktop.ui.common import to_qdate
from desktop.ui.good_practice import GoodPracticeList
from desktop.ui.lazy_model import BLOCK_SIZE, fetch_visible, visible_rows
from desktop.ui.plan_adherence import PlanAdherenceTab
from desktop.ui.visits_model import VisitTableModel, status_label
from desktop.ui.visits_page import open_visit, setup_visit_table
from desktop.visit_lists import (
    DRAFT,
    REJECTED,
    SUBMITTED,
    Person,
    RepAverage,
    TeamFilter,
    TeamResult,
    load_team_reps,
    team_search,
    week_start,
)

COLUMNS = ("when", "rep", "doctor", "institution", "type", "status", "quality", "reviewed")
ALL_DATES, THIS_WEEK, THIS_MONTH, LAST_30, CUSTOM = "all", "week", "month", "30", "custom"
DEBOUNCE_MS = 250


def _py_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class TeamFilterBar(QWidget):
    """The filter widgets; ``current_filter(today)`` reads them into a ``TeamFilter``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rep = QComboBox()
        self.rep.setMinimumWidth(120)
        self.rep.addItem(self.tr("All reps"), None)
        self.period = QComboBox()
        for text, key in ((self.tr("All dates"), ALL_DATES), (self.tr("This week"), THIS_WEEK),
                          (self.tr("This month"), THIS_MONTH), (self.tr("Last 30 days"), LAST_30),
                          (self.tr("Custom range"), CUSTOM)):
            self.period.addItem(text, key)
        today = to_qdate(company_time.today())
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setVisible(False)
        self.doctor = QLineEdit()
        self.doctor.setPlaceholderText(self.tr("Doctor, pinyin or hospital"))
        self.doctor.setClearButtonEnabled(True)
        self.doctor.setMinimumWidth(170)
        self.status = QComboBox()
        choices: list[tuple[str, str | None]] = [
            (self.tr("Any status"), None), (status_label(DRAFT), DRAFT),
            (status_label(SUBMITTED), SUBMITTED), (status_label(REJECTED), REJECTED)]
        for text, status_key in choices:
            self.status.addItem(text, status_key)
        self.quality_on = QCheckBox(self.tr("Quality below"))
        self.quality = QSpinBox()
        self.quality.setRange(1, 100)
        self.quality.setValue(60)
        self.quality.setEnabled(False)
        self.not_reviewed = QCheckBox(self.tr("Not reviewed yet"))
        self.clear = QPushButton(self.tr("Clear filters"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.error.setVisible(False)

        # Two rows (who and when; what), so the bar fits a 1024 px window even with the
        # custom date range shown.
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.rep, self.period, self.date_from, self.date_to):
            row.addWidget(w)
        row.addWidget(self.doctor, 1)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        for widget in (self.status, self.quality_on, self.quality, self.not_reviewed):
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.clear)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(second)
        layout.addWidget(self.error)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.quality_on.toggled.connect(self.quality.setEnabled)
        self.clear.clicked.connect(self.reset)

    def set_reps(self, reps: list[Person]) -> None:
        current = self.rep.currentData()
        self.rep.blockSignals(True)
        self.rep.clear()
        self.rep.addItem(self.tr("All reps"), None)
        for person in reps:
            self.rep.addItem(person.name, str(person.id))  # str: findData cannot match a UUID
        index = self.rep.findData(current) if current is not None else 0
        self.rep.setCurrentIndex(max(0, index))
        self.rep.blockSignals(False)

    def _period_changed(self) -> None:
        custom = self.period.currentData() == CUSTOM
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)

    def reset(self) -> None:
        for combo in (self.rep, self.period, self.status):
            combo.setCurrentIndex(0)
        self.doctor.clear()
        self.quality_on.setChecked(False)
        self.not_reviewed.setChecked(False)

    def current_filter(self, today: dt.date) -> TeamFilter | None:
        """The filter, or None (and a message next to the dates) when the range is backwards."""
        period = self.period.currentData()
        first: dt.date | None = None
        last: dt.date | None = None
        if period == THIS_WEEK:
            first, last = week_start(today), week_start(today) + dt.timedelta(days=6)
        elif period == THIS_MONTH:
            first, last = today.replace(day=1), today
        elif period == LAST_30:
            first, last = today - dt.timedelta(days=29), today
        elif period == CUSTOM:
            first, last = _py_date(self.date_from.date()), _py_date(self.date_to.date())
            if first > last:
                self.error.setText(self.tr("The start date is after the end date."))
                self.error.setVisible(True)
                return None
        self.error.setVisible(False)
        rep = self.rep.currentData()
        return TeamFilter(
            rep_id=uuid.UUID(rep) if rep else None, date_from=first, date_to=last,
            doctor=self.doctor.text(), status=self.status.currentData(),
            quality_below=float(self.quality.value()) if self.quality_on.isChecked() else None,
            not_reviewed=self.not_reviewed.isChecked())


NAME_PADDING = 16  # a cell's margins and focus frame around the name
MAX_NAME_WIDTH = 220  # longer names elide, whole in the tooltip


class RepAveragePanel(QWidget):
    """Per-rep visits and average quality over the current filter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Average quality per rep"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Rep"), self.tr("Visits"), self.tr("Average")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.title.setWordWrap(True)  # the table, not the title, sets the panel's width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.averages: list[RepAverage] = []

    def show_averages(self, averages: list[RepAverage]) -> None:
        self.averages = averages
        loc = QLocale()
        self.table.setRowCount(len(averages))
        for r, a in enumerate(averages):
            average = "–" if a.average is None else loc.toString(a.average, "f", 1)
            for c, text in enumerate((a.rep_name, loc.toString(a.visits), average)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item.setToolTip(text)  # the whole name, should a very long one elide
                self.table.setItem(r, c, item)
        self._fit_names()

    def _fit_names(self) -> None:
        """Widen the panel to the longest rep name (up to ``MAX_NAME_WIDTH``): the splitter
        gave it a fifth of the page, which at 1024 px cut every name to "…"."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        names = [a.rep_name for a in self.averages]
        widest = max([metrics.horizontalAdvance(n) for n in names]
                     + [header.fontMetrics().horizontalAdvance(self.tr("Rep"))])
        name_column = min(widest + NAME_PADDING, MAX_NAME_WIDTH)
        self.table.resizeColumnsToContents()
        others = header.sectionSize(1) + header.sectionSize(2)
        frame = 2 * self.table.frameWidth()
        scroll = self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(name_column + others + frame + scroll)


class TeamPage(QWidget):
    """See the module docstring. ``apply_filters_now()`` runs the bar's filter at once."""

    def __init__(self, ops: Ops, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self._generation = 0
        self.dialog: QDialog | None = None
        self.result: TeamResult | None = None

        self.filter_bar = TeamFilterBar()
        self.model = VisitTableModel(ops, COLUMNS, self)
        self.model.headers = self._headers
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_visit_table(self.table, (150, 80, 90, 220, 150, 80, 60, 110), stretch=3)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.averages = RepAveragePanel()
        self.summary = QLabel()
        self.summary.setStyleSheet("color: palette(mid);")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.averages)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)

        visits_tab = QWidget()
        tab_layout = QVBoxLayout(visits_tab)
        tab_layout.setContentsMargins(0, 6, 0, 0)
        tab_layout.addWidget(self.filter_bar)
        tab_layout.addWidget(self.splitter, 1)
        self.good_practice = GoodPracticeList(ops)
        self.tabs = QTabWidget()
        self.tabs.addTab(visits_tab, self.tr("Team visits"))
        self.tabs.addTab(self.good_practice, self.tr("Good practice"))
        self.plan_adherence = PlanAdherenceTab(ops)
        self.tabs.addTab(self.plan_adherence, self.tr("Plan adherence"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.apply_filters_now)
        bar = self.filter_bar
        bar.doctor.textChanged.connect(lambda _t: self.debounce.start())
        for combo in (bar.rep, bar.period, bar.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters_now())
        for check in (bar.quality_on, bar.not_reviewed):
            check.toggled.connect(lambda _on: self.apply_filters_now())
        bar.quality.valueChanged.connect(lambda _v: self.debounce.start())
        for edit in (bar.date_from, bar.date_to):
            edit.dateChanged.connect(lambda _d: self.debounce.start())
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._fetch_visible())
        self.good_practice.open_requested.connect(self.open_visit)
        self.tabs.currentChanged.connect(self._tab_changed)
        ops.changed.connect(self._changed)
        self.refresh()

    def _headers(self) -> list[str]:
        return [self.tr("Date and time"), self.tr("Rep"), self.tr("Doctor"), self.tr("Institution"),
                self.tr("Type"), self.tr("Status"), self.tr("Quality"), self.tr("Reviewed")]

    # --- loading ---------------------------------------------------------------------------

    def _changed(self, _tables: frozenset[str]) -> None:
        self.refresh()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.good_practice:
            self.good_practice.refresh()

    def refresh(self) -> None:
        """Reload the rep choices and re-run the current filter."""
        self.ops.query(load_team_reps, on_done=self.filter_bar.set_reps, on_error=self._failed)
        self.apply_filters_now()
        if self.tabs.currentWidget() is self.good_practice:
            self.good_practice.refresh()

    def apply_filters_now(self) -> None:
        self.debounce.stop()
        flt = self.filter_bar.current_filter(company_time.today())
        self._generation += 1  # (an answer still on its way is for an older filter)
        if flt is None:  # a backwards range: its message shows, the old rows go
            self.result = None
            self.model.set_ids([])
            self.averages.show_averages([])
            self.summary.setText("")
            return
        generation = self._generation
        # A whole block: the page may not be laid out yet, and 50 rows cost little more than 20.
        self.ops.query(lambda replica: team_search(replica, flt, BLOCK_SIZE),
                       on_done=lambda result: self._show(generation, result),
                       on_error=self._failed)

    def _show(self, generation: int, result: TeamResult) -> None:
        if generation != self._generation:
            return
        self.result = result
        selected = self.selected_id()
        self.model.set_ids(result.ids, result.first_rows)
        self.averages.show_averages(result.averages)
        self.summary.setText(self.tr("%1 visits").replace("%1", QLocale().toString(len(result.ids))))
        row = self.model.row_of(selected) if selected is not None else -1
        if row >= 0:
            self.table.selectRow(row)

    def _failed(self, failure: OpFailure) -> None:
        self.summary.setText(self.tr("Could not read the team's visits: %1").replace("%1", failure.message))

    # --- visible rows ----------------------------------------------------------------------

    def visible_rows(self) -> range:
        return visible_rows(self.table)

    def _fetch_visible(self) -> None:
        fetch_visible(self.table, self.model)

    def visible_rows_ready(self) -> bool:
        """Every row on screen has its data (what a paint needs; for the benchmark)."""
        rows = self.visible_rows()
        return bool(rows) and all(self.model.cached(r) is not None for r in rows)

    # --- open ------------------------------------------------------------------------------

    def selected_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _double_clicked(self, index: QModelIndex) -> None:
        visit_id = self.model.id_at(index.row())
        if visit_id is not None:
            self.open_visit(visit_id)

    def open_visit(self, visit_id: uuid.UUID) -> None:
        """Open the visit in the form (the form shows a manager another rep's visit read-only)."""
        self.dialog = open_visit(self, self.ops, self.role, visit_id,
                                 lambda _id: self.refresh())
