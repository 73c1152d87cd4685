"""Today: a short summary of where the user stands (notifications, sync, doctors by grade,
unread comments). A notification opens its visit (or the rejected changes) when clicked.

The page scrolls vertically: on a 1024×700 window its sections keep their natural
height instead of being squeezed until their text is cut.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import company_time
from desktop import notifications as nt
from desktop.field_days import OwnFieldDay, RideAlong, field_days_ahead, rides_ahead
from desktop.ops import Ops
from desktop.today import TodaySummary, today_summary
from desktop.ui.common import format_when, heading, to_qdate
from desktop.ui.evaluation_today import TodayEvaluationsCard
from desktop.ui.knowledge_digest import KnowledgeDigest
from desktop.ui.today_notifications import NotificationList

GRADES = ("A", "B", "C", "D")
CARD_MIN_WIDTH = 120


class Card(QFrame):
    """A number with a caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(CARD_MIN_WIDTH)
        layout = QVBoxLayout(self)
        self.value = heading("–", 10)
        self.value.setWordWrap(True)  # a date and time wraps in a narrow card
        self.value.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str) -> None:
        self.value.setText(text)


class TodayPage(QWidget):
    """Reads its summary on the read pool; refreshes when something changed."""

    def __init__(self, ops: Ops, display_name: str = "", parent: QWidget | None = None, *,
                 role: str = "rep") -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.summary: TodaySummary | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area)
        content = QWidget()
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 24, 24, 24)
        self.title = heading(self.tr("Good day, %1").replace("%1", display_name) if display_name
                             else self.tr("Today"), 8)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.date = QLabel(QLocale().toString(to_qdate(company_time.today()), QLocale.FormatType.LongFormat))
        layout.addWidget(self.date)
        self.rides = QLabel()  # the days ahead the rep's manager rides along
        self.rides.setWordWrap(True)
        self.rides.setStyleSheet("background: #e3f2fd; color: #0d47a1; padding: 6px;")
        self.rides.setVisible(False)
        layout.addWidget(self.rides)
        layout.addSpacing(12)

        header = QHBoxLayout()
        header.addWidget(heading(self.tr("Notifications"), 2))
        header.addStretch(1)
        self.mark_seen = QPushButton(self.tr("Mark all as seen"))
        self.mark_seen.setToolTip(self.tr("Reviews and good-practice visits leave this list; "
                                          "comments leave it once read, refused changes once "
                                          "fixed or discarded."))
        self.mark_seen.clicked.connect(self.mark_all_seen)
        header.addWidget(self.mark_seen)
        layout.addLayout(header)
        self.notifications = NotificationList(ops, role, self)
        layout.addWidget(self.notifications)
        layout.addSpacing(12)

        layout.addWidget(heading(self.tr("Sync"), 2))
        grid = QGridLayout()
        self.pending = Card(self.tr("changes waiting to be sent"))
        self.rejected = Card(self.tr("changes the server refused"))
        self.last_sync = Card(self.tr("last sync"))
        self.unread = Card(self.tr("unread manager comments"))
        self.visits = Card(self.tr("your visits this month"))
        for i, c in enumerate((self.pending, self.rejected, self.last_sync)):
            grid.addWidget(c, 0, i)
        layout.addLayout(grid)
        layout.addSpacing(12)

        layout.addWidget(heading(self.tr("Doctors by grade"), 2))
        grades = QGridLayout()
        self.grade_cards = {g: Card(self.tr("grade %1 doctors").replace("%1", g)) for g in GRADES}
        for i, g in enumerate(GRADES):
            grades.addWidget(self.grade_cards[g], 0, i)
        layout.addLayout(grades)
        layout.addSpacing(12)

        layout.addWidget(heading(self.tr("Your work"), 2))
        work = QGridLayout()
        work.addWidget(self.unread, 0, 0)
        work.addWidget(self.visits, 0, 1)
        layout.addLayout(work)
        layout.addWidget(TodayEvaluationsCard(ops, role))
        layout.addSpacing(12)
        self.knowledge = KnowledgeDigest(ops)
        layout.addWidget(self.knowledge)
        layout.addStretch(1)
        ops.changed.connect(self._changed)
        self.refresh()

    def _changed(self, _tables: frozenset[str]) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.ops.query(today_summary, on_done=self._show, on_error=lambda _failure: None)
        if self.role == "rep":
            self.ops.query(rides_ahead, on_done=self._show_rides, on_error=lambda _failure: None)
        elif self.role == "dm":
            self.ops.query(field_days_ahead, on_done=self._show_field_days,
                           on_error=lambda _failure: None)

    def _show_field_days(self, today_and_days: tuple[dt.date, list[OwnFieldDay]]) -> None:
        """A DM's own field days of the coming week (whom they ride along with)."""
        today, days = today_and_days
        loc = QLocale()
        lines = []
        for d in days:
            names = "、".join(d.rep_names)
            lines.append((self.tr("Today you ride along with %1").replace("%1", names)
                          if d.day == today else
                          self.tr("On %2 you ride along with %1").replace("%1", names)
                          .replace("%2", loc.toString(QDate(d.day.year, d.day.month, d.day.day),
                                                      QLocale.FormatType.LongFormat)))
                         + (f" — {d.note}" if d.note else ""))
        self.rides.setText("\n".join(lines))
        self.rides.setVisible(bool(lines))

    def _show_rides(self, today_and_rides: tuple[dt.date, list[RideAlong]]) -> None:
        today, rides = today_and_rides
        loc = QLocale()
        lines = [(self.tr("Today %1 rides along with you").replace("%1", r.manager_name)
                  if r.day == today else
                  self.tr("%1 rides along with you on %2").replace("%1", r.manager_name)
                  .replace("%2", loc.toString(QDate(r.day.year, r.day.month, r.day.day),
                                                QLocale.FormatType.LongFormat)))
                 + (f" — {r.note}" if r.note else "") for r in rides]
        self.rides.setText("\n".join(lines))
        self.rides.setVisible(bool(lines))

    def _show(self, s: TodaySummary) -> None:
        self.summary = s
        loc = QLocale()
        self.pending.set_value(loc.toString(s.pending))
        self.rejected.set_value(loc.toString(s.rejected))
        self.last_sync.set_value(format_when(s.last_sync, self.tr("never")))
        for g, card in self.grade_cards.items():
            card.set_value(loc.toString(s.doctors_by_grade.get(g, 0)))
        self.unread.set_value(loc.toString(s.unread_comments))
        self.visits.set_value(loc.toString(s.visits_this_month))
        self.notifications.show_items(s.notifications)
        self.mark_seen.setVisible(any(n.kind in (nt.REVIEWED, nt.EXEMPLARY)
                                      for n in s.notifications))

    def mark_all_seen(self) -> None:
        """Reviews and good-practice notices shown now leave the list (writer thread)."""
        shown = list(self.summary.notifications) if self.summary is not None else []
        self.ops.write(lambda replica: nt.mark_all_seen(replica, shown), changes={nt.SEEN_MARKS},
                       on_error=lambda _failure: None)
