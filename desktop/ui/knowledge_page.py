"""The Knowledge page: search the knowledge base offline, read articles and their files.

Left: the search box (Chinese, English, pinyin of product names; results while typing),
category and product filters, "include expired", and the results with highlighted
snippets. Before any search the same pane lists the must-read articles still to
confirm, what is new or updated, and for managers who in their team has not confirmed
each must-read. Right: the article (``ArticleView``) or one of its attachments
(``AttachmentView``). Everything goes through ``desktop.ops.Ops``; a failure shows as
a message in the pane, never a crash.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import knowledge as kb
from desktop.ops import OpFailure, Ops
from desktop.ui.knowledge_article import ArticleView, AttachmentView, category_label, new_id

SEARCH_DELAY_MS = 150
MANAGER_ROLES = frozenset({"dm", "rm", "admin"})
REFRESH_ON = kb.KB_TABLES | {"sync", "products"}


class KnowledgePage(QWidget):
    """See the module docstring. ``confirm_read`` is the question asked before a
    receipt is written (replaceable: tests answer it without a modal box)."""

    def __init__(self, ops: Ops, role: str = "rep", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.role = role
        self.hits: list[kb.ArticleHit] = []
        self.start: kb.KbStart | None = None
        self.article: kb.Article | None = None
        self._generation = 0
        self.confirm_read: Callable[[kb.Article], bool] = self._ask_confirmation

        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Search: 降压, 心安平, xap, dosing…"))
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for category in kb.CATEGORIES:
            self.category.addItem(category_label(category), category)
        self.product = QComboBox()
        self.product.addItem(self.tr("All products"), None)
        self.expired = QCheckBox(self.tr("Include expired"))
        self.results = QTextBrowser()
        self.results.setOpenLinks(False)
        self.results.anchorClicked.connect(self._result_clicked)

        filters = QHBoxLayout()
        filters.addWidget(self.category, 1)
        filters.addWidget(self.product, 1)
        filters.addWidget(self.expired)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_box)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.results, 1)

        self.article_view = ArticleView()
        self.article_view.link_requested.connect(self.open_slug)
        self.article_view.attachment_requested.connect(self.open_attachment)
        self.article_view.confirm_requested.connect(self._confirm)
        self.attachment_view = AttachmentView(ops)
        self.attachment_view.back_requested.connect(self._back_to_article)
        self.right = QStackedWidget()
        self.right.addWidget(self.article_view)
        self.right.addWidget(self.attachment_view)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.category.currentIndexChanged.connect(lambda _i: self.run_search())
        self.product.currentIndexChanged.connect(lambda _i: self.run_search())
        self.expired.toggled.connect(lambda _b: self.run_search())
        ops.changed.connect(self._changed)
        self.refresh()

    # --- loading -----------------------------------------------------------------------

    def refresh(self) -> None:
        manager = self.role in MANAGER_ROLES
        self.ops.query(lambda r: kb.start_data(r, manager=manager), self._started, self._failed)
        if self.article is not None:
            self.open_article(self.article.article_id, keep_pane=True)

    def _changed(self, tables: frozenset[str]) -> None:
        if tables & REFRESH_ON:
            self.refresh()

    def _started(self, start: kb.KbStart) -> None:
        self.start = start
        current = self.product.currentData()
        self.product.blockSignals(True)
        while self.product.count() > 1:
            self.product.removeItem(1)
        for product_id, name in start.products:
            self.product.addItem(name, product_id)
        if current is not None:
            self.product.setCurrentIndex(max(0, self.product.findData(current)))
        self.product.blockSignals(False)
        self.run_search()

    def _filters_active(self) -> bool:
        return bool(self.search_box.text().strip() or self.category.currentData()
                    or self.product.currentData() or self.expired.isChecked())

    def run_search(self) -> None:
        self._timer.stop()
        if not self._filters_active():
            self._show_start()
            return
        self._generation += 1
        generation = self._generation
        query = self.search_box.text()
        category = self.category.currentData()
        product_id = self.product.currentData()
        include_expired = self.expired.isChecked()
        self.ops.query(lambda r: kb.search(r, query, category=category, product_id=product_id,
                                           include_expired=include_expired),
                       lambda hits: self._searched(generation, hits), self._failed)

    def _searched(self, generation: int, hits: list[kb.ArticleHit]) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        self.hits = hits
        if not hits:
            nothing = self.tr("Nothing found. Try fewer or other words, or another category.")
            self.results.setHtml(f"<p style='color:#7b8794'>{html.escape(nothing)}</p>")
            return
        count = self.tr("%n result(s)", "", len(hits))
        parts = [f"<p style='color:#7b8794'>{html.escape(count)}</p>"]
        for hit in hits:
            expired = self.tr("expired")
            badge = (f" <span style='color:#c62828'>[{html.escape(expired)}]</span>"
                     if hit.expired else "")
            parts.append(
                f"<p><a href='article:{hit.article_id}' style='font-weight:bold; "
                f"text-decoration:none'>{html.escape(hit.title)}</a>{badge}<br>"
                f"<span style='color:#52606d'>{html.escape(category_label(hit.category))}</span> · "
                f"{hit.snippet_html}</p>")
        self.results.setHtml("".join(parts))

    def _show_start(self) -> None:
        self.hits = []
        start = self.start
        if start is None:
            return
        parts: list[str] = []

        def section(title: str, items: list[kb.ArticleListItem], empty: str) -> None:
            parts.append(f"<h3>{html.escape(title)}</h3>")
            if not items:
                parts.append(f"<p style='color:#7b8794'>{html.escape(empty)}</p>")
            for item in items:
                mark = " ⚑" if item.must_read and not item.read else ""
                updated = self.tr("updated")
                version = (f" <span style='color:#7b8794'>{html.escape(updated)}</span>"
                           if item.article_version > 1 else "")
                parts.append(f"<p><a href='article:{item.article_id}' style='text-decoration:none'>"
                             f"{html.escape(item.title)}</a>{mark}{version}<br>"
                             f"<span style='color:#52606d'>{html.escape(category_label(item.category))}"
                             f"</span></p>")

        if self.role in MANAGER_ROLES:
            team_title = self.tr("Team: must-read confirmations")
            parts.append(f"<h3>{html.escape(team_title)}</h3>")
            if not start.team:
                none = self.tr("No must-read articles.")
                parts.append(f"<p style='color:#7b8794'>{html.escape(none)}</p>")
            not_read = self.tr("Not yet read: %1")
            for reading in start.team:
                missing = ("、".join(reading.not_read) if reading.not_read
                           else self.tr("everyone has confirmed"))
                parts.append(f"<p><a href='article:{reading.article_id}' style='text-decoration:none'>"
                             f"{html.escape(reading.title)}</a><br>"
                             f"{html.escape(not_read.replace('%1', missing))}</p>")
        section(self.tr("Must read"), start.must_read, self.tr("Nothing left to confirm."))
        section(self.tr("New and updated"), start.recent,
                self.tr("No new articles in the last two weeks."))
        self.results.setHtml("".join(parts))

    def show_product(self, product_id: uuid.UUID) -> None:
        """List the product's articles (for a link from a doctor's detail or the visit
        form: the main window shows this page, then calls this)."""
        self.search_box.clear()
        index = self.product.findData(product_id)
        if index < 0:
            self.product.addItem(str(product_id), product_id)
            index = self.product.count() - 1
        self.product.setCurrentIndex(index)
        self.run_search()

    # --- reading -----------------------------------------------------------------------

    def _result_clicked(self, url: QUrl) -> None:
        article_id = new_id(url.toString().removeprefix("article:"))
        if article_id is not None:
            self.open_article(article_id)

    def open_article(self, article_id: uuid.UUID, *, keep_pane: bool = False) -> None:
        def shown(article: kb.Article | None) -> None:
            if article is None:
                self.article_view.facts.setText(self.tr("This article is no longer available."))
                return
            self.article = article
            self.article_view.show_article(article)
            if not keep_pane:
                self.right.setCurrentWidget(self.article_view)

        self.ops.query(lambda r: kb.open_article(r, article_id), shown, self._failed)

    def open_slug(self, slug: str) -> None:
        def found(article_id: uuid.UUID | None) -> None:
            if article_id is None:
                self.article_view.facts.setText(
                    self.tr("The linked article “%1” is not in the knowledge base.").replace("%1", slug))
            else:
                self.open_article(article_id)

        self.ops.query(lambda r: kb.find_by_slug(r, slug), found, self._failed)

    def open_attachment(self, attachment: kb.AttachmentInfo) -> None:
        self.right.setCurrentWidget(self.attachment_view)
        self.attachment_view.show_message(self.tr("Opening %1…").replace("%1", attachment.filename))
        self.ops.query(lambda r: kb.attachment_bytes(r, attachment.sha256),
                       lambda content: self.attachment_view.show_file(attachment, content),
                       lambda failure: self.attachment_view.show_message(failure.message))

    def _back_to_article(self) -> None:
        self.right.setCurrentWidget(self.article_view)

    def _ask_confirmation(self, article: kb.Article) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Confirm reading"),
            self.tr("Confirm that you have read and understood “%1”?").replace("%1", article.title))
        return answer == QMessageBox.StandardButton.Yes

    def _confirm(self, article_id: uuid.UUID) -> None:
        article = self.article
        if article is None or article.article_id != article_id or not self.confirm_read(article):
            self.article_view.confirm_button.setEnabled(True)
            return
        self.ops.write(lambda r: kb.confirm_read(r, article_id), changes={"knowledge_reads"},
                       on_error=self._failed)

    def _failed(self, failure: OpFailure) -> None:
        self.article_view.confirm_button.setEnabled(True)
        self.article_view.facts.setText(failure.message)
