"""The visit form: log a visit offline, see its quality score live, submit to lock it.

Flow (threading rule: the replica is read and written only through ``Ops``):

* open: ``visit_form_data.open_form`` on the read pool gives the choices (doctors in
  scope, the active catalogue, managers, the synced rules) and the visit (row
  overlaid by the form journal, or the prefill of a new / planned visit).
* every edit re-runs ``visit_form_data.preview`` on the UI thread (pure: quality
  score and sanity checks, no database) and restarts a ~600 ms debounce; then, and
  on hide/close, ``autosave`` runs on the writer thread: a valid draft is saved,
  anything else is kept in the local journal with its field errors, so nothing
  typed is lost even when the app is killed.
* Submit (after a confirmation) saves and submits with the full rules and the
  trusted clock; refused, every problem is shown next to its field; accepted, the
  form turns read-only with the review thread under it and an "Amend…" button
  that opens a new linked draft.

A visit whose doctor left the replica (reassigned while offline) still opens, with
a banner saying so; the visit row stays (the outbox and the rejected-changes screen
keep and export it).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ops import OpFailure, Ops
from desktop.ui import print_actions
from desktop.ui.common import error_label, format_when, heading, set_error
from desktop.ui.doctors_labels import VISIT_TYPES, label
from desktop.ui.visit_form_labels import problem_text, quality_line
from desktop.ui.visit_form_products import ProductsEditor
from desktop.ui.visit_thread import VisitThreadWidget
from desktop.visit_form_data import (
    VISIT_CHANGES,
    FormState,
    SaveOutcome,
    SubmitOutcome,
    autosave,
    create_amendment,
    discard_journal,
    open_form,
    preview,
    submit,
)
from domain.visit_rules import (
    KEY_MESSAGE_REQUIRED,
    PRODUCT_TEXT_LIMITS,
    TEXT_LIMITS,
    FieldError,
    duration_minutes,
)
from domain.visit_rules import (
    VISIT_TYPES as VISIT_TYPE_CODES,
)

AUTOSAVE_MS = 600
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_FIELDS = ("purpose", "doctor_feedback", "result", "next_step")
SAVE_ON_CLOSE_SECONDS = 5.0


def to_utc(value: QDateTime) -> dt.datetime:
    """A QDateTimeEdit's local time as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(value.toSecsSinceEpoch(), dt.UTC)


def to_local(value: dt.datetime) -> QDateTime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


