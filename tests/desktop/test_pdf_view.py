"""The PDF page renderer and the viewer widget (print preview, knowledge base)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from PySide6.QtGui import QColor

from desktop.pdf_pages import PdfError, PdfPages, page_count, render_page
from desktop.printing.frame import DocumentInfo, Styles, data_table, render_pdf
from desktop.printing.labels import Labels
from desktop.tasks import SynchronousTaskManager
from desktop.ui.pdf_view import PdfView

PRINTED = datetime(2026, 12, 3, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def three_page_pdf() -> bytes:
    info = DocumentInfo("拜访汇总", "张伟", "2026-12", PRINTED, "zh_CN")
    styles = Styles(Labels("zh_CN"))
    rows = [[str(i), f"医生{i}", "北京协和医院"] for i in range(110)]
    pdf = render_pdf(info, [data_table(["#", "医生", "机构"], rows, [40, 150, 200], styles)])
    assert page_count(pdf) == 3
    return pdf


def test_render_a_page_at_a_width() -> None:
    page = render_page(three_page_pdf(), 2, width_px=300)
    assert page.width == 300
    assert abs(page.height - round(300 * 841.89 / 595.28)) <= 1
    assert len(page.pixels) == page.stride * page.height
    assert page.pixels.count(b"\xff") < len(page.pixels)  # something drawn


def test_not_a_pdf_is_a_clear_error() -> None:
    with pytest.raises(PdfError, match="not a readable PDF") as unreadable:
        PdfPages(b"%PDF-1.4 this is not really a pdf")
    assert unreadable.value.kind == "unreadable"
    with PdfPages(three_page_pdf()) as pages, pytest.raises(PdfError, match="no page 4") as missing:
        pages.render(3, width_px=100)
    assert (missing.value.kind, missing.value.page) == ("no_such_page", 4)


def test_threads_render_one_document_at_once() -> None:
    pages = PdfPages(three_page_pdf())
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            for _ in range(5):
                assert pages.render(index % 3, width_px=200).width == 200
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pages.close()
    assert errors == []


def test_the_view_renders_page_one_and_counts_pages(qtbot: Any) -> None:
    view = PdfView(SynchronousTaskManager())
    qtbot.addWidget(view)
    view.resize(700, 900)
    view.show()
    with qtbot.waitSignal(view.loaded):
        view.set_pdf(three_page_pdf())
    assert view.page_count() == 3
    pixmap = view.page_pixmap(1)
    assert pixmap is not None and pixmap.width() > 400
    image = pixmap.toImage()
    inked = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
                if QColor(image.pixel(x, y)).lightness() < 200)
    assert inked > 50
    assert view.page_label.text() == "Page 1 / 3"
    view.go_to_page(3)
    assert view.current_page() == 3 and view.page_pixmap(3) is not None
    before = view.page_pixmap(3).width()  # type: ignore[union-attr]
    view.zoom_in()
    assert view.page_pixmap(3).width() > before  # type: ignore[union-attr]
    view.grab().save("/tmp/pdf_view.png")


def test_a_corrupt_pdf_shows_a_message_instead_of_pages(qtbot: Any) -> None:
    view = PdfView(SynchronousTaskManager())
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.failed) as failed:
        view.set_pdf(b"garbage, not a PDF")
    assert failed.args[0] == ("This document cannot be shown: the file is not a readable PDF "
                              "(it may be damaged or not a PDF at all).")
    assert view.message.isVisibleTo(view) and view.page_count() == 0


def test_a_pdf_failure_reads_in_chinese(qtbot: Any, qapp: Any) -> None:
    from tests.desktop.conftest import use_language

    with use_language(qapp, "zh_CN"):
        view = PdfView(SynchronousTaskManager())
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.failed) as failed:
            view.set_pdf(b"garbage, not a PDF")
        assert not failed.args[0].isascii() and "PDF" in failed.args[0]
        assert view.pdf_error_text(PdfError("no_such_page", "x", page=4)).count("4") == 1
