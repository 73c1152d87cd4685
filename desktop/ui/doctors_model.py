"""The doctors table model: ids of a search, rows fetched in blocks (``LazyRowsModel``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop import company_time
from desktop.doctors_data import DoctorKey, DoctorRow, fetch_rows
from desktop.ops import Ops, ReplicaHandle
from desktop.ui.doctors_labels import TITLES, label
from desktop.ui.lazy_model import LazyRowsModel

BEHIND_COLOR = QColor("#c62828")
TEXT_COLUMNS = frozenset({"name", "institution", "department", "title"})


class DoctorTableModel(LazyRowsModel):
    """Columns: name, institution, department, title, grade, visits this month, last visit."""

    COLUMNS = ("name", "institution", "department", "title", "grade", "visits", "last_visit")

    def __init__(self, ops: Ops, parent: Any = None) -> None:
        super().__init__(ops, self.COLUMNS, parent)

    def fetch(self, replica: ReplicaHandle, keys: Sequence[DoctorKey]) -> dict[DoctorKey, DoctorRow]:
        return fetch_rows(replica, keys)

    def row_data(self, row: DoctorRow, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in TEXT_COLUMNS:
            return self._display(row, column) or None  # the whole text of an elided cell
        if role == Qt.ItemDataRole.ForegroundRole and column == "visits" and row.behind:
            return BEHIND_COLOR
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("grade", "visits"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    @staticmethod
    def _display(row: DoctorRow, column: str) -> str:
        if column == "name":
            return row.name
        if column == "institution":
            return row.institution
        if column == "department":
            return row.department
        if column == "title":
            return label(TITLES, row.title)
        if column == "grade":
            return row.grade or ""
        if column == "visits":
            return f"{row.visits_this_month} / {row.required}"
        if column == "last_visit":
            return _local_date(row.last_visit)
        return ""


def _local_date(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return company_time.local(value).date().isoformat()
