"""Today: a short summary of where the user stands (sync, doctors by grade, unread comments)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy.engine import Engine

from desktop.tasks import TaskManager
from desktop.today import TodaySummary, today_summary
from desktop.ui.common import format_when, heading

GRADES = ("A", "B", "C", "D")


class Card(QFrame):
    """A number with a caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(150)
        layout = QVBoxLayout(self)
        self.value = heading("–", 10)
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

    def __init__(self, tasks: TaskManager, replica: Engine, display_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.replica = replica
        self.summary: TodaySummary | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        self.title = heading(self.tr("Good day, %1").replace("%1", display_name) if display_name
                             else self.tr("Today"), 8)
        layout.addWidget(self.title)
        self.date = QLabel(QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat))
        layout.addWidget(self.date)
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
        layout.addStretch(1)
        tasks.operation_executed.connect(self._changed)
        self.refresh()

    def _changed(self, _what: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        replica = self.replica
        self.tasks.run_read(lambda: today_summary(replica), on_done=self._show,
                            on_error=lambda _e: None)

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
