"""The Reports page: KPI cards for a month, quarter or year against the period before,
frequency attainment by grade (table and chart), sales against target, and for managers
their reps ranked. Every table exports to CSV or Excel with the headers as shown.

Figures come from ``desktop.reports.load_report`` through ``Ops`` (off the UI thread);
the chart is the reportlab drawing of ``desktop.charts`` shown as SVG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.charts import attainment_bars, svg_bytes
from desktop.data_quality import MANAGER_ROLES
from desktop.ops import OpFailure, Ops
from desktop.reports import PERIOD_KINDS, ReportView, load_report
from desktop.ui.common import heading
from desktop.ui.data_quality_tab import DataQualityTab
from desktop.ui.drill_down_view import DrillDownView
from desktop.ui.kpi_standing import KpiStanding
from desktop.ui.report_tables import (
    ExportableTable,
    NumericItem,
    ask_export_path,
    export_shown,
    number,
    percent,
)

__all__ = ["ExportableTable", "KpiCard", "NumericItem", "ReportsPage", "number", "percent"]

CHART_BESIDE_MIN_WIDTH = 1000  # the page's width
REFRESH_ON = frozenset({"visits", "doctors", "sales_records", "targets", "frequency_rules", "sync",
                        "users"})


class KpiCard(QFrame):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(150)
        layout = QVBoxLayout(self)
        self.title = QLabel(title)
        self.title.setStyleSheet("color: palette(mid);")
        self.title.setWordWrap(True)
        self.value = QLabel("–")
        font = self.value.font()
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.value.setFont(font)
        self.delta = QLabel("")
        self.delta.setWordWrap(True)
        for w in (self.title, self.value, self.delta):
            layout.addWidget(w)

    def show_figure(self, text: str, delta: float | None, previous_text: str) -> None:
        self.value.setText(text)
        if delta is None:
            self.delta.setText(self.tr("previous period: %1").replace("%1", previous_text))
            self.delta.setStyleSheet("")
        else:
            arrow = "▲" if delta >= 0 else "▼"
            self.delta.setText(self.tr("%1 %2 vs previous (%3)").replace("%1", arrow)
                               .replace("%2", f"{abs(100 * delta):.0f}%").replace("%3", previous_text))
            self.delta.setStyleSheet("color: #2e7d32;" if delta >= 0 else "color: #c62828;")


class ReportsPage(QWidget):
    """See the module docstring. ``choose_export_path`` is replaceable (tests)."""

    loaded = Signal(object)  # the ReportView shown

    def __init__(self, ops: Ops, role: str, parent: QWidget | None = None, *,
                 day: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.day = day
        self.view: ReportView | None = None
        self._request = 0
        self.choose_export_path: Callable[[str], Path | None] = self._ask_export_path
        self._build()
        ops.changed.connect(self._tables_changed)
        self.refresh()

    # --- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Reports")))
        top.addStretch(1)
        self.kind = QComboBox()
        for key, label in zip(PERIOD_KINDS, (self.tr("Month"), self.tr("Quarter"), self.tr("Year")),
                              strict=True):
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("Previous period"))
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.period_label = QLabel("")
        self.period_label.setMinimumWidth(110)
        self.period_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("Next period"))
        self.next_button.clicked.connect(lambda: self._step(1))
        for w in (self.kind, self.previous_button, self.period_label, self.next_button):
            top.addWidget(w)
        outer.addLayout(top)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        cards = QGridLayout()
        self.cards = {
            "visits": KpiCard(self.tr("Visits")),
            "coverage": KpiCard(self.tr("Coverage of target doctors")),
            "visits_per_working_day": KpiCard(self.tr("Visits per working day")),
            "average_quality": KpiCard(self.tr("Average visit quality")),
            "share_on_plan": KpiCard(self.tr("Visits on plan")),
        }
        for i, card in enumerate(self.cards.values()):
            cards.addWidget(card, 0, i)
        layout.addLayout(cards)
        self.standing = KpiStanding(self.loaded)  # the server snapshot's rank (a rep) or source
        layout.addWidget(self.standing)

        middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle = middle
        self.grades = ExportableTable(self.tr("Frequency by grade"), [
            self.tr("Grade"), self.tr("Target doctors"), self.tr("Visits required"),
            self.tr("Visits done"), self.tr("Attainment")])
        middle.addWidget(self.grades, 3)
        self.chart = QSvgWidget()
        self.chart.setFixedSize(360, 180)
        middle.addWidget(self.chart, 2)
        layout.addLayout(middle)
        self.sales = ExportableTable(self.tr("Sales against target"), [
            self.tr("Product"), self.tr("Sold"), self.tr("Target"), self.tr("Attainment")])
        layout.addWidget(self.sales)
        self.team = ExportableTable(self.tr("Team ranking"), [
            self.tr("Rank"), self.tr("Rep"), self.tr("Visits"), self.tr("Coverage"),
            self.tr("Visits per working day"), self.tr("Average quality"), self.tr("On plan")])
        self.team_median = QLabel("")
        layout.addWidget(self.team)
        layout.addWidget(self.team_median)
        self.team.setVisible(self.role != "rep")
        self.team_median.setVisible(self.role != "rep")
        layout.addStretch(1)
        outer.addWidget(self._tabs_around(scroll), 1)
        for table in (self.grades, self.sales, self.team):
            table.export_requested.connect(self.export)

    def _tabs_around(self, overview: QWidget) -> QTabWidget:
        """Overview, the drill-down and (managers, admins) data quality; the period
        controls belong to the first two, the data-quality tab has its own days."""
        self.tabs = QTabWidget()
        self.tabs.addTab(overview, self.tr("Overview"))
        self.drill = DrillDownView(self.ops, self.role)
        self.tabs.addTab(self.drill, self.tr("My doctors and hospitals") if self.role == "rep"
                         else self.tr("Drill-down"))
        self.loaded.connect(lambda view: self.drill.set_period(view.kind, view.period.first_day))
        self.data_quality: DataQualityTab | None = None
        if self.role in MANAGER_ROLES:
            self.data_quality = DataQualityTab(self.ops)
            self.tabs.addTab(self.data_quality, self.tr("Data quality"))
        self.tabs.currentChanged.connect(self._tab_changed)
        return self.tabs

    def _tab_changed(self, _index: int) -> None:
        on_periods = self.tabs.currentWidget() is not self.data_quality
        for w in (self.kind, self.previous_button, self.period_label, self.next_button):
            w.setVisible(on_periods)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Narrow (a 1024 px window): the chart goes under the grade table, so the table's
        # columns fit without scrolling sideways.
        self.middle.setDirection(QBoxLayout.Direction.TopToBottom if self.width() < CHART_BESIDE_MIN_WIDTH
                                 else QBoxLayout.Direction.LeftToRight)

    # --- data ------------------------------------------------------------------------

    def refresh(self) -> None:
        self._request += 1
        request = self._request
        kind = str(self.kind.currentData())
        day = self.day
        self.status.setText(self.tr("Loading…"))
        self.ops.query(lambda replica: load_report(replica, kind, day),
                       on_done=lambda view: self._show(request, view),
                       on_error=lambda failure: self._failed(request, failure))

    def _tables_changed(self, tables: frozenset[str]) -> None:
        if tables & REFRESH_ON:
            self.refresh()

    def _step(self, direction: int) -> None:
        if self.view is None:
            return
        period = self.view.period
        anchor = period.last_day + dt.timedelta(days=1) if direction > 0 else period.first_day \
            - dt.timedelta(days=1)
        self.day = anchor
        self.refresh()

    def _failed(self, request: int, failure: OpFailure) -> None:
        if request == self._request:
            self.status.setText(failure.message)

    def _show(self, request: int, view: ReportView) -> None:
        if request != self._request:
            return  # an older request answered after a newer one was sent
        self.view = view
        self.day = view.period.first_day
        self.status.setText("")
        self.period_label.setText(self.period_text(view))
        previous = self.period_text(view, previous=True)
        for card in view.cards:
            widget = self.cards[card.key]
            if card.key == "visits":
                text, prev = number(card.value, 0), number(card.previous, 0)
            elif card.key in ("visits_per_working_day", "average_quality"):
                text, prev = number(card.value), number(card.previous)
            else:
                text, prev = percent(card.value), percent(card.previous)
            widget.show_figure(text, card.change, self.tr("%1: %2").replace("%1", previous)
                               .replace("%2", prev))
        self.grades.fill([[g.grade, (str(g.doctors), g.doctors), (number(g.required), g.required),
                           (str(g.done), g.done), (percent(g.attainment), g.attainment)]
                          for g in view.grades])
        self.chart.load(QByteArray(svg_bytes(attainment_bars(
            [g.grade for g in view.grades], [g.attainment for g in view.grades],
            title=self.tr("Frequency attainment by grade")))))
        self.sales.fill([[name, (number(s.quantity, 0), s.quantity), (number(s.target, 0), s.target),
                          (percent(s.attainment), s.attainment)] for name, s in view.sales])
        if not view.sales:
            self.sales.title.setText(self.tr("Sales against target (no sales data for this period)"))
        else:
            self.sales.title.setText(self.tr("Sales against target"))
        self.team.fill([[(str(row.rank), row.rank), row.person.name, (str(row.kpis.visits), row.kpis.visits),
                         (percent(row.kpis.coverage), row.kpis.coverage),
                         (number(row.kpis.visits_per_working_day), row.kpis.visits_per_working_day),
                         (number(row.kpis.average_quality), row.kpis.average_quality),
                         (percent(row.kpis.share_on_plan), row.kpis.share_on_plan)]
                        for row in view.team])
        self.team_median.setText(self.tr("Team median coverage: %1").replace(
            "%1", percent(view.team_median_coverage)))
        self.loaded.emit(view)

    def period_text(self, view: ReportView, *, previous: bool = False) -> str:
        period = view.previous if previous else view.period
        first = period.first_day
        if previous and period != view.period.previous():  # the same stretch of a running period
            last = period.last_day
            return f"{first.isoformat()}–{last.day:02d}" if last.month == first.month \
                else f"{first.isoformat()}–{last.month:02d}-{last.day:02d}"
        if view.kind == "month":
            return f"{first.year}-{first.month:02d}"
        if view.kind == "quarter":
            quarter = str((first.month - 1) // 3 + 1)
            return self.tr("%1 Q%2").replace("%1", str(first.year)).replace("%2", quarter)
        return str(first.year)

    # --- export ----------------------------------------------------------------------

    def export(self, table: ExportableTable) -> None:
        export_shown(self.ops, table, self.choose_export_path(table.title.text()), self.status)

    def _ask_export_path(self, title: str) -> Path | None:
        return ask_export_path(self, title)

