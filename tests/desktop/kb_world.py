"""A replica holding a small knowledge base (as if synced): products, articles, a
must-read, a PDF and an image already downloaded, a team for the manager's view."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from local_store import attachments as store
from local_store.kb_index import refresh_kb_index
from local_store.replica import synced
from local_store.state import USER_ID, set_state, utcnow
from tests.kb.kb_folder import pdf_bytes


def png_bytes() -> bytes:
    from PySide6.QtGui import QColor, QImage

    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#1e5a96"))
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _row(conn: Connection, table: str, **values: Any) -> uuid.UUID:
    row_id = values.pop("id", uuid.uuid4())
    conn.execute(sa.insert(synced[table]).values(id=row_id, version=values.pop("version", 1),
                                                 updated_at=utcnow(), deleted=False, **values))
    return row_id


def _file(conn: Connection, article: uuid.UUID, name: str, mime: str, content: bytes,
          *, downloaded: bool = True) -> None:
    sha = hashlib.sha256(content).hexdigest()
    _row(conn, "knowledge_attachments", article_id=article, filename=name, mime_type=mime,
         size_bytes=len(content), sha256=sha, position=0)
    if downloaded:
        store.begin_file(conn, sha, len(content))
        store.append_chunk(conn, sha, 0, content)
        assert store.finish_file(conn, sha)


def build_kb(replica: Engine, *, role: str = "rep") -> dict[str, uuid.UUID]:
    ids: dict[str, uuid.UUID] = {}
    with replica.begin() as conn:
        district = _row(conn, "districts", region_id=uuid.uuid4(), code="D1", name="上海一区")
        territory = _row(conn, "territories", district_id=district, code="T1", name="徐汇")
        manager = _row(conn, "users", username="dm001", display_name="钱丽", role="dm",
                       district_id=district, active=True)
        rep = _row(conn, "users", username="rep001", display_name="孙杰", role="rep",
                   territory_id=territory, district_id=district, manager_id=manager, active=True)
        _row(conn, "users", username="rep002", display_name="周敏", role="rep",
             territory_id=territory, district_id=district, manager_id=manager, active=True)
        ids.update(rep=rep, manager=manager, district=district)
        set_state(conn, USER_ID, str(manager if role == "dm" else rep))
        xap = _row(conn, "products", code="P-CV01", name="心安平", active=True)
        today = dt.date.today()
        ids["manual"] = _row(
            conn, "knowledge_articles", category="product", title="心安平产品手册", slug="xap-manual",
            body="# 心安平\n\n**单片复方**，一天一次，24小时平稳降压。\n\n见[礼品规定](kb:gifts)。",
            tags=["手册"], article_version=1, published=True, product_ids=[str(xap)],
            published_on=today, valid_until=today + dt.timedelta(days=300))
        ids["gifts"] = _row(
            conn, "knowledge_articles", category="compliance", title="礼品与招待规定", slug="gifts",
            body="不得向医务人员提供现金、购物卡。", tags=["合规"], article_version=2,
            published=True, must_read=True, published_on=today)
        ids["broken"] = _row(
            conn, "knowledge_articles", category="training", title="损坏的课件", slug="broken",
            body="附件损坏。", article_version=1, published=True, published_on=today)
        _file(conn, ids["manual"], "manual.pdf", "application/pdf", pdf_bytes())
        _file(conn, ids["manual"], "card.png", "image/png", png_bytes())
        _file(conn, ids["broken"], "slides.pdf", "application/pdf", b"%PDF-1.4 broken bytes")
        _file(conn, ids["broken"], "later.pdf", "application/pdf", b"%PDF later", downloaded=False)
        refresh_kb_index(conn)
    return ids
