"""Knowledge base reads: search with snippets, one article, its attachments, receipts.

Search (``search_articles``) splits the query on spaces; every term must match (title,
body, tags or a linked product's names, pinyin or initials). Terms of three or more
characters go through the FTS5 trigram index and are ranked by bm25 (title weighs
most, then tags and products); shorter terms — most Chinese words are two characters —
scan ``kb_search`` with ``instr`` and score a title hit above a tag or product hit
above body hits. Expired articles (``valid_until`` before today) are left out unless
asked for. Snippets are cut around the first hit of the article's plain text and
returned as HTML with the hits in ``<b>``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from local_store.kb_index import fts_complete
from local_store.read.plans import company_calendar

CATEGORIES = ("product", "competitor", "competitor_product", "faq", "compliance", "training")
SEARCH_LIMIT = 50
SNIPPET_CHARS = 90
SHORT_TERM = 3  # below this many characters, a term cannot use the trigram index
_TITLE_WEIGHT, _TAG_WEIGHT, _PRODUCT_WEIGHT = 10.0, 5.0, 5.0
_BM25_WEIGHTS = "10.0, 1.0, 5.0, 5.0"  # title, body, tags, products


@dataclass(frozen=True, slots=True)
class ArticleHit:
    article_id: uuid.UUID
    title: str
    category: str
    snippet_html: str
    expired: bool
    score: float


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    attachment_id: uuid.UUID
    filename: str
    mime_type: str
    size_bytes: int
    sha256: str
    downloaded: bool
    error: str | None


@dataclass(frozen=True, slots=True)
class Article:
    article_id: uuid.UUID
    title: str
    category: str
    body: str
    tags: tuple[str, ...]
    product_names: tuple[str, ...]
    article_version: int
    published_on: dt.date | None
    valid_until: dt.date | None
    must_read: bool
    expired: bool
    attachments: tuple[AttachmentInfo, ...]
    read_at: dt.datetime | None  # the current user's receipt for this version


@dataclass(frozen=True, slots=True)
class ArticleListItem:
    article_id: uuid.UUID
    title: str
    category: str
    updated_at: dt.datetime
    article_version: int
    must_read: bool
    read: bool


@dataclass(frozen=True, slots=True)
class TeamReading:
    """A must-read article as a manager sees it: who of the team has confirmed it."""

    article_id: uuid.UUID
    title: str
    read: tuple[str, ...]
    not_read: tuple[str, ...]


def terms_of(query: str) -> list[str]:
    return [t for t in query.lower().split() if t]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_articles(conn: Connection, query: str, *, category: str | None = None,
                    product_id: uuid.UUID | None = None, include_expired: bool = False,
                    today: dt.date | None = None, limit: int = SEARCH_LIMIT) -> list[ArticleHit]:
    """The best ``limit`` matches of ``query`` (see the module docstring); an empty
    query lists the newest articles that pass the filters."""
    today = today or company_calendar(conn).today()
    terms = terms_of(query)
    indexed = fts_complete(conn)
    long_terms = [t for t in terms if len(t) >= SHORT_TERM and indexed]
    short_terms = [t for t in terms if t not in long_terms]
    where: list[str] = []
    params: list[Any] = []
    score_parts: list[str] = []
    score_params: list[Any] = []
    source = "kb_search s"
    if long_terms:
        source = (f"kb_search s JOIN (SELECT rowid AS fts_rowid, bm25(kb_fts, {_BM25_WEIGHTS}) "
                  f"AS rank FROM kb_fts WHERE kb_fts MATCH ?) f ON f.fts_rowid = s.rowid")
        params.append(" AND ".join(_fts_phrase(t) for t in long_terms))
        score_parts.append("-f.rank")
    for term in short_terms:
        where.append("instr(s.alltext, ?) > 0")  # one pass over title, tags, products, body
        params.append(term)
        score_parts.append(
            f"(instr(s.title, ?) > 0) * {_TITLE_WEIGHT} + (instr(s.tags, ?) > 0) * {_TAG_WEIGHT}"
            f" + (instr(s.products, ?) > 0) * {_PRODUCT_WEIGHT} + 1")
        score_params.extend([term] * 3)
    if category:
        where.append("s.category = ?")
        params.append(category)
    if product_id is not None:
        where.append("instr(s.product_ids, ?) > 0")
        params.append(f" {product_id.hex} ")
    if not include_expired:
        where.append("(s.valid_until IS NULL OR s.valid_until >= ?)")
        params.append(today.isoformat())
    score = " + ".join(score_parts) if score_parts else "0"
    order = "score DESC, s.published_on DESC, s.title" if terms else \
        "s.published_on DESC, s.title"
    sql = (f"SELECT s.article_id, s.valid_until, {score} AS score FROM {source}"
           f"{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} LIMIT ?")
    # score's placeholders come first in the statement text, before FROM's and WHERE's
    rows = conn.exec_driver_sql(sql, (*score_params, *params, limit)).all()
    if not rows:
        return []
    ids = [str(r[0]) for r in rows]
    marks = ", ".join("?" for _ in ids)
    details = {str(r[0]): r[1:] for r in conn.exec_driver_sql(
        f"SELECT k.id, k.title, k.category, t.body FROM knowledge_articles k "
        f"JOIN kb_text t ON t.article_id = k.id "
        f"WHERE k.id IN ({marks})", tuple(ids))}
    hits = []
    for article_id, valid_until, row_score in rows:
        title, category_, plain = details[str(article_id)]
        hits.append(ArticleHit(uuid.UUID(str(article_id)), str(title), str(category_),
                               snippet_html(str(plain), terms),
                               _expired(valid_until, today), float(str(row_score or 0))))
    return hits


def _expired(valid_until: Any, today: dt.date) -> bool:
    return bool(valid_until) and str(valid_until)[:10] < today.isoformat()


def snippet_html(text: str, terms: list[str], width: int = SNIPPET_CHARS, *,
                 lowered: str | None = None) -> str:
    """About ``width`` characters of ``text`` (one line, as ``plain_text`` makes it)
    around the first hit, HTML-escaped, every hit in ``<b>``; the start of the text when
    no term occurs in it. ``lowered``: ``text.lower()`` when the caller has it."""
    flat = text
    folded: str | None = lowered if lowered is not None and len(lowered) == len(flat) else None

    def haystack(term: str) -> str:  # lowercase only for terms that have case (not Chinese)
        nonlocal folded
        if term == term.upper():
            return flat
        if folded is None:
            folded = flat.lower()
            if len(folded) != len(flat):
                folded = flat
        return folded

    found = [i for i in (haystack(t).find(t) for t in terms) if i >= 0]
    start = max(0, min(found) - width // 3) if found else 0
    end = min(len(flat), start + width)
    piece = flat[start:end]
    spans: list[tuple[int, int]] = []
    low_piece = piece.lower()
    for term in terms:
        at = low_piece.find(term)
        while at >= 0:
            spans.append((at, at + len(term)))
            at = low_piece.find(term, at + len(term))
    spans.sort()
    out: list[str] = ["…" if start > 0 else ""]
    pos = 0
    for a, b in spans:
        if a < pos:
            a = pos
        if a >= b:
            continue
        out.append(html.escape(piece[pos:a]))
        out.append(f"<b>{html.escape(piece[a:b])}</b>")
        pos = b
    out.append(html.escape(piece[pos:]))
    if end < len(flat):
        out.append("…")
    return "".join(out)


def _json_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, list) else []


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _datetime(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def load_article(conn: Connection, article_id: uuid.UUID, user_id: uuid.UUID | None,
                 *, today: dt.date | None = None) -> Article | None:
    """One article with its attachments and the user's receipt of its current version."""
    today = today or company_calendar(conn).today()
    row = conn.exec_driver_sql(
        "SELECT id, title, category, body, tags, product_ids, article_version, published_on, "
        "valid_until, must_read FROM knowledge_articles WHERE id = ? AND NOT deleted",
        (article_id.hex,)).first()
    if row is None:
        return None
    product_hex = []
    for value in _json_list(row[5]):
        try:
            product_hex.append(uuid.UUID(str(value)).hex)
        except ValueError:
            continue
    names: tuple[str, ...] = ()
    if product_hex:
        marks = ", ".join("?" for _ in product_hex)
        names = tuple(str(n) for (n,) in conn.exec_driver_sql(
            f"SELECT name FROM products WHERE id IN ({marks}) ORDER BY name", tuple(product_hex)))
    attachments = tuple(AttachmentInfo(uuid.UUID(str(a[0])), str(a[1]), str(a[2] or ""),
                                       int(a[3] or 0), str(a[4] or ""), bool(a[5]), a[6])
                        for a in conn.exec_driver_sql(
        "SELECT a.id, a.filename, a.mime_type, a.size_bytes, a.sha256, f.complete, f.error "
        "FROM knowledge_attachments a LEFT JOIN attachment_files f ON f.sha256 = a.sha256 "
        "WHERE a.article_id = ? AND NOT a.deleted ORDER BY coalesce(a.position, 0), a.filename",
        (article_id.hex,)))
    read_at = None
    if user_id is not None:
        read_at = conn.exec_driver_sql(
            "SELECT max(read_at) FROM knowledge_reads WHERE article_id = ? AND user_id = ? "
            "AND article_version >= ? AND NOT deleted",
            (article_id.hex, user_id.hex, int(row[6]))).scalar()
    valid_until = _date(row[8])
    return Article(uuid.UUID(str(row[0])), str(row[1]), str(row[2]), str(row[3] or ""),
                   tuple(str(t) for t in _json_list(row[4])), names, int(row[6]),
                   _date(row[7]), valid_until, bool(row[9]),
                   valid_until is not None and valid_until < today, attachments,
                   _datetime(read_at))


