"""Knowledge base search on the replica: Chinese of 1, 2 and 3+ characters, English,
mixed queries, pinyin of product names, filters, ranking, snippets, expiry."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from local_store.kb_index import refresh_kb_index
from local_store.read.knowledge import load_article, search_articles
from local_store.replica import synced
from local_store.state import utcnow

TODAY = dt.date(2026, 11, 20)


def _row(conn: Connection, table: str, **values: Any) -> uuid.UUID:
    row_id = values.pop("id", uuid.uuid4())
    conn.execute(sa.insert(synced[table]).values(id=row_id, version=values.pop("version", 1),
                                                 updated_at=utcnow(), deleted=False, **values))
    return row_id


@pytest.fixture
def kb(replica: Engine) -> dict[str, uuid.UUID]:
    ids: dict[str, uuid.UUID] = {}
    with replica.begin() as conn:
        xap = _row(conn, "products", code="P-CV01", name="心安平", name_en="Xin'anping",
                   active=True)
        tsn = _row(conn, "products", code="P-DM01", name="糖适宁", active=True)
        ids["xap"], ids["tsn"] = xap, tsn

        def art(key: str, title: str, body: str, *, tags: list[str] | None = None,
                products: list[uuid.UUID] | None = None, category: str = "product",
                valid_until: dt.date | None = None) -> None:
            ids[key] = _row(conn, "knowledge_articles", category=category, title=title,
                            body=body, tags=tags or [], article_version=1, published=True,
                            product_ids=[str(p) for p in products or []],
                            published_on=TODAY - dt.timedelta(days=10), valid_until=valid_until)

        art("manual", "心安平产品手册", "单片复方，一天一次，24小时平稳降压。", tags=["手册"],
            products=[xap])
        art("objection", "价格异议处理", "医生说心安平太贵时，从依从性和总体费用角度沟通。",
            category="faq", products=[xap])
        art("dm", "糖适宁临床研究", "降糖同时带来心肾获益，低血糖风险低。", products=[tsn])
        art("en", "Xin'anping dosing guide", "Take once daily; blood pressure control over 24 hours.",
            products=[xap])
        art("gifts", "礼品规定", "不得向医务人员提供现金。", category="compliance")
        art("old", "旧版降压宣传材料", "已过期的降压宣传材料。", valid_until=TODAY - dt.timedelta(days=1))
        art("body_only", "拜访技巧", "介绍产品时可提到降压效果。", category="training")
        refresh_kb_index(conn)
    return ids


def _titles(replica: Engine, query: str, **kw: Any) -> list[str]:
    with replica.connect() as conn:
        return [h.title for h in search_articles(conn, query, today=TODAY, **kw)]


def test_one_two_and_three_character_chinese_queries(replica: Engine, kb: dict[str, uuid.UUID]) -> None:
    assert "礼品规定" in _titles(replica, "礼")
    assert _titles(replica, "降压")[:1] == ["心安平产品手册"]  # a 2-character word
    assert set(_titles(replica, "降压")) == {"心安平产品手册", "拜访技巧"}  # expired one left out
    assert _titles(replica, "心安平") [:1] == ["心安平产品手册"]  # title beats body (trigram + bm25)
    assert set(_titles(replica, "依从性")) == {"价格异议处理"}
    assert _titles(replica, "不存在的词") == []


def test_english_mixed_and_case(replica: Engine, kb: dict[str, uuid.UUID]) -> None:
    assert _titles(replica, "DOSING") == ["Xin'anping dosing guide"]
    assert _titles(replica, "once daily") == ["Xin'anping dosing guide"]
    assert _titles(replica, "心安平 贵") == ["价格异议处理"]  # 3+ and 1 character together
    assert _titles(replica, "手册 24小时") == ["心安平产品手册"]


def test_pinyin_and_initials_of_product_names(replica: Engine, kb: dict[str, uuid.UUID]) -> None:
    assert set(_titles(replica, "xinanping")) == {"心安平产品手册", "价格异议处理",
                                                 "Xin'anping dosing guide"}
    assert set(_titles(replica, "xap")) == set(_titles(replica, "xinanping"))
    assert _titles(replica, "tsn") == ["糖适宁临床研究"]


def test_filters_and_expired(replica: Engine, kb: dict[str, uuid.UUID]) -> None:
    assert _titles(replica, "降压", category="training") == ["拜访技巧"]
    assert set(_titles(replica, "", product_id=kb["tsn"])) == {"糖适宁临床研究"}
    assert "旧版降压宣传材料" in _titles(replica, "降压", include_expired=True)
    with replica.connect() as conn:
        hits = search_articles(conn, "降压", today=TODAY, include_expired=True)
    assert [h.expired for h in hits if h.title == "旧版降压宣传材料"] == [True]


def test_snippets_highlight_the_hits(replica: Engine, kb: dict[str, uuid.UUID]) -> None:
    with replica.connect() as conn:
        hit = search_articles(conn, "依从性", today=TODAY)[0]
    assert "<b>依从性</b>" in hit.snippet_html


def test_index_follows_edits_and_deletes(replica: Engine, kb: dict[str, uuid.UUID]) -> None:
    a = synced["knowledge_articles"]
    with replica.begin() as conn:
        conn.execute(sa.update(a).where(a.c.id == kb["gifts"]).values(
            title="礼品与招待规定", body="工作餐须符合标准。", version=2))
        conn.execute(sa.update(a).where(a.c.id == kb["dm"]).values(deleted=True, version=2))
        assert refresh_kb_index(conn) == 2
        assert refresh_kb_index(conn) == 0
    assert _titles(replica, "工作餐") == ["礼品与招待规定"]
    assert _titles(replica, "糖适宁") == []


def test_load_article_with_products(replica: Engine, kb: dict[str, uuid.UUID]) -> None:
    with replica.connect() as conn:
        article = load_article(conn, kb["manual"], None, today=TODAY)
    assert article is not None and article.product_names == ("心安平",)
    assert not article.expired and article.attachments == ()


def test_searches_scan_until_the_trigram_index_is_complete(replica: Engine,
                                                           kb: dict[str, uuid.UUID]) -> None:
    from local_store.kb_index import fts_complete, rebuild_kb_index, refresh_kb_fts

    with replica.begin() as conn:
        conn.exec_driver_sql("DELETE FROM kb_fts")
        conn.exec_driver_sql("DELETE FROM kb_search")
        conn.exec_driver_sql("DELETE FROM kb_text")
        refresh_kb_index(conn, fts=False)
        assert not fts_complete(conn)
    before = {q: _titles(replica, q) for q in ("心安平", "依从性", "dosing", "降压", "心安平 贵")}
    assert before["依从性"] == ["价格异议处理"] and before["dosing"] == ["Xin'anping dosing guide"]
    with replica.begin() as conn:
        assert refresh_kb_fts(conn) == 7 and fts_complete(conn)
    after = {q: _titles(replica, q) for q in before}
    assert {q: set(t) for q, t in after.items()} == {q: set(t) for q, t in before.items()}
    with replica.begin() as conn:
        assert rebuild_kb_index(conn) == 7 and fts_complete(conn)


def test_articles_for_the_products_being_detailed(replica: Engine, kb: dict[str, uuid.UUID]) -> None:
    from local_store.read.knowledge import articles_for_products

    with replica.connect() as conn:
        xap = [a.title for a in articles_for_products(conn, [kb["xap"]], today=TODAY)]
        both = articles_for_products(conn, [kb["xap"], kb["tsn"]], today=TODAY)
        assert articles_for_products(conn, [], today=TODAY) == []
    assert set(xap) == {"心安平产品手册", "价格异议处理", "Xin'anping dosing guide"}
    assert {a.title for a in both} == set(xap) | {"糖适宁临床研究"}
