"""Changes the server refused: see why, then fix, discard or export them."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import rejections as rj
from desktop.ops import OpFailure, Ops
from desktop.ui.common import format_when


class RejectedChangesDialog(QDialog):
    """Lists unresolved rejections (table, reason, message, when) with Fix/Discard/Export."""

    COLUMNS = 5

    def __init__(self, ops: Ops, parent: QWidget | None = None, *, role: str = "rep") -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.rows: list[rj.Rejection] = []
        self.setWindowTitle(self.tr("Rejected changes"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The server did not accept these changes. They are kept here until "
                               "you fix or discard them; export them to keep a copy."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Change"), self.tr("Reason"),
                                              self.tr("Message"), self.tr("When")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        self.status = QLabel()
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.fix_button = QPushButton(self.tr("Fix…"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.export_button = QPushButton(self.tr("Export…"))
        close = QPushButton(self.tr("Close"))
        self.fix_button.clicked.connect(self.fix_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.export_button.clicked.connect(self._ask_export)
        close.clicked.connect(self.accept)
        for b in (self.fix_button, self.discard_button, self.export_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.ops.query(rj.load_rejections, on_done=self._show)

    def table_label(self, table: str) -> str:
        labels = {"visits": self.tr("Visit"), "visit_comments": self.tr("Comment"),
                  "visit_reviews": self.tr("Review"), "comment_reads": self.tr("Comment read"),
                  "visit_plans": self.tr("Week plan"), "planned_visits": self.tr("Planned visit"),
                  "evaluations": self.tr("Evaluation"), "change_requests": self.tr("Doctor request"),
                  "events": self.tr("Event"), "event_attendees": self.tr("Event attendee")}
        return labels.get(table, table)

    def op_label(self, op: str) -> str:
        return {"insert": self.tr("New"), "update": self.tr("Change"),
                "delete": self.tr("Delete")}.get(op, op)

    def reason_label(self, reason: str) -> str:
        """Words for a machine reason. ``validation`` and ``bad_value`` read the same:
        servers refuse a value no device can store as ``validation`` (older ones said
        ``bad_value``), and either way the server's message names the field to fix."""
        invalid = self.tr("Invalid value")
        return {
            "validation": invalid,
            "bad_value": invalid,
            "locked": self.tr("Already submitted and locked"),
            "invalid_transition": self.tr("This status change is not allowed"),
            "out_of_scope": self.tr("No longer in your territory"),
            "not_owner": self.tr("Belongs to someone else"),
            "not_allowed": self.tr("Not allowed for your role"),
            "not_found": self.tr("No longer exists on the server"),
            "deleted": self.tr("Deleted on the server"),
            "already_exists": self.tr("Already exists"),
            "unknown_field": self.tr("Unknown field (update the app)"),
            "unknown_table": self.tr("Unknown record type (update the app)"),
        }.get(reason, reason)

    def _show(self, rows: list[rj.Rejection]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            what = self.table_label(r.table) + (f" — {r.subject}" if r.subject else "")
            values = [what, self.op_label(r.op), self.reason_label(r.reason), r.message,
                      format_when(r.rejected_at, "")]
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setToolTip(v)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        has = bool(rows)
        for b in (self.fix_button, self.discard_button):
            b.setEnabled(has)
        if rows and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def selected(self) -> list[rj.Rejection]:
        picked = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[i] for i in picked if i < len(self.rows)]

    def fix_selected(self) -> None:
        """A visit reopens as a draft in the visit form; other records show what was refused."""
        chosen = self.selected()
        if not chosen:
            return
        r = chosen[0]
        if r.table == "visits":
            self.ops.write(lambda replica: rj.reopen_visit(replica, r.row_id), changes=rj.REOPEN_CHANGES,
                           on_done=self._open_visit, on_error=self._fix_failed)
            return
        self.ops.query(lambda replica: rj.current_row(replica, r.table, r.row_id),
                       on_done=lambda row: self._show_details(r, row))

    def _open_visit(self, visit_id: uuid.UUID) -> None:
        from desktop.ui.visit_form import open_visit_dialog  # the form loads on demand

        self.refresh()
        self.status.setText(self.tr("The visit is a draft again: correct it and submit it."))
        self.fix_dialog = open_visit_dialog(self.parentWidget() or self, self.ops, self.role, visit_id)

    def _fix_failed(self, failure: OpFailure) -> None:
        exc = failure.error
        if getattr(exc, "reason", None) in rj.UNFIXABLE_REASONS:
            self.status.setText(self.tr(
                "Editing cannot fix this: the server refuses this visit for who or where it is "
                "(for example, its doctor left your territory). Export it to keep a copy, then "
                "discard it."))
            return
        self.status.setText(self.tr("This change cannot be fixed here: %1 Export it to keep a copy, "
                                    "then discard it.").replace("%1", failure.message))

    def _show_details(self, r: rj.Rejection, row: dict[str, Any] | None) -> None:
        current = json.dumps(row, ensure_ascii=False, indent=1, default=str) if row else "—"
        refused = json.dumps(r.fields, ensure_ascii=False, indent=1, default=str)
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Rejected change"))
        box.setText(self.tr("%1: %2").replace("%1", self.reason_label(r.reason))
                    .replace("%2", r.message))
        box.setInformativeText(self.tr("Make the change again where it belongs, or discard it."))
        box.setDetailedText(self.tr("Refused change:\n%1\n\nThe record now:\n%2")
                            .replace("%1", refused).replace("%2", current))
        box.open()

    def discard_selected(self) -> None:
        ids = [r.id for r in self.selected()]
        if not ids:
            return
        self.ops.write(lambda replica: rj.discard(replica, ids), changes=rj.DISCARD_CHANGES,
                       on_done=lambda _r: self.refresh())

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export unsynced changes"), "fieldrep-unsynced.json", "JSON (*.json)")
        if path:
            self.export_to(Path(path))

    def export_to(self, out: Path) -> None:
        self.ops.query(lambda replica: rj.export_unsynced(replica, out),
                       on_done=lambda n: self.status.setText(
                           self.tr("%n change(s) written to %1.", "", n).replace("%1", str(out))))