def article_id_by_slug(conn: Connection, slug: str) -> uuid.UUID | None:
    """An article named by its slug (links between articles are ``kb:slug``)."""
    found = conn.exec_driver_sql("SELECT id FROM knowledge_articles WHERE slug = ? AND NOT deleted",
                                 (slug,)).scalar()
    return uuid.UUID(str(found)) if found is not None else None


def recent_articles(conn: Connection, user_id: uuid.UUID | None, *, limit: int = 20,
                    since: dt.datetime | None = None) -> list[ArticleListItem]:
    """Newest and updated published articles first, with whether the user confirmed them."""
    params: list[Any] = [user_id.hex if user_id else ""]
    where = "NOT k.deleted AND k.published"
    if since is not None:
        where += " AND k.updated_at >= ?"
        params.append(since.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" "))
    rows = conn.exec_driver_sql(
        "SELECT k.id, k.title, k.category, k.updated_at, k.article_version, k.must_read, "
        "EXISTS (SELECT 1 FROM knowledge_reads r WHERE r.article_id = k.id AND r.user_id = ? "
        "AND r.article_version >= k.article_version AND NOT r.deleted) "
        f"FROM knowledge_articles k WHERE {where} ORDER BY k.updated_at DESC, k.title LIMIT ?",
        (*params, limit)).all()
    return [ArticleListItem(uuid.UUID(str(r[0])), str(r[1]), str(r[2]), _datetime(r[3]) or
                            dt.datetime.min.replace(tzinfo=dt.UTC), int(r[4]), bool(r[5]),
                            bool(r[6])) for r in rows]


