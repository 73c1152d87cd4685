"""A scrollable view of a PDF's pages: the print preview and the knowledge base viewer.

Pages are rendered by ``desktop.pdf_pages`` (pypdfium2) on the task manager's pool,
never on the UI thread; only the pages in or near the viewport are rendered, at the
width they are shown, and again when the zoom or the window's width changes. The
view starts at "fit width"; zoom in/out steps from there. The toolbar says "Page N / M"
for the page at the top of the viewport.

A file that is not a readable PDF shows a clear message in place of the pages (and
``failed`` carries it); it never raises into the caller.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ops import Ops, describe_failure
from desktop.pdf_pages import POINTS_PER_INCH, PdfError, PdfPages, RenderedPage
from desktop.tasks import TaskManager

PAGE_GAP = 12
PAGE_MARGIN = 16
ZOOM_STEP = 1.25
MIN_ZOOM = 0.25
MAX_ZOOM = 4.0
RENDER_AHEAD = 1  # pages beyond the viewport rendered in advance (each way)
RESIZE_SETTLE_MS = 120


class _PageLabel(QLabel):
    """One page: a white sheet of the page's size, its picture once rendered."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.rendered_width = 0
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: white; color: #9aa5b1; border: 1px solid #cbd2d9;")
        self.setText(str(index + 1))


