"""The rep's Visits page: a day or an ISO week of the signed-in user's visits.

Day/Week toggle with previous/today/next; the table shows time (a week: date and
time), doctor, institution, type, status (draft, submitted, rejected: coloured) and
quality. Several drafts can be selected and submitted at once: the submit runs on
the writer thread (``submit_selected``); each visit succeeds or fails on its own and
the refusals are listed per visit with a translated reason (``SubmitReportDialog``).
"New visit" and double-click open the visit form. A second tab shows the team's
Good practice list.

Threading: reads on the read pool, the submit on the writer thread; the page
refreshes on ``Ops.changed`` and when the visit form saves.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import company_time
from desktop.ops import OpFailure, Ops
from desktop.ui import print_actions
from desktop.ui.elided_label import ElidedLabel
from desktop.ui.good_practice import GoodPracticeList
from desktop.ui.visit_form_labels import problem_text
from desktop.ui.visits_model import VisitTableModel, local_date_time, quality_text
from desktop.visit_lists import (
    DRAFT,
    VISIT_CHANGES,
    VisitKey,
    VisitList,
    VisitRow,
    delete_drafts,
    my_visits,
    submit_selected,
    visit_key,
    week_start,
)
from domain.visit_rules import FieldError

DAY, WEEK = "day", "week"
DAY_COLUMNS = ("time", "doctor", "institution", "type", "status", "quality")
WEEK_COLUMNS = ("when", "doctor", "institution", "type", "status", "quality")

REFUSALS = "SubmitRefusals"
FIELD_LABELS: dict[str, object] = {
    "doctor_id": QT_TRANSLATE_NOOP("SubmitRefusals", "Doctor"),
    "visit_type": QT_TRANSLATE_NOOP("SubmitRefusals", "Visit type"),
    "started_at": QT_TRANSLATE_NOOP("SubmitRefusals", "Start"),
    "ended_at": QT_TRANSLATE_NOOP("SubmitRefusals", "End"),
    "purpose": QT_TRANSLATE_NOOP("SubmitRefusals", "Purpose"),
    "products_detailed": QT_TRANSLATE_NOOP("SubmitRefusals", "Products detailed"),
    "doctor_feedback": QT_TRANSLATE_NOOP("SubmitRefusals", "Doctor feedback"),
    "result": QT_TRANSLATE_NOOP("SubmitRefusals", "Result"),
    "next_step": QT_TRANSLATE_NOOP("SubmitRefusals", "Next step"),
    "next_visit_date": QT_TRANSLATE_NOOP("SubmitRefusals", "Next visit date"),
    "accompanied_by_id": QT_TRANSLATE_NOOP("SubmitRefusals", "Accompanied by"),
    "companion_ids": QT_TRANSLATE_NOOP("SubmitRefusals", "Accompanied by"),
}
# Refusals the visit form never shows (its own wording is in visit_form_labels).
REASONS: dict[str, object] = {
    "too_long": QT_TRANSLATE_NOOP("SubmitRefusals", "Too long."),
    "not_found": QT_TRANSLATE_NOOP("SubmitRefusals", "This visit is no longer on this computer."),
}


def refusal_text(error: FieldError) -> str:
    """A refusal in the user's language: "Purpose: Required to submit the visit."."""
    source = REASONS.get(error.code)
    text = (QCoreApplication.translate(REFUSALS, str(source)) if source is not None
            else problem_text(error))
    base = (error.field or "").split("[")[0].split(".")[0]
    field = FIELD_LABELS.get(base)
    return f"{QCoreApplication.translate(REFUSALS, str(field))}: {text}" if field else text


