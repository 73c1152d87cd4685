"""The Doctors screen's detail pane: profile, grade with its score explanation, this
month's frequency, visit history (newest first) and upcoming planned visits.

It only displays a ``DoctorDetail`` it is given; the page loads it on the read pool.
A manager (``can_mark_target``) sets "Target: by grade / always / never" here (the
``target_override_requested`` signal: the page writes it); a rep sees the mark read-only.
"Log a visit", a double-click on a planned visit (the visit from the plan) or on a
past visit (open it) are signals: the page opens the visit form.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import company_time
from desktop.doctors_data import DoctorDetail
from desktop.ui.common import heading
from desktop.ui.doctors_labels import (
    LEVELS,
    STATUSES,
    TITLES,
    VISIT_TYPES,
    explanation_line,
    label,
)

ID_ROLE = Qt.ItemDataRole.UserRole
MIN_WIDTH = 320
COMPACT_MIN_HEIGHT = 220
HISTORY_MIN_HEIGHT = 160


class DoctorDetailPane(QScrollArea):
    log_visit_requested = Signal(object)  # doctor id (uuid)
    planned_visit_requested = Signal(object, object)  # planned visit id, doctor id
    visit_requested = Signal(object)  # visit id
    print_history_requested = Signal(object)  # doctor id
    articles_requested = Signal(object, str)  # product ids, the doctor's name
    target_override_requested = Signal(object, object)  # doctor id, True/False/None

    def __init__(self, parent: QWidget | None = None, *, can_mark_target: bool = False) -> None:
        super().__init__(parent)
        self.can_mark_target = can_mark_target
        self.setWidgetResizable(True)
        self.setMinimumWidth(MIN_WIDTH)
        # The content wraps to the pane's width; it scrolls up and down, never sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.name = heading("", 4)
        self.name.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.profile = QFormLayout()
        self.grade = heading("", 1)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.frequency = QLabel()
        self.target = QComboBox()
        for text, value in ((self.tr("By grade"), None), (self.tr("Always a target"), True),
                            (self.tr("Never a target"), False)):
            self.target.addItem(text, value)
        self.target.setEnabled(can_mark_target)
        self.target.setToolTip(
            self.tr("Mark this doctor a target (or not) whatever the grade; frequency, "
                    "reminders and suggestions follow.") if can_mark_target else
            self.tr("Your district manager decides whether this doctor is a target."))
        self.target.activated.connect(self._target_chosen)
        self.target_state = QLabel()
        self.target_error = QLabel()
        self.target_error.setWordWrap(True)
        self.target_error.setStyleSheet("color: #c62828;")
        self.target_error.setVisible(False)
        self.history = QTreeWidget()
        self.history.setHeaderLabels([self.tr("Date"), self.tr("Type"), self.tr("Status"),
                                      self.tr("Rep"), self.tr("Purpose")])
        self.history.setRootIsDecorated(False)
        self.history.setMinimumHeight(HISTORY_MIN_HEIGHT)
        history_header = self.history.header()
        for column in range(4):  # date, type, status, rep: as wide as their text
            history_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        history_header.setStretchLastSection(True)  # the purpose: the rest, elided
        self.history.setToolTip(self.tr("Double-click a visit to open it."))
        self.history.itemDoubleClicked.connect(
            lambda item, _col: self.visit_requested.emit(item.data(0, ID_ROLE)))
        self.log_button = QPushButton(self.tr("Log a visit"))
        self.log_button.clicked.connect(self._log_visit)
        self.upcoming = QTreeWidget()
        self.upcoming.setToolTip(self.tr("Double-click a planned visit to record it."))
        self.upcoming.itemDoubleClicked.connect(self._planned_chosen)
        self.upcoming.setHeaderLabels([self.tr("Planned date"), self.tr("Objective")])
        self.upcoming.setRootIsDecorated(False)
        self.upcoming.setMaximumHeight(140)
        self.placeholder = QLabel(self.tr("Select a doctor to see the profile and visit history."))
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: palette(mid);")
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(self.name)
        title_row = QHBoxLayout()  # under the name, so a long name never pushes them out
        title_row.addWidget(self.log_button)
        self.print_button = QPushButton(self.tr("Print history…"))
        self.print_button.clicked.connect(self._print_history)
        title_row.addWidget(self.print_button)
        self.articles_button = QPushButton(self.tr("Product articles…"))
        self.articles_button.setToolTip(self.tr("The knowledge base articles of the products this "
                                                "doctor has potential for"))
        self.articles_button.clicked.connect(self._articles)
        title_row.addWidget(self.articles_button)
        title_row.addStretch(1)
        content.addLayout(title_row)
        content.addWidget(self.subtitle)
        content.addLayout(self.profile)
        content.addWidget(heading(self.tr("Grade"), 1))
        content.addWidget(self.grade)
        content.addWidget(self.explanation)
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(self.tr("Target:")))
        target_row.addWidget(self.target)
        target_row.addWidget(self.target_state, 1)
        content.addLayout(target_row)
        content.addWidget(self.target_error)
        content.addWidget(self.frequency)
        content.addWidget(heading(self.tr("Upcoming planned visits"), 1))
        content.addWidget(self.upcoming)
        content.addWidget(heading(self.tr("Visit history"), 1))
        content.addWidget(self.history, 1)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.content, 1)
        self.content.setVisible(False)
        self.setWidget(body)
        self.detail: DoctorDetail | None = None

    def set_compact(self, compact: bool) -> None:
        """Under the table (a narrow window): shorter, as wide as the page."""
        self.setMinimumWidth(0 if compact else MIN_WIDTH)
        self.setMinimumHeight(COMPACT_MIN_HEIGHT if compact else 0)

    def clear(self) -> None:
        self.detail = None
        self.content.setVisible(False)
        self.placeholder.setVisible(True)

    def show_detail(self, detail: DoctorDetail | None) -> None:
        if detail is None:
            self.clear()
            return
        self.detail = detail
        p = detail.profile
        self.name.setText(str(p.get("name") or ""))
        self.subtitle.setText(" · ".join(x for x in (
            label(TITLES, p.get("title")), str(p.get("department_name") or ""),
            str(p.get("institution_name") or "")) if x))
        while self.profile.rowCount():
            self.profile.removeRow(0)
        rows = [
            (self.tr("Hospital level"), label(LEVELS, p.get("institution_level"))),
            (self.tr("Position"), p.get("position")),
            (self.tr("Specialty"), p.get("specialty")),
            (self.tr("Phone"), p.get("phone")),
            (self.tr("Code"), p.get("code")),
            (self.tr("Status"), label(STATUSES, p.get("status"))),
        ]
        potential = p.get("product_potential_named") or []
        if potential:
            rows.append((self.tr("Product potential"),
                         ", ".join(f"{name} {score}/5" for name, score in potential)))
        for caption, value in rows:
            if value:
                field = QLabel(str(value))
                field.setWordWrap(True)
                self.profile.addRow(caption, field)
        if detail.grade:
            score = f"{detail.grade_score:g}" if detail.grade_score is not None else "?"
            self.grade.setText(self.tr("Grade %1 (score %2)").replace("%1", detail.grade)
                               .replace("%2", score))
        else:
            self.grade.setText(self.tr("Not graded"))
        self.explanation.setText("\n".join(explanation_line(e) for e in detail.explanation))
        self.target.setCurrentIndex(self.target.findData(detail.target_override)
                                    if detail.target_override is not None else 0)
        self.target_state.setText(self.tr("a target") if detail.is_target
                                  else self.tr("not a target"))
        self.target_error.setVisible(False)
        gap = detail.gap
        text = (self.tr("This month: %1 of %2 visits (%3 due by today)")
                .replace("%1", str(gap.done)).replace("%2", str(gap.required))
                .replace("%3", str(gap.expected_by_now)))
        if gap.behind:
            text += " — " + self.tr("behind on frequency")
        self.frequency.setText(text)
        self.frequency.setStyleSheet("color: #c62828;" if gap.behind else "")
        self.history.clear()
        for v in detail.visits:
            when = company_time.local(v.started_at).strftime("%Y-%m-%d %H:%M")
            item = QTreeWidgetItem([when, label(VISIT_TYPES, v.visit_type),
                                    label(STATUSES, v.status), v.rep_name or "", v.purpose or ""])
            item.setData(0, ID_ROLE, uuid.UUID(str(v.id)))
            item.setToolTip(4, v.purpose or "")
            self.history.addTopLevelItem(item)
        self.upcoming.clear()
        for pv in detail.upcoming:
            item = QTreeWidgetItem([pv.planned_date.isoformat(), pv.objective or ""])
            item.setToolTip(1, pv.objective or "")
            item.setData(0, ID_ROLE, uuid.UUID(str(pv.id)))
            self.upcoming.addTopLevelItem(item)
        self.placeholder.setVisible(False)
        self.content.setVisible(True)

    def _log_visit(self) -> None:
        if self.detail is not None:
            self.log_visit_requested.emit(uuid.UUID(str(self.detail.id)))

    def _target_chosen(self, index: int) -> None:
        if self.detail is None or not self.can_mark_target:
            return
        value = self.target.itemData(index)
        if value != self.detail.target_override:
            self.target_error.setVisible(False)
            self.target_override_requested.emit(uuid.UUID(str(self.detail.id)), value)

    def show_target_error(self, message: str) -> None:
        """The write was refused: say why next to the control and show the stored mark."""
        self.target_error.setText(message)
        self.target_error.setVisible(True)
        if self.detail is not None:
            override = self.detail.target_override
            self.target.setCurrentIndex(self.target.findData(override) if override is not None
                                        else 0)

    def _planned_chosen(self, item: QTreeWidgetItem, _column: int) -> None:
        if self.detail is not None:
            self.planned_visit_requested.emit(item.data(0, ID_ROLE), uuid.UUID(str(self.detail.id)))

    def explanation_lines(self) -> list[str]:
        text = self.explanation.text()
        return text.split("\n") if text else []

    def _print_history(self) -> None:
        if self.detail is not None:
            self.print_history_requested.emit(self.detail.id)

    def _articles(self) -> None:
        if self.detail is None:
            return
        ids = [uuid.UUID(str(i)) for i in (self.detail.profile.get("product_potential_ids") or [])]
        self.articles_requested.emit(ids, str(self.detail.profile.get("name") or ""))
