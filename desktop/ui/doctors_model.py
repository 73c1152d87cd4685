"""The doctors table model: holds only ids, fetches the rows on screen in blocks.

As in Anki's browser model: ``set_keys`` takes the ordered ids of a search (up to
100k) and optionally the rows of the first block, so the first screenful paints
without another query. ``data()`` for a row not cached yet shows a placeholder and
asks the task manager for its whole block on the read pool; when the block arrives
the rows are cached (a few blocks, least recently used dropped) and repainted.
Results of an older search are ignored (``generation``).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from sqlalchemy.engine import Engine

from desktop.tasks import TaskManager
from desktop.ui.doctors_labels import TITLES, label
from local_store.read.doctors import DoctorKey, DoctorRow, doctor_rows

BLOCK_SIZE = 50
MAX_BLOCKS = 20
BEHIND_COLOR = QColor("#c62828")

Index = QModelIndex | QPersistentModelIndex


def fetch_rows(replica: Engine, keys: Sequence[DoctorKey]) -> dict[DoctorKey, DoctorRow]:
    """One block of rows (runs on the read pool)."""
    with replica.connect() as conn:
        return doctor_rows(conn, keys)


class DoctorTableModel(QAbstractTableModel):
    """Columns: name, institution, department, title, grade, visits this month, last visit."""

    COLUMNS = ("name", "institution", "department", "title", "grade", "visits", "last_visit")

    def __init__(self, tasks: TaskManager, replica: Engine, parent: Any = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.replica = replica
        self.keys: list[DoctorKey] = []
        self.generation = 0
        self._blocks: OrderedDict[int, dict[DoctorKey, DoctorRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._partial: set[int] = set()  # block 0 pre-filled with only the rows on screen
        self.headers: Callable[[], list[str]] = lambda: list(self.COLUMNS)

    # --- content --------------------------------------------------------------------

    def set_keys(self, keys: list[DoctorKey], first_rows: dict[DoctorKey, DoctorRow] | None = None) -> None:
        """Show these ids (a new search); ``first_rows`` pre-fills (part of) block 0."""
        self.beginResetModel()
        self.generation += 1
        self.keys = keys
        self._blocks.clear()
        self._pending.clear()
        self._partial.clear()
        if first_rows:
            self._blocks[0] = dict(first_rows)
            if len(first_rows) < min(BLOCK_SIZE, len(keys)):
                self._partial.add(0)
        self.endResetModel()

    def key_at(self, row: int) -> DoctorKey | None:
        return self.keys[row] if 0 <= row < len(self.keys) else None

    def row_of(self, key: DoctorKey) -> int:
        try:
            return self.keys.index(key)
        except ValueError:
            return -1

    def cached_row_count(self) -> int:
        """Rows fetched and held (for tests and the benchmark: << rowCount on big lists)."""
        return sum(len(b) for b in self._blocks.values())

    def cached(self, row: int) -> DoctorRow | None:
        key = self.key_at(row)
        if key is None:
            return None
        block = self._blocks.get(row // BLOCK_SIZE)
        if block is None:
            return None
        self._blocks.move_to_end(row // BLOCK_SIZE)
        return block.get(key)

    def ensure_rows(self, first: int, last: int) -> None:
        """Ask for every block covering rows ``first..last`` that is not cached yet."""
        for block in range(max(0, first) // BLOCK_SIZE, max(0, last) // BLOCK_SIZE + 1):
            self._request(block)

    def _request(self, block: int) -> None:
        if (block in self._blocks and block not in self._partial) or block in self._pending:
            return
        keys = self.keys[block * BLOCK_SIZE:(block + 1) * BLOCK_SIZE]
        if not keys:
            return
        self._pending.add(block)
        generation = self.generation
        replica = self.replica
        self.tasks.run_read(lambda: fetch_rows(replica, keys),
                            on_done=lambda rows: self._arrived(generation, block, rows),
                            on_error=lambda _exc: self._pending.discard(block))

    def _arrived(self, generation: int, block: int, rows: dict[DoctorKey, DoctorRow]) -> None:
        if generation != self.generation:
            return
        self._pending.discard(block)
        self._partial.discard(block)
        self._blocks[block] = rows
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        first = block * BLOCK_SIZE
        last = min(len(self.keys), first + BLOCK_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.cached(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._request(index.row() // BLOCK_SIZE)
                row = self.cached(index.row())  # a synchronous task manager answers at once
                if row is None:
                    return "…" if index.column() == 0 else ""
            else:
                return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
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
    return value.astimezone().date().isoformat()
