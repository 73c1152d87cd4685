"""Rendering PDF pages to pixels, for the print preview and the knowledge base viewer.

One renderer for every PDF the app shows (DESIGN §6): pypdfium2 (PDFium), a small
wheel with no Qt in it, where ``QtPdf`` would pull in PySide6-Addons. This module knows
nothing of Qt: a page comes back as ``RenderedPage`` (RGB bytes and their geometry) and
the widget turns it into a ``QImage`` on the UI thread.

PDFium is not thread-safe: two threads inside it at once (even on two documents) can
crash the process. Every call into it here holds ``PDFIUM_LOCK``; code elsewhere that
calls pypdfium2 must take the same lock. Rendering a page costs milliseconds, so one
lock is no bottleneck.

A file that is not a PDF, or a damaged one, raises ``PdfError`` with a message for the
user, never a PDFium exception.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdfium2 as pdfium

PDFIUM_LOCK = threading.RLock()
POINTS_PER_INCH = 72.0
MAX_RENDER_PIXELS = 8000  # a page wider or taller than this renders smaller (memory)


def _pdfium() -> ModuleType:
    """PDFium, loaded with the first PDF opened rather than with every screen that can
    show one (part of the app's cold start, bench ui.cold_start_s)."""
    import pypdfium2

    return pypdfium2


class PdfError(ValueError):
    """The document cannot be opened or a page cannot be drawn.

    ``kind`` says what (``unreadable``, ``empty``, ``page_unreadable``,
    ``page_undrawable``, ``closed``, ``no_such_page``) and ``page`` which page (1-based),
    so the viewer words it in the user's language; ``str()`` is English, for logs."""

    def __init__(self, kind: str, message: str, *, page: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.page = page


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One page as 8-bit RGB pixels, rows ``stride`` bytes apart."""

    index: int
    width: int
    height: int
    stride: int
    pixels: bytes


class PdfPages:
    """An open PDF whose pages can be counted, measured and rendered from any thread.

    ``source`` is the PDF's bytes or a path. Close it (or use ``with``) when done.
    """

    def __init__(self, source: bytes | Path | str) -> None:
        data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
        lib = _pdfium()
        with PDFIUM_LOCK:
            try:
                self._document: pdfium.PdfDocument | None = lib.PdfDocument(data)
                self._count = len(self._document)
            except lib.PdfiumError as exc:
                raise PdfError("unreadable", f"This file is not a readable PDF ({exc}).") from exc
        if self._count == 0:
            self.close()
            raise PdfError("empty", "This PDF has no pages.")
        self._data = data  # PDFium reads from this buffer for the document's lifetime

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def page_count(self) -> int:
        return self._count

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of page ``index`` (0-based) in points (1/72 inch)."""
        with PDFIUM_LOCK:
            page = self._page(index)
            try:
                width, height = page.get_size()
            finally:
                page.close()
        return float(width), float(height)

    def render(self, index: int, *, width_px: int | None = None, dpi: float | None = None) -> RenderedPage:
        """Render page ``index`` (0-based) at ``width_px`` pixels wide or at ``dpi``
        (one of them; 96 dpi when neither)."""
        with PDFIUM_LOCK:
            page = self._page(index)
            try:
                width_pt, height_pt = page.get_size()
                if width_px is not None:
                    scale = max(1, width_px) / width_pt
                else:
                    scale = (dpi or 96.0) / POINTS_PER_INCH
                scale = min(scale, MAX_RENDER_PIXELS / max(width_pt, height_pt))
                try:
                    bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
                except _pdfium().PdfiumError as exc:
                    raise PdfError("page_undrawable", f"Page {index + 1} cannot be drawn ({exc}).",
                                   page=index + 1) from exc
                try:
                    if bitmap.n_channels != 3:
                        raise PdfError("page_undrawable", f"Page {index + 1} has an unexpected "
                                       f"pixel format ({bitmap.mode}).", page=index + 1)
                    return RenderedPage(index=index, width=bitmap.width, height=bitmap.height,
                                        stride=bitmap.stride, pixels=bytes(bitmap.buffer))
                finally:
                    bitmap.close()
            finally:
                page.close()

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._document is not None:
                self._document.close()
                self._document = None

    def _page(self, index: int) -> pdfium.PdfPage:
        if self._document is None:
            raise PdfError("closed", "The document is closed.")
        if not 0 <= index < self._count:
            raise PdfError("no_such_page", f"There is no page {index + 1} (the document has "
                                           f"{self._count}).", page=index + 1)
        try:
            return self._document[index]
        except _pdfium().PdfiumError as exc:
            raise PdfError("page_unreadable", f"Page {index + 1} cannot be read ({exc}).",
                           page=index + 1) from exc


def page_count(source: bytes | Path | str) -> int:
    """How many pages the PDF has (raises ``PdfError`` when it is not a readable PDF)."""
    with PdfPages(source) as pages:
        return pages.page_count


def render_page(source: bytes | Path | str, index: int, *, width_px: int | None = None,
                dpi: float | None = None) -> RenderedPage:
    """Render one page of a PDF given as bytes or a path (see ``PdfPages.render``)."""
    with PdfPages(source) as pages:
        return pages.render(index, width_px=width_px, dpi=dpi)