def setup_visit_table(table: QTableView, widths: Sequence[int], stretch: int) -> None:
    """Row selection, fixed row height, interactive columns, column ``stretch`` taking the
    spare width (the institution: long names): shared by both visit pages."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def open_visit(parent: QWidget, ops: Ops, role: str, visit_id: uuid.UUID | None,
               on_saved: Callable[[object], None]) -> QDialog:
    """Open the visit form (its module is imported on first use: a faster start)."""
    from desktop.ui.visit_form import open_visit_dialog

    dialog = open_visit_dialog(parent, ops, role, visit_id)
    dialog.saved.connect(on_saved)
    return dialog


class SubmitReportDialog(QDialog):
    """Which visits were not submitted and why (one entry per visit, its reasons below it)."""

    def __init__(self, submitted: int, refused: list[tuple[VisitRow | None, list[FieldError]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Submit visits"))
        self.resize(560, 320)
        layout = QVBoxLayout(self)
        text = self.tr("%1 submitted. %2 could not be submitted; fix them and submit again:") \
            .replace("%1", QLocale().toString(submitted)).replace("%2", QLocale().toString(len(refused)))
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        for row, errors in refused:
            title = (f"{row.doctor_name} — {local_date_time(row.started_at)}" if row is not None
                     else self.tr("Unknown visit"))
            item = QTreeWidgetItem([title])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            for error in errors:
                child = QTreeWidgetItem(["• " + refusal_text(error)])
                child.setForeground(0, Qt.GlobalColor.darkRed)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def lines(self) -> list[str]:
        """Each visit and its reasons as shown (for tests)."""
        out: list[str] = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is None:
                continue
            out.append(item.text(0))
            children = (item.child(j) for j in range(item.childCount()))
            out += [child.text(0) for child in children if child is not None]
        return out


class VisitsPage(QWidget):
    """See the module docstring. ``go_to(day)``/``set_mode(DAY|WEEK)`` move the period."""

    def __init__(self, ops: Ops, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.mode = DAY
        self.day = company_time.today()
        self._generation = 0
        self.rows: dict[VisitKey, VisitRow] = {}
        self.report: SubmitReportDialog | None = None
        self.dialog: QDialog | None = None

        self.day_button = self._toggle(self.tr("Day"))
        self.week_button = self._toggle(self.tr("Week"))
        self.day_button.setChecked(True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(self.day_button)
        group.addButton(self.week_button)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Previous"))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next"))
        self.today_button = QPushButton(self.tr("Today"))
        self.period = ElidedLabel()  # a long week elides in a narrow window (tooltip: whole)
        font = self.period.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 2)
        self.period.setFont(font)
        self.new_button = QPushButton(self.tr("New visit"))
        self.delete_button = QPushButton(self.tr("Delete drafts"))
        self.delete_button.setEnabled(False)
        self.delete_button.setToolTip(self.tr("Throw the selected drafts away (submitted visits "
                                              "cannot be deleted)."))
        self.confirm_delete: Callable[[int], bool] = self._ask_delete
        self.submit_button = QPushButton(self.tr("Submit selected"))
        self.submit_button.setEnabled(False)
        self.submit_button.setToolTip(self.tr("Submit the selected drafts: they are locked for good."))

        bar = QHBoxLayout()
        for w in (self.day_button, self.week_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        for button in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(button)
        bar.addSpacing(12)
        bar.addWidget(self.period, 1)
        self.print_button = print_actions.PrintMenuButton(ops,
                                                          lambda: self.day, role)
        bar.addWidget(self.print_button)
        bar.addWidget(self.new_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.submit_button)

        self.model = VisitTableModel(ops, DAY_COLUMNS, self)
        self.model.headers = self._headers
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_visit_table(self.table, (90, 110, 260, 150, 90, 70), stretch=2)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid); padding: 16px;")
        self.summary = QLabel()
        self.summary.setStyleSheet("color: palette(mid);")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.unsaved: list[uuid.UUID] = []
        self.unsaved_label = QLabel()
        self.unsaved_label.setWordWrap(True)
        self.unsaved_label.setStyleSheet("background: #fff8e1; border: 1px solid #ffcc80; padding: 6px;")
        self.unsaved_label.linkActivated.connect(lambda _link: self.open_unsaved())
        self.unsaved_label.hide()

        mine = QWidget()
        mine_layout = QVBoxLayout(mine)
        mine_layout.setContentsMargins(0, 6, 0, 0)
        mine_layout.addLayout(bar)
        mine_layout.addWidget(self.unsaved_label)
        mine_layout.addWidget(self.table, 1)
        mine_layout.addWidget(self.empty)
        mine_layout.addWidget(self.summary)
        mine_layout.addWidget(self.message)
        self.good_practice = GoodPracticeList(ops)
        self.tabs = QTabWidget()
        self.tabs.addTab(mine, self.tr("My visits"))
        self.tabs.addTab(self.good_practice, self.tr("Good practice"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

        self.day_button.clicked.connect(lambda: self.set_mode(DAY))
        self.week_button.clicked.connect(lambda: self.set_mode(WEEK))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(lambda: self.go_to(company_time.today()))
        self.new_button.clicked.connect(lambda: self.open_visit(None))
        self.submit_button.clicked.connect(self.submit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.good_practice.open_requested.connect(self.open_visit)
        self.tabs.currentChanged.connect(self._tab_changed)
        ops.changed.connect(self._changed)
        self.refresh()

    def _toggle(self, text: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _headers(self) -> list[str]:
        first = self.tr("Time") if self.mode == DAY else self.tr("Date and time")
        return [first, self.tr("Doctor"), self.tr("Institution"), self.tr("Type"), self.tr("Status"),
                self.tr("Quality")]

    # --- period --------------------------------------------------------------------------

    def period_days(self) -> tuple[dt.date, dt.date]:
        if self.mode == DAY:
            return self.day, self.day
        monday = week_start(self.day)
        return monday, monday + dt.timedelta(days=6)

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.day_button.setChecked(mode == DAY)
        self.week_button.setChecked(mode == WEEK)
        self.model.set_columns(DAY_COLUMNS if mode == DAY else WEEK_COLUMNS)
        self.table.setColumnWidth(0, 90 if mode == DAY else 150)
        self.refresh()

    def step(self, direction: int) -> None:
        self.go_to(self.day + dt.timedelta(days=direction * (1 if self.mode == DAY else 7)))

    def go_to(self, day: dt.date) -> None:
        self.day = day
        self.refresh()

    def period_text(self) -> str:
        loc = QLocale()
        first, last = self.period_days()
        if self.mode == DAY:
            return loc.toString(QDate(first.year, first.month, first.day), QLocale.FormatType.LongFormat)
        return (self.tr("Week %1: %2 – %3").replace("%1", loc.toString(first.isocalendar().week))
                .replace("%2", loc.toString(QDate(first.year, first.month, first.day),
                                            QLocale.FormatType.ShortFormat))
                .replace("%3", loc.toString(QDate(last.year, last.month, last.day),
                                            QLocale.FormatType.ShortFormat)))

    # --- loading ---------------------------------------------------------------------------

    def _changed(self, _tables: frozenset[str]) -> None:
        self.refresh()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.good_practice:
            self.good_practice.refresh()

    def refresh(self) -> None:
        """Re-read the period's visits (and the Good practice list when it is shown)."""
        self.period.setText(self.period_text())
        self._generation += 1
        generation = self._generation
        first, last = self.period_days()
        self.ops.query(lambda replica: my_visits(replica, first, last),
                       on_done=lambda result: self._show(generation, result),
                       on_error=self._failed)
        if self.tabs.currentWidget() is self.good_practice:
            self.good_practice.refresh()

    def _show(self, generation: int, result: VisitList) -> None:
        if generation != self._generation:
            return
        selected = {visit_key(i) for i in self.selected_ids()}
        self.rows = result.rows
        self.model.set_ids(result.ids, result.rows)
        selection = self.table.selectionModel()
        for row, key in enumerate(result.ids):
            if key in selected:
                selection.select(self.model.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        has_rows = bool(result.ids)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.empty.setText(self.tr("No visits on this day.") if self.mode == DAY
                           else self.tr("No visits in this week."))
        rows = list(result.rows.values())
        drafts = sum(1 for r in rows if r.local_status == DRAFT)
        scored = [r.quality for r in rows if r.quality is not None]
        loc = QLocale()
        visits = (self.tr("1 visit") if len(rows) == 1 else
                  self.tr("%1 visits").replace("%1", loc.toString(len(rows))))
        draft_text = (self.tr("1 draft") if drafts == 1 else
                      self.tr("%1 drafts").replace("%1", loc.toString(drafts)))
        text = self.tr("%1, %2").replace("%1", visits).replace("%2", draft_text)
        if scored:
            text += self.tr(" · average quality %1").replace(
                "%1", quality_text(sum(scored) / len(scored)))
        self.summary.setText(text)
        self.unsaved = list(result.unsaved)
        self.unsaved_label.setVisible(bool(self.unsaved))
        self.unsaved_label.setText(
            self.tr("%1 visit form(s) not saved as a draft yet (something required to save is "
                    "missing, such as the doctor). What you typed is kept on this computer. "
                    "<a href='open'>Continue</a>").replace("%1", QLocale().toString(len(self.unsaved))))
        self._selection_changed()

    def open_unsaved(self) -> None:
        """Reopen the newest form that exists only in the journal."""
        if self.unsaved:
            self.open_visit(self.unsaved[0])

    def _failed(self, failure: OpFailure) -> None:
        self.message.setText(self.tr("Could not read your visits: %1").replace("%1", failure.message))

    # --- selection and submit ------------------------------------------------------------------

    def selected_ids(self) -> list[uuid.UUID]:
        ids = (self.model.id_at(i.row()) for i in self.table.selectionModel().selectedRows())
        return [i for i in ids if i is not None]

    def select_ids(self, ids: Sequence[uuid.UUID]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for visit_id in ids:
            row = self.model.row_of(visit_id)
            if row >= 0:
                selection.select(self.model.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def submittable_ids(self) -> list[uuid.UUID]:
        rows = (self.rows.get(visit_key(i)) for i in self.selected_ids())
        return [r.id for r in rows if r is not None and r.submittable]

    def _selection_changed(self) -> None:
        count = len(self.submittable_ids())
        self.delete_button.setEnabled(count > 0)
        self.submit_button.setEnabled(count > 0)
        self.submit_button.setText(self.tr("Submit selected (%1)").replace("%1", QLocale().toString(count))
                                   if count else self.tr("Submit selected"))

    def _ask_delete(self, count: int) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Delete drafts"),
            self.tr("Delete %1 draft(s)? This cannot be undone.")
            .replace("%1", QLocale().toString(count)))
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> None:
        ids = self.submittable_ids()
        if not ids or not self.confirm_delete(len(ids)):
            return
        self.ops.write(lambda replica: delete_drafts(replica, ids), changes=VISIT_CHANGES,
                       on_done=self._deleted,
                       on_error=lambda failure: self.message.setText(
                           self.tr("Could not delete: %1").replace("%1", failure.message)))

    def _deleted(self, count: int) -> None:
        self.message.setText(self.tr("%1 draft(s) deleted.").replace("%1", QLocale().toString(count)))

    def submit_selected(self) -> None:
        ids = self.submittable_ids()
        if not ids:
            return
        rows = {r.id: r for r in self.rows.values()}
        self.submit_button.setEnabled(False)
        self.message.setText(self.tr("Submitting…"))
        self.ops.write(lambda replica: submit_selected(replica, ids),
                       changes=lambda result: VISIT_CHANGES if any(not e for e in result.values()) else (),
                       on_done=lambda result: self._submitted(result, rows),
                       on_error=self._submit_failed)

    def _submitted(self, result: dict[uuid.UUID, list[FieldError]],
                   rows: dict[uuid.UUID, VisitRow]) -> None:
        done = [i for i, errors in result.items() if not errors]
        refused = [(rows.get(i), errors) for i, errors in result.items() if errors]
        loc = QLocale()
        self.message.setText(self.tr("%1 visits submitted.").replace("%1", loc.toString(len(done)))
                             if not refused else "")
        if refused:
            self.report = SubmitReportDialog(len(done), refused, self)
            self.report.open()
        self._selection_changed()

    def _submit_failed(self, failure: OpFailure) -> None:
        self.message.setText(self.tr("Could not submit: %1").replace("%1", failure.message))
        self._selection_changed()

    # --- open ------------------------------------------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        visit_id = self.model.id_at(index.row())
        if visit_id is not None:
            self.open_visit(visit_id)

    def open_visit(self, visit_id: uuid.UUID | None) -> None:
        """Open (or, with None, start) a visit in the visit form; refresh when it saves."""
        self.dialog = open_visit(self, self.ops, self.role, visit_id,
                                 lambda _id: self.refresh())