class PdfView(QWidget):
    """See the module docstring. ``runner`` (the screen's ``Ops``, or a ``TaskManager``)
    runs the rendering off the UI thread."""

    page_changed = Signal(int, int)  # current page (1-based), page count
    loaded = Signal(int)  # page count, once the document is open
    failed = Signal(str)  # the message shown in place of the pages

    def __init__(self, runner: Ops | TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = runner.tasks if isinstance(runner, Ops) else runner
        self._pages: PdfPages | None = None
        self._sizes: list[tuple[float, float]] = []
        self._labels: list[_PageLabel] = []
        self._pending: set[tuple[int, int]] = set()
        self._generation = 0
        self._zoom: float | None = None  # None: fit the width
        self._current = 0

        self.zoom_out_button = self._tool_button("−", self.tr("Zoom out"), self.zoom_out)
        self.fit_button = self._tool_button(
            self.tr("Fit width"), self.tr("Fit the page to the window's width"), self.fit_width)
        self.zoom_in_button = self._tool_button("+", self.tr("Zoom in"), self.zoom_in)
        self.page_label = QLabel()
        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.zoom_out_button, self.fit_button, self.zoom_in_button):
            toolbar.addWidget(widget)
        toolbar.addStretch(1)
        toolbar.addWidget(self.page_label)

        self._container = QWidget()
        self._column = QVBoxLayout(self._container)
        self._column.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        self._column.setSpacing(PAGE_GAP)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self._container)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setStyleSheet("QScrollArea { background: #e4e7eb; }")
        self._container.setStyleSheet("background: #e4e7eb;")
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._on_scrolled)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.scroll_area)
        self._stack.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self._stack, 1)

        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_SETTLE_MS)
        self._resize_timer.timeout.connect(self._relayout)
        self._show_message(self.tr("No document."))

    # --- public API ---------------------------------------------------------------

    def set_pdf(self, source: bytes | Path | str) -> None:
        """Show the PDF given as bytes or a path (opened off the UI thread)."""
        self.clear()
        generation = self._generation
        self._show_message(self.tr("Opening the document…"))
        self._tasks.run_read(lambda: _open_measured(source),
                             lambda opened: self._opened(generation, *opened),
                             lambda error: self._open_failed(generation, error))

    def clear(self) -> None:
        """Drop the document (and every render still on its way)."""
        self._generation += 1
        self._pending.clear()
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        self._sizes = []
        self._current = 0
        if self._pages is not None:
            self._pages.close()
            self._pages = None
        self._update_page_label()

    def page_count(self) -> int:
        return len(self._sizes)

    def current_page(self) -> int:
        """The page at the top of the viewport, 1-based (0 without a document)."""
        return self._current + 1 if self._sizes else 0

    def go_to_page(self, number: int) -> None:
        if not self._labels:
            return
        index = min(max(number, 1), len(self._labels)) - 1
        self.scroll_area.verticalScrollBar().setValue(self._labels[index].y() - PAGE_MARGIN)
        self._on_scrolled()

    def page_pixmap(self, number: int) -> QPixmap | None:
        """Page ``number``'s (1-based) rendered picture, None while it is not rendered."""
        if not 1 <= number <= len(self._labels):
            return None
        pixmap = self._labels[number - 1].pixmap()
        return None if pixmap is None or pixmap.isNull() else pixmap

    def zoom_in(self) -> None:
        self._set_zoom(min(MAX_ZOOM, self._effective_zoom() * ZOOM_STEP))

    def zoom_out(self) -> None:
        self._set_zoom(max(MIN_ZOOM, self._effective_zoom() / ZOOM_STEP))

    def fit_width(self) -> None:
        self._set_zoom(None)

    # --- Qt -----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._zoom is None and self._labels:
            self._resize_timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.clear()
        super().closeEvent(event)

    # --- plumbing -----------------------------------------------------------------

    def _tool_button(self, label: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(label)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _opened(self, generation: int, pages: PdfPages, sizes: list[tuple[float, float]]) -> None:
        if generation != self._generation:
            pages.close()
            return
        self._pages = pages
        weakref.finalize(self, pages.close)  # a view deleted without clear() still lets PDFium go
        self._sizes = sizes
        for index in range(pages.page_count):
            label = _PageLabel(index)
            self._labels.append(label)
            self._column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self._stack.setCurrentWidget(self.scroll_area)
        self._relayout()
        self.loaded.emit(pages.page_count)

    def _open_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        detail = self.pdf_error_text(error) if isinstance(error, PdfError) else describe_failure(error)
        message = self.tr("This document cannot be shown: {detail}").format(detail=detail)
        self._show_message(message)
        self.failed.emit(message)

    def pdf_error_text(self, error: PdfError) -> str:
        """``error`` in the user's language (its ``str()`` is English, for logs)."""
        texts = {
            "unreadable": self.tr("the file is not a readable PDF (it may be damaged or "
                                  "not a PDF at all)."),
            "empty": self.tr("the PDF has no pages."),
            "page_unreadable": self.tr("page {page} cannot be read."),
            "page_undrawable": self.tr("page {page} cannot be drawn."),
            "closed": self.tr("the document was closed."),
            "no_such_page": self.tr("there is no page {page}."),
        }
        text = texts.get(error.kind)
        return text.format(page=error.page) if text is not None else str(error)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)
        self._update_page_label()

    def _effective_zoom(self) -> float:
        """The zoom factor (1.0 = the page's size at the screen's dpi) shown now."""
        if self._zoom is not None:
            return self._zoom
        if not self._sizes:
            return 1.0
        return self._fit_width_px() / (self._sizes[0][0] * self._dots_per_point())

    def _set_zoom(self, zoom: float | None) -> None:
        self._zoom = zoom
        self._relayout()

    def _dots_per_point(self) -> float:
        return self.logicalDpiX() / POINTS_PER_INCH

    def _fit_width_px(self) -> int:
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        return max(100, self.scroll_area.viewport().width() - 2 * PAGE_MARGIN - bar)

    def _page_width_px(self, index: int) -> int:
        width_pt = self._sizes[index][0]
        if self._zoom is None:
            widest = max(w for w, _ in self._sizes)
            return max(1, round(self._fit_width_px() * width_pt / widest))
        return max(1, round(width_pt * self._dots_per_point() * self._zoom))

    def _relayout(self) -> None:
        """Size every sheet for the current zoom, then render what is in view."""
        for label in self._labels:
            width_pt, height_pt = self._sizes[label.index]
            width = self._page_width_px(label.index)
            label.setFixedSize(QSize(width, max(1, round(width * height_pt / width_pt))))
        self._container.adjustSize()
        self._render_visible()
        self._update_page_label()

    def _on_scrolled(self, *_args: object) -> None:
        self._render_visible()
        self._update_page_label()

    def _visible_indexes(self) -> range:
        if not self._labels:
            return range(0)
        bar = self.scroll_area.verticalScrollBar()
        top = bar.value()
        height = max(1, self.scroll_area.viewport().height())
        bottom = top + height
        reading_line = top + height // 3
        first = last = None
        current = 0
        for label in self._labels:
            if label.y() + label.height() >= top and label.y() <= bottom:
                first = label.index if first is None else first
                last = label.index
            if label.y() <= reading_line:
                current = label.index
        if first is None or last is None:
            first = last = 0
        # The page under the upper third of the view is the one being read; at the end
        # of the document that is the last page, however little of the one above shows.
        self._current = last if bar.value() >= bar.maximum() > 0 else current
        return range(max(0, first - RENDER_AHEAD), min(len(self._labels), last + 1 + RENDER_AHEAD))

    def _render_visible(self) -> None:
        pages = self._pages
        if pages is None:
            return
        ratio = self.devicePixelRatioF()
        for index in self._visible_indexes():
            label = self._labels[index]
            width = label.width()
            if label.rendered_width == width or (index, width) in self._pending:
                continue
            self._pending.add((index, width))
            generation = self._generation
            pixels = max(1, round(width * ratio))
            self._tasks.run_read(
                partial(pages.render, index, width_px=pixels),
                partial(self._rendered, generation, width),
                partial(self._render_failed, generation, index, width))

    def _rendered(self, generation: int, width: int, page: RenderedPage) -> None:
        self._pending.discard((page.index, width))
        if generation != self._generation or page.index >= len(self._labels):
            return
        label = self._labels[page.index]
        if label.width() != width:
            self._render_visible()  # the zoom moved on while this page was drawn
            return
        image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888).copy()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(page.width / max(1, width))
        label.setPixmap(pixmap)
        label.rendered_width = width

    def _render_failed(self, generation: int, index: int, width: int, error: BaseException) -> None:
        self._pending.discard((index, width))
        if generation != self._generation or index >= len(self._labels):
            return
        label = self._labels[index]
        label.rendered_width = width
        if isinstance(error, PdfError):  # its text names the page already
            text = self.pdf_error_text(error)
            label.setText(text[:1].upper() + text[1:])
        else:
            label.setText(self.tr("Page {number} cannot be shown: {detail}").format(
                number=index + 1, detail=describe_failure(error)))
        label.setWordWrap(True)

    def _update_page_label(self) -> None:
        if self._sizes:
            self.page_label.setText(self.tr("Page {n} / {m}").format(n=self._current + 1, m=len(self._sizes)))
        else:
            self.page_label.setText("")
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            button.setEnabled(bool(self._sizes))
        self.page_changed.emit(self.current_page(), len(self._sizes))


def _open_measured(source: bytes | Path | str) -> tuple[PdfPages, list[tuple[float, float]]]:
    """Open the PDF and measure its pages (on a worker thread)."""
    pages = PdfPages(source)
    try:
        return pages, [pages.page_size(i) for i in range(pages.page_count)]
    except BaseException:
        pages.close()
        raise
