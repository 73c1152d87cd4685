"""Field days on the Plan page: a DM's own week of ride-alongs, and the RM's review.

A DM sees Monday to Sunday; each day lists the reps of their team to tick (the reps
they will ride along with, 协访/随访) and a note. A change is saved at once, offline,
and the week goes to the RM with "Submit field days". An RM picks one of their DMs
(the month's field days per DM), sees that DM's week, clicks a day for its detail, and
approves or returns a submitted week with a comment the DM reads at the top.

Built on ``desktop.ops.Ops``: every read and write is a function of
``desktop.field_days``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import field_days
from desktop.field_days import FIELD_CHANGES, FieldPlanRefused, FieldView, FieldWeek
from desktop.ops import OpFailure, Ops
from desktop.ui import print_actions
from desktop.ui.common import error_label, set_error
from desktop.ui.print_preview import PrintPreviewDialog

DAYS_IN_WEEK = 7
ID_ROLE = Qt.ItemDataRole.UserRole
PANEL_TABLES = FIELD_CHANGES | {"users"}


class FieldDaysPanel(QWidget):
    """See the module docstring. ``role``: dm or rm."""

    def __init__(self, ops: Ops, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.reviewer = role == "rm"
        self.view: FieldView | None = None
        self.monday: dt.date | None = None
        self.selected_dm: uuid.UUID | None = None
        self.selected_day: dt.date | None = None
        self.editable = False
        self._build()
        ops.changed.connect(self._tables_changed)

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        top = QHBoxLayout()
        self.intro = QLabel(self.tr("Tick the reps you will ride along with each day; changes "
                                    "are kept at once, also offline.") if not self.reviewer
                            else self.tr("Your district managers' field days: pick one, then "
                                         "a day; approve or return a submitted week."))
        self.status_label = QLabel()
        self.status_label.setStyleSheet("font-weight: bold;")
        top.addWidget(self.intro, 1)
        top.addWidget(self.status_label)
        root.addLayout(top)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3e0; color: #e65100; padding: 6px;")
        self.banner.setVisible(False)
        root.addWidget(self.banner)
        self.error = error_label()
        root.addWidget(self.error)

        body = QHBoxLayout()
        if self.reviewer:
            self.dm_table = QTableWidget(0, 4)
            self.dm_table.setHorizontalHeaderLabels(
                [self.tr("District manager"), self.tr("Field days this month"),
                 self.tr("Reps accompanied"), self.tr("This week")])
            columns = self.dm_table.horizontalHeader()
            columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.dm_table.verticalHeader().setVisible(False)
            self.dm_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            self.dm_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.dm_table.setMinimumWidth(440)
            self.dm_table.itemSelectionChanged.connect(self._dm_chosen)
            body.addWidget(self.dm_table, 2)
        grid = QGridLayout()
        self.day_headers: list[QPushButton] = []
        self.day_lists: list[QListWidget] = []
        self.day_notes: list[QLineEdit] = []
        for column in range(DAYS_IN_WEEK):
            header = QPushButton()
            header.setFlat(True)
            header.clicked.connect(lambda _c=False, n=column: self._choose_day(n))
            reps = QListWidget()
            reps.itemChanged.connect(lambda _item, n=column: self._save_day(n))
            reps.itemClicked.connect(lambda _item, n=column: self._choose_day(n))
            note = QLineEdit()
            note.setPlaceholderText(self.tr("Note"))
            note.setReadOnly(self.reviewer)
            note.editingFinished.connect(lambda n=column: self._note_finished(n))
            grid.addWidget(header, 0, column)
            grid.addWidget(reps, 1, column)
            grid.addWidget(note, 2, column)
            self.day_headers.append(header)
            self.day_lists.append(reps)
            self.day_notes.append(note)
        body.addLayout(grid, 6)
        root.addLayout(body, 1)
        self.day_detail = QLabel()
        self.day_detail.setWordWrap(True)
        root.addWidget(self.day_detail)

        bottom = QHBoxLayout()
        self.summary = QLabel()
        bottom.addWidget(self.summary, 1)
        self.comment_edit = QLineEdit()
        self.comment_edit.setPlaceholderText(
            self.tr("Comment for the district manager (required to return)"))
        self.approve_button = QPushButton(self.tr("Approve field days"))
        self.return_button = QPushButton(self.tr("Return with comment"))
        self.submit_button = QPushButton(self.tr("Submit field days"))
        self.approve_button.clicked.connect(lambda: self._review(True))
        self.return_button.clicked.connect(lambda: self._review(False))
        self.submit_button.clicked.connect(self._submit)
        comment = QVBoxLayout()
        comment.addWidget(self.comment_edit)
        self.comment_error = error_label()
        comment.addWidget(self.comment_error)
        bottom.addLayout(comment, 2)
        for w in (self.approve_button, self.return_button):
            bottom.addWidget(w)
            w.setVisible(self.reviewer)
        self.comment_edit.setVisible(self.reviewer)
        bottom.addWidget(self.submit_button)
        self.submit_button.setVisible(not self.reviewer)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Preview, print or save this week's field days "
                                             "as PDF"))
        self.print_button.clicked.connect(self.print_week)
        bottom.addWidget(self.print_button)
        root.addLayout(bottom)
        self.print_dialog: PrintPreviewDialog | None = None

    # --- loading ----------------------------------------------------------------------

    def set_week(self, monday: dt.date) -> None:
        if monday != self.monday:
            self.monday = monday
            self.selected_day = None
        self.refresh()

    def refresh(self) -> None:
        if self.monday is None:
            return
        monday, role = self.monday, self.role
        self.ops.query(lambda r: field_days.load_field_view(r, monday, role=role),
                       on_done=self._show, on_error=self._failed)

    def _tables_changed(self, tables: frozenset[str]) -> None:
        if tables & PANEL_TABLES:
            self.refresh()

    def _failed(self, failure: OpFailure) -> None:
        """Say why in the user's language, next to the comment when it is about it."""
        error = failure.error
        message = failure.message
        if isinstance(error, FieldPlanRefused):
            message = self._refusal_text(error.reason) or message
            if error.field == "review_comment":
                set_error(self.comment_error, message)
                return
        set_error(self.error, message)

    def _refusal_text(self, reason: str) -> str | None:
        return {
            "locked": self.tr("This week's field days are submitted or approved: they can no "
                              "longer be changed."),
            "out_of_scope": self.tr("You can only ride along with the reps of your own team."),
            "empty": self.tr("Plan at least one field day before submitting the week."),
            "required": self.tr("Say why the field days go back: the district manager sees "
                                "your comment."),
            "not_manager": self.tr("Only the regional manager of this district manager can "
                                   "approve or return the field days."),
            "not_owner": self.tr("Only the district manager who owns these field days can "
                                 "submit them."),
            "bad_transition": self.tr("The field days cannot move to that status now."),
            "not_allowed": self.tr("Only a district manager plans field days."),
        }.get(reason)

    def current_week(self) -> FieldWeek | None:
        if self.view is None:
            return None
        return self.view.week_of(self.selected_dm if self.reviewer else self.view.me)

    def _show(self, view: FieldView) -> None:
        if view.week_start != self.monday:
            return
        self.view = view
        if self.reviewer:
            self._fill_dm_table(view)
        week = self.current_week()
        self._show_status(week)
        self._fill_grid(week)
        self._show_day_detail()

    def _fill_dm_table(self, view: FieldView) -> None:
        table = self.dm_table
        table.blockSignals(True)
        table.setRowCount(0)
        weeks = {w.manager_id: w for w in view.weeks}
        for dm_id, name in view.team:
            month = view.month.get(dm_id)
            week = weeks.get(dm_id)
            row = table.rowCount()
            table.insertRow(row)
            cells = (name, str(month.days if month else 0), str(month.reps if month else 0),
                     self._status_text(week.status if week else None))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, str(dm_id))
                table.setItem(row, column, item)
            if self.selected_dm is None:
                self.selected_dm = dm_id
            if dm_id == self.selected_dm:
                table.selectRow(row)
        table.blockSignals(False)

    def _dm_chosen(self) -> None:
        rows = self.dm_table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.dm_table.item(rows[0].row(), 0)
        if item is None:
            return
        self.selected_dm = uuid.UUID(str(item.data(ID_ROLE)))
        week = self.current_week()
        self._show_status(week)
        self._fill_grid(week)
        self._show_day_detail()

    def _show_status(self, week: FieldWeek | None) -> None:
        status = week.status if week else None
        who = f"{week.manager_name}: " if week and self.reviewer else ""
        self.status_label.setText(who + self._status_text(status))
        returned = week is not None and status == "returned" and bool(week.review_comment)
        if returned and week is not None:
            self.banner.setText(self.tr("Returned by your regional manager: {comment}").format(
                comment=week.review_comment))
        self.banner.setVisible(returned and not self.reviewer)
        editable = not self.reviewer and status in (None, "draft", "returned")
        self.submit_button.setEnabled(editable and week is not None and week.field_days > 0)
        reviewable = self.reviewer and status == "submitted"
        for w in (self.approve_button, self.return_button, self.comment_edit):
            w.setEnabled(reviewable)
        self.editable = editable
        count = week.field_days if week else 0
        self.summary.setText(self.tr("Field days this week: {days}").format(days=count))

    def _fill_grid(self, week: FieldWeek | None) -> None:
        assert self.monday is not None
        locale = QLocale()
        team = self.view.team if self.view is not None and not self.reviewer else ()
        same_week = getattr(self, "_grid_monday", None) == self.monday
        self._grid_monday = self.monday
        for column in range(DAYS_IN_WEEK):
            day = self.monday + dt.timedelta(days=column)
            chosen = set(week.reps_on(day)) if week else set()
            reps = self.day_lists[column]
            reps.blockSignals(True)
            reps.clear()
            if self.reviewer:
                for entry in (week.on(day) if week else []):
                    if entry.rep_id is not None:
                        reps.addItem(QListWidgetItem(entry.rep_name))
            else:
                for rep_id, name in team:
                    item = QListWidgetItem(name)
                    item.setData(ID_ROLE, str(rep_id))
                    flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                    if not self.editable:
                        flags &= ~Qt.ItemFlag.ItemIsEnabled
                    item.setFlags(flags)
                    item.setCheckState(Qt.CheckState.Checked if rep_id in chosen
                                       else Qt.CheckState.Unchecked)
                    reps.addItem(item)
            reps.blockSignals(False)
            note = self.day_notes[column]
            note.blockSignals(True)
            if not (same_week and note.hasFocus() and note.isModified()):
                # (a refresh after a sync or a tick keeps the note being typed: it is
                # saved when its field is left)
                note.setText(week.note_on(day) if week else "")
            note.setReadOnly(not self.editable)
            note.blockSignals(False)
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            short = locale.toString(QDate(day.year, day.month, day.day), "M/d")
            self.day_headers[column].setText(f"{name} {short} · {len(chosen)}")
            self.day_headers[column].setStyleSheet(
                "font-weight: bold; text-decoration: underline;"
                if day == self.selected_day else "")

    def _choose_day(self, column: int) -> None:
        if self.monday is None:
            return
        self.selected_day = self.monday + dt.timedelta(days=column)
        for n, header in enumerate(self.day_headers):
            header.setStyleSheet("font-weight: bold; text-decoration: underline;"
                                 if n == column else "")
        self._show_day_detail()

    def _show_day_detail(self) -> None:
        week = self.current_week()
        day = self.selected_day
        if day is None or week is None:
            self.day_detail.setText("")
            return
        names = [e.rep_name for e in week.on(day) if e.rep_id is not None]
        when = QLocale().toString(QDate(day.year, day.month, day.day),
                                 QLocale.FormatType.LongFormat)
        text = (self.tr("{day}: riding along with {reps}").format(day=when, reps=", ".join(names))
                if names else self.tr("{day}: no ride-along planned").format(day=when))
        note = week.note_on(day)
        self.day_detail.setText(text + (f" — {note}" if note else ""))

    def _status_text(self, status: str | None) -> str:
        return {None: self.tr("Not started"), "draft": self.tr("Draft"),
                "submitted": self.tr("Submitted"), "approved": self.tr("Approved"),
                "returned": self.tr("Returned")}.get(status, status or "")

    # --- printing ---------------------------------------------------------------------

    def print_week(self) -> PrintPreviewDialog | None:
        """The field days of the week shown: the DM's own, or the DM the RM picked."""
        if self.monday is None:
            return None
        manager = self.selected_dm if self.reviewer else None
        self.print_dialog = print_actions.print_field_days(self.window(), self.ops, self.monday,
                                                           manager)
        return self.print_dialog

    # --- writing ----------------------------------------------------------------------

    def chosen_reps(self, column: int) -> list[uuid.UUID]:
        reps = self.day_lists[column]
        return [uuid.UUID(str(reps.item(i).data(ID_ROLE))) for i in range(reps.count())
                if reps.item(i).checkState() == Qt.CheckState.Checked]

    def _note_finished(self, column: int) -> None:
        week = self.current_week()
        day = self.monday + dt.timedelta(days=column) if self.monday else None
        if self.reviewer or day is None:
            return
        if self.day_notes[column].text().strip() != (week.note_on(day) if week else ""):
            self._save_day(column)

    def _save_day(self, column: int) -> None:
        if self.reviewer or self.monday is None or not self.editable:
            return
        monday = self.monday
        day = monday + dt.timedelta(days=column)
        reps, note = self.chosen_reps(column), self.day_notes[column].text()
        set_error(self.error, None)
        self.ops.write(lambda r: field_days.save_day(r, monday, day, reps, note),
                       changes=FIELD_CHANGES, on_error=self._failed)

    def _submit(self) -> None:
        week = self.current_week()
        if week is None or week.plan_id is None:
            return
        plan_id = week.plan_id
        set_error(self.error, None)
        self.ops.write(lambda r: field_days.submit(r, plan_id), changes=FIELD_CHANGES,
                       on_error=self._failed)

    def _review(self, approve: bool) -> None:
        week = self.current_week()
        if week is None or week.plan_id is None:
            return
        plan_id, comment = week.plan_id, self.comment_edit.text()
        set_error(self.error, None)
        set_error(self.comment_error, None)
        self.ops.write(lambda r: field_days.review(r, plan_id, approve=approve, comment=comment),
                       changes=FIELD_CHANGES, on_done=lambda _r: self.comment_edit.clear(),
                       on_error=self._failed)
