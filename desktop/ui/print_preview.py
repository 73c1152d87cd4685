"""The print preview: a print built off the UI thread, shown page by page, then printed
through the system's print dialog or saved as a PDF.

The build (the replica read and the PDF) runs on the read pool through ``Ops`` with a
progress bar and a Cancel button (``desktop.printing.build_monitor``). The pages
show in a ``PdfView``. Print paints each page, rendered by PDFium at the printer's
resolution (at most ``PRINT_DPI``), onto a ``QPrinter`` on a worker thread (Qt allows
painting on a printer outside the GUI thread), so a long report never freezes the
window. The print's language is the one the UI speaks, and can be switched here.

The two questions a modal dialog would ask (which printer, where to save) go through
replaceable hooks (``choose_printer``, ``choose_save_path``) so tests run offscreen.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ops import OpFailure, Ops, ReplicaHandle, describe_failure
from desktop.pdf_pages import PdfPages
from desktop.printing import CHINESE, ENGLISH, PrintCancelled, build_monitor
from desktop.printing_data import Printed, PrintRefused
from desktop.ui.pdf_view import PdfView

PRINT_DPI = 300
PROGRESS_STEPS = 1000
DIALOG_SIZE = (980, 760)

Build = Callable[[ReplicaHandle, str, dt.datetime], Printed]
"""(replica, language, printed_at) -> the print; runs on a worker thread."""


def ui_language() -> str:
    """The language the UI speaks: the Chinese catalogue translates this marker "en" to
    "zh_CN" (a translated string, not a locale check, so it follows the app's setting)."""
    code = QCoreApplication.translate("PrintPreview", "en")
    return CHINESE if code == CHINESE else ENGLISH


class _Progress(QObject):
    """Carries the build's progress from the worker to the UI thread (queued signal)."""

    moved = Signal(float)


def paint_pdf(printer: QPrinter, pdf: bytes, cancelled: Callable[[], bool] = lambda: False) -> int:
    """Paint the PDF's pages (the printer's page range, else all) on ``printer``; returns
    the number of pages painted. Any thread may call it."""
    with PdfPages(pdf) as pages:
        first, last = 1, pages.page_count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(1, printer.fromPage())
            last = min(pages.page_count, printer.toPage() or pages.page_count)
        width_pt, height_pt = pages.page_size(first - 1)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if width_pt > height_pt
                                   else QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        dpi = min(PRINT_DPI, printer.resolution())
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("The printer could not be opened.")
        painted = 0
        try:
            for number in range(first, last + 1):
                if cancelled():
                    break
                if painted:
                    printer.newPage()
                page = pages.render(number - 1, dpi=dpi)
                image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                scale = min(target.width() / page.width, target.height() / page.height)
                width, height = page.width * scale, page.height * scale
                painter.drawImage(QRectF((target.width() - width) / 2, (target.height() - height) / 2,
                                         width, height), image)
                painted += 1
        finally:
            painter.end()
    return painted


class PrintPreviewDialog(QDialog):
    """See the module docstring; ``build`` makes the print (``desktop.printing_data``)."""

    ready = Signal(object)  # the Printed, once built
    failed = Signal(str)
    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # the path written

    def __init__(self, ops: Ops, title: str, build: Build, parent: QWidget | None = None, *,
                 language: str | None = None, now: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(*DIALOG_SIZE)
        self.ops = ops
        self._build = build
        self._now = now or (lambda: dt.datetime.now().astimezone())
        self.result_print: Printed | None = None
        self._cancel = threading.Event()
        self._generation = 0
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved)

        self.language = QComboBox()
        self.language.addItem("中文", CHINESE)
        self.language.addItem("English", ENGLISH)
        self.language.setCurrentIndex(self.language.findData(language or ui_language()))
        self.language.currentIndexChanged.connect(lambda _i: self.rebuild())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Language of the print:")))
        top.addWidget(self.language)
        top.addStretch(1)

        self.view = PdfView(ops)
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, PROGRESS_STEPS)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        busy = QWidget()
        busy_layout = QVBoxLayout(busy)
        busy_layout.addStretch(1)
        busy_layout.addWidget(self.status)
        busy_layout.addWidget(self.bar)
        busy_layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignCenter)
        busy_layout.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(busy)
        self.stack.addWidget(self.view)

        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.rebuild()

    def done(self, result: int) -> None:
        """Closing stops a build still running and lets the document go."""
        self._cancel.set()
        self._generation += 1
        self.view.clear()
        super().done(result)

    # --- building -----------------------------------------------------------------

    def current_language(self) -> str:
        return str(self.language.currentData())

    def rebuild(self) -> None:
        """Build the print (again) in the chosen language."""
        self._cancel.set()
        self._cancel = threading.Event()
        self._generation += 1
        generation, cancel, language = self._generation, self._cancel, self.current_language()
        self.result_print = None
        self._set_busy(self.tr("Preparing the print…"))
        build, progress, printed_at = self._build, self._progress, self._now()

        def work(replica: ReplicaHandle) -> Printed:
            with build_monitor(progress.moved.emit, cancel.is_set):
                return build(replica, language, printed_at)

        self.ops.query(work, lambda result: self._built(generation, result),
                       lambda failure: self._build_failed(generation, failure))

    def cancel(self) -> None:
        """Stop the build; the dialog closes (nothing to show)."""
        self.reject()

    def _set_busy(self, text: str) -> None:
        self.status.setText(text)
        self.bar.setValue(0)
        self.cancel_button.setVisible(True)
        self.stack.setCurrentIndex(0)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)

    def _moved(self, fraction: float) -> None:
        self.bar.setValue(round(fraction * PROGRESS_STEPS))

    def _built(self, generation: int, result: Printed) -> None:
        if generation != self._generation:
            return
        self.result_print = result
        self.stack.setCurrentIndex(1)
        self.view.set_pdf(result.pdf)
        for button in (self.print_button, self.save_button):
            button.setEnabled(True)
        self.message.setText("")
        self.ready.emit(result)

    def _build_failed(self, generation: int, failure: OpFailure) -> None:
        if generation != self._generation or isinstance(failure.error, PrintCancelled):
            return
        text = str(failure.error) if isinstance(failure.error, PrintRefused) else failure.message
        self.status.setText(self.tr("The print could not be made: {reason}").format(reason=text))
        self.bar.setVisible(False)
        self.cancel_button.setVisible(False)
        self.failed.emit(text)

    # --- printing and saving ----------------------------------------------------------

    def choose_printer(self) -> QPrinter | None:
        """Ask which printer (the system dialog); None when the user cancels. Tests replace it."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if self.result_print is not None:
            dialog.setMinMax(1, self.view.page_count() or 1)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def choose_save_path(self, suggested: str) -> str | None:
        """Ask where to save (the system dialog); None when the user cancels. Tests replace it."""
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
        return path or None

    def print_document(self) -> None:
        result = self.result_print
        if result is None:
            return
        printer = self.choose_printer()
        if printer is None:
            return
        self.print_button.setEnabled(False)
        self.message.setText(self.tr("Sending the pages to the printer…"))
        self._printer = printer  # alive until the worker is done with it
        self.ops.tasks.run_read(lambda: paint_pdf(printer, result.pdf), self._print_done, self._print_failed)

    def _print_done(self, pages: int) -> None:
        self.print_button.setEnabled(True)
        self.message.setText(self.tr("{count} page(s) sent to the printer.").format(count=pages))
        self.printed.emit(pages)

    def _print_failed(self, error: BaseException) -> None:
        self.print_button.setEnabled(True)
        reason = describe_failure(error)
        self.message.setText(self.tr("Printing failed: {reason}").format(reason=reason))

    def save_document(self) -> None:
        result = self.result_print
        if result is None:
            return
        path = self.choose_save_path(str(Path.home() / result.file_name))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            Path(path).write_bytes(result.pdf)
        except OSError as exc:
            self.message.setText(self.tr("The PDF could not be saved: {reason}").format(
                reason=exc.strerror or str(exc)))
            return
        self.message.setText(self.tr("Saved to {path}").format(path=path))
        self.saved.emit(path)
