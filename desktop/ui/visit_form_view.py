"""The visit form's widgets: what the form shows and how its fields read back.

``VisitFormView`` builds the fields, the quality panel and the buttons; fills them from a
loaded ``FormState``; reads them back as visit column values (``collect_fields``); and
shows problems next to their field. It holds no rules and no replica: the controller
(``desktop.ui.visit_form.VisitDialog``) owns the state, the checks and the saving, and
answers the hooks this view calls (``_edited``, ``submit``, ``amend``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
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
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop import company_time
from desktop.ui.common import error_label, format_when, heading, set_error, to_qdate, to_qdatetime
from desktop.ui.doctors_labels import VISIT_TYPES, label
from desktop.ui.visit_form_companions import CompanionPicker
from desktop.ui.visit_form_labels import problem_text, quality_line
from desktop.ui.visit_form_products import ProductsEditor
from desktop.ui.visit_thread import VisitThreadWidget
from desktop.visit_form_data import COMPANIONS, FormState
from domain.visit_quality import QualityResult
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

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_FIELDS = ("purpose", "doctor_feedback", "result", "next_step")
FORM_SIZE = (1000, 780)


def to_utc(value: QDateTime) -> dt.datetime:
    """A QDateTimeEdit's wall-clock time (the company's zone) as an aware UTC datetime."""
    day, time = value.date(), value.time()
    return company_time.from_wall_clock(dt.datetime(day.year(), day.month(), day.day(),
                                                    time.hour(), time.minute(), time.second()))


def to_local(value: dt.datetime) -> QDateTime:
    """An instant as the company's wall-clock time, for a QDateTimeEdit."""
    local = company_time.local(value)
    return to_qdatetime(local.replace(microsecond=0))


class DoctorCompleter(QCompleter):
    """Matches the typed text anywhere in name, pinyin, initials, hospital or department
    (``SEARCH_ROLE``) but puts the doctor's display text into the box."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")



class VisitFormView(QDialog):
    """The form's widgets (see the module docstring); subclassed by the controller."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: FormState | None = None
        self.read_only = True  # until loaded
        self.thread_widget: VisitThreadWidget | None = None
        self._general: list[str] = []
        self._links: dict[str, Any] = {}
        self.setWindowTitle(self.tr("Visit"))
        self.resize(*FORM_SIZE)
        self._build()

    # --- hooks the controller answers ---------------------------------------------------

    def _edited(self, name: str) -> None:
        """A field changed (``name``: its column)."""

    def submit(self) -> None:
        """The Submit button."""

    def amend(self) -> None:
        """The Amend… button."""

    def print_visit(self) -> None:
        """The Print… button."""

    def show_articles(self) -> None:
        """The "Articles on these products…" button."""

    def _doctor_changed(self) -> None:
        self._show_doctor_place()
        self._edited("doctor_id")

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
        doctor_edit = self.doctor.lineEdit()
        assert doctor_edit is not None  # an editable combo box has one
        doctor_edit.setPlaceholderText(self.tr("Type a name, pinyin or hospital…"))
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
        self.articles_button = QPushButton(self.tr("Articles on these products…"))
        self.articles_button.setToolTip(self.tr("The knowledge base articles of the products "
                                                "being detailed, offline"))
        self.articles_button.clicked.connect(self.show_articles)
        products_extra = QWidget()
        extra_layout = QHBoxLayout(products_extra)
        extra_layout.setContentsMargins(0, 0, 0, 0)
        extra_layout.addWidget(self.products_hint, 1)
        extra_layout.addWidget(self.articles_button)
        self._row("products_detailed", self.tr("Products detailed"), self.products,
                  products_extra)
        self.feedback = self._text_edit()
        self._row("doctor_feedback", self.tr("Doctor feedback"), self.feedback)
        self.result_text = self._text_edit()
        self._row("result", self.tr("Result"), self.result_text)
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

        self.companions = CompanionPicker()
        self._row(COMPANIONS, self.tr("Accompanied by"), self.companions)

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
        self.scroll_area = scroll

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
        self.submit_button.clicked.connect(self.submit)
        self.amend_button.clicked.connect(self.amend)
        self.close_button.clicked.connect(self.close)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_visit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.amend_button)
        bottom.addWidget(self.submit_button)
        bottom.addWidget(self.print_button)
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
        for name, text_edit in self._text_widgets().items():
            text_edit.textChanged.connect(lambda n=name: self._edited(n))
        self.products.changed.connect(lambda: self._edited("products_detailed"))
        self.next_visit_set.toggled.connect(self._next_visit_toggled)
        self.next_visit.dateChanged.connect(lambda _d: self._edited("next_visit_date"))
        self.companions.changed.connect(lambda: self._edited(COMPANIONS))

    def _text_edit(self) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(64)
        return edit

    def _text_widgets(self) -> dict[str, QPlainTextEdit]:
        return {"purpose": self.purpose, "doctor_feedback": self.feedback, "result": self.result_text,
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
        self.companions.set_choices(ctx.managers, visit.fields.get(COMPANIONS) or [])

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
                                if next_date is not None else to_qdate(company_time.today()).addDays(14))
        self.companions.set_selected(fields.get(COMPANIONS) or [])
        self._links = {k: fields.get(k) for k in ("planned_visit_id", "amends_visit_id")}
        self._show_doctor_place()

    def scroll_to_thread(self) -> None:
        """Bring the review thread into view (a visit opened to read or write comments)."""
        if self.thread_widget is not None:
            self.scroll_area.ensureWidgetVisible(self.thread_widget, 0, 0)

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

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for w in (self.doctor, self.visit_type, self.started, self.ended, self.next_visit_set):
            w.setEnabled(enabled)
        self.companions.set_read_only(not enabled)
        self.next_visit.setEnabled(enabled and self.next_visit_set.isChecked())
        for edit in self._text_widgets().values():
            edit.setReadOnly(not enabled)
        self.products.set_read_only(not enabled)
        self.submit_button.setEnabled(enabled)

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
        fields[COMPANIONS] = self.companions.selected()
        fields.update(self._links)
        return fields

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
                entry_value = entries[index].get(key) if index < len(entries) else None
                by_row.setdefault(index, problem_text(error, entry_value, rules,
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

    def show_quality(self, result: QualityResult, fields: dict[str, Any]) -> None:
        """The live score with its explanation, and each text field's length against its limit."""
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
