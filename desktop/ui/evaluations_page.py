"""The Evaluations page: the list (mine / about me / my team, filtered by person,
competency and period) with the chosen evaluation beside it; the follow-up (what
waits for acknowledgement, overdue action items; for the evaluatee what to
acknowledge and their open items); for managers the trends (evaluations per evaluator
per month against the target, a competency's monthly scores per person and the team
average).

Reads and writes go through ``Ops``; the page reloads when evaluations, their action
items or users change (a sync or another screen).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import evaluations as ev
from desktop.ops import OpFailure, Ops
from desktop.ui.common import error_label, heading, set_error
from desktop.ui.evaluation_chart import TrendChart
from desktop.ui.evaluation_detail import EvaluationDetail
from desktop.ui.evaluation_form import EvaluationDialog
from desktop.ui.evaluation_labels import is_english, status_text

WATCHED = frozenset({"evaluations", "evaluation_action_items", "users", "evaluation_templates"})
PERIOD_MONTHS = (1, 3, 12, 24, 0)  # 0 = all
MANAGER_ROLES = ("dm", "rm", "admin")
SHORTFALL = QColor("#fdecea")
MET = QColor("#e8f5e9")
ALL, MINE, ABOUT_ME, TEAM = "all", "mine", "about_me", "team"


def _date(day: dt.date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


class EvaluationsPage(QWidget):
    def __init__(self, ops: Ops, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.data: ev.ListData | None = None
        self.shown: list[ev.ListRow] = []
        self.english = is_english()
        self.trends_tab: QWidget | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Evaluations")))
        top.addStretch(1)
        self.new_button = QPushButton(self.tr("New evaluation…"))
        self.new_button.setVisible(role in ("dm", "rm"))
        self.new_button.clicked.connect(lambda: self.open_form(None))
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.error = error_label()
        layout.addWidget(self.error)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._list_tab(), self.tr("Evaluations"))
        self.tabs.addTab(self._follow_tab(), self.tr("Follow-up"))
        if role in MANAGER_ROLES:
            self.trends_tab = self._trends_tab()
            self.tabs.addTab(self.trends_tab, self.tr("Trends"))
        ops.changed.connect(self._changed)
        self.refresh()

    # --- layout ------------------------------------------------------------------------

    def _list_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        filters = QHBoxLayout()
        self.view = QComboBox()
        for key, text in ((ALL, self.tr("All")), (MINE, self.tr("Written by me")),
                          (ABOUT_ME, self.tr("About me")), (TEAM, self.tr("My team"))):
            if key in (MINE, TEAM) and self.role not in MANAGER_ROLES:
                continue
            self.view.addItem(text, key)
        self.person = QComboBox()
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.competency = QComboBox()
        self.period = QComboBox()
        for months in PERIOD_MONTHS:
            self.period.addItem(self.tr("All time") if months == 0 else
                                self.tr("Last %n month(s)", "", months), months)
        self.period.setCurrentIndex(PERIOD_MONTHS.index(12))
        for label, combo in ((self.tr("Show"), self.view), (self.tr("Person"), self.person),
                             (self.tr("Competency"), self.competency),
                             (self.tr("Period"), self.period)):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
        filters.addStretch(1)
        lay.addLayout(filters)
        for combo in (self.view, self.person, self.competency, self.period):
            combo.currentIndexChanged.connect(self._fill_table)
        for combo in (self.person, self.period):
            combo.currentIndexChanged.connect(self._filters_changed)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Evaluated"), self.tr("Evaluator"), self.tr("Total"),
            self.tr("Status"), self.tr("Open items")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.cellDoubleClicked.connect(lambda row, _c: self._double(row))
        self.empty = QLabel()
        self.detail = EvaluationDetail(self.ops)
        self.detail.open_requested.connect(self.open_form)
        self.detail.correct_requested.connect(lambda i: self.open_form(None, amends_id=i))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table)
        ll.addWidget(self.empty)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([660, 440])
        lay.addWidget(split, 1)
        return tab

    def _follow_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        hint = QLabel(self.tr("Double-click an entry to open its evaluation."))
        hint.setStyleSheet("color: palette(mid);")
        lay.addWidget(hint)
        self.pending_title = QLabel()
        self.pending = QListWidget()
        self.overdue_title = QLabel()
        self.overdue = QListWidget()
        for w in (self.pending_title, self.pending, self.overdue_title, self.overdue):
            lay.addWidget(w)
        self.pending.itemDoubleClicked.connect(self._follow_open)
        self.overdue.itemDoubleClicked.connect(self._follow_open)
        return tab

    def _filters_changed(self) -> None:
        if self.trends_tab is not None:
            self._load_trends()

    def _trends_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self.counts_title = QLabel()
        self.counts = QTableWidget(0, 0)
        self.counts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.counts.setMaximumHeight(200)
        controls = QHBoxLayout()
        self.trend_competency = QComboBox()
        self.trend_competency.currentIndexChanged.connect(self._load_trends)
        controls.addWidget(QLabel(self.tr("Trend of")))
        controls.addWidget(self.trend_competency)
        controls.addWidget(QLabel(self.tr("(person and period as chosen on the list)")))
        controls.addStretch(1)
        self.chart = TrendChart()
        lay.addWidget(self.counts_title)
        lay.addWidget(self.counts)
        lay.addLayout(controls)
        lay.addWidget(self.chart, 1)
        return tab

    # --- data ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ops.query(lambda r: ev.list_data(r), self._loaded, self._failed)
        if self.trends_tab is not None:
            self._load_trends()

    def _changed(self, tables: frozenset[str]) -> None:
        if tables & WATCHED:
            self.refresh()

    def _failed(self, failure: OpFailure) -> None:
        set_error(self.error, failure.message)

    def _loaded(self, data: ev.ListData) -> None:
        set_error(self.error, None)
        selected = self.detail.row.record.id if self.detail.row else None
        self.data = data
        self._fill_filters(data)
        self._fill_table()
        self._fill_follow_up(data)
        if selected is not None:
            self.select(selected)

    def _fill_filters(self, data: ev.ListData) -> None:
        person = self.person.currentData()
        competency = self.competency.currentData()
        for combo in (self.person, self.competency):
            combo.blockSignals(True)
            combo.clear()
        self.person.addItem(self.tr("Everyone"), None)
        ids = {r.record.evaluatee_id for r in data.rows}
        for pid in sorted(ids, key=lambda i: data.people[i].name if i in data.people else ""):
            if pid in data.people:
                self.person.addItem(data.people[pid].name, str(pid))
        self.competency.addItem(self.tr("Any"), None)
        seen: set[str] = set()
        for template in data.templates.values():
            for c in template.competencies:
                if c.code not in seen:
                    seen.add(c.code)
                    self.competency.addItem(c.label(english=self.english), c.code)
        self.person.setCurrentIndex(max(self.person.findData(person), 0))
        self.competency.setCurrentIndex(max(self.competency.findData(competency), 0))
        for combo in (self.person, self.competency):
            combo.blockSignals(False)

    def filtered(self) -> list[ev.ListRow]:
        if self.data is None:
            return []
        view, person = self.view.currentData(), self.person.currentData()
        code, months = self.competency.currentData(), self.period.currentData()
        since = None
        if months:
            today = self.data.today
            since = dt.date(today.year, today.month, 1)
            for _ in range(months - 1):
                since = (since - dt.timedelta(days=1)).replace(day=1)
        out = []
        for row in self.data.rows:
            if (view == MINE and not row.mine) or (view == ABOUT_ME and not row.about_me):
                continue
            if view == TEAM and (row.about_me or row.mine):
                continue
            if person is not None and str(row.record.evaluatee_id) != person:
                continue
            if code is not None and code not in row.record.scores:
                continue
            if since is not None and row.record.eval_date < since:
                continue
            out.append(row)
        return out

    def _fill_table(self) -> None:
        rows = self.filtered()
        self.shown = rows
        code = self.competency.currentData()
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(
            self.competency.currentText() if code else self.tr("Total")))
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            r = row.record
            if code:
                value = r.scores.get(code)
                score = value.get("score") if isinstance(value, dict) else value
                shown = "—" if score is None else str(score)
            else:
                shown = "—" if r.total_score is None else f"{r.total_score:.2f}"
            items = [_date(r.eval_date), row.evaluatee_name, row.evaluator_name, shown,
                     status_text(r.status),
                     f"{row.open_items}" + (f" ({row.overdue_items}!)" if row.overdue_items else "")]
            for col, text in enumerate(items):
                cell = QTableWidgetItem(text)
                if col == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, col, cell)
        self.empty.setText(self.tr("No evaluations match these filters.") if not rows else "")
        self.empty.setVisible(not rows)
        data = self.data
        if data is not None and self.role in MANAGER_ROLES:
            self.summary.setText(self.tr(
                "{n} evaluation(s) · {ack} to acknowledge · {pending} awaiting acknowledgement · "
                "{overdue} overdue action item(s)").format(
                n=len(data.rows), ack=len(data.to_acknowledge),
                pending=len(data.pending_acknowledgements), overdue=len(data.overdue)))
        elif data is not None:
            open_items = sum(r.open_items for r in data.rows if r.about_me)
            self.summary.setText(self.tr(
                "{n} evaluation(s) about you · {ack} to acknowledge · {items} open action "
                "item(s)").format(n=len(data.rows), ack=len(data.to_acknowledge), items=open_items))
        if self.detail.row is not None and self.detail.row not in rows:
            self.detail.show_row(None, self.data) if self.data else None

    def _fill_follow_up(self, data: ev.ListData) -> None:
        self.pending.clear()
        self.overdue.clear()
        if self.role in MANAGER_ROLES:
            self.pending_title.setText(self.tr("Submitted, waiting for acknowledgement"))
            waiting = data.pending_acknowledgements
        else:
            self.pending_title.setText(self.tr("To acknowledge"))
            waiting = data.to_acknowledge
        for row in waiting:
            self._follow_item(self.pending, row, self.tr("{date} · {name} · total {total}").format(
                date=_date(row.record.eval_date),
                name=row.evaluatee_name if self.role in MANAGER_ROLES else row.evaluator_name,
                total="—" if row.record.total_score is None else f"{row.record.total_score:.2f}"))
        if self.role in MANAGER_ROLES:
            self.overdue_title.setText(self.tr("Overdue action items"))
            for row, item in data.overdue:
                self._follow_item(self.overdue, row, self.tr("{name}: {text} (due {due})").format(
                    name=row.evaluatee_name, text=item.text, due=_date(item.due_date)
                    if item.due_date else "—"))
        else:
            self.overdue_title.setText(self.tr("My open action items"))
            for row in data.rows:
                if not row.about_me or row.record.status == "draft":
                    continue
                for item in data.items.get(row.record.id, ()):
                    if item.done_at is None:
                        due = _date(item.due_date) if item.due_date else "—"
                        self._follow_item(self.overdue, row, self.tr("{text} (due {due})").format(
                            text=item.text, due=due))
        for widget in (self.pending, self.overdue):
            if widget.count() == 0:
                widget.addItem(self.tr("Nothing here."))

    def _follow_item(self, widget: QListWidget, row: ev.ListRow, text: str) -> None:
        widget.addItem(text)
        widget.item(widget.count() - 1).setData(Qt.ItemDataRole.UserRole, row.record.id)

    def _follow_open(self, item: Any) -> None:
        evaluation_id = item.data(Qt.ItemDataRole.UserRole)
        if evaluation_id is not None:
            self.tabs.setCurrentIndex(0)
            self.view.setCurrentIndex(0)
            self.person.setCurrentIndex(0)
            self.competency.setCurrentIndex(0)
            self.period.setCurrentIndex(len(PERIOD_MONTHS) - 1)
            self.select(evaluation_id)

    def select(self, evaluation_id: uuid.UUID) -> None:
        for i, row in enumerate(self.shown):
            if row.record.id == evaluation_id:
                self.table.selectRow(i)
                return

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if self.data is None or not rows:
            return
        self.detail.show_row(self.shown[rows[0].row()], self.data)

    def _double(self, index: int) -> None:
        row = self.shown[index]
        if row.mine:
            self.open_form(row.record.id)

    def open_form(self, evaluation_id: uuid.UUID | None, *,
                  amends_id: uuid.UUID | None = None) -> EvaluationDialog:
        dialog = EvaluationDialog(self.ops, evaluation_id, amends_id=amends_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # --- trends --------------------------------------------------------------------------

    def _load_trends(self) -> None:
        """The trends follow the list's person and period filters (two years at most)."""
        code = self.trend_competency.currentData() if self.trend_competency.count() else None
        person = self.person.currentData()
        people = [person] if person else None
        months = self.period.currentData() or ev.TREND_MONTHS
        self.ops.query(lambda r: ev.management_data(r, code=code, evaluatee_ids=people,
                                                    months=max(months, 2)),
                       self._trends_loaded, self._failed)

    def _trends_loaded(self, m: ev.ManagementData) -> None:
        if self.trend_competency.count() == 0:
            self.trend_competency.blockSignals(True)
            self.trend_competency.addItem(self.tr("Weighted total"), None)
            for code, name, name_en in m.competencies:
                self.trend_competency.addItem(name_en if self.english and name_en else name, code)
            self.trend_competency.blockSignals(False)
        recent = m.months[-6:]
        self.counts_title.setText(self.tr(
            "Evaluations per evaluator and month (target per month by rule)"))
        self.counts.setColumnCount(len(recent) + 1)
        self.counts.setHorizontalHeaderLabels([self.tr("Target"), *recent])
        self.counts.setRowCount(len(m.evaluators))
        self.counts.setVerticalHeaderLabels([m.people.get(e, e) for e in m.evaluators])
        for i, evaluator in enumerate(m.evaluators):
            target = m.targets.get(evaluator)
            self.counts.setItem(i, 0, QTableWidgetItem("—" if target is None else str(target)))
            for j, month in enumerate(recent, 1):
                n = m.counts.get(evaluator, {}).get(month, 0)
                cell = QTableWidgetItem(str(n))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if target:
                    cell.setBackground(MET if n >= target else SHORTFALL)
                self.counts.setItem(i, j, cell)
        self.counts.resizeColumnsToContents()
        series = {m.people.get(pid, pid): values for pid, values in m.trend.items()}
        self.chart.set_data(m.months, series, m.team_average, low=1, high=5,
                            average_label=self.tr("Team average"),
                            empty_text=self.tr("No submitted evaluations in the last two years."))
