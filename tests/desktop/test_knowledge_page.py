"""The Knowledge page (pytest-qt, offscreen): search, read, open files, confirm a must-read."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from sqlalchemy.engine import Engine

from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.knowledge_page import KnowledgePage
from local_store import outbox as ob
from tests.desktop.kb_world import build_kb


def _page(qtbot: Any, replica: Engine, tasks: SynchronousTaskManager, role: str = "rep") -> KnowledgePage:
    page = KnowledgePage(Ops(tasks, replica), role=role)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def test_search_while_typing_shows_highlighted_snippets(qtbot: Any, replica: Engine,
                                                        tasks: SynchronousTaskManager) -> None:
    build_kb(replica)
    page = _page(qtbot, replica, tasks)
    page.search_box.setText("降压")  # two characters
    page.run_search()
    assert [h.title for h in page.hits] == ["心安平产品手册"]
    assert "<b>降压</b>" in page.hits[0].snippet_html
    assert "心安平产品手册" in page.results.toPlainText()
    page.search_box.setText("没有这个词")
    page.run_search()
    assert page.hits == [] and "Nothing found" in page.results.toPlainText()


def test_article_links_and_pdf_attachment_render(qtbot: Any, replica: Engine,
                                                 tasks: SynchronousTaskManager) -> None:
    ids = build_kb(replica)
    page = _page(qtbot, replica, tasks)
    page.open_article(ids["manual"])
    view = page.article_view
    assert view.title.text() == "心安平产品手册"
    assert "单片复方" in view.body.toPlainText()
    pdf = next(a for a in page.article.attachments if a.filename == "manual.pdf")
    page.open_attachment(pdf)
    pdf_view = page.attachment_view.pdf
    qtbot.waitUntil(lambda: pdf_view.page_count() == 2 and pdf_view.page_pixmap(1) is not None)
    image = pdf_view.page_pixmap(1).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 1 and QColor("black").name() in colours  # not a blank page
    page.attachment_view.back_requested.emit()
    page.open_slug("gifts")
    assert page.article.title == "礼品与招待规定"


def test_image_and_bad_files_show_messages_not_crashes(qtbot: Any, replica: Engine,
                                                        tasks: SynchronousTaskManager) -> None:
    ids = build_kb(replica)
    page = _page(qtbot, replica, tasks)
    page.open_article(ids["manual"])
    card = next(a for a in page.article.attachments if a.filename == "card.png")
    page.open_attachment(card)
    shown = page.attachment_view.image.pixmap()
    assert shown is not None and not shown.isNull()
    page.open_article(ids["broken"])
    broken = {a.filename: a for a in page.article.attachments}
    page.open_attachment(broken["slides.pdf"])
    qtbot.waitUntil(lambda: "not a readable PDF" in page.attachment_view.pdf.message.text()
                    or "PDF" in page.attachment_view.pdf.message.text())
    page.open_attachment(broken["later.pdf"])
    assert "not on this device yet" in page.attachment_view.message.text()
    page.open_slug("no-such-article")
    assert "not in the knowledge base" in page.article_view.facts.text()


def test_must_read_confirmation_writes_one_receipt(qtbot: Any, replica: Engine,
                                                   tasks: SynchronousTaskManager) -> None:
    ids = build_kb(replica)
    page = _page(qtbot, replica, tasks)
    assert "礼品与招待规定" in page.results.toPlainText()  # listed under "Must read"
    page.open_article(ids["gifts"])
    asked: list[str] = []
    page.confirm_read = lambda article: asked.append(article.title) or True
    assert page.article_view.confirm_button.isVisibleTo(page)
    page.article_view.confirm_button.click()
    assert asked == ["礼品与招待规定"]
    with replica.connect() as conn:
        entries = [e for e in ob.all_entries(conn) if e["table_name"] == "knowledge_reads"]
    assert len(entries) == 1 and entries[0]["fields"]["article_version"] == 2
    assert page.article.read_at is not None
    assert not page.article_view.confirm_button.isVisibleTo(page)


def test_manager_sees_who_has_not_read(qtbot: Any, replica: Engine,
                                       tasks: SynchronousTaskManager) -> None:
    build_kb(replica, role="dm")
    page = _page(qtbot, replica, tasks, role="dm")
    text = page.results.toPlainText()
    assert "孙杰" in text and "周敏" in text


def test_show_product_lists_its_articles(qtbot: Any, replica: Engine,
                                        tasks: SynchronousTaskManager) -> None:
    build_kb(replica)
    page = _page(qtbot, replica, tasks)
    product_id = page.product.itemData(1)
    page.show_product(product_id)
    assert [h.title for h in page.hits] == ["心安平产品手册"]
