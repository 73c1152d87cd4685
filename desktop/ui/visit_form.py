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

This module is the controller (state, checks, autosave, submit); the widgets are built
and filled by ``desktop.ui.visit_form_view.VisitFormView``.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from desktop import company_time
from desktop.ops import OpFailure, Ops
from desktop.ui import print_actions
from desktop.ui.common import format_when
from desktop.ui.product_articles import show_product_articles
from desktop.ui.visit_form_view import SEARCH_ROLE, TEXT_FIELDS, VisitFormView, to_local, to_utc
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
    FieldError,
)

AUTOSAVE_MS = 600
SAVE_ON_CLOSE_SECONDS = 5.0
__all__ = ["SEARCH_ROLE", "TEXT_FIELDS", "VisitDialog", "open_visit_dialog", "to_local", "to_utc"]


class VisitDialog(VisitFormView):
    """Create, continue or view one visit. ``saved(visit_id)`` after each draft save or submit.

    The controller of ``VisitFormView``: holds the loaded state, re-checks and re-scores on
    every edit, autosaves (debounced, and on hide/close), submits and amends."""

    saved = Signal(object)

    def __init__(self, ops: Ops, role: str, visit_id: uuid.UUID | None = None, *,
                 doctor_id: uuid.UUID | None = None, planned_visit_id: uuid.UUID | None = None,
                 parent: QWidget | None = None) -> None:
        self.ops = ops
        self.role = role
        self._visit_id = visit_id or uuid.uuid4()
        super().__init__(parent)
        self.exists = False
        self.journaled = False  # the journal holds this form (e.g. never a valid draft yet)
        self._loading = False
        self._dirty = False
        self._edits = 0  # edit generation: older save outcomes do not mark fields
        self._extra_errors: list[FieldError] = []
        self.amendment_dialog: VisitDialog | None = None
        # Replaceable in tests (the real ones show a message box).
        self.confirm_submit: Callable[[], bool] = self._ask_submit
        self.ask_keep_journal: Callable[[], str] = self._ask_keep_journal

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.save_now)
        self._set_inputs_enabled(False)
        self._load(visit_id, doctor_id, planned_visit_id)

    @property
    def visit_id(self) -> uuid.UUID:
        return self._visit_id

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

    def _embed_thread(self) -> None:
        if self.thread_widget is not None:
            self.thread_widget.refresh()
            return
        self.thread_widget = VisitThreadWidget(self.ops, self.role, self._visit_id, self)
        self.thread_widget.setMinimumHeight(320)
        self.thread_host.addWidget(self.thread_widget)

    # --- editing ------------------------------------------------------------------------------

    def _doctor_changed(self) -> None:
        self._show_doctor_place()
        self._edited("doctor_id")

    def _edited(self, name: str) -> None:
        if self._loading or self.read_only or self.state is None:
            return
        self._dirty = True
        self._edits += 1
        self._extra_errors = [e for e in self._extra_errors
                              if not (e.field or "").startswith(name)]
        self.refresh_checks()
        self.autosave_timer.start()

    # --- checks and quality ------------------------------------------------------------------

    def refresh_checks(self) -> None:
        """Re-score and re-check the form as it is now (no database)."""
        if self.state is None:
            return
        fields = self.collect_fields()
        result, problems = preview(self.state.context, fields)
        self.show_quality(result, fields)
        if not self.read_only:
            self.show_errors(problems + self._extra_errors, fields)

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
            when = company_time.local(outcome.at).strftime("%H:%M")
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

    def show_articles(self) -> None:
        """The knowledge base articles of the products being detailed."""
        ids = []
        for entry in self.products.entries():
            with contextlib.suppress(TypeError, ValueError):
                ids.append(uuid.UUID(str(entry.get("product_id"))))
        show_product_articles(self, self.ops, ids, self.tr("Articles on these products"))

    def print_visit(self) -> None:
        """Preview and print this visit with its review thread."""
        print_actions.print_visit(self, self.ops, self._visit_id)

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
