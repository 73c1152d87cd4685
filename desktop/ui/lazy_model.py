"""A table model that holds only ids and fetches the rows on screen in blocks.

As in Anki's browser model: ``set_keys`` takes the ordered ids of a search (up to
100k) and optionally rows already read (the first screenful paints without another
query). ``data()`` for a row not cached yet shows a placeholder and asks for its
whole block through ``Ops.query`` (read pool); when the block arrives the rows are
cached (a few blocks, least recently used dropped) and repainted. Results of an
older search are ignored (``generation``). Subclasses say how to fetch a block
(``fetch``) and how to show a cached row (``row_data``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView

from desktop.ops import Ops, ReplicaHandle

BLOCK_SIZE = 50
MAX_BLOCKS = 20

Index = QModelIndex | QPersistentModelIndex


class LazyRowsModel(QAbstractTableModel):
    """Ids in order, rows in an LRU cache of ``MAX_BLOCKS`` blocks of ``BLOCK_SIZE``."""

    def __init__(self, ops: Ops, columns: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.columns = tuple(columns)
        self.keys: list[Any] = []
        self.generation = 0
        self._blocks: OrderedDict[int, dict[Any, Any]] = OrderedDict()
        self._pending: set[int] = set()
        self._partial: set[int] = set()  # blocks pre-filled with only some of their rows
        self.headers: Callable[[], list[str]] = lambda: list(self.columns)

    # --- to implement -------------------------------------------------------------------

    def fetch(self, replica: ReplicaHandle, keys: Sequence[Any]) -> dict[Any, Any]:
        """Read the rows of ``keys`` (runs on the read pool: no Qt here)."""
        raise NotImplementedError

    def row_data(self, row: Any, column: str, role: int) -> Any:
        """What ``data()`` returns for a cached ``row`` in ``column`` for ``role``."""
        raise NotImplementedError

    # --- content --------------------------------------------------------------------------

    def set_keys(self, keys: list[Any], first_rows: dict[Any, Any] | None = None) -> None:
        """Show these ids (a new search); ``first_rows`` pre-fill the blocks they cover."""
        self.beginResetModel()
        self.generation += 1
        self.keys = keys
        self._blocks.clear()
        self._pending.clear()
        self._partial.clear()
        if first_rows:
            for start in range(0, len(keys), BLOCK_SIZE):
                block_keys = keys[start:start + BLOCK_SIZE]
                have = {k: first_rows[k] for k in block_keys if k in first_rows}
                if not have:
                    break
                self._blocks[start // BLOCK_SIZE] = have
                if len(have) < len(block_keys):
                    self._partial.add(start // BLOCK_SIZE)
                    break
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        self.endResetModel()

    def set_columns(self, columns: Sequence[str]) -> None:
        """Show other columns of the same rows."""
        if tuple(columns) == self.columns:
            return
        self.beginResetModel()
        self.columns = tuple(columns)
        self.endResetModel()

    def key_at(self, row: int) -> Any | None:
        return self.keys[row] if 0 <= row < len(self.keys) else None

    def row_of(self, key: Any) -> int:
        try:
            return self.keys.index(key)
        except ValueError:
            return -1

    def cached_row_count(self) -> int:
        """Rows fetched and held (for tests and the benchmarks: << rowCount on big lists)."""
        return sum(len(b) for b in self._blocks.values())

    def cached(self, row: int) -> Any | None:
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
        self.ops.query(lambda replica: self.fetch(replica, keys),
                       on_done=lambda rows: self._arrived(generation, block, rows),
                       on_error=lambda _failure: self._pending.discard(block))

    def _arrived(self, generation: int, block: int, rows: dict[Any, Any]) -> None:
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

    # --- Qt model API -----------------------------------------------------------------------

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
        row = self.cached(index.row())
        if row is None:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            self._request(index.row() // BLOCK_SIZE)
            row = self.cached(index.row())  # a synchronous task manager answers at once
            if row is None:
                return "…" if index.column() == 0 else ""
        return self.row_data(row, self.columns[index.column()], role)


def visible_rows(table: QTableView) -> range:
    """The model rows the view shows now (what a paint will ask for)."""
    first = table.rowAt(0)
    if first < 0:
        return range(0)
    last = table.rowAt(table.viewport().height() - 1)
    if last < 0:
        last = table.model().rowCount() - 1
    return range(first, last + 1)


def fetch_visible(table: QTableView, model: LazyRowsModel) -> None:
    """Ask ``model`` for the blocks of the rows on screen (after a scroll, say)."""
    rows = visible_rows(table)
    if rows:
        model.ensure_rows(rows.start, rows.stop - 1)
