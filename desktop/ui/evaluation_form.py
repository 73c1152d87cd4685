"""The evaluation form (随访 / 协访): whom, when, the visits observed, a score and a
note per competency with its anchored levels, strengths, areas to improve, action
items with due dates, the weighted total live and the evaluatee's indicators at the
date. Save as draft, or submit (locked; corrections are a linked new evaluation).

Everything goes through ``Ops``: the form never touches the replica. A refusal keeps
the form open with every message next to its field, so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import company_time
from desktop import evaluations as ev
from desktop.ops import OpFailure, Ops
from desktop.ui.common import error_label, heading, set_error, to_qdate
from desktop.ui.evaluation_labels import (
    error_text,
    format_ratio,
    indicator_rows,
    is_english,
    status_text,
)
from desktop.ui.evaluation_rows import ActionItemRow, CompetencyRow, to_date

ITEM_DUE_DAYS = 14  # a new action item is due two weeks after the evaluation
TEXT_HEIGHT = 60


class EvaluationDialog(QDialog):
    """The form. ``evaluation_id`` None: a new evaluation (``amends_id``: a correction)."""

    saved = Signal(object)  # the evaluation id

    def __init__(self, ops: Ops, evaluation_id: uuid.UUID | None = None, *,
                 amends_id: uuid.UUID | None = None, evaluatee_id: uuid.UUID | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.evaluation_id = evaluation_id
        self.amends_id = amends_id
        self.english = is_english()
        self.data: ev.FormData | None = None
        self.rows: list[CompetencyRow] = []
        self.item_rows: list[ActionItemRow] = []
        self.indicators: ev.Indicators | None = None
        self._kept: tuple[Any, ...] = ()  # what was typed as last loaded or saved
        self._closing = False  # a close is waiting for its draft to be saved
        self._refused: tuple[Any, ...] = ()  # what a close could not save (Close again: discard)
        # Replaceable in tests (the real one shows a message box).
        self.confirm_submit: Callable[[], bool] = self._ask_submit
        self.setWindowTitle(self.tr("Evaluation"))
        self.resize(760, 860)
        outer = QVBoxLayout(self)
        self.title = heading(self.tr("New evaluation"), 4)
        self.status = QLabel()
        outer.addWidget(self.title)
        outer.addWidget(self.status)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._build_header()
        self.comp_box = QGroupBox(self.tr("Competencies"))
        self.comp_layout = QVBoxLayout(self.comp_box)
        self.body.addWidget(self.comp_box)
        self._build_texts()
        self.total = heading("", 3)
        self.form_error = error_label()
        outer.addWidget(self.total)
        outer.addWidget(self.form_error)
        buttons = QHBoxLayout()
        self.correct_button = QPushButton(self.tr("Record a correction…"))
        self.save_button = QPushButton(self.tr("Save draft"))
        self.submit_button = QPushButton(self.tr("Submit"))
        self.submit_button.setDefault(True)
        close = QPushButton(self.tr("Close"))
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        for b in (self.save_button, self.submit_button, close):
            buttons.addWidget(b)
        outer.addLayout(buttons)
        self.correct_button.hide()
        self.save_button.clicked.connect(lambda: self.save(submit=False))
        self.submit_button.clicked.connect(lambda: self.save(submit=True))
        self.correct_button.clicked.connect(self._correct)
        close.clicked.connect(self.reject)
        self.ops.query(lambda r: ev.open_form(r, evaluation_id, evaluatee_id=evaluatee_id,
                                              amends_id=amends_id),
                       self._loaded, self._failed)

    # --- layout ---------------------------------------------------------------------

    def _build_header(self) -> None:
        box = QGroupBox(self.tr("Whom and when"))
        form = QFormLayout(box)
        self.evaluatee = QComboBox()
        self.evaluatee_error = error_label()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        self.date_error = error_label()
        form.addRow(self.tr("Evaluated person"), self.evaluatee)
        form.addRow("", self.evaluatee_error)
        form.addRow(self.tr("Date"), self.date)
        form.addRow("", self.date_error)
        self.body.addWidget(box)
        visits_box = QGroupBox(self.tr("Visits observed"))
        v = QVBoxLayout(visits_box)
        self.visits = QListWidget()
        self.visits.setMaximumHeight(130)
        self.visits_empty = QLabel(self.tr("No visits of this person on this day in your replica."))
        self.visits_empty.setStyleSheet("color: palette(mid);")
        self.visits_error = error_label()
        v.addWidget(self.visits)
        v.addWidget(self.visits_empty)
        v.addWidget(self.visits_error)
        self.body.addWidget(visits_box)
        ind_box = QGroupBox(self.tr("Indicators at the date (month to date)"))
        self.ind_grid = QGridLayout(ind_box)
        self.body.addWidget(ind_box)
        self.evaluatee.currentIndexChanged.connect(self._context_changed)
        self.date.dateChanged.connect(self._context_changed)

    def _build_texts(self) -> None:
        box = QGroupBox(self.tr("Feedback"))
        form = QFormLayout(box)
        self.strengths = QPlainTextEdit()
        self.improvements = QPlainTextEdit()
        for w in (self.strengths, self.improvements):
            w.setFixedHeight(TEXT_HEIGHT)
        form.addRow(self.tr("Strengths"), self.strengths)
        form.addRow(self.tr("Areas to improve"), self.improvements)
        self.body.addWidget(box)
        items = QGroupBox(self.tr("Action items"))
        self.items_layout = QVBoxLayout(items)
        self.items_error = error_label()
        add = QPushButton(self.tr("Add action item"))
        add.clicked.connect(lambda: self._add_item(ev.ItemDraft("", None)))
        self.items_layout.addWidget(self.items_error)
        self.items_layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_item_button = add
        self.body.addWidget(items)

    # --- loading -----------------------------------------------------------------------

    def _loaded(self, data: ev.FormData) -> None:
        self.data = data
        t = data.template
        record = data.record
        self.evaluatee.blockSignals(True)
        self.date.blockSignals(True)
        self.evaluatee.clear()
        self.evaluatee.addItem(self.tr("Choose…"), None)
        for person in data.team:  # ids as text: a combo box finds text, not UUID objects
            self.evaluatee.addItem(person.name, str(person.id))
        current = str(data.evaluatee_id) if data.evaluatee_id is not None else None
        if current is not None and self.evaluatee.findData(current) < 0:
            self.evaluatee.addItem(self.tr("(not in your team)"), current)
        self.evaluatee.setCurrentIndex(max(self.evaluatee.findData(current), 0))
        self.date.setDate(to_qdate(data.day))
        self.date.setMaximumDate(to_qdate(data.today))
        self.evaluatee.blockSignals(False)
        self.date.blockSignals(False)
        for person_row in self.rows:
            person_row.deleteLater()
        self.rows = []
        for competency in t.competencies:
            row = CompetencyRow(competency, t.levels, self.english)
            row.changed.connect(self._update_total)
            self.comp_layout.addWidget(row)
            self.rows.append(row)
        source = record or data.amends
        if source is not None:
            for row in self.rows:
                row.set_value(source.scores.get(row.competency.code))
            self.strengths.setPlainText(source.strengths or "")
            self.improvements.setPlainText(source.improvements or "")
        for item in data.items:
            keep_id = item.id if record is not None else None  # a correction copies items
            self._add_item(ev.ItemDraft(item.text, item.due_date, keep_id))
        self._show_visits(data.visits, source.observed_visit_ids if source else ())
        self._show_indicators(data.indicators)
        self._show_state()
        self._update_total()
        self._kept = self._typed()

    def _typed(self) -> tuple[Any, ...]:
        """What the evaluator typed or chose (not what the form computes, such as the
        indicators or the day's visits): compared on close to keep unsaved work."""
        return (self.chosen_evaluatee(), self.date.date(), self.scores(),
                self.strengths.toPlainText().strip(), self.improvements.toPlainText().strip(),
                [row.draft() for row in self.item_rows])

    def reject(self) -> None:
        """Close, Escape and the window's close button all end here: what was typed since
        the last save is saved as a draft first, so nothing is lost; a draft that cannot
        be saved keeps the form open with its problems next to their fields."""
        data = self.data
        typed = self._typed() if data is not None else ()
        if data is not None and not data.locked and typed != self._kept \
                and typed != self._refused:  # (Close again, unchanged, discards it)
            self._closing = True
            self.save(submit=False)
            return
        super().reject()

    def _show_state(self) -> None:
        data = self.data
        assert data is not None
        kind = self.tr("Co-visit evaluation (协访)") if data.template.kind == "co_visit" \
            else self.tr("Accompanied-visit evaluation (随访)")
        if data.amends is not None:
            self.title.setText(self.tr("Correction of the evaluation of {date}").format(
                date=QLocale().toString(to_qdate(data.amends.eval_date),
                                        QLocale.FormatType.ShortFormat)))
        elif data.record is None:
            self.title.setText(self.tr("New evaluation"))
        else:
            self.title.setText(self.tr("Evaluation"))
        status = status_text(data.record.status) if data.record else status_text("draft")
        self.status.setText(f"{kind} · {data.template.name} v{data.template.version} · {status}")
        locked = data.locked
        for w in (self.evaluatee, self.date, self.visits, self.strengths, self.improvements,
                  self.comp_box, self.add_item_button):
            w.setEnabled(not locked)
        for row in self.item_rows:
            row.setEnabled(not locked)
        self.save_button.setVisible(not locked)
        self.submit_button.setVisible(not locked)
        self.correct_button.setVisible(locked and data.record is not None
                                       and data.record.evaluator_id == data.me.id)
        if locked and data.record is not None and data.record.evaluatee_comment:
            self.status.setText(self.status.text() + "\n" + self.tr("Comment: {text}").format(
                text=data.record.evaluatee_comment))

    def _show_visits(self, visits: tuple[ev.ObservableVisit, ...], checked: Any) -> None:
        wanted = {str(v) for v in checked}
        self.visits.clear()
        me = self.data.me.id if self.data else None
        for visit in visits:
            local = company_time.local(visit.started_at)
            text = f"{local:%H:%M}  {visit.doctor_name} · {visit.institution_name}"
            if me in visit.companion_ids:
                text += "  " + self.tr("(you accompanied)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(visit.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if str(visit.id) in wanted
                               else Qt.CheckState.Unchecked)
            self.visits.addItem(item)
        self.visits.setVisible(bool(visits))
        self.visits_empty.setVisible(not visits)

    def _show_indicators(self, indicators: ev.Indicators | None) -> None:
        self.indicators = indicators
        while self.ind_grid.count():
            taken = self.ind_grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if indicators is None:
            self.ind_grid.addWidget(QLabel(self.tr("Choose the evaluated person.")), 0, 0)
            return
        for i, (label, value) in enumerate(indicator_rows(indicators)):
            self.ind_grid.addWidget(QLabel(label), i // 2, (i % 2) * 2)
            shown = QLabel(f"<b>{value}</b>")
            self.ind_grid.addWidget(shown, i // 2, (i % 2) * 2 + 1)

    def chosen_evaluatee(self) -> uuid.UUID | None:
        value = self.evaluatee.currentData()
        return uuid.UUID(value) if value else None

    def _context_changed(self) -> None:
        evaluatee = self.chosen_evaluatee()
        set_error(self.evaluatee_error, None)
        set_error(self.date_error, None)
        if evaluatee is None:
            self._show_visits((), ())
            self._show_indicators(None)
            return
        day = to_date(self.date.date())
        checked = self.observed()

        def show(found: tuple[tuple[ev.ObservableVisit, ...], ev.Indicators | None]) -> None:
            self._show_visits(found[0], checked)
            self._show_indicators(found[1])

        self.ops.query(lambda r: ev.visits_for(r, evaluatee, day), show, self._failed)

    def _add_item(self, item: ev.ItemDraft) -> None:
        if item.due_date is None:
            item = ev.ItemDraft(item.text, to_date(self.date.date())
                                + dt.timedelta(days=ITEM_DUE_DAYS), item.id)
        row = ActionItemRow(item)
        row.removed.connect(self._remove_item)
        self.items_layout.insertWidget(len(self.item_rows), row)
        self.item_rows.append(row)

    def _remove_item(self, row: ActionItemRow) -> None:
        self.item_rows.remove(row)
        row.deleteLater()

    # --- values -------------------------------------------------------------------------

    def scores(self) -> dict[str, Any]:
        return {row.competency.code: value for row in self.rows
                if (value := row.value()) is not None}

    def observed(self) -> list[str]:
        return [str(self.visits.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.visits.count())
                if self.visits.item(i).checkState() == Qt.CheckState.Checked]

    def _update_total(self) -> None:
        if self.data is None:
            return
        total = ev.weighted_total(self.data.template, self.scores())
        shown = "—" if total is None else f"{total:.2f}"
        self.total.setText(self.tr("Weighted total: {total} / {max}").format(
            total=shown, max=self.data.template.scale_max))

    def form(self) -> ev.EvaluationForm:
        assert self.data is not None
        return ev.EvaluationForm(
            template_id=uuid.UUID(self.data.template.id),
            evaluatee_id=self.chosen_evaluatee(), eval_date=to_date(self.date.date()),
            scores=self.scores(), observed_visit_ids=self.observed(),
            strengths=self.strengths.toPlainText().strip(),
            improvements=self.improvements.toPlainText().strip(),
            items=[row.draft() for row in self.item_rows],
            indicators=self.indicators.to_json() if self.indicators is not None else None,
            amends_evaluation_id=self.amends_id)

    # --- saving -------------------------------------------------------------------------

    def _ask_submit(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Submit evaluation"),
            self.tr("After submitting, the evaluation is locked and sent to the evaluated "
                    "person. Submit now?"))
        return answer == QMessageBox.StandardButton.Yes

    def save(self, *, submit: bool) -> None:
        if self.data is None or self.data.locked:
            return
        self._clear_errors()
        form = self.form()
        if submit and not self.confirm_submit():
            return
        evaluation_id = self.evaluation_id
        self.ops.write(lambda r: ev.save_form(r, form, evaluation_id=evaluation_id, submit=submit),
                       changes={"evaluations", "evaluation_action_items"},
                       on_done=lambda saved: self._saved(saved, submit),
                       on_error=self._save_failed)

    def _saved(self, evaluation_id: uuid.UUID, submitted: bool) -> None:
        self.evaluation_id = evaluation_id
        self.saved.emit(evaluation_id)
        self._kept = self._typed()
        if submitted:
            self.accept()
            return
        if self._closing:
            super().reject()
            return
        self.ops.query(lambda r: ev.open_form(r, evaluation_id), self._reloaded, self._failed)

    def _reloaded(self, data: ev.FormData) -> None:
        """After a draft save: keep what is on screen, learn the stored ids."""
        self.data = data
        by_text = {(i.text, i.due_date): i.id for i in data.items}
        for row in self.item_rows:
            draft = row.draft()
            row.item_id = by_text.get((draft.text.strip(), draft.due_date), row.item_id)
        set_error(self.form_error, None)
        self.status.setText(self.status.text().split(" · ")[0] + " · " + status_text("draft")
                            + " · " + self.tr("saved"))

    def _clear_errors(self) -> None:
        for label in (self.evaluatee_error, self.date_error, self.visits_error,
                      self.items_error, self.form_error):
            set_error(label, None)
        for row in self.rows:
            set_error(row.error, None)

    def _save_failed(self, failure: OpFailure) -> None:
        if self._closing:  # the form stays open with what was typed
            self._closing = False
            self._refused = self._typed()
            set_error(self.form_error, self.tr(
                "Not saved: see the problems above. Close again to discard the changes."))
        error = failure.error
        if isinstance(error, ev.EvaluationNotValid):
            self.show_errors(error.errors)
            return
        set_error(self.form_error, failure.message)

    def show_errors(self, errors: list[ev.FieldError]) -> None:
        """Each message next to its field (the first of each field)."""
        rows = {f"scores.{row.competency.code}": row.error for row in self.rows}
        targets = {"evaluatee_id": self.evaluatee_error, "eval_date": self.date_error,
                   "observed_visit_ids": self.visits_error, **rows}
        done: set[str] = set()
        for e in errors:
            field = "items" if e.field.startswith("items.") else e.field
            if field in done:
                continue
            done.add(field)
            label = self.items_error if field == "items" else targets.get(field, self.form_error)
            set_error(label, error_text(e, self.data.template if self.data else None))

    def _correct(self) -> None:
        if self.data is None or self.data.record is None:
            return
        dialog = EvaluationDialog(self.ops, amends_id=self.data.record.id, parent=self.parentWidget())
        dialog.confirm_submit = self.confirm_submit
        self.accept()
        dialog.show()

    def _failed(self, failure: OpFailure) -> None:
        set_error(self.form_error, failure.message)


__all__ = ["EvaluationDialog", "format_ratio"]