class DoctorCompleter(QCompleter):
    """Matches the typed text anywhere in name, pinyin, initials, hospital or department
    (``SEARCH_ROLE``) but puts the doctor's display text into the box."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class VisitDialog(QDialog):
    """Create, continue or view one visit. ``saved(visit_id)`` after each draft save or submit."""

    saved = Signal(object)

    def __init__(self, ops: Ops, role: str, visit_id: uuid.UUID | None = None, *,
                 doctor_id: uuid.UUID | None = None, planned_visit_id: uuid.UUID | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self._visit_id = visit_id or uuid.uuid4()
        self.state: FormState | None = None
        self.read_only = True  # until loaded
        self.exists = False
        self.journaled = False  # the journal holds this form (e.g. never a valid draft yet)
        self._loading = False
        self._dirty = False
        self._edits = 0  # edit generation: older save outcomes do not mark fields
        self._extra_errors: list[FieldError] = []
        self._general: list[str] = []
        self.thread_widget: VisitThreadWidget | None = None
        self.amendment_dialog: VisitDialog | None = None
        self._links: dict[str, Any] = {}
        # Replaceable in tests (the real ones show a message box).
        self.confirm_submit: Callable[[], bool] = self._ask_submit
        self.ask_keep_journal: Callable[[], str] = self._ask_keep_journal

        self.setWindowTitle(self.tr("Visit"))
        self.resize(1000, 780)
        self._build()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.save_now)
        self._set_inputs_enabled(False)
        self._load(visit_id, doctor_id, planned_visit_id)

    @property
    def visit_id(self) -> uuid.UUID:
        return self._visit_id

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet("background: #fff3e0; border: 1px solid #ffb74d; padding: 6px;")

        form_host = QWidget()
        self.form = QFormLayout(form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.counters: dict[str, QLabel] = {}

        self.doctor = QComboBox()
        self.doctor.setEditable(True)
        self.doctor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.doctor.lineEdit().setPlaceholderText(self.tr("Type a name, pinyin or hospital…"))
        self.doctor_model = QStandardItemModel(self)
        self.doctor.setModel(self.doctor_model)
        completer = DoctorCompleter(self.doctor_model, self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.doctor.setCompleter(completer)
        self.doctor_place = QLabel()
        self.doctor_place.setStyleSheet("color: palette(mid);")
        self._row("doctor_id", self.tr("Doctor"), self.doctor, self.doctor_place)

        self.visit_type = QComboBox()
        for code in VISIT_TYPE_CODES:
            self.visit_type.addItem(label(VISIT_TYPES, code), code)
        self._row("visit_type", self.tr("Type"), self.visit_type)

        self.started = QDateTimeEdit()
        self.ended = QDateTimeEdit()
        for edit in (self.started, self.ended):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self._row("started_at", self.tr("Start"), self.started)
        self._row("ended_at", self.tr("End"), self.ended)

        self.purpose = self._text_edit()
        self._row("purpose", self.tr("Purpose"), self.purpose)
        self.products = ProductsEditor()
        self.products_hint = QLabel()
        self.products_hint.setStyleSheet("color: palette(mid);")
        self._row("products_detailed", self.tr("Products detailed"), self.products,
                  self.products_hint)
        self.feedback = self._text_edit()
        self._row("doctor_feedback", self.tr("Doctor feedback"), self.feedback)
        self.result = self._text_edit()
        self._row("result", self.tr("Result"), self.result)
        self.next_step = self._text_edit()
        self._row("next_step", self.tr("Next step"), self.next_step)

        self.next_visit_set = QCheckBox(self.tr("Planned for"))
        self.next_visit = QDateEdit()
        self.next_visit.setCalendarPopup(True)
        self.next_visit.setDisplayFormat("yyyy-MM-dd")
        self.next_visit.setEnabled(False)
        next_row = QWidget()
        next_layout = QHBoxLayout(next_row)
        next_layout.setContentsMargins(0, 0, 0, 0)
        next_layout.addWidget(self.next_visit_set)
        next_layout.addWidget(self.next_visit)
        next_layout.addStretch(1)
        self._row("next_visit_date", self.tr("Next visit"), next_row)

        self.accompanied = QComboBox()
        self._row("accompanied_by_id", self.tr("Accompanied by"), self.accompanied)

        self.thread_host = QVBoxLayout()
        outer = QWidget()
        outer_layout = QVBoxLayout(outer)
        outer_layout.addWidget(form_host)
        outer_layout.addLayout(self.thread_host)
        outer_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(outer)
        self.scroll = scroll

        self.quality_panel = QFrame()
        self.quality_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.quality_panel.setMinimumWidth(250)
        q_layout = QVBoxLayout(self.quality_panel)
        q_layout.addWidget(heading(self.tr("Quality"), 2))
        self.quality_score = heading("0", 14)
        q_layout.addWidget(self.quality_score)
        self.quality_lines = QLabel()
        self.quality_lines.setTextFormat(Qt.TextFormat.RichText)
        self.quality_lines.setWordWrap(True)
        q_layout.addWidget(self.quality_lines)
        note = QLabel(self.tr("Updates as you type. The server computes the final score."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        q_layout.addWidget(note)
        q_layout.addStretch(1)

        middle = QHBoxLayout()
        middle.addWidget(scroll, 3)
        middle.addWidget(self.quality_panel, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.amend_button = QPushButton(self.tr("Amend…"))
        self.amend_button.setVisible(False)
        self.submit_button = QPushButton(self.tr("Submit"))
        self.close_button = QPushButton(self.tr("Close"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(lambda: print_actions.print_visit(
            self, self.ops, self._visit_id))
        self.submit_button.clicked.connect(self.submit)
        self.amend_button.clicked.connect(self.amend)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.amend_button)
        bottom.addWidget(self.submit_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

        self.doctor.currentIndexChanged.connect(lambda _i: self._doctor_changed())
        self.doctor.editTextChanged.connect(lambda _t: self._doctor_changed())
        self.visit_type.currentIndexChanged.connect(lambda _i: self._edited("visit_type"))
        self.started.dateTimeChanged.connect(lambda _d: self._edited("started_at"))
        self.ended.dateTimeChanged.connect(lambda _d: self._edited("ended_at"))
        for name, edit in self._text_widgets().items():
            edit.textChanged.connect(lambda n=name: self._edited(n))
        self.products.changed.connect(lambda: self._edited("products_detailed"))
        self.next_visit_set.toggled.connect(self._next_visit_toggled)
        self.next_visit.dateChanged.connect(lambda _d: self._edited("next_visit_date"))
        self.accompanied.currentIndexChanged.connect(lambda _i: self._edited("accompanied_by_id"))

    def _text_edit(self) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(64)
        return edit

    def _text_widgets(self) -> dict[str, QPlainTextEdit]:
        return {"purpose": self.purpose, "doctor_feedback": self.feedback, "result": self.result,
                "next_step": self.next_step}

    def _row(self, name: str, text: str, widget: QWidget, extra: QWidget | None = None) -> None:
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(widget)
        if extra is not None:
            box_layout.addWidget(extra)
        if name in TEXT_LIMITS:
            counter = QLabel()
            counter.setAlignment(Qt.AlignmentFlag.AlignRight)
            counter.setStyleSheet("color: palette(mid);")
            self.counters[name] = counter
            box_layout.addWidget(counter)
        self.errors[name] = error_label()
        box_layout.addWidget(self.errors[name])
        caption = QLabel(text)
        caption.setProperty("base_text", text)
        self.labels[name] = caption
        self.form.addRow(caption, box)

    # --- loading ------------------------------------------------------------------------------

    def _load(self, visit_id: uuid.UUID | None, doctor_id: uuid.UUID | None,
              planned_visit_id: uuid.UUID | None) -> None:
        wanted = self._visit_id
        self.status.setText(self.tr("Loading…"))
        self.ops.query(
            lambda replica: open_form(replica, wanted if visit_id is not None else None,
                                      doctor_id=doctor_id, planned_visit_id=planned_visit_id),
            on_done=lambda state: self._show_state(state, new_id=visit_id is None),
            on_error=self._load_failed)

    def reload(self) -> None:
        """Read the visit again (after a submit) and show it as stored."""
        visit_id = self._visit_id
        self.ops.query(lambda replica: open_form(replica, visit_id),
                       on_done=lambda state: self._show_state(state, new_id=False),
                       on_error=self._load_failed)

    def _load_failed(self, failure: OpFailure) -> None:
        self.status.setText(self.tr("Could not open the visit: %1").replace("%1", failure.message))

    def _show_state(self, state: FormState, *, new_id: bool) -> None:
        self.state = state
        visit, ctx = state.visit, state.context
        if new_id:
            self._visit_id = visit.visit_id
        self.exists = visit.exists
        self.journaled = visit.journaled_at is not None
        own = visit.rep_id is None or ctx.me is None or visit.rep_id == ctx.me
        self.read_only = visit.locked or not own
        self._loading = True
        try:
            self._fill_choices(state)
            self._fill_fields(visit.fields)
        finally:
            self._loading = False
        self._set_inputs_enabled(not self.read_only)
        self._update_required_markers()
        self._extra_errors = []
        self._dirty = False
        title = self.tr("Visit") if visit.exists else self.tr("New visit")
        self.setWindowTitle(title)
        self._show_banner()
        self.amend_button.setVisible(visit.locked and own)
        self.submit_button.setVisible(not self.read_only)
        if visit.locked:
            self.status.setText("")
            self._embed_thread()
        elif not own:
            self.status.setText("")
        elif visit.journaled_at is not None:
            self.status.setText(self.tr("Restored what you typed on %1 (not yet saved as a draft).")
                                .replace("%1", format_when(visit.journaled_at, "")))
        elif visit.exists:
            self.status.setText(self.tr("Draft — saved automatically as you type."))
        else:
            self.status.setText(self.tr("New visit — saved automatically as you type."))
        self.refresh_checks()

    def _fill_choices(self, state: FormState) -> None:
        ctx, visit = state.context, state.visit
        self.doctor_model.clear()
        for d in ctx.doctors:
            place = " · ".join(x for x in (d.institution_name, d.department_name) if x)
            item = QStandardItem(f"{d.name} — {place}" if place else d.name)
            item.setData(d.id, Qt.ItemDataRole.UserRole)
            item.setData(f"{d.search_text}|{d.name}|{place}".lower(), SEARCH_ROLE)
            self.doctor_model.appendRow(item)
        doctor_id = visit.fields.get("doctor_id")
        if doctor_id is not None and ctx.doctor(doctor_id) is None:
            text = (self.tr("%1 (no longer in your territory)").replace("%1", visit.doctor_name)
                    if visit.doctor_name else self.tr("Doctor no longer in your territory"))
            item = QStandardItem(text)
            item.setData(doctor_id, Qt.ItemDataRole.UserRole)
            item.setData(text.lower(), SEARCH_ROLE)
            self.doctor_model.appendRow(item)
        self.products.set_catalogue(ctx.products)
        self.accompanied.clear()
        self.accompanied.addItem(self.tr("Nobody"), None)
        for m in ctx.managers:
            role = self.tr("DM") if m.role == "dm" else self.tr("RM")
            self.accompanied.addItem(f"{m.name} ({role})", m.id)
        accompanied = visit.fields.get("accompanied_by_id")
        if accompanied is not None and self.accompanied.findData(accompanied) < 0:
            self.accompanied.addItem(self.tr("A former manager"), accompanied)

    def _fill_fields(self, fields: dict[str, Any]) -> None:
        doctor_index = -1
        for row in range(self.doctor_model.rowCount()):
            if self.doctor_model.item(row).data(Qt.ItemDataRole.UserRole) == fields.get("doctor_id"):
                doctor_index = row
                break
        self.doctor.setCurrentIndex(doctor_index)
        if doctor_index < 0:
            self.doctor.setEditText("")
        type_index = self.visit_type.findData(fields.get("visit_type") or "face_to_face")
        self.visit_type.setCurrentIndex(max(0, type_index))
        now = dt.datetime.now(dt.UTC)
        started = fields.get("started_at") or now
        self.started.setDateTime(to_local(started))
        self.ended.setDateTime(to_local(fields.get("ended_at") or started))
        for name, edit in self._text_widgets().items():
            edit.setPlainText(str(fields.get(name) or ""))
        self.products.set_entries(fields.get("products_detailed") or [])
        next_date = fields.get("next_visit_date")
        self.next_visit_set.setChecked(next_date is not None)
        self.next_visit.setEnabled(next_date is not None and not self.read_only)
        self.next_visit.setDate(QDate(next_date.year, next_date.month, next_date.day)
                                if next_date is not None else QDate.currentDate().addDays(14))
        self.accompanied.setCurrentIndex(max(0, self.accompanied.findData(
            fields.get("accompanied_by_id"))))
        self._links = {k: fields.get(k) for k in ("planned_visit_id", "amends_visit_id")}
        self._show_doctor_place()

    def _embed_thread(self) -> None:
        if self.thread_widget is not None:
            self.thread_widget.refresh()
            return
        self.thread_widget = VisitThreadWidget(self.ops, self.role, self._visit_id, self)
        self.thread_widget.setMinimumHeight(320)
        self.thread_host.addWidget(self.thread_widget)

    def scroll_to_thread(self) -> None:
        """Bring the review thread into view (a visit opened to read or write comments)."""
        if self.thread_widget is not None:
            self.scroll.ensureWidgetVisible(self.thread_widget, 0, 0)

    def _update_required_markers(self) -> None:
        required = set(self.state.context.rules.required_fields) if self.state else set()
        for name, caption in self.labels.items():
            base = str(caption.property("base_text"))
            caption.setText(f"{base} *" if name in required else base)
        self.products_hint.setText(
            self.tr("A key message is required for each product.")
            if KEY_MESSAGE_REQUIRED in required else "")
        self.products_hint.setVisible(KEY_MESSAGE_REQUIRED in required)

    def _show_banner(self) -> None:
        lines: list[str] = []
        visit = self.state.visit if self.state else None
        if visit is not None:
            if visit.locked:
                lines.append(self.tr("Submitted on %1 — locked. A correction is recorded as an "
                                     "amendment.").replace("%1", format_when(visit.submitted_at, "")))
            elif self.read_only:
                lines.append(self.tr("This draft belongs to another user: read only."))
            if not visit.doctor_in_scope:
                lines.append(self.tr(
                    "This visit's doctor is no longer in your territory (reassigned while you "
                    "were offline). The visit is kept on this computer: sync to send it; if the "
                    "server refuses it, export it from Sync problems."))
            if visit.fields.get("amends_visit_id") is not None:
                lines.append(self.tr("This visit corrects an earlier submitted visit."))
        lines += self._general
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))

    # --- editing ------------------------------------------------------------------------------

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for w in (self.doctor, self.visit_type, self.started, self.ended, self.next_visit_set,
                  self.accompanied):
            w.setEnabled(enabled)
        self.next_visit.setEnabled(enabled and self.next_visit_set.isChecked())
        for edit in self._text_widgets().values():
            edit.setReadOnly(not enabled)
        self.products.set_read_only(not enabled)
        self.submit_button.setEnabled(enabled)

    def _doctor_changed(self) -> None:
        self._show_doctor_place()
        self._edited("doctor_id")

    def _show_doctor_place(self) -> None:
        doctor = self.state.context.doctor(self._doctor_id()) if self.state else None
        if doctor is None:
            self.doctor_place.setText("")
            return
        parts = [doctor.institution_name or self.tr("(no institution)"),
                 doctor.department_name or self.tr("(no department)")]
        self.doctor_place.setText(" · ".join(parts))

    def _next_visit_toggled(self, on: bool) -> None:
        self.next_visit.setEnabled(on and not self.read_only)
        self._edited("next_visit_date")

    def _edited(self, name: str) -> None:
        if self._loading or self.read_only or self.state is None:
            return
        self._dirty = True
        self._edits += 1
        self._extra_errors = [e for e in self._extra_errors
                              if not (e.field or "").startswith(name)]
        self.refresh_checks()
        self.autosave_timer.start()

    def _doctor_id(self) -> uuid.UUID | None:
        index = self.doctor.currentIndex()
        if index < 0 or self.doctor.currentText() != self.doctor.itemText(index):
            return None
        value = self.doctor.itemData(index, Qt.ItemDataRole.UserRole)
        return value if isinstance(value, uuid.UUID) else None

    def collect_fields(self) -> dict[str, Any]:
        """The form as visit column values (empty text as None, times as aware UTC)."""
        fields: dict[str, Any] = {
            "doctor_id": self._doctor_id(),
            "visit_type": self.visit_type.currentData(),
            "started_at": to_utc(self.started.dateTime()),
            "ended_at": to_utc(self.ended.dateTime()),
        }
        for name, edit in self._text_widgets().items():
            fields[name] = edit.toPlainText() or None
        products = self.products.entries()
        fields["products_detailed"] = [
            {k: v for k, v in p.items() if k == "product_id" or v} for p in products] or None
        fields["next_visit_date"] = (self.next_visit.date().toPython()
                                     if self.next_visit_set.isChecked() else None)
        fields["accompanied_by_id"] = self.accompanied.currentData()
        fields.update(self._links)
        return fields

    # --- checks and quality ------------------------------------------------------------------

    def refresh_checks(self) -> None:
        """Re-score and re-check the form as it is now (no database)."""
        if self.state is None:
            return
        fields = self.collect_fields()
        result, problems = preview(self.state.context, fields)
        self.quality_score.setText(f"{result.score:g}")
        lines = []
        for item in result.explanation_json():
            colour = "#2e7d32" if item["points"] >= 0 else "#c62828"
            lines.append(f'<div style="color:{colour}">{quality_line(item)}</div>')
        self.quality_lines.setText("".join(lines) or self.tr("Nothing scored yet."))
        for name, counter in self.counters.items():
            length = len(fields.get(name) or "")
            limit = TEXT_LIMITS[name]
            counter.setText(f"{length} / {limit}")
            counter.setStyleSheet("color: #c62828;" if length > limit else "color: palette(mid);")
        if not self.read_only:
            self.show_errors(problems + self._extra_errors, fields)

    def show_errors(self, errors: list[FieldError], fields: dict[str, Any]) -> None:
        """Each field's first problem under it; product problems under their row;
        problems about no field (the clock, an amendment) in the banner."""
        rules = self.state.context.rules if self.state else None
        by_field: dict[str, str] = {}
        by_row: dict[int, str] = {}
        general: list[str] = []
        for error in errors:
            name = error.field or ""
            if name.startswith("products_detailed["):
                index = int(name[len("products_detailed["):name.index("]")])
                key = name.rsplit(".", 1)[-1]
                entries = fields.get("products_detailed") or []
                value = entries[index].get(key) if index < len(entries) else None
                by_row.setdefault(index, problem_text(error, value, rules,
                                                      PRODUCT_TEXT_LIMITS.get(key)))
            elif name in self.errors:
                value: Any = fields.get(name)
                if error.code == "duration_out_of_range":
                    value = duration_minutes(fields)
                by_field.setdefault(name, problem_text(error, value, rules, TEXT_LIMITS.get(name)))
            else:
                general.append(problem_text(error, None, rules))
        for name, label_widget in self.errors.items():
            set_error(label_widget, by_field.get(name))
        self.products.set_row_errors(by_row)
        self._general = general
        self._show_banner()

    def field_error(self, name: str) -> str:
        """The message shown under ``name`` ("" when none; for tests and screenshots)."""
        widget = self.errors[name]
        return widget.text() if not widget.isHidden() else ""

    # --- saving -------------------------------------------------------------------------------

    def save_now(self) -> Future[SaveOutcome] | None:
        """Autosave the form now (debounce elapsed, hide or close); None when nothing to save."""
        self.autosave_timer.stop()
        if self.state is None or self.read_only or not self._dirty:
            return None
        self._dirty = False
        visit_id, fields, edits = self._visit_id, self.collect_fields(), self._edits
        return self.ops.write(lambda replica: autosave(replica, visit_id, fields),
                              changes=lambda outcome: VISIT_CHANGES if outcome.saved else (),
                              on_done=lambda o: self._saved(o, edits), on_error=self._save_failed)

    def _saved(self, outcome: SaveOutcome, edits: int) -> None:
        self.journaled = outcome.journaled
        if outcome.saved:
            self.exists = True
            when = outcome.at.astimezone().strftime("%H:%M")
            self.status.setText(self.tr("Saved %1").replace("%1", when))
            self.status.setStyleSheet("")
            self.saved.emit(outcome.visit_id)
        else:
            self.status.setText(self.tr("Saved on this computer — fix the marked fields to save "
                                        "the draft."))
            self.status.setStyleSheet("color: #c62828;")
        if edits == self._edits:
            self._extra_errors = list(outcome.errors)
            self.refresh_checks()

    def _save_failed(self, failure: OpFailure) -> None:
        self._dirty = True
        self.status.setText(self.tr("Could not save: %1. What you typed is still in the form.")
                            .replace("%1", failure.message))
        self.status.setStyleSheet("color: #c62828;")

    # --- submit and amend ------------------------------------------------------------------------

    def _ask_submit(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Submit visit"),
            self.tr("Submit this visit? A submitted visit is locked: later corrections are "
                    "recorded as amendments."))
        return answer == QMessageBox.StandardButton.Yes

    def submit(self) -> None:
        if self.state is None or self.read_only or not self.confirm_submit():
            return
        self.autosave_timer.stop()
        self._dirty = False
        visit_id, fields = self._visit_id, self.collect_fields()
        self.submit_button.setEnabled(False)
        self.status.setText(self.tr("Submitting…"))
        self.ops.write(lambda replica: submit(replica, visit_id, fields), changes=VISIT_CHANGES,
                       on_done=self._submitted, on_error=self._submit_failed)

    def _submitted(self, outcome: SubmitOutcome) -> None:
        self.submit_button.setEnabled(not self.read_only)
        self.journaled = not outcome.saved
        self.exists = self.exists or outcome.saved
        if outcome.submitted:
            self.saved.emit(outcome.visit_id)
            self.reload()
            return
        self._extra_errors = list(outcome.errors)
        self.refresh_checks()
        self.status.setText(self.tr("Not submitted: fix the marked fields."))
        self.status.setStyleSheet("color: #c62828;")

    def _submit_failed(self, failure: OpFailure) -> None:
        self.submit_button.setEnabled(True)
        self._dirty = True
        self.status.setText(self.tr("Could not submit: %1").replace("%1", failure.message))
        self.status.setStyleSheet("color: #c62828;")

    def amend(self) -> None:
        """Open a new draft correcting this submitted visit (linked by amends_visit_id)."""
        original = self._visit_id
        self.ops.write(lambda replica: create_amendment(replica, original), changes=VISIT_CHANGES,
                       on_done=self._amendment_created, on_error=self._load_failed)

    def _amendment_created(self, outcome: SaveOutcome) -> None:
        self.amendment_dialog = open_visit_dialog(self.parentWidget(), self.ops, self.role,
                                                  outcome.visit_id)
        self.close()

    # --- closing --------------------------------------------------------------------------------

    def _ask_keep_journal(self) -> str:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Visit not saved as a draft"))
        box.setText(self.tr("This visit cannot be saved as a draft yet (see the marked fields). "
                            "Keep what you typed on this computer?"))
        keep = box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "keep" if clicked is keep else "discard" if clicked is discard else "cancel"

    def _finish_editing(self) -> bool:
        """Save the last edits before the form goes away; False when the user cancels."""
        future = self.save_now()
        outcome: SaveOutcome | None = None
        if future is not None:
            try:
                outcome = future.result(timeout=SAVE_ON_CLOSE_SECONDS)
            except Exception:  # shown by _save_failed; the journal or draft keeps the rest
                outcome = None
        journaled = outcome.journaled if outcome is not None else self.journaled
        if journaled and not self.exists:
            choice = self.ask_keep_journal()
            if choice == "cancel":
                return False
            if choice == "discard":
                visit_id = self._visit_id
                self.ops.write(lambda replica: discard_journal(replica, visit_id), changes=())
        return True

    def reject(self) -> None:
        """Close, Escape and the window's close button all end here (QDialog's closeEvent
        calls reject): save first, then hide."""
        if self._finish_editing():
            super().reject()

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_now()
        super().hideEvent(event)


def open_visit_dialog(parent: QWidget | None, ops: Ops, role: str,
                      visit_id: uuid.UUID | None = None, *, doctor_id: uuid.UUID | None = None,
                      planned_visit_id: uuid.UUID | None = None) -> VisitDialog:
    """Show the visit form non-modally (deleted when closed) and return it."""
    dialog = VisitDialog(ops, role, visit_id, doctor_id=doctor_id,
                         planned_visit_id=planned_visit_id, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
