"""Notifications for people: their words (shared with Today) and the desktop pop-ups.

``NotificationText`` turns a ``desktop.notifications.Notification`` into a translated
title and message. ``TrayNotifier`` shows what is new as a desktop notification
through ``QSystemTrayIcon`` when the desktop has a system tray, and does nothing
otherwise (Today still lists everything). It recomputes after each sync, at start
and every few minutes; the replica remembers what was already raised, so nothing
pops up twice, not even after a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from desktop import notifications as nt
from desktop.notifications import Notification, NotificationGroup
from desktop.ops import Ops

RECHECK_MS = 5 * 60_000
MAX_LISTED = 3


class NotificationText(QObject):
    """Translated words for a notification (context ``NotificationText``)."""

    def title(self, n: Notification) -> str:
        a = [*n.title_args, "", "", ""]
        if n.kind == nt.COMMENT:
            text = {"suggestion": self.tr("%1 left a suggestion on your visit to %2"),
                    "manager_note": self.tr("%1 added a note to your visit to %2")}.get(
                a[2], self.tr("%1 commented on your visit to %2"))
        elif n.kind == nt.REVIEWED:
            text = (self.tr("%1 marked your visit to %2 exemplary") if a[2] == nt.EXEMPLARY
                    else self.tr("%1 reviewed your visit to %2"))
        elif n.kind == nt.EXEMPLARY:
            text = self.tr("Good practice: %1's visit to %2")
        elif n.kind == nt.REJECTED:
            text = {"visits": self.tr("The server refused a change to a visit"),
                    "visit_comments": self.tr("The server refused a comment"),
                    "visit_reviews": self.tr("The server refused a review")}.get(
                a[0], self.tr("The server refused one of your changes"))
        elif n.kind == nt.BEHIND:
            text = self.tr("%1 of your target doctors are behind their visits this month")
        elif n.kind == nt.PLANNED_TODAY:
            text = self.tr("%1 planned visits today are not logged yet")
        elif n.kind == nt.PLAN_RETURNED:
            text = self.tr("Your manager returned your plan for the week of %1")
        else:
            text = n.kind
        return text.replace("%1", a[0]).replace("%2", a[1])

    def message(self, n: Notification) -> str:
        if n.kind == nt.REVIEWED and n.title_args[2:3] == (nt.EXEMPLARY,):
            return self.tr("It is shared with the team as good practice.")
        if n.kind == nt.EXEMPLARY:
            return self.tr("Marked exemplary by %1 and shared with the team.").replace(
                "%1", n.title_args[2] if len(n.title_args) > 2 else "")
        if n.kind == nt.REJECTED:
            return n.detail or self.tr("Open Rejected changes to fix or discard it.")
        return n.detail

    def group_title(self, group: NotificationGroup) -> str:
        """The one line for a bulk kind ("12 new good-practice visits")."""
        if group.kind == nt.EXEMPLARY:
            return self.tr("%n new good-practice visit(s)", "", group.count)
        return self.tr("%n new notification(s)", "", group.count)

    def summary(self, items: list[Notification]) -> tuple[str, str]:
        """(title, message) of one pop-up announcing ``items``: one, or a count with the
        newest personal ones first and a line per bulk kind."""
        if len(items) == 1:
            return self.title(items[0]), self.message(items[0])
        personal, groups = nt.arrange(items)
        lines = [self.title(n) for n in personal[:MAX_LISTED]]
        if len(personal) > MAX_LISTED:
            lines.append(self.tr("and %n more", "", len(personal) - MAX_LISTED))
        lines += [self.group_title(g) for g in groups]
        return self.tr("%n new notification(s)", "", len(items)), "\n".join(lines)


class TrayNotifier(QObject):
    """Desktop pop-ups for new notifications; ``available`` False = no system tray, no-op.

    ``check()`` takes the new notifications on the writer thread (it moves the
    replica's "raised" watermarks) and shows one pop-up for them. ``open_requested``
    is emitted when the user clicks the pop-up or the tray icon.
    """

    open_requested = Signal()

    def __init__(self, ops: Ops, parent: QObject | None = None, *, icon: QIcon | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.words = NotificationText(self)
        self.last_shown: tuple[str, str] | None = None
        self.tray: QSystemTrayIcon | None = None
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        if self.available:
            self.tray = QSystemTrayIcon(icon or _default_icon(), self)
            self.tray.setToolTip("FieldRep")
            self.tray.messageClicked.connect(self.open_requested)
            self.tray.activated.connect(lambda _reason: self.open_requested.emit())
            self.tray.show()
            self.timer = QTimer(self)
            self.timer.timeout.connect(self.check)
            self.timer.start(RECHECK_MS)

    def check(self, *_args: object) -> None:
        """Recompute and announce what is new (slot for the sync runner's ``finished``)."""
        if not self.available:
            return
        # Moving the "raised" watermarks changes nothing a page shows: announce no tables.
        self.ops.write(nt.take_new_notifications, changes=(), on_done=self.announce,
                       on_error=lambda _failure: None)

    def announce(self, items: list[Notification]) -> None:
        if not items:
            return
        self.last_shown = self.words.summary(items)
        if self.tray is not None:
            title, message = self.last_shown
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 10_000)

    def close(self) -> None:
        """Stop checking and remove the tray icon (sign-out, shutdown)."""
        self.available = False
        if self.tray is not None:
            self.timer.stop()
            self.tray.hide()
        self.deleteLater()


def _default_icon() -> QIcon:
    app_icon = QApplication.windowIcon()
    if not app_icon.isNull():
        return app_icon
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
