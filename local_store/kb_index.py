"""The knowledge base's local search index: one row per searchable article.

Two structures, filled together:

* ``kb_search`` — a plain table with each article's lowercased title, Markdown-free
  body, tags and linked products' names (with their pinyin and initials, as the
  doctors' search spells names), plus the columns the filters need. Queries of one or
  two characters scan it (``instr``): FTS5's trigram tokenizer cannot match fewer than
  three characters, and a few thousand articles scan in milliseconds.
* ``kb_fts`` — an FTS5 table with the trigram tokenizer over the same text, rowid =
  ``kb_search``'s rowid: terms of three or more characters (Chinese or English) are
  found through it and ranked by bm25.

Kept current by ``refresh_kb_index``: it compares each article's row version with the
indexed one, so it costs one indexed join when nothing changed. The desktop runs it
in two halves: the plain table in the sync's writer task, the trigram index
(``refresh_kb_fts``, the slow half) as the next writer task; until that is done
(``fts_complete`` False) searches scan for every term, so results never miss an
article. The replica migration builds both at once.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.read.search import name_pinyin
from local_store.replica import metadata
from wire.in_lists import in_chunks

kb_search = sa.Table(
    "kb_search", metadata,
    sa.Column("rowid", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(32), nullable=False, unique=True),
    sa.Column("row_version", sa.BigInteger(), nullable=False),
    sa.Column("category", sa.String(30), nullable=False),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("alltext", sa.Text(), nullable=False),  # title, tags, products and body
    sa.Column("tags", sa.Text(), nullable=False),
    sa.Column("products", sa.Text(), nullable=False),
    sa.Column("product_ids", sa.Text(), nullable=False),  # " hex hex " (filter by one)
    sa.Column("valid_until", sa.String(10), nullable=True),
    sa.Column("published_on", sa.String(10), nullable=True),
    sa.Column("in_fts", sa.Boolean(), nullable=False, server_default=sa.false()),
    # the entries still waiting for the trigram index (few or none: a tiny index)
    sa.Index("ix_kb_search_waiting", "in_fts", sqlite_where=sa.text("NOT in_fts")),
)

FTS_DDL = ("CREATE VIRTUAL TABLE IF NOT EXISTS kb_fts USING fts5("
           "title, body, tags, products, content='', contentless_delete=1, tokenize='trigram')")
FTS_DDL_OLD_SQLITE = ("CREATE VIRTUAL TABLE IF NOT EXISTS kb_fts USING fts5("
                      "title, body, tags, products, tokenize='trigram')")


def _create_fts(target: Any, connection: Connection, **_kw: Any) -> None:
    """The FTS table beside ``kb_search`` (contentless where SQLite allows deleting from
    one, 3.43+: the text is then stored once, in ``kb_search``)."""
    text = str(connection.exec_driver_sql("SELECT sqlite_version()").scalar_one())
    version = tuple(int(part) for part in text.split("."))
    connection.exec_driver_sql(FTS_DDL if version >= (3, 43) else FTS_DDL_OLD_SQLITE)


sa.event.listen(kb_search, "after_create", _create_fts)


def create_kb_fts(conn: Connection) -> None:
    """The FTS table, when missing (a replica whose ``kb_search`` came without it)."""
    _create_fts(kb_search, conn)

# The plain (not lowercased) text of each entry, for snippets of the top hits only: kept
# apart so that the scans of short queries read the narrow ``kb_search`` rows alone.
kb_text = sa.Table(
    "kb_text", metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("body", sa.Text(), nullable=False),
    sqlite_with_rowid=False,
)

kb_search_tables = (kb_search, kb_text)

_LINK_TARGET = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)")
_LIST_MARK = re.compile(r"^[ \t]*(?:[-+]|\d+\.)[ \t]+", re.MULTILINE)
_EMPHASIS = re.compile(r"[*_`]+")
_MARKUP = re.compile(r"[#>|\[\]\s]+")


def plain_text(markdown: str) -> str:
    """Markdown without its markup (link targets, emphasis, headings, tables' bars), on
    one line with single spaces: what a reader sees, so a snippet and a match never
    land inside a URL."""
    text = markdown or ""
    if "](" in text:
        text = _LINK_TARGET.sub(" ", text)
    text = _EMPHASIS.sub("", _LIST_MARK.sub(" ", text))
    return _MARKUP.sub(" ", text).strip()


def _hex(value: Any) -> str:
    return uuid.UUID(str(value)).hex


def _json_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, list) else []


def _product_terms(conn: Connection) -> dict[str, str]:
    """Stored product id -> its searchable names: name, English and generic names, and
    the name's pinyin and initials (``name_pinyin``, as doctors are found)."""
    terms: dict[str, str] = {}
    for pid, name, name_en, generic in conn.exec_driver_sql(
            "SELECT id, name, name_en, generic_name FROM products WHERE NOT deleted"):
        full, initials, alternative = name_pinyin(str(name or ""))
        terms[str(pid)] = " ".join(str(p) for p in (name, name_en, generic, full, initials,
                                                    alternative) if p)
    return terms


def _entry(row: Any, products: dict[str, str]) -> dict[str, Any]:
    (article_id, version, category, title, body, tags, product_ids, valid_until,
     published_on) = row
    ids = []
    for value in _json_list(product_ids):
        try:
            ids.append(_hex(value))
        except ValueError:
            continue
    plain = plain_text(body or "")
    title_text = (title or "").lower()
    tag_text = " ".join(str(t) for t in _json_list(tags)).lower()
    product_text = " ".join(products.get(i, "") for i in ids).lower()
    return {
        "article_id": str(article_id), "row_version": int(version), "category": category or "",
        "title": title_text, "plain": plain, "tags": tag_text, "products": product_text,
        "alltext": "\n".join((title_text, tag_text, product_text, plain.lower())),
        "product_ids": " " + " ".join(ids) + " ",
        "valid_until": str(valid_until)[:10] if valid_until else None,
        "published_on": str(published_on)[:10] if published_on else None,
    }


_ARTICLE_COLUMNS = ("a.id, a.version, a.category, a.title, a.body, a.tags, a.product_ids, "
                    "a.valid_until, a.published_on")


def _write(conn: Connection, entries: Sequence[dict[str, Any]]) -> None:
    if not entries:
        return
    _remove(conn, [e["article_id"] for e in entries])
    conn.execute(sa.insert(kb_search), [{k: v for k, v in e.items() if k != "plain"}
                                        for e in entries])
    conn.execute(sa.insert(kb_text), [{"article_id": e["article_id"], "body": e["plain"]}
                                      for e in entries])


def fts_complete(conn: Connection) -> bool:
    """Whether every entry is in ``kb_fts`` (else searches scan for every term)."""
    return conn.exec_driver_sql("SELECT 1 FROM kb_search INDEXED BY ix_kb_search_waiting "
                                "WHERE NOT in_fts LIMIT 1").first() is None


def refresh_kb_fts(conn: Connection, *, batch: int = 1000) -> int:
    """Add the entries not yet in ``kb_fts`` (the second, slower half of a refresh: the
    app runs it as its own writer task after a sync has reported, so a sync of thousands
    of articles does not wait for the trigram index; meanwhile searches scan)."""
    done = 0
    while True:
        rowids = [int(r[0]) for r in conn.exec_driver_sql(
            "SELECT rowid FROM kb_search INDEXED BY ix_kb_search_waiting WHERE NOT in_fts "
            "LIMIT ?", (batch,))]
        if not rowids:
            return done
        marks = ", ".join("?" for _ in rowids)
        conn.exec_driver_sql(
                f"INSERT INTO kb_fts (rowid, title, body, tags, products) SELECT s.rowid, s.title, "
            f"t.body, s.tags, s.products FROM kb_search s JOIN kb_text t "
            f"ON t.article_id = s.article_id WHERE s.rowid IN ({marks})", tuple(rowids))
        conn.exec_driver_sql(f"UPDATE kb_search SET in_fts = 1 WHERE rowid IN ({marks})",
                             tuple(rowids))
        done += len(rowids)


def _remove(conn: Connection, article_ids: Iterable[str]) -> None:
    ids = list(article_ids)
    for chunk in in_chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        conn.exec_driver_sql(f"DELETE FROM kb_fts WHERE rowid IN (SELECT rowid FROM kb_search "
                             f"WHERE in_fts AND article_id IN ({marks}))", tuple(chunk))
        conn.exec_driver_sql(f"DELETE FROM kb_search WHERE article_id IN ({marks})", tuple(chunk))
        conn.exec_driver_sql(f"DELETE FROM kb_text WHERE article_id IN ({marks})", tuple(chunk))


def refresh_kb_index(conn: Connection, *, fts: bool = True) -> int:
    """Bring the index in line with the replica's articles; returns how many entries
    were (re)written or dropped. Unpublished and deleted articles have no entry.
    ``fts=False`` leaves the trigram index to ``refresh_kb_fts`` (run later)."""
    live = ("FROM knowledge_articles a LEFT JOIN kb_search s ON s.article_id = a.id "
            "WHERE NOT a.deleted AND a.published AND (s.row_version IS NULL "
            "OR s.row_version != a.version)")
    changed = conn.exec_driver_sql(f"SELECT {_ARTICLE_COLUMNS} {live}").all()
    gone = [str(r[0]) for r in conn.exec_driver_sql(
        "SELECT s.article_id FROM kb_search s LEFT JOIN knowledge_articles a "
        "ON a.id = s.article_id WHERE a.id IS NULL OR a.deleted OR NOT a.published")]
    _remove(conn, gone)
    if changed:
        products = _product_terms(conn)
        entries = [_entry(row, products) for row in changed]
        for batch in in_chunks(entries):
            _write(conn, batch)
    if fts:
        refresh_kb_fts(conn)
    return len(changed) + len(gone)


def rebuild_kb_index(conn: Connection) -> int:
    """The whole index from scratch (migration, repair, a product renamed)."""
    conn.exec_driver_sql("DELETE FROM kb_fts")
    conn.execute(sa.delete(kb_search))
    conn.execute(sa.delete(kb_text))
    return refresh_kb_index(conn)
