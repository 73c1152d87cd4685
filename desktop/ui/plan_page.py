"""The Plan page: a week grid (Monday–Sunday), suggestions, the day's route and map,
submission for the rep and approval for managers.

A rep plans their own week: drag a suggested doctor onto a day (or select it and press
Enter to add it to the chosen day), drag a planned visit to another day, Delete
removes it, "Fill the week" spreads the best suggestions over the working days (up to
a number per day the rep sets). The day panel shows the route in order with its
distance and time and a schematic map; dragging the stops reorders them by hand and
the order is kept until "Shortest order". A manager sees their team: the month's plan
adherence per person, then a person's week, then a day, and approves or returns a
submitted week with a comment the rep reads at the top of their week. Beside the team's
plans a DM has a tab for their own field days (the reps they ride along with, each
day) and an RM one for their DMs' field days (``desktop.ui.field_days_panel``); a rep
reads above the grid, and on the day's header (★), the days their manager rides along.

Built on ``desktop.ops.Ops``: every read and write is a function of ``desktop.planning``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import company_time, planning
from desktop.field_days import RideAlong, rides_in_week
from desktop.ops import OpFailure, Ops
from desktop.planning import DayRoute, MonthAdherence, Outcome, Suggestion, WeekPlan, WeekView
from desktop.ui import print_actions
from desktop.ui.common import error_label, heading, set_error, to_qdate
from desktop.ui.field_days_panel import FieldDaysPanel
from desktop.ui.plan_widgets import ID_ROLE, OUTCOME_COLOURS, DayList, RouteMap, SuggestionList

PLAN_TABLES = frozenset({"visit_plans", "planned_visits", "visits", "doctors", "frequency_rules",
                         "users", "institutions"})
DAYS_IN_WEEK = 7
MAX_PER_DAY_LIMIT = 20
TEAM_PANEL_MIN_WIDTH = 240
DAY_MIN_WIDTH = 50  # a day column of the week grid
DAY_HEADER_PADDING = 12
MAX_REMINDER_DAY = 28
RIDE_TABLES = frozenset({"field_plans", "field_days"})
RIDE_MARK = " ★"


class PlanPage(QWidget):
    """See the module docstring. ``role``: rep, dm, rm or admin."""

    def __init__(self, ops: Ops, role: str, parent: QWidget | None = None, *,
                 monday: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.manager = role != "rep"
        self.view: WeekView | None = None
        self.selected_rep: uuid.UUID | None = None
        self.selected_day: dt.date | None = None
        self.adherence: dict[uuid.UUID, MonthAdherence] = {}
        self.monday = monday or planning.week_start(company_time.today())
        self._build()
        ops.changed.connect(self._tables_changed)
        if monday is None:
            ops.query(planning.this_week, on_done=self._go_this_week, on_error=self._failed)
        else:
            self.refresh()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = heading(self.tr("Plan"))
        self.prev_button = QPushButton(self.tr("◀ Previous week"))
        self.this_button = QPushButton(self.tr("This week"))
        self.next_button = QPushButton(self.tr("Next week ▶"))
        self.week_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setStyleSheet("font-weight: bold;")
        self.status_label.setWordWrap(True)
        self.prev_button.clicked.connect(lambda: self._shift(-1))
        self.next_button.clicked.connect(lambda: self._shift(1))
        self.this_button.clicked.connect(
            lambda: self.ops.query(planning.this_week, on_done=self._go_this_week))
        for w in (self.title, self.prev_button, self.this_button, self.next_button,
                  self.week_label):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.status_label)
        root.addLayout(top)
        self.field_panel: FieldDaysPanel | None = None
        if self.role in ("dm", "rm"):
            # A manager's own field days (DM) or their DMs' (RM) beside the team's plans.
            self.tabs = QTabWidget()
            root.addWidget(self.tabs, 1)
            team = QWidget()
            self.tabs.addTab(team, self.tr("Team plans"))
            self.field_panel = FieldDaysPanel(self.ops, self.role)
            self.tabs.addTab(self.field_panel, self.tr("My field days") if self.role == "dm"
                             else self.tr("District managers' field days"))
            # The status at the top is the team week's: shown on that tab only.
            self.tabs.currentChanged.connect(
                lambda index: self.status_label.setVisible(index == 0))
            root = QVBoxLayout(team)
            root.setContentsMargins(0, 0, 0, 0)
        self.rides: list[RideAlong] = []
        self.ride_label = QLabel()
        self.ride_label.setWordWrap(True)
        self.ride_label.setStyleSheet("background: #e3f2fd; color: #0d47a1; padding: 6px;")
        self.ride_label.setVisible(False)
        root.addWidget(self.ride_label)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3e0; color: #e65100; padding: 6px;")
        self.banner.setVisible(False)
        root.addWidget(self.banner)
        self.error = error_label()
        root.addWidget(self.error)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._left_panel())
        split.addWidget(self._grid_panel())
        split.addWidget(self._day_panel())
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 6)
        split.setStretchFactor(2, 3)
        root.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bottom.addWidget(self.summary, 1)
        self.comment_edit = QLineEdit()
        self.comment_edit.setPlaceholderText(self.tr("Comment for the rep (required to return)"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.return_button = QPushButton(self.tr("Return with comment"))
        self.submit_button = QPushButton(self.tr("Submit plan"))
        self.approve_button.clicked.connect(lambda: self._review(True))
        self.return_button.clicked.connect(lambda: self._review(False))
        self.submit_button.clicked.connect(self._submit)
        for control in (self.comment_edit, self.approve_button, self.return_button):
            bottom.addWidget(control)
            control.setVisible(self.manager)
        bottom.addWidget(self.submit_button)
        self.submit_button.setVisible(not self.manager)
        self.print_button = QToolButton()
        self.print_button.setText(self.tr("Print"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        print_menu.addAction(self.tr("Weekly report (plan against actual)…"),
                             lambda: print_actions.print_weekly_report(self, self.ops, self.monday))
        print_menu.addAction(self.tr("Day plan with route…"),
                             lambda: print_actions.print_day_plan(
                                 self, self.ops, self.selected_day or self.monday))
        if self.field_panel is not None:
            # The DM's own week; for an RM the DM picked on the field-days tab.
            print_menu.addAction(self.tr("Field days (week)…"), self._print_field_days)
        self.print_button.setMenu(print_menu)
        bottom.addWidget(self.print_button)
        root.addLayout(bottom)

    def _print_field_days(self) -> None:
        if self.field_panel is not None:
            self.field_panel.print_week()

    def _left_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.manager:
            layout.addWidget(QLabel(self.tr("Team this month")))
            self.team_table = QTableWidget(0, 4)
            self.team_table.setHorizontalHeaderLabels(
                [self.tr("Name"), self.tr("Done"), self.tr("Missed"), self.tr("Adherence")])
            header = self.team_table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            panel.setMinimumWidth(TEAM_PANEL_MIN_WIDTH)
            self.team_table.verticalHeader().setVisible(False)
            self.team_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            self.team_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.team_table.itemSelectionChanged.connect(self._team_row_chosen)
            layout.addWidget(self.team_table, 1)
            return panel
        layout.addWidget(_wrapping(QLabel(self.tr("Suggestions (drag onto a day, or Enter)"))))
        self.suggestion_list = SuggestionList()
        _wrap_items(self.suggestion_list)
        self.suggestion_list.installEventFilter(self)
        layout.addWidget(self.suggestion_list, 1)
        row = QHBoxLayout()
        self.day_combo = QComboBox()
        # filled after the first show: size to the days, not to the empty combo
        self.day_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.add_button = QPushButton(self.tr("Add to day"))
        self.add_button.clicked.connect(self._add_selected)
        row.addWidget(self.day_combo, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        fill = QHBoxLayout()
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, DAYS_IN_WEEK)
        self.days_spin.setValue(planning.WORKING_DAYS)
        self.days_spin.setSuffix(self.tr(" days"))
        self.per_day_spin = QSpinBox()
        self.per_day_spin.setRange(1, MAX_PER_DAY_LIMIT)
        self.per_day_spin.setValue(planning.DEFAULT_MAX_PER_DAY)
        self.per_day_spin.setSuffix(self.tr(" per day"))
        self.fill_button = QPushButton(self.tr("Fill the week"))
        self.fill_button.setToolTip(self.tr("Spread the best suggestions over the working days; "
                                            "doctors of one institution stay on one day"))
        self.fill_button.clicked.connect(self._fill_week)
        for w in (self.days_spin, self.per_day_spin):
            fill.addWidget(w)
        layout.addLayout(fill)
        layout.addWidget(self.fill_button)  # its own line: the panel stays narrow
        remind = QHBoxLayout()
        remind.addWidget(_wrapping(QLabel(self.tr("Remind me of doctors behind from day"))), 1)
        self.reminder_spin = QSpinBox()
        self.reminder_spin.setRange(1, MAX_REMINDER_DAY)
        self.reminder_spin.setToolTip(self.tr("Day of the month from which Today lists the target "
                                              "doctors behind their visits"))
        remind.addWidget(self.reminder_spin)
        layout.addLayout(remind)
        self.ops.query(planning.reminder_day_setting, on_done=self._show_reminder_day)
        self.reminder_spin.valueChanged.connect(self._reminder_day_changed)
        return panel

    def _show_reminder_day(self, days: tuple[int, int]) -> None:
        self.reminder_spin.blockSignals(True)
        self.reminder_spin.setValue(days[0])
        self.reminder_spin.blockSignals(False)

    def _reminder_day_changed(self, day: int) -> None:
        self.ops.write(lambda r: planning.set_reminder_day(r, day), changes={"sync_state"},
                       on_error=self._failed)

    def _grid_panel(self) -> QWidget:
        panel = QFrame()
        grid = QGridLayout(panel)
        grid.setContentsMargins(0, 0, 0, 0)
        self.day_headers: list[QPushButton] = []
        self.day_lists: list[DayList] = []
        for column in range(DAYS_IN_WEEK):
            header = QPushButton()
            header.setFlat(True)
            header.setMinimumWidth(DAY_MIN_WIDTH)  # a push button would insist on 80 px
            header.clicked.connect(lambda _c=False, n=column: self._choose_day(n))
            day_list = DayList(self.monday + dt.timedelta(days=column))
            day_list.setMinimumWidth(DAY_MIN_WIDTH)
            _wrap_items(day_list)
            day_list.dropped.connect(self._dropped)
            day_list.itemSelectionChanged.connect(lambda n=column: self._choose_day(n))
            day_list.installEventFilter(self)
            grid.addWidget(header, 0, column)
            grid.addWidget(day_list, 1, column)
            self.day_headers.append(header)
            self.day_lists.append(day_list)
        self.legend = QLabel(" · ".join(
            f"<span style='color:{OUTCOME_COLOURS[o].name()}'>●</span> {self._outcome_text(o)}"
            for o in Outcome))
        self.legend.setWordWrap(True)
        grid.addWidget(self.legend, 2, 0, 1, DAYS_IN_WEEK)
        return panel

    def _day_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.day_title = QLabel()
        self.day_title.setStyleSheet("font-weight: bold;")
        self.day_title.setWordWrap(True)
        layout.addWidget(self.day_title)
        self.route_map = RouteMap()
        layout.addWidget(self.route_map, 3)
        self.route_list = QListWidget()
        _wrap_items(self.route_list)
        self.route_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.route_list.model().rowsMoved.connect(self._route_reordered)
        layout.addWidget(self.route_list, 2)
        self.route_stats = QLabel()
        self.route_stats.setWordWrap(True)
        layout.addWidget(self.route_stats)
        self.shortest_button = QPushButton(self.tr("Shortest order"))
        self.shortest_button.clicked.connect(self._shortest_order)
        layout.addWidget(self.shortest_button)
        return panel

    # --- loading ----------------------------------------------------------------------

    def _go_this_week(self, today_and_monday: tuple[dt.date, dt.date]) -> None:
        today, self.monday = today_and_monday
        self.selected_day = today if planning.in_week(today, self.monday) else self.monday
        self.refresh()

    def _shift(self, weeks: int) -> None:
        self.monday += dt.timedelta(weeks=weeks)
        self.selected_day = self.monday
        self.refresh()

    def refresh(self) -> None:
        monday, role = self.monday, self.role
        self.ops.query(lambda r: planning.load_week(r, monday, role=role),
                       on_done=self._show_week, on_error=self._failed)
        if self.manager:
            self.ops.query(planning.team_adherence, on_done=self._show_adherence,
                           on_error=self._failed)
        else:
            day = self.selected_day
            self.ops.query(lambda r: planning.suggestions(r, monday, day=day),
                           on_done=self._show_suggestions, on_error=self._failed)
            self.ops.query(lambda r: rides_in_week(r, monday),
                           on_done=lambda rides: self._show_rides(monday, rides),
                           on_error=self._failed)
        if self.field_panel is not None:
            self.field_panel.set_week(monday)

    def _tables_changed(self, tables: frozenset[str]) -> None:
        if tables & PLAN_TABLES:
            self.refresh()
        elif not self.manager and tables & RIDE_TABLES:
            monday = self.monday
            self.ops.query(lambda r: rides_in_week(r, monday),
                           on_done=lambda rides: self._show_rides(monday, rides))

    def _show_rides(self, monday: dt.date, rides: list[RideAlong]) -> None:
        """The days this week the rep's manager rides along (their submitted or approved
        field days): a line above the grid and a mark on the day's header."""
        if monday != self.monday:
            return
        self.rides = rides
        locale = QLocale()
        lines = [self.tr("{manager} rides along with you on {day}").format(
            manager=r.manager_name, day=locale.toString(to_qdate(r.day), QLocale.FormatType.LongFormat))
            + (f" — {r.note}" if r.note else "")
            + ("" if r.status == "approved" else " " + self.tr("(awaiting approval)"))
            for r in rides]
        self.ride_label.setText("\n".join(lines))
        self.ride_label.setVisible(bool(lines))
        self._mark_ride_days()

    def _mark_ride_days(self) -> None:
        by_day = {r.day: r for r in self.rides}
        for column, header in enumerate(self.day_headers):
            day = self.monday + dt.timedelta(days=column)
            ride = by_day.get(day)
            text = header.text().removesuffix(RIDE_MARK)
            header.setText(text + RIDE_MARK if ride else text)
            header.setToolTip(self.tr("{manager} rides along").format(manager=ride.manager_name)
                              if ride else "")

    def _failed(self, failure: OpFailure) -> None:
        """Say why in the user's language (a refusal's own text is English, for logs)."""
        error = failure.error
        message = failure.message
        if isinstance(error, planning.PlanRefused):
            message = self._refusal_text(error.reason, error.field) or message
        set_error(self.error, message)

    def _refusal_text(self, reason: str, field: str | None) -> str | None:
        if reason == "bad_transition":
            return (self.tr("Say why the plan goes back: the rep sees your comment.")
                    if field == "review_comment"
                    else self.tr("The plan cannot move to that status now."))
        return {
            "locked": self.tr("This week's plan is submitted or approved: it can no longer be "
                              "changed."),
            "no_territory": self.tr("Only a user with a territory plans a week of visits."),
            "not_found": self.tr("This doctor is not on this computer."),
            "out_of_territory": self.tr("This doctor is outside this plan's territory."),
            "duplicate": self.tr("This doctor is already planned on that day."),
            "outside_week": self.tr("That day is outside this plan's week."),
            "not_owner": self.tr("Only the rep who owns the plan can submit it."),
            "out_of_range": self.tr("The reminder day must be between 1 and 28."),
        }.get(reason)

    def current_plan(self) -> WeekPlan | None:
        if self.view is None:
            return None
        if not self.manager:
            return self.view.mine()
        for plan in self.view.plans:
            if plan.rep_id == self.selected_rep:
                return plan
        return self.view.plans[0] if self.view.plans else None

    def _show_week(self, view: WeekView) -> None:
        if view.week_start != self.monday:
            return  # an answer for a week the user has already left
        self.view = view
        if self.selected_day is None or not planning.in_week(self.selected_day, self.monday):
            self.selected_day = view.today if planning.in_week(view.today, self.monday) \
                else self.monday
        locale = QLocale()
        last = self.monday + dt.timedelta(days=DAYS_IN_WEEK - 1)
        self.week_label.setText(self.tr("{first} – {last}").format(
            first=locale.toString(to_qdate(self.monday), QLocale.FormatType.ShortFormat),
            last=locale.toString(to_qdate(last), QLocale.FormatType.ShortFormat)))
        plan = self.current_plan()
        self._show_status(plan)
        self._fill_grid(plan)
        self._fill_day_combo()
        self._show_day()
        self._show_summary(plan)

    def _show_status(self, plan: WeekPlan | None) -> None:
        status = plan.status if plan else None
        who = f"{plan.rep_name}: " if plan and self.manager else ""
        self.status_label.setText(who + self._status_text(status))
        returned = plan is not None and status == "returned" and bool(plan.review_comment)
        if returned and plan is not None:
            self.banner.setText(self.tr("Returned by your manager: {comment}").format(
                comment=plan.review_comment))
        self.banner.setVisible(returned)
        editable = not self.manager and (status in (None, "draft", "returned"))
        self.submit_button.setEnabled(editable and plan is not None and bool(plan.planned))
        for w in (getattr(self, "add_button", None), getattr(self, "fill_button", None)):
            if w is not None:
                w.setEnabled(editable)
        reviewable = self.manager and status == "submitted"
        for w in (self.approve_button, self.return_button, self.comment_edit):
            w.setEnabled(reviewable)
        self.shortest_button.setEnabled(editable)
        self.route_list.setDragDropMode(
            QAbstractItemView.DragDropMode.InternalMove if editable
            else QAbstractItemView.DragDropMode.NoDragDrop)

    def _fill_grid(self, plan: WeekPlan | None) -> None:
        locale = QLocale()
        for column, (header, day_list) in enumerate(zip(self.day_headers, self.day_lists,
                                                        strict=True)):
            day = self.monday + dt.timedelta(days=column)
            day_list.day = day
            day_list.clear()
            rows = plan.on(day) if plan else []
            for p in rows:
                item = QListWidgetItem(f"{p.doctor_name} ({p.grade or '-'})\n{p.institution_name}")
                item.setData(ID_ROLE, str(p.id))
                item.setForeground(OUTCOME_COLOURS[p.outcome])
                item.setToolTip(self.tr("%1 (settled by the server)").replace(
                    "%1", self._outcome_text(p.outcome)) if p.settled
                    else self._outcome_text(p.outcome))
                day_list.addItem(item)
            for u in (plan.unplanned if plan else ()):
                if u.day == day:
                    item = QListWidgetItem(self.tr("{doctor}\n(unplanned visit)").format(
                        doctor=u.doctor_name))
                    item.setForeground(OUTCOME_COLOURS[Outcome.UNPLANNED])
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
                    day_list.addItem(item)
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            # one item a line, so seven days fit beside the panels in a 1024 px window
            text = f"{name}\n{locale.toString(to_qdate(day), 'M/d')}\n{len(rows)}"
            header.setText(text)
            bold = QFont(header.font())
            bold.setBold(True)
            header.setMinimumWidth(max(DAY_MIN_WIDTH, QFontMetrics(bold).size(0, text).width()
                                       + DAY_HEADER_PADDING))
            header.setStyleSheet("font-weight: bold; text-decoration: underline;"
                                 if day == self.selected_day else "")
        self._mark_ride_days()

    def _fill_day_combo(self) -> None:
        if self.manager:
            return
        locale = QLocale()
        self.day_combo.blockSignals(True)
        self.day_combo.clear()
        for column in range(DAYS_IN_WEEK):
            day = self.monday + dt.timedelta(days=column)
            long = locale.toString(to_qdate(day), QLocale.FormatType.LongFormat)
            short = f"{locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)} " \
                    f"{locale.toString(to_qdate(day), 'M/d')}"  # the narrow left panel: "Thu 12/3"
            self.day_combo.addItem(short, day)
            self.day_combo.setItemData(column, long, Qt.ItemDataRole.ToolTipRole)
        if self.selected_day is not None:
            self.day_combo.setCurrentIndex((self.selected_day - self.monday).days)
        self.day_combo.blockSignals(False)

    def _show_summary(self, plan: WeekPlan | None) -> None:
        if plan is None:
            self.summary.setText(self.tr("Nobody in your team has a plan this week."))
            return
        counts = plan.counts()
        distance, stops, visits = planning.week_route_stats(plan)
        share = plan.adherence
        self.summary.setText(self.tr(
            "Planned {planned} · done {done} · missed {missed} · unplanned {unplanned} · "
            "adherence {adherence} · week route {km:.1f} km, {stops} stops, {per:.1f} visits "
            "per stop").format(
            planned=len(plan.planned), done=counts[Outcome.DONE], missed=counts[Outcome.MISSED],
            unplanned=counts[Outcome.UNPLANNED],
            adherence=f"{share:.0%}" if share is not None else "–", km=distance, stops=stops,
            per=visits / stops if stops else 0.0))

    def _show_suggestions(self, ranked: list[Suggestion]) -> None:
        self.suggestion_list.clear()
        for s in ranked:
            c = s.candidate
            reasons = ", ".join(self._reason_text(r) for r in s.reasons)
            item = QListWidgetItem(f"{c.name} ({c.grade or '-'}) · {c.institution}"
                                   + (f"\n{reasons}" if reasons else ""))
            item.setData(ID_ROLE, str(uuid.UUID(c.key)))
            item.setToolTip(item.text() + "\n" + self.tr("{done} of {required} visits this month")
                            .format(done=c.done, required=c.required))
            self.suggestion_list.addItem(item)
        if ranked and self.suggestion_list.currentRow() < 0:
            self.suggestion_list.setCurrentRow(0)

    def _show_adherence(self, adherence: dict[uuid.UUID, MonthAdherence]) -> None:
        self.adherence = adherence
        view = self.view
        names = {p.rep_id: p.rep_name for p in view.plans} if view else {}
        table = self.team_table
        table.blockSignals(True)
        table.setRowCount(0)
        for rep_id, a in adherence.items():
            row = table.rowCount()
            table.insertRow(row)
            cells = (names.get(rep_id, ""), str(a.done), str(a.missed),
                     f"{a.share:.0%}" if a.share is not None else "–")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, str(rep_id))
                table.setItem(row, column, item)
            if rep_id == self.selected_rep:
                table.selectRow(row)
        table.blockSignals(False)

    # --- the day -----------------------------------------------------------------------

    def _choose_day(self, column: int) -> None:
        self.selected_day = self.monday + dt.timedelta(days=column)
        if not self.manager:
            self.day_combo.setCurrentIndex(column)
        plan = self.current_plan()
        self._fill_grid_headers_only()
        self._show_day(plan)

    def _fill_grid_headers_only(self) -> None:
        for column, header in enumerate(self.day_headers):
            day = self.monday + dt.timedelta(days=column)
            header.setStyleSheet("font-weight: bold; text-decoration: underline;"
                                 if day == self.selected_day else "")

    def _show_day(self, plan: WeekPlan | None = None) -> None:
        plan = plan or self.current_plan()
        day = self.selected_day or self.monday
        self.day_title.setText(self.tr("Route for {day}").format(
            day=QLocale().toString(to_qdate(day), QLocale.FormatType.LongFormat)))
        self.route_list.blockSignals(True)
        self.route_list.clear()
        if plan is None or not plan.on(day):
            self.day_route: DayRoute | None = None
            self.route_map.show_route(None, self.tr("No visits planned on this day."))
            self.route_stats.setText("")
            self.route_list.blockSignals(False)
            return
        route = planning.day_route(plan, day)
        self.day_route = route
        for n, stop in enumerate(route.route.stops, 1):
            visits = route.visits_by_stop.get(stop.key, ())
            item = QListWidgetItem(f"{n}. {stop.name} — " + ", ".join(v.doctor_name for v in visits))
            item.setToolTip(item.text())
            item.setData(ID_ROLE, stop.key)
            self.route_list.addItem(item)
        self.route_list.blockSignals(False)
        self.route_map.show_route(route.route)
        r = route.route
        order = self.tr("your order") if r.manual else self.tr("shortest order")
        self.route_stats.setText(self.tr(
            "{stops} stops, {km:.1f} km, about {travel:.0f} min on the road and {visit:.0f} min "
            "with doctors ({order})").format(stops=len(r.stops), km=r.distance_km,
                                             travel=r.travel_minutes, visit=r.visit_minutes,
                                             order=order))

    def _route_reordered(self, *_args: Any) -> None:
        route = getattr(self, "day_route", None)
        if route is None:
            return
        keys = [self.route_list.item(i).data(ID_ROLE) for i in range(self.route_list.count())]
        ordered = [p.id for k in keys for p in route.visits_by_stop.get(k, ())]
        self._write(lambda r: planning.reorder_day(r, ordered))

    def _shortest_order(self) -> None:
        route = getattr(self, "day_route", None)
        if route is not None:
            ids = route.planned_ids_in_order
            self._write(lambda r: planning.reset_day_order(r, ids))

    # --- edits -------------------------------------------------------------------------

    def _write(self, op: Any) -> None:
        set_error(self.error, None)
        self.ops.write(op, changes={"visit_plans", "planned_visits"}, on_error=self._failed)

    def _dropped(self, kind: str, row_id: uuid.UUID, day: dt.date) -> None:
        if self.manager:
            return
        self.selected_day = day
        monday = self.monday
        if kind == "doctor":
            self._write(lambda r: planning.plan_doctor(r, monday, row_id, day))
        else:
            self._write(lambda r: planning.move_visit(r, row_id, day))

    def add_doctor_to_day(self, doctor_id: uuid.UUID, day: dt.date) -> None:
        """Plan ``doctor_id`` on ``day`` (the keyboard path; drops go the same way)."""
        self._dropped("doctor", doctor_id, day)

    def _add_selected(self) -> None:
        item = self.suggestion_list.currentItem()
        day = self.day_combo.currentData()
        if item is not None and isinstance(day, dt.date):
            self.add_doctor_to_day(uuid.UUID(str(item.data(ID_ROLE))), day)

    def _fill_week(self) -> None:
        monday, days, per_day = self.monday, self.days_spin.value(), self.per_day_spin.value()
        self._write(lambda r: planning.auto_fill_week(r, monday, days=days, max_per_day=per_day))

    def _submit(self) -> None:
        plan = self.current_plan()
        if plan is not None and plan.plan_id is not None:
            plan_id = plan.plan_id
            self._write(lambda r: planning.submit_week(r, plan_id))

    def _review(self, approve: bool) -> None:
        plan = self.current_plan()
        if plan is None or plan.plan_id is None:
            return
        plan_id, comment = plan.plan_id, self.comment_edit.text()
        self._write(lambda r: planning.review_week(r, plan_id, approve=approve, comment=comment))
        self.comment_edit.clear()

    def _team_row_chosen(self) -> None:
        items = self.team_table.selectedItems()
        if items:
            self.selected_rep = uuid.UUID(str(items[0].data(ID_ROLE)))
            if self.view is not None:
                self._show_week(self.view)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Enter on a suggestion adds it to the chosen day; Delete removes a planned visit."""
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if watched is getattr(self, "suggestion_list", None) and key in (
                    Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._add_selected()
                return True
            if isinstance(watched, DayList) and key == Qt.Key.Key_Delete and not self.manager:
                item = watched.currentItem()
                if item is not None and item.data(ID_ROLE):
                    pv = uuid.UUID(str(item.data(ID_ROLE)))
                    self._write(lambda r: planning.remove_visit(r, pv))
                return True
        return super().eventFilter(watched, event)

    # --- texts ---------------------------------------------------------------------------

    def _status_text(self, status: str | None) -> str:
        return {
            None: self.tr("Not started"), "draft": self.tr("Draft"),
            "submitted": self.tr("Submitted, waiting for approval"),
            "approved": self.tr("Approved"), "returned": self.tr("Returned"),
        }.get(status, status or "")

    def _outcome_text(self, outcome: Outcome) -> str:
        return {Outcome.PLANNED: self.tr("planned"), Outcome.DONE: self.tr("done"),
                Outcome.MISSED: self.tr("missed"), Outcome.UNPLANNED: self.tr("unplanned")}[outcome]

    def _reason_text(self, reason: str) -> str:
        return {"behind": self.tr("behind pace"), "grade": self.tr("key grade"),
                "idle": self.tr("not seen for a while"),
                "next_visit": self.tr("next visit due"),
                "same_institution": self.tr("same hospital that day")}.get(reason, reason)


def _wrapping(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    return label


def _wrap_items(view: QListWidget) -> None:
    """Items wrap to the list's width (no sideways scrolling in a narrow panel)."""
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)
