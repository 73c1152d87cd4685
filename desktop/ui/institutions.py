"""The Institutions screen: hospitals and pharmacies of the replica with search; the
selected one shows its departments and their doctors.

Queries run on the read pool (``Ops.query``); results of an older search or selection
are dropped. Refreshes itself on ``Ops.changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.institutions_data import InstitutionDetail, InstitutionRow, load_detail, load_list
from desktop.ops import OpFailure, Ops
from desktop.ui.common import EmptyState, heading
from desktop.ui.doctors_labels import INSTITUTION_TYPES, LEVELS, TITLES, label

SEARCH_DEBOUNCE_MS = 100
KEY_ROLE = Qt.ItemDataRole.UserRole


class InstitutionsPage(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self._generation = 0
        self._detail_generation = 0

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, city or code"))
        self.search.setClearButtonEnabled(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels([self.tr("Name"), self.tr("Level"), self.tr("Type"),
                                   self.tr("City"), self.tr("Doctors")])
        self.list.setColumnWidth(0, 240)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: palette(mid);")

        self.title = heading("", 4)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.departments = QTreeWidget()
        self.departments.setHeaderLabels([self.tr("Department / doctor"), self.tr("Title"),
                                          self.tr("Grade")])
        self.departments.setColumnWidth(0, 220)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.facts)
        right_layout.addWidget(self.departments, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.empty = EmptyState(QStyle.StandardPixmap.SP_DriveNetIcon, self.tr("No institutions yet"),
                                self.tr("Sync to download the hospitals and pharmacies of your territory."))
        self.stack = QStackedWidget()
        self.content = splitter
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.stack)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self.debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        self.list.currentItemChanged.connect(lambda current, _prev: self._selected(current))
        ops.changed.connect(lambda _tables: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Reload the list for the current search text (keeps the selection when it still exists)."""
        self.debounce.stop()
        self._generation += 1
        generation = self._generation
        query = self.search.text()
        self.ops.query(lambda replica: load_list(replica, query),
                       on_done=lambda rows: self._show_list(generation, query, rows),
                       on_error=self._failed)

    def _show_list(self, generation: int, query: str, rows: list[InstitutionRow]) -> None:
        if generation != self._generation:
            return
        if not query:
            self.stack.setCurrentWidget(self.empty if not rows else self.content)
        selected = self.selected_key()
        loc = QLocale()
        was = self.list.blockSignals(True)
        self.list.clear()
        current = None
        for r in rows:
            item = QTreeWidgetItem([r.name, label(LEVELS, r.level), label(INSTITUTION_TYPES, r.type),
                                    r.city or "", loc.toString(r.doctors)])
            item.setData(0, KEY_ROLE, r.id)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
            if r.id == selected:
                current = item
        if current is not None:
            self.list.setCurrentItem(current)
        self.list.blockSignals(was)
        self.summary.setText(self.tr("%1 institutions").replace("%1", loc.toString(len(rows))))
        self._selected(current)

    def selected_key(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(0, KEY_ROLE)) if item is not None else None

    def select_institution(self, key: str) -> bool:
        for n in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(n)
            if item is not None and item.data(0, KEY_ROLE) == key:
                self.list.setCurrentItem(item)
                return True
        return False

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        self._detail_generation += 1
        if item is None:
            self._show_detail(self._detail_generation, None)
            return
        generation = self._detail_generation
        key = str(item.data(0, KEY_ROLE))
        self.ops.query(lambda replica: load_detail(replica, key),
                       on_done=lambda detail: self._show_detail(generation, detail),
                       on_error=self._failed)

    def _show_detail(self, generation: int, detail: InstitutionDetail | None) -> None:
        if generation != self._detail_generation:
            return
        self.departments.clear()
        if detail is None:
            self.title.setText("")
            self.facts.setText(self.tr("Select an institution to see its departments and doctors."))
            return
        r = detail.row
        self.title.setText(r.name)
        facts = [label(LEVELS, r.level), label(INSTITUTION_TYPES, r.type), detail.address or r.city or ""]
        if detail.beds:
            facts.append(self.tr("%1 beds").replace("%1", QLocale().toString(detail.beds)))
        if detail.phone:
            facts.append(detail.phone)
        self.facts.setText(" · ".join(f for f in facts if f))
        for dept in detail.departments:
            name = dept.name or self.tr("(no department)")
            top = QTreeWidgetItem([self.tr("%1 (%2 doctors)").replace("%1", name)
                                   .replace("%2", str(len(dept.doctors)))])
            if dept.id is not None:
                top.setData(0, KEY_ROLE, dept.id)
            for doc in dept.doctors:
                child = QTreeWidgetItem([doc.name, label(TITLES, doc.title), doc.grade or ""])
                child.setData(0, KEY_ROLE, doc.id)
                top.addChild(child)
            self.departments.addTopLevelItem(top)
        self.departments.expandAll()

    def _failed(self, failure: OpFailure) -> None:
        self.summary.setText(self.tr("Could not read the institutions: %1").replace("%1", failure.message))
