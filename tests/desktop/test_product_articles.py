"""The articles of the products at hand (doctor's detail, visit form), offline."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desktop.ops import Ops
from desktop.tasks import SynchronousTaskManager
from desktop.ui.product_articles import ProductArticlesDialog
from local_store.replica import synced
from tests.desktop.kb_world import build_kb


def _product(replica: Engine, code: str) -> uuid.UUID:
    products = synced["products"]
    with replica.connect() as conn:
        return uuid.UUID(str(conn.execute(sa.select(products.c.id).where(products.c.code == code))
                             .scalar_one()))


def test_a_products_articles_are_listed_and_the_first_opens(qtbot: Any, replica: Engine) -> None:
    build_kb(replica)
    dialog = ProductArticlesDialog(Ops(SynchronousTaskManager(), replica), [_product(replica, "P-CV01")],
                                   "心安平")
    qtbot.addWidget(dialog)
    assert [dialog.items.item(i).text() for i in range(dialog.items.count())] == ["心安平产品手册"]
    assert dialog.article.title.text() == "心安平产品手册"
    assert "1" in dialog.status.text()


def test_a_product_without_articles_says_so(qtbot: Any, replica: Engine) -> None:
    build_kb(replica)
    dialog = ProductArticlesDialog(Ops(SynchronousTaskManager(), replica), [uuid.uuid4()], "?")
    qtbot.addWidget(dialog)
    assert dialog.items.count() == 0
    assert "no article" in dialog.status.text()
    empty = ProductArticlesDialog(Ops(SynchronousTaskManager(), replica), [], "?")
    qtbot.addWidget(empty)
    assert "No products" in empty.status.text()
