"""Where the app's screens start a print: one call each, and a "Print" menu button.

Screens stay ignorant of printing: the Visits page adds ``PrintMenuButton`` (day, week
and month summaries of the period it shows, the weekly report and the day plan, and
the team summary for managers); the Plan screen can call ``print_weekly_report`` /
``print_day_plan`` the same way, and ``print_field_days`` for a DM's week; the
visit dialog and the doctor's detail call ``print_visit`` / ``print_doctor_history``.
Each opens a ``PrintPreviewDialog`` that builds the print off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from desktop.ops import Ops

if TYPE_CHECKING:
    from desktop.ui.print_preview import Build, PrintPreviewDialog

MANAGER_ROLES = ("dm", "rm", "admin")


def _printing() -> ModuleType:
    """The print builders, imported with the first print: reportlab, PIL and PDFium
    would otherwise load with every screen that has a Print button (~0.2 s and ~25 MB
    of the app's cold start, bench ui.cold_start_s)."""
    from desktop import printing_data

    return printing_data


def _open(parent: QWidget | None, ops: Ops, title: str, build: Build) -> PrintPreviewDialog:
    from desktop.ui.print_preview import PrintPreviewDialog  # with the first print (above)

    dialog = PrintPreviewDialog(ops, title, build, parent)
    dialog.show()
    return dialog


def print_visit_summary(parent: QWidget | None, ops: Ops, period: str, day: dt.date,
                        rep: str | None = None) -> PrintPreviewDialog:
    titles = {"day": QCoreApplication.translate("PrintActions", "Daily visit summary"),
              "week": QCoreApplication.translate("PrintActions", "Weekly visit summary"),
              "month": QCoreApplication.translate("PrintActions", "Monthly visit summary")}
    return _open(parent, ops, titles[period],
                 lambda replica, language, at: _printing().print_visit_summary(
                     replica, period, day, language, at, rep=rep))


def print_team_summary(parent: QWidget | None, ops: Ops, period: str, day: dt.date) -> PrintPreviewDialog:
    return _open(parent, ops, QCoreApplication.translate("PrintActions", "Team visit summary"),
                 lambda replica, language, at: _printing().print_team_summary(
                     replica, period, day, language, at))


def print_weekly_report(parent: QWidget | None, ops: Ops, day: dt.date) -> PrintPreviewDialog:
    return _open(parent, ops, QCoreApplication.translate("PrintActions", "Weekly report"),
                 lambda replica, language, at: _printing().print_weekly_report(replica, day, language, at))


def print_day_plan(parent: QWidget | None, ops: Ops, day: dt.date) -> PrintPreviewDialog:
    return _open(parent, ops, QCoreApplication.translate("PrintActions", "Day plan"),
                 lambda replica, language, at: _printing().print_day_plan(replica, day, language, at))


def print_field_days(parent: QWidget | None, ops: Ops, day: dt.date,
                     manager: uuid.UUID | str | None = None) -> PrintPreviewDialog:
    """A DM's field days of ``day``'s week: the signed-in DM's (``manager`` None) or, for
    an RM, the DM they picked."""
    key = str(manager) if manager is not None else None
    return _open(parent, ops, QCoreApplication.translate("PrintActions", "Field days (week)"),
                 lambda replica, language, at: _printing().print_field_days(
                     replica, day, language, at, manager=key))


def print_evaluation(parent: QWidget | None, ops: Ops, evaluation_id: uuid.UUID | str) -> PrintPreviewDialog:
    """For the evaluation screens: the form with its signature lines."""
    key = str(evaluation_id)
    return _open(parent, ops, QCoreApplication.translate("PrintActions", "Evaluation form"),
                 lambda replica, language, at: _printing().print_evaluation(replica, key, language, at))


def print_visit(parent: QWidget | None, ops: Ops, visit_id: uuid.UUID | str) -> PrintPreviewDialog:
    key = str(visit_id)
    return _open(parent, ops, QCoreApplication.translate("PrintActions", "Visit record"),
                 lambda replica, language, at: _printing().print_visit(replica, key, language, at))


def print_doctor_history(parent: QWidget | None, ops: Ops, doctor_id: uuid.UUID | str) -> PrintPreviewDialog:
    key = str(doctor_id)
    return _open(parent, ops, QCoreApplication.translate("PrintActions", "Doctor visit history"),
                 lambda replica, language, at: _printing().print_doctor_history(replica, key, language, at))


class PrintMenuButton(QToolButton):
    """"Print" with a menu of the summaries of the period a page shows.

    ``current_day`` gives the day the page is on (its week and month are printed);
    managers also get the team summary.
    """

    def __init__(self, ops: Ops, current_day: Callable[[], dt.date], role: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.current_day = current_day
        self.setText(self.tr("Print"))
        self.setToolTip(self.tr("Preview, print or save a visit summary as PDF"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.day_action = menu.addAction(self.tr("Day summary…"), lambda: self.open("day"))
        self.week_action = menu.addAction(self.tr("Week summary…"), lambda: self.open("week"))
        self.month_action = menu.addAction(self.tr("Month summary…"), lambda: self.open("month"))
        menu.addSeparator()
        self.weekly_action = menu.addAction(self.tr("Weekly report (plan against actual)…"),
                                            lambda: self.open_plan("weekly"))
        self.day_plan_action = menu.addAction(self.tr("Day plan with route…"), lambda: self.open_plan("day"))
        self.team_action = None
        if role in MANAGER_ROLES:
            menu.addSeparator()
            self.team_action = menu.addAction(self.tr("Team summary for the month…"), self.open_team)
        self.setMenu(menu)
        self.dialog: PrintPreviewDialog | None = None

    def open(self, period: str) -> PrintPreviewDialog:
        self.dialog = print_visit_summary(self.window(), self.ops, period, self.current_day())
        return self.dialog

    def open_plan(self, which: str) -> PrintPreviewDialog:
        opener = print_weekly_report if which == "weekly" else print_day_plan
        self.dialog = opener(self.window(), self.ops, self.current_day())
        return self.dialog

    def open_team(self) -> PrintPreviewDialog:
        self.dialog = print_team_summary(self.window(), self.ops, "month", self.current_day())
        return self.dialog
