"""The Knowledge page's operations: what its widgets ask of the replica, composed here.

Widgets call these through ``desktop.ops.Ops`` (``ops.query(lambda r: search(r, ...))``);
the dataclasses they show are re-exported from ``local_store.read.knowledge`` so a
widget never imports ``local_store``. Writes: only the must-read receipt
(``confirm_read``, changes ``KB_TABLES``). ``after_sync`` keeps the search index in
step with what a sync brought (run on the writer thread, after the engine).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from local_store import attachments as attachment_store
from local_store.kb_index import refresh_kb_fts, refresh_kb_index
from local_store.kb_writes import confirm_article_read
from local_store.read.knowledge import (
    CATEGORIES,
    Article,
    ArticleHit,
    ArticleListItem,
    AttachmentInfo,
    TeamReading,
    article_id_by_slug,
    articles_for_products,
    load_article,
    product_choices,
    recent_articles,
    search_articles,
    team_must_read_status,
    unread_must_reads,
)
from local_store.state import local_user_id

__all__ = ["CATEGORIES", "KB_TABLES", "Article", "ArticleHit", "ArticleListItem", "AttachmentInfo",
           "KbStart", "TeamReading", "after_sync", "attachment_bytes", "attachment_use",
           "complete_search_index", "confirm_read", "find_by_slug", "open_article",
           "product_articles", "search", "start_data"]

KB_TABLES = frozenset({"knowledge_articles", "knowledge_attachments", "knowledge_reads",
                       "attachment_files"})
NEW_ARTICLE_DAYS = 14  # "new and updated" looks back this far
RECENT_SHOWN = 12


@dataclass(frozen=True, slots=True)
class KbStart:
    """What the page shows before any search: filters, must-reads, what is new."""

    products: list[tuple[uuid.UUID, str]]
    must_read: list[ArticleListItem]
    recent: list[ArticleListItem]
    team: list[TeamReading]  # managers only: who has not confirmed a must-read


def start_data(replica: Engine, *, manager: bool, now: dt.datetime | None = None) -> KbStart:
    now = now or dt.datetime.now(dt.UTC)
    with replica.connect() as conn:
        user = local_user_id(conn)
        return KbStart(
            product_choices(conn),
            unread_must_reads(conn, user) if user else [],
            recent_articles(conn, user, limit=RECENT_SHOWN, since=now - dt.timedelta(days=NEW_ARTICLE_DAYS)),
            team_must_read_status(conn, user) if manager and user else [])


def search(replica: Engine, query: str, *, category: str | None = None,
           product_id: uuid.UUID | None = None, include_expired: bool = False) -> list[ArticleHit]:
    with replica.connect() as conn:
        return search_articles(conn, query, category=category, product_id=product_id,
                               include_expired=include_expired)


def open_article(replica: Engine, article_id: uuid.UUID) -> Article | None:
    with replica.connect() as conn:
        return load_article(conn, article_id, local_user_id(conn))


def product_articles(replica: Engine, product_ids: list[uuid.UUID]) -> list[ArticleListItem]:
    """The articles for the products being detailed (for the doctor's detail and the
    visit form: ``ops.query(lambda r: product_articles(r, ids), ...)``)."""
    with replica.connect() as conn:
        return articles_for_products(conn, product_ids)


def find_by_slug(replica: Engine, slug: str) -> uuid.UUID | None:
    with replica.connect() as conn:
        return article_id_by_slug(conn, slug)


def attachment_bytes(replica: Engine, sha256: str) -> bytes | None:
    """The verified file, or None while it is not on this device."""
    with replica.connect() as conn:
        return attachment_store.read_file(conn, sha256)


def confirm_read(replica: Engine, article_id: uuid.UUID) -> uuid.UUID | None:
    with replica.begin() as conn:
        return confirm_article_read(conn, article_id)


def attachment_use(replica: Engine) -> attachment_store.StorageUse:
    with replica.connect() as conn:
        return attachment_store.storage_use(conn)


def after_sync(replica: Engine) -> int:
    """Re-index what the sync changed, all but the trigram index (writer thread, in the
    sync's task); returns the entries touched. ``complete_search_index`` follows."""
    with replica.begin() as conn:
        return refresh_kb_index(conn, fts=False)


def complete_search_index(replica: Engine) -> int:
    """The trigram index of what ``after_sync`` re-indexed (its own writer task)."""
    with replica.begin() as conn:
        return refresh_kb_fts(conn)