def unread_must_reads(conn: Connection, user_id: uuid.UUID) -> list[ArticleListItem]:
    """Must-read articles (current, not expired) the user has not confirmed."""
    return [a for a in recent_articles(conn, user_id, limit=1000) if a.must_read and not a.read]


def team_must_read_status(conn: Connection, manager_id: uuid.UUID) -> list[TeamReading]:
    """For each current must-read article: which reps of the manager's team confirmed
    its current version, which not. The team: the active reps of the manager's district
    (a DM), of their region (an RM), or reporting to them (anyone else)."""
    me = conn.exec_driver_sql("SELECT district_id, region_id FROM users WHERE id = ?",
                              (manager_id.hex,)).first()
    district, region = (me[0], me[1]) if me is not None else (None, None)
    column, value = (("district_id", district) if district is not None else
                     ("region_id", region) if region is not None else
                     ("manager_id", manager_id.hex))
    team = conn.exec_driver_sql(
        f"SELECT id, display_name FROM users WHERE role = 'rep' AND active AND NOT deleted "
        f"AND {column} = ? ORDER BY display_name", (str(value),)).all()
    if not team:
        return []
    out = []
    for article_id, title, version in conn.exec_driver_sql(
            "SELECT id, title, article_version FROM knowledge_articles WHERE must_read "
            "AND published AND NOT deleted ORDER BY updated_at DESC, title").all():
        readers = {str(u) for (u,) in conn.exec_driver_sql(
            "SELECT user_id FROM knowledge_reads WHERE article_id = ? AND article_version >= ? "
            "AND NOT deleted", (str(article_id), int(str(version))))}
        out.append(TeamReading(uuid.UUID(str(article_id)), str(title),
                               tuple(str(n) for i, n in team if str(i) in readers),
                               tuple(str(n) for i, n in team if str(i) not in readers)))
    return out


def articles_for_products(conn: Connection, product_ids: list[uuid.UUID], *,
                          today: dt.date | None = None,
                          limit: int = SEARCH_LIMIT) -> list[ArticleListItem]:
    """The current (published, not expired) articles linked to any of ``product_ids``:
    what a rep wants at hand while detailing those products (doctor detail, visit form).
    Must-read first, then product articles, then the newest."""
    today = today or company_calendar(conn).today()
    if not product_ids:
        return []
    marks = " OR ".join("instr(s.product_ids, ?) > 0" for _ in product_ids)
    rows = conn.exec_driver_sql(
        "SELECT k.id, k.title, k.category, k.updated_at, k.article_version, k.must_read "
        "FROM kb_search s JOIN knowledge_articles k ON k.id = s.article_id "
        f"WHERE ({marks}) AND (s.valid_until IS NULL OR s.valid_until >= ?) "
        "ORDER BY coalesce(k.must_read, 0) DESC, k.category = 'product' DESC, "
        "k.updated_at DESC, k.title LIMIT ?",
        (*(f" {p.hex} " for p in product_ids), today.isoformat(), limit)).all()
    return [ArticleListItem(uuid.UUID(str(r[0])), str(r[1]), str(r[2]), _datetime(r[3]) or
                            dt.datetime.min.replace(tzinfo=dt.UTC), int(r[4]), bool(r[5]), False)
            for r in rows]


def product_choices(conn: Connection) -> list[tuple[uuid.UUID, str]]:
    return [(uuid.UUID(str(i)), str(n)) for i, n in conn.exec_driver_sql(
        "SELECT id, name FROM products WHERE NOT deleted AND active ORDER BY code, name")]
