"""One evaluation read-only, as either party sees it: scores with their anchors, the
total, feedback, the indicator snapshot, action items (the evaluatee ticks them done)
and the acknowledgement (the evaluatee, with an optional comment)."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import evaluations as ev
from desktop.ops import OpFailure, Ops
from desktop.ui import print_actions
from desktop.ui.common import error_label, heading, set_error
from desktop.ui.evaluation_labels import (
    indicator_rows_from_json,
    is_english,
    kind_text,
    status_text,
)

COMMENT_HEIGHT = 50


def _date(day: dt.date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


class EvaluationDetail(QScrollArea):
    """Shows the row chosen in the list; ``open_requested`` asks the page for the form."""

    open_requested = Signal(object)  # evaluation id
    correct_requested = Signal(object)

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWidgetResizable(True)
        self.row: ev.ListRow | None = None
        self.english = is_english()
        inner = QWidget()
        self.layout_ = QVBoxLayout(inner)
        self.setWidget(inner)
        self.placeholder = QLabel(self.tr("Choose an evaluation in the list."))
        self.layout_.addWidget(self.placeholder)
        self.layout_.addStretch(1)
        self.content: QWidget | None = None
        self.error = error_label()

    def show_row(self, row: ev.ListRow | None, data: ev.ListData) -> None:
        self.row = row
        if self.content is not None:
            self.content.deleteLater()
            self.content = None
        self.placeholder.setVisible(row is None)
        if row is None:
            return
        self.content = self._build(row, data)
        self.layout_.insertWidget(0, self.content)

    def _build(self, row: ev.ListRow, data: ev.ListData) -> QWidget:
        r = row.record
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(heading(self.tr("{evaluatee} — {date}").format(
            evaluatee=row.evaluatee_name, date=_date(r.eval_date)), 3))
        meta = QLabel(self.tr("{kind} by {evaluator} · {status}").format(
            kind=kind_text(r.kind), evaluator=row.evaluator_name, status=status_text(r.status)))
        meta.setWordWrap(True)
        lay.addWidget(meta)
        if r.amends_evaluation_id is not None:
            lay.addWidget(QLabel(self.tr("Corrects an earlier evaluation.")))
        template = data.templates.get(r.template_id)
        total = "—" if r.total_score is None else f"{r.total_score:.2f}"
        lay.addWidget(heading(self.tr("Weighted total: {total} / {max}").format(
            total=total, max=template.scale_max if template else 5), 2))
        scores = QGroupBox(self.tr("Scores"))
        sl = QVBoxLayout(scores)
        if template is not None:
            for c in template.competencies:
                value = r.scores.get(c.code)
                level = value.get("score") if isinstance(value, dict) else value
                note = value.get("note") if isinstance(value, dict) else None
                text = f"<b>{c.label(english=self.english)}</b>: "
                text += "—" if level is None else f"{level} · {c.anchor(int(level), english=self.english)}"
                if note:
                    text += f"<br><i>{note}</i>"
                label = QLabel(text)
                label.setWordWrap(True)
                sl.addWidget(label)
        lay.addWidget(scores)
        for title, value in ((self.tr("Strengths"), r.strengths),
                             (self.tr("Areas to improve"), r.improvements)):
            if value:
                label = QLabel(f"<b>{title}</b><br>{value}")
                label.setWordWrap(True)
                lay.addWidget(label)
        lay.addWidget(QLabel(self.tr("Visits observed: {n}").format(n=len(r.observed_visit_ids))))
        if r.indicators:
            ind = QGroupBox(self.tr("Indicators at the date"))
            il = QVBoxLayout(ind)
            for name, value in indicator_rows_from_json(r.indicators):
                il.addWidget(QLabel(f"{name}: <b>{value}</b>"))
            lay.addWidget(ind)
        lay.addWidget(self._items(row, data))
        lay.addWidget(self._acknowledgement(row))
        actions = QHBoxLayout()
        if row.mine and r.status == "draft":
            edit = QPushButton(self.tr("Continue editing…"))
            edit.clicked.connect(lambda: self.open_requested.emit(r.id))
            actions.addWidget(edit)
        elif row.mine:
            view = QPushButton(self.tr("Open form…"))
            view.clicked.connect(lambda: self.open_requested.emit(r.id))
            correct = QPushButton(self.tr("Record a correction…"))
            correct.clicked.connect(lambda: self.correct_requested.emit(r.id))
            actions.addWidget(view)
            actions.addWidget(correct)
        print_button = QPushButton(self.tr("Print…"))
        print_button.setToolTip(self.tr("The evaluation form with its signature lines, as PDF"))
        print_button.clicked.connect(lambda: print_actions.print_evaluation(self, self.ops, r.id))
        actions.addWidget(print_button)
        actions.addStretch(1)
        lay.addLayout(actions)
        lay.addWidget(self.error)
        return box

    def _items(self, row: ev.ListRow, data: ev.ListData) -> QWidget:
        box = QGroupBox(self.tr("Action items"))
        lay = QVBoxLayout(box)
        items = data.items.get(row.record.id, ())
        if not items:
            lay.addWidget(QLabel(self.tr("No action items.")))
        for item in items:
            due = _date(item.due_date) if item.due_date else self.tr("no due date")
            overdue = item.done_at is None and item.due_date is not None and item.due_date < data.today
            text = self.tr("{text} (due {due})").format(text=item.text, due=due)
            if overdue:
                text += " — " + self.tr("overdue")
            check = QCheckBox(text)
            check.setChecked(item.done_at is not None)
            can_tick = row.about_me and row.record.status != "draft"
            check.setEnabled(can_tick)
            if overdue:
                check.setStyleSheet("color: #c62828;")
            check.toggled.connect(lambda done, i=item.id: self._set_done(i, done))
            lay.addWidget(check)
        return box

    def _acknowledgement(self, row: ev.ListRow) -> QWidget:
        r = row.record
        box = QGroupBox(self.tr("Acknowledgement"))
        lay = QVBoxLayout(box)
        if r.status == "acknowledged":
            text = self.tr("Acknowledged by {name}.").format(name=row.evaluatee_name)
            if r.evaluatee_comment:
                text += "<br>" + self.tr("Comment: {text}").format(text=r.evaluatee_comment)
            label = QLabel(text)
            label.setWordWrap(True)
            lay.addWidget(label)
        elif r.status == "submitted" and row.about_me:
            self.comment = QPlainTextEdit()
            self.comment.setPlaceholderText(self.tr("Your comment (optional)"))
            self.comment.setFixedHeight(COMMENT_HEIGHT)
            ack = QPushButton(self.tr("Acknowledge"))
            ack.clicked.connect(lambda: self._acknowledge(r.id))
            lay.addWidget(self.comment)
            lay.addWidget(ack)
            self.ack_button = ack
        elif r.status == "submitted":
            lay.addWidget(QLabel(self.tr("Waiting for {name} to acknowledge.").format(
                name=row.evaluatee_name)))
        else:
            lay.addWidget(QLabel(self.tr("A draft: the evaluated person does not see it yet.")))
        return box

    def _acknowledge(self, evaluation_id: uuid.UUID) -> None:
        comment = self.comment.toPlainText()
        self.ops.write(lambda r: ev.acknowledge(r, evaluation_id, comment),
                       changes={"evaluations"}, on_error=self._failed)

    def _set_done(self, item_id: uuid.UUID, done: bool) -> None:
        self.ops.write(lambda r: ev.set_item_done(r, item_id, done),
                       changes={"evaluation_action_items"}, on_error=self._failed)

    def _failed(self, failure: OpFailure) -> None:
        set_error(self.error, failure.message)
