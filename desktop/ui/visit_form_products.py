"""The ordered "products detailed" editor of the visit form.

One row per detailed product: a product chosen from the active catalogue only (a
product outside it cannot be picked; an old entry naming one is shown as such, with
its error, until the rep picks another), the key message delivered and the doctor's
reaction; rows can be added, removed and moved up or down. ``changed`` fires on
every edit; ``entries()`` gives the list as the ``products_detailed`` column holds it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common import error_label, set_error
from desktop.visit_form_data import ProductChoice


class ProductRow(QFrame):
    """One detailed product; the editor owns the order and wires the buttons."""

    changed = Signal()

    def __init__(self, number: int, catalogue: Sequence[ProductChoice], entry: Mapping[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        self.number = QLabel(f"{number}.")
        self.product = QComboBox()
        self.product.addItem(self.tr("Choose a product…"), None)
        for p in catalogue:
            self.product.addItem(f"{p.name} ({p.code})", p.id)
        product_id = entry.get("product_id")
        if product_id:
            index = self.product.findData(str(product_id))
            if index < 0:
                self.product.addItem(self.tr("Product no longer in the catalogue"), str(product_id))
                index = self.product.count() - 1
            self.product.setCurrentIndex(index)
        self.key_message = QLineEdit(str(entry.get("key_message") or ""))
        self.key_message.setPlaceholderText(self.tr("Key message delivered"))
        self.reaction = QLineEdit(str(entry.get("reaction") or ""))
        self.reaction.setPlaceholderText(self.tr("Doctor's reaction"))
        style = self.style()
        self.up = QToolButton()
        self.up.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.up.setToolTip(self.tr("Move up"))
        self.down = QToolButton()
        self.down.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.down.setToolTip(self.tr("Move down"))
        self.remove = QToolButton()
        self.remove.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogDiscardButton))
        self.remove.setToolTip(self.tr("Remove this product"))
        self.error = error_label()
        buttons = QHBoxLayout()
        for b in (self.up, self.down, self.remove):
            buttons.addWidget(b)
        grid.addWidget(self.number, 0, 0)
        grid.addWidget(self.product, 0, 1)
        grid.addLayout(buttons, 0, 2)
        grid.addWidget(QLabel(self.tr("Key message")), 1, 0)
        grid.addWidget(self.key_message, 1, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Reaction")), 2, 0)
        grid.addWidget(self.reaction, 2, 1, 1, 2)
        grid.addWidget(self.error, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.product.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.key_message.textChanged.connect(lambda _t: self.changed.emit())
        self.reaction.textChanged.connect(lambda _t: self.changed.emit())

    def entry(self) -> dict[str, Any]:
        return {"product_id": self.product.currentData(), "key_message": self.key_message.text(),
                "reaction": self.reaction.text()}

    def set_read_only(self, read_only: bool) -> None:
        self.product.setEnabled(not read_only)
        self.key_message.setReadOnly(read_only)
        self.reaction.setReadOnly(read_only)
        for b in (self.up, self.down, self.remove):
            b.setVisible(not read_only)


class ProductsEditor(QWidget):
    """See the module docstring."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue: tuple[ProductChoice, ...] = ()
        self.rows: list[ProductRow] = []
        self.read_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        layout.addLayout(self.rows_layout)
        self.empty = QLabel(self.tr("No product detailed yet."))
        self.empty.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.empty)
        self.add_button = QPushButton(self.tr("Add product"))
        self.add_button.clicked.connect(self.add_product)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)

    def set_catalogue(self, catalogue: Sequence[ProductChoice]) -> None:
        self.catalogue = tuple(catalogue)
        self.add_button.setEnabled(bool(self.catalogue) and not self.read_only)

    def entries(self) -> list[dict[str, Any]]:
        return [row.entry() for row in self.rows]

    def set_entries(self, entries: Sequence[Mapping[str, Any]] | None) -> None:
        for row in self.rows:
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        for i, entry in enumerate(entries or []):
            row = ProductRow(i + 1, self.catalogue, entry, self)
            row.changed.connect(self.changed)
            row.up.clicked.connect(lambda _c=False, r=row: self.move_row(r, -1))
            row.down.clicked.connect(lambda _c=False, r=row: self.move_row(r, 1))
            row.remove.clicked.connect(lambda _c=False, r=row: self.remove_row(r))
            row.set_read_only(self.read_only)
            self.rows_layout.addWidget(row)
            self.rows.append(row)
        for i, row in enumerate(self.rows):
            row.up.setEnabled(i > 0)
            row.down.setEnabled(i < len(self.rows) - 1)
        self.empty.setVisible(not self.rows)

    def add_product(self) -> None:
        self.set_entries([*self.entries(), {"product_id": None, "key_message": "", "reaction": ""}])
        self.rows[-1].product.setFocus()
        self.changed.emit()

    def move_row(self, row: ProductRow, step: int) -> None:
        entries = self.entries()
        i = self.rows.index(row)
        j = i + step
        if 0 <= j < len(entries):
            entries[i], entries[j] = entries[j], entries[i]
            self.set_entries(entries)
            self.changed.emit()

    def remove_row(self, row: ProductRow) -> None:
        entries = self.entries()
        del entries[self.rows.index(row)]
        self.set_entries(entries)
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.add_button.setVisible(not read_only)
        self.add_button.setEnabled(bool(self.catalogue) and not read_only)
        for row in self.rows:
            row.set_read_only(read_only)

    def set_row_errors(self, messages: Mapping[int, str]) -> None:
        """One message per row index (rows not named are cleared)."""
        for i, row in enumerate(self.rows):
            set_error(row.error, messages.get(i))
