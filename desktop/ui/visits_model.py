"""The visits table model: holds only ids, fetches the rows on screen in blocks.

The same pattern as ``DoctorTableModel`` (after Anki's browser model): ``set_ids``
takes the ordered ids of a list (a rep's day, or 10k+ team visits; ``VisitKey``s,
the stored text, cheap to hold) and optionally the rows already read with them, so
the first screenful paints without another query. ``data()`` for a row not cached
yet shows a placeholder and asks the task manager for its whole block on the read
pool; arriving blocks are cached (least recently used dropped) and repainted.
Results of an older list are ignored (``generation``).

Columns are chosen by the page (``columns``): the rep's page and the team page show
different ones. ``UserRole`` gives the visit id (a UUID) of a row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from sqlalchemy.engine import Engine

from desktop.tasks import TaskManager
from desktop.ui.doctors_labels import VISIT_TYPES, label
from desktop.visit_lists import (
    DRAFT,
    REJECTED,
    SUBMITTED,
    VisitKey,
    VisitRow,
    fetch_visit_rows,
    visit_key,
)

BLOCK_SIZE = 50
MAX_BLOCKS = 20
Index = QModelIndex | QPersistentModelIndex

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

# Every column a page may pick.
ALL_COLUMNS = ("time", "when", "rep", "doctor", "institution", "type", "status", "quality",
               "reviewed")
CENTERED = ("status", "quality", "reviewed", "time")


def status_label(status: str) -> str:
    source = STATUS_LABELS.get(status)
    return QCoreApplication.translate(STATUS_CONTEXT, str(source)) if source else status


def quality_text(quality: float | None) -> str:
    return "" if quality is None else QLocale().toString(round(quality))


def local_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return QLocale().toString(value.astimezone().time(), QLocale.FormatType.ShortFormat)


def local_date_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone().replace(tzinfo=None)
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


class VisitTableModel(QAbstractTableModel):
    """Ids in order, rows fetched lazily in blocks of ``BLOCK_SIZE``; see the module docstring."""

    def __init__(self, tasks: TaskManager, replica: Engine, columns: Sequence[str],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.replica = replica
        self.columns = tuple(columns)
        self.keys: list[VisitKey] = []
        self.generation = 0
        self._blocks: OrderedDict[int, dict[VisitKey, VisitRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._partial: set[int] = set()
        self.headers: Callable[[], list[str]] = lambda: list(self.columns)

    # --- content --------------------------------------------------------------------

    def set_ids(self, ids: list[VisitKey], first_rows: dict[VisitKey, VisitRow] | None = None) -> None:
        """Show these ids; ``first_rows`` pre-fills the blocks it covers (all rows of a short list)."""
        self.beginResetModel()
        self.generation += 1
        self.keys = ids
        self._blocks.clear()
        self._pending.clear()
        self._partial.clear()
        if first_rows:
            for start in range(0, len(ids), BLOCK_SIZE):
                block_ids = ids[start:start + BLOCK_SIZE]
                have = {i: first_rows[i] for i in block_ids if i in first_rows}
                if not have:
                    break
                block = start // BLOCK_SIZE
                self._blocks[block] = have
                if len(have) < len(block_ids):
                    self._partial.add(block)
                    break
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        self.endResetModel()

    def set_columns(self, columns: Sequence[str]) -> None:
        """Show other columns of the same rows (the rep's day shows times, a week dates)."""
        if tuple(columns) == self.columns:
            return
        self.beginResetModel()
        self.columns = tuple(columns)
        self.endResetModel()

    def key_at(self, row: int) -> VisitKey | None:
        return self.keys[row] if 0 <= row < len(self.keys) else None

    def id_at(self, row: int) -> uuid.UUID | None:
        key = self.key_at(row)
        return None if key is None else uuid.UUID(key)

    def visit_ids(self) -> list[uuid.UUID]:
        """Every visit id in order (converts them all: for tests and short lists)."""
        return [uuid.UUID(k) for k in self.keys]

    def row_of(self, visit_id: uuid.UUID | VisitKey) -> int:
        try:
            return self.keys.index(visit_key(visit_id))
        except ValueError:
            return -1

    def cached_row_count(self) -> int:
        return sum(len(b) for b in self._blocks.values())

    def cached(self, row: int) -> VisitRow | None:
        key = self.key_at(row)
        if key is None:
            return None
        block = self._blocks.get(row // BLOCK_SIZE)
        if block is None:
            return None
        self._blocks.move_to_end(row // BLOCK_SIZE)
        return block.get(key)

    def ensure_rows(self, first: int, last: int) -> None:
        for block in range(max(0, first) // BLOCK_SIZE, max(0, last) // BLOCK_SIZE + 1):
            self._request(block)

    def _request(self, block: int) -> None:
        if (block in self._blocks and block not in self._partial) or block in self._pending:
            return
        ids = self.keys[block * BLOCK_SIZE:(block + 1) * BLOCK_SIZE]
        if not ids:
            return
        self._pending.add(block)
        generation = self.generation
        replica = self.replica
        self.tasks.run_read(lambda: fetch_visit_rows(replica, ids),
                            on_done=lambda rows: self._arrived(generation, block, rows),
                            on_error=lambda _exc: self._pending.discard(block))

    def _arrived(self, generation: int, block: int, rows: dict[VisitKey, VisitRow]) -> None:
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
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self.id_at(index.row())
        row = self.cached(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._request(index.row() // BLOCK_SIZE)
                row = self.cached(index.row())  # a synchronous task manager answers at once
                if row is None:
                    return "…" if index.column() == 0 else ""
            else:
                return None
        column = self.columns[index.column()]
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
