"""The visits table model: holds only ids, fetches the rows on screen in blocks.

``LazyRowsModel`` (after Anki's browser model): ``set_ids`` takes the ordered ids
of a list (a rep's day, or 10k+ team visits; ``VisitKey``s, the stored text, cheap
to hold) and optionally the rows already read with them.

Columns are chosen by the page (``columns``): the rep's page and the team page show
different ones. ``UserRole`` gives the visit id (a UUID) of a row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    Qt,
)
from PySide6.QtGui import QColor

from desktop import company_time
from desktop.ops import Ops, ReplicaHandle
from desktop.ui.doctors_labels import VISIT_TYPES, label
from desktop.ui.lazy_model import Index, LazyRowsModel
from desktop.visit_lists import (
    DRAFT,
    REJECTED,
    SUBMITTED,
    VisitKey,
    VisitRow,
    fetch_visit_rows,
    visit_key,
)

STATUS_CONTEXT = "VisitStatus"
STATUS_LABELS: dict[str, object] = {
    DRAFT: QT_TRANSLATE_NOOP("VisitStatus", "Draft"),
    SUBMITTED: QT_TRANSLATE_NOOP("VisitStatus", "Submitted"),
    REJECTED: QT_TRANSLATE_NOOP("VisitStatus", "Rejected"),
}
EXEMPLARY = QT_TRANSLATE_NOOP("VisitStatus", "Exemplary")
STATUS_COLORS = {DRAFT: QColor("#8a6d00"), SUBMITTED: QColor("#2e7d32"), REJECTED: QColor("#c62828")}
LOW_QUALITY = 60.0
LOW_QUALITY_COLOR = QColor("#c62828")
EXEMPLARY_COLOR = QColor("#fff8e1")

CENTERED = ("status", "quality", "reviewed", "time")


def status_label(status: str) -> str:
    source = STATUS_LABELS.get(status)
    return QCoreApplication.translate(STATUS_CONTEXT, str(source)) if source else status


def quality_text(quality: float | None) -> str:
    return "" if quality is None else QLocale().toString(round(quality))


def local_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return QLocale().toString(company_time.local(value).time(), QLocale.FormatType.ShortFormat)  # type: ignore[call-overload]


def local_date_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = company_time.local(value).replace(tzinfo=None)
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)  # type: ignore[call-overload]


class VisitTableModel(LazyRowsModel):
    """Ids (``VisitKey``) in order, rows fetched lazily in blocks; see the module docstring."""

    def __init__(self, ops: Ops, columns: Sequence[str], parent: Any = None) -> None:
        super().__init__(ops, columns, parent)

    def fetch(self, replica: ReplicaHandle, keys: Sequence[VisitKey]) -> dict[VisitKey, VisitRow]:
        return fetch_visit_rows(replica, keys)

    def set_ids(self, ids: list[VisitKey], first_rows: dict[VisitKey, VisitRow] | None = None) -> None:
        """Show these ids; ``first_rows`` pre-fills the blocks it covers (all rows of a short list)."""
        self.set_keys(ids, first_rows)

    def id_at(self, row: int) -> uuid.UUID | None:
        key = self.key_at(row)
        return None if key is None else uuid.UUID(key)

    def visit_ids(self) -> list[uuid.UUID]:
        """Every visit id in order (converts them all: for tests and short lists)."""
        return [uuid.UUID(k) for k in self.keys]

    def row_of(self, key: Any) -> int:
        return super().row_of(visit_key(key))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.UserRole and index.isValid():
            return self.id_at(index.row())
        return super().data(index, role)

    def row_data(self, row: VisitRow, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "status":
                return STATUS_COLORS.get(row.status)
            if column == "quality" and row.quality is not None and row.quality < LOW_QUALITY:
                return LOW_QUALITY_COLOR
        if role == Qt.ItemDataRole.BackgroundRole and row.exemplary:
            return EXEMPLARY_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and column == "status" and row.rejection:
            return row.rejection
        if role == Qt.ItemDataRole.TextAlignmentRole and column in CENTERED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row: VisitRow, column: str) -> str:
        if column == "time":
            return local_time(row.started_at)
        if column == "when":
            return local_date_time(row.started_at)
        if column == "rep":
            return row.rep_name
        if column == "doctor":
            return row.doctor_name
        if column == "institution":
            return row.institution_name
        if column == "type":
            return label(VISIT_TYPES, row.visit_type)
        if column == "status":
            return status_label(row.status)
        if column == "quality":
            return quality_text(row.quality)
        if column == "reviewed":
            if row.exemplary:
                return "★ " + QCoreApplication.translate(STATUS_CONTEXT, str(EXEMPLARY))
            return "✓" if row.reviewed else ""
        return ""
