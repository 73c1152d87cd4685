"""The knowledge base articles of some products, at hand where a rep needs them: from a
doctor's detail (the products the doctor has potential for) and from the visit form
(the products being detailed). A list of the articles beside the selected one, read
offline from the replica through ``Ops``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.knowledge import Article, ArticleListItem, open_article, product_articles
from desktop.ops import OpFailure, Ops
from desktop.ui.knowledge_article import ArticleView

ID_ROLE = Qt.ItemDataRole.UserRole


class ProductArticlesDialog(QDialog):
    """See the module docstring; ``items`` and ``article`` are the widgets tests read."""

    def __init__(self, ops: Ops, product_ids: Sequence[uuid.UUID], title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(title)
        self.resize(960, 620)
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Loading…"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        body = QHBoxLayout()
        self.items = QListWidget()
        self.items.setMaximumWidth(320)
        self.items.currentItemChanged.connect(self._selected)
        self.article = ArticleView()
        body.addWidget(self.items)
        body.addWidget(self.article, 1)
        layout.addLayout(body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        wanted = list(product_ids)
        if not wanted:
            self.status.setText(self.tr("No products to look up."))
            return
        self.ops.query(lambda replica: product_articles(replica, wanted), on_done=self._show,
                       on_error=self._failed)

    def _show(self, rows: list[ArticleListItem]) -> None:
        self.items.clear()
        if not rows:
            self.status.setText(self.tr("The knowledge base has no article for these products yet."))
            return
        self.status.setText(self.tr("%n article(s) for these products.", "", len(rows)))
        for row in rows:
            text = row.title + ("  ★" if row.must_read else "")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, row.article_id)
            self.items.addItem(item)
        self.items.setCurrentRow(0)

    def _selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        article_id = current.data(ID_ROLE)
        self.ops.query(lambda replica: open_article(replica, article_id), on_done=self._open,
                       on_error=self._failed)

    def _open(self, article: Article | None) -> None:
        self.article.show_article(article)

    def _failed(self, failure: OpFailure) -> None:
        self.status.setText(failure.message)


def show_product_articles(parent: QWidget | None, ops: Ops, product_ids: Sequence[uuid.UUID],
                          title: str) -> ProductArticlesDialog:
    dialog = ProductArticlesDialog(ops, product_ids, title, parent)
    dialog.show()
    return dialog
