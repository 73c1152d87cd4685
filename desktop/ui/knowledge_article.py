"""One knowledge base article on screen, and its attachments opened inside the app.

``ArticleView`` shows the rendered Markdown (``QTextBrowser.setMarkdown``), the
article's facts (category, products, version, dates, an "Expired" mark), its
attachments as buttons, and for a must-read article the confirmation ("I have read
this") or when it was confirmed. Links ``kb:slug`` open the other article
(``link_requested``). ``AttachmentView`` shows a PDF through the shared ``PdfView``
(pypdfium2) or an image scaled to the pane; a file that is not on the device yet, or
not readable, shows a message, never an exception.
"""

from __future__ import annotations

import html
import uuid

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.knowledge import Article, AttachmentInfo
from desktop.ops import Ops
from desktop.ui.common import format_when, heading, to_qdate
from desktop.ui.pdf_view import PdfView

KB_SCHEME = "kb"
PDF_TYPE = "application/pdf"


def category_label(category: str) -> str:
    labels = {
        "product": QCoreApplication.translate("Knowledge", "Product"),
        "competitor": QCoreApplication.translate("Knowledge", "Competitor"),
        "competitor_product": QCoreApplication.translate("Knowledge", "Competitor product"),
        "faq": QCoreApplication.translate("Knowledge", "FAQ and objections"),
        "compliance": QCoreApplication.translate("Knowledge", "Compliance"),
        "training": QCoreApplication.translate("Knowledge", "Training"),
    }
    return labels.get(category, category)


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size)


class ArticleView(QWidget):
    """See the module docstring."""

    link_requested = Signal(str)  # the slug of a linked article
    attachment_requested = Signal(object)  # AttachmentInfo
    confirm_requested = Signal(object)  # the article's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article: Article | None = None
        self.title = heading("", 4)
        self.title.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.must_read_bar = QFrame()
        self.must_read_bar.setStyleSheet(
            "QFrame { background: #fff8e1; border: 1px solid #ffcc80; border-radius: 4px; }")
        bar = QHBoxLayout(self.must_read_bar)
        self.must_read_text = QLabel()
        self.must_read_text.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("I have read this"))
        self.confirm_button.clicked.connect(self._confirm)
        bar.addWidget(self.must_read_text, 1)
        bar.addWidget(self.confirm_button)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._link)
        self.attachments_row = QHBoxLayout()
        self.attachments_box = QWidget()
        self.attachments_box.setLayout(self.attachments_row)
        self.attachments_row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.must_read_bar)
        layout.addWidget(self.attachments_box)
        layout.addWidget(self.body, 1)
        self.show_article(None)

    def show_article(self, article: Article | None) -> None:
        self.article = article
        while self.attachments_row.count():
            item = self.attachments_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if article is None:
            self.title.setText(self.tr("Knowledge base"))
            self.facts.setText(self.tr("Search, or pick an article on the left."))
            self.must_read_bar.hide()
            self.attachments_box.hide()
            self.body.clear()
            return
        self.title.setText(article.title)
        facts = [html.escape(category_label(article.category))]
        if article.product_names:
            facts.append(html.escape("、".join(article.product_names)))
        facts.append(self.tr("version %1").replace("%1", str(article.article_version)))
        loc = QLocale()
        if article.published_on:
            facts.append(self.tr("published %1").replace(
                "%1", loc.toString(to_qdate(article.published_on), QLocale.FormatType.ShortFormat)))
        if article.valid_until:
            facts.append(self.tr("valid until %1").replace(
                "%1", loc.toString(to_qdate(article.valid_until), QLocale.FormatType.ShortFormat)))
        if article.expired:
            expired = self.tr("Expired: do not use with doctors")
            facts.append(f"<span style='color:#c62828; font-weight:bold'>"
                         f"{html.escape(expired)}</span>")
        if article.tags:
            facts.append(html.escape(" ".join(f"#{t}" for t in article.tags)))
        self.facts.setText(" · ".join(facts))
        self.must_read_bar.setVisible(article.must_read)
        if article.must_read:
            if article.read_at is not None:
                self.must_read_text.setText(self.tr("Must read — you confirmed it on %1.").replace(
                    "%1", format_when(article.read_at, "")))
                self.confirm_button.hide()
            else:
                self.must_read_text.setText(self.tr(
                    "Must read: confirm once you have read it. Your manager sees the confirmation."))
                self.confirm_button.show()
                self.confirm_button.setEnabled(True)
        self.attachments_box.setVisible(bool(article.attachments))
        for attachment in article.attachments:
            button = QPushButton(f"📎 {attachment.filename} ({size_text(attachment.size_bytes)})")
            if not attachment.downloaded:
                reason = (self.tr("The file on the server did not match its checksum; it will be "
                                  "fetched again.") if attachment.error == "hash_mismatch" else
                          self.tr("Not on this device yet: it downloads after the next sync."))
                button.setToolTip(reason)
            button.clicked.connect(lambda _c=False, a=attachment: self.attachment_requested.emit(a))
            self.attachments_row.addWidget(button)
        self.attachments_row.addStretch(1)
        self.body.setMarkdown(article.body)

    def _confirm(self) -> None:
        if self.article is not None:
            self.confirm_button.setEnabled(False)
            self.confirm_requested.emit(self.article.article_id)

    def _link(self, url: QUrl) -> None:
        if url.scheme() == KB_SCHEME:
            self.link_requested.emit(url.path() or url.toString().removeprefix("kb:"))


class AttachmentView(QWidget):
    """A PDF (its pages) or an image (scaled to the pane), with a way back."""

    back_requested = Signal()

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton(self.tr("← Back to the article"))
        self.back_button.clicked.connect(self.back_requested.emit)
        self.name = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.name, 1)
        self.pdf = PdfView(ops)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_scroll = QScrollArea()
        self.image_scroll.setWidget(self.image)
        self.image_scroll.setWidgetResizable(True)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        for widget in (self.pdf, self.image_scroll, self.message):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._pixmap: QPixmap | None = None

    def show_file(self, attachment: AttachmentInfo, content: bytes | None) -> None:
        self.name.setText(attachment.filename)
        self._pixmap = None
        if content is None:
            self.show_message(self.tr("%1 is not on this device yet. It downloads in the "
                                      "background after a sync with the server.")
                              .replace("%1", attachment.filename))
        elif attachment.mime_type == PDF_TYPE:
            self.stack.setCurrentWidget(self.pdf)
            self.pdf.set_pdf(content)
        else:
            pixmap = QPixmap()
            if not pixmap.loadFromData(content):
                self.show_message(self.tr("%1 cannot be shown: the image is damaged.")
                                  .replace("%1", attachment.filename))
                return
            self._pixmap = pixmap
            self.stack.setCurrentWidget(self.image_scroll)
            self._fit_image()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_image()

    def _fit_image(self) -> None:
        if self._pixmap is None:
            return
        room = self.image_scroll.viewport().size()
        shown = self._pixmap
        if shown.width() > room.width() or shown.height() > room.height():
            shown = shown.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(shown)


def new_id(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
