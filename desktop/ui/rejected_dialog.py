"""Changes the server refused: see why, then fix, discard or export them."""

from __future__ import annotations

import datetime as dt
import json
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
from sqlalchemy.engine import Engine

from desktop.tasks import TaskManager
from desktop.ui.common import format_when
from local_store import outbox as ob
from local_store.export import unsynced_changes
from local_store.writes import get_local_row


def load_rejections(replica: Engine) -> list[dict[str, Any]]:
    with replica.connect() as conn:
        return ob.unresolved_rejections(conn)


def export_unsynced(replica: Engine, out: Path) -> int:
    """Write pending and rejected changes to ``out`` (JSON); returns how many."""
    with replica.connect() as conn:
        data = unsynced_changes(conn)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return len(data["pending"]) + len(data["rejected"])


class RejectedChangesDialog(QDialog):
    """Lists unresolved rejections (table, reason, message, when) with Fix/Discard/Export."""

    COLUMNS = 5

    def __init__(self, tasks: TaskManager, replica: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.replica = replica
        self.rows: list[dict[str, Any]] = []
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
        replica = self.replica
        self.tasks.run_read(lambda: load_rejections(replica), on_done=self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            when = r["rejected_at"]
            values = [r["table_name"], r["op"], r["reason"] or "", r["message"] or "",
                      format_when(when if isinstance(when, dt.datetime) else None, "")]
            for j, v in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(str(v)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        has = bool(rows)
        for b in (self.fix_button, self.discard_button):
            b.setEnabled(has)

    def selected(self) -> list[dict[str, Any]]:
        picked = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[i] for i in picked if i < len(self.rows)]

    def fix_selected(self) -> None:
        """For now: show the row's current fields and the refused change side by side."""
        chosen = self.selected()
        if not chosen:
            return
        r = chosen[0]
        replica = self.replica

        def read() -> dict[str, Any] | None:
            with replica.connect() as conn:
                return get_local_row(conn, r["table_name"], r["row_id"])

        def show(row: dict[str, Any] | None) -> None:
            current = json.dumps(row, ensure_ascii=False, indent=1, default=str) if row else "—"
            refused = json.dumps(r["fields"], ensure_ascii=False, indent=1, default=str)
            box = QMessageBox(self)
            box.setWindowTitle(self.tr("Rejected change"))
            box.setText(self.tr("%1: %2").replace("%1", r["reason"] or "").replace("%2", r["message"] or ""))
            box.setDetailedText(self.tr("Refused change:\n%1\n\nThe row now:\n%2")
                                .replace("%1", refused).replace("%2", current))
            box.open()

        self.tasks.run_read(read, on_done=show)

    def discard_selected(self) -> None:
        ids = [int(r["id"]) for r in self.selected()]
        if not ids:
            return
        replica = self.replica

        def discard() -> None:
            with replica.begin() as conn:
                ob.resolve_rejections(conn, ids)

        self.tasks.run_db(discard, on_done=lambda _r: self._discarded())

    def _discarded(self) -> None:
        self.tasks.notify("rejected")
        self.refresh()

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export unsynced changes"), "fieldrep-unsynced.json", "JSON (*.json)")
        if path:
            self.export_to(Path(path))

    def export_to(self, out: Path) -> None:
        replica = self.replica
        self.tasks.run_read(lambda: export_unsynced(replica, out),
                            on_done=lambda n: self.status.setText(
                                self.tr("%n change(s) written to %1.", "", n).replace("%1", str(out))))
