"""Publishing the knowledge base: a folder of articles upserted by slug, in one transaction.

Idempotent the way the CSV imports are (docs/imports.md): an article whose content,
metadata and attachments are unchanged is not written at all; a changed one gets
``article_version`` + 1 and one feed entry (``server.sync.rows.update_row``); its
attachments are matched by file name: a new or changed file is a new row (and a new
file in ``knowledge_files``, stored once per SHA-256), a file no longer listed is
tombstoned (replicas then drop their copy). Articles absent from the folder are left
alone. ``publish`` runs last, as every server write of a synced table does.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.imports.errors import RowError
from server.kb.sources import ArticleSource, read_folder
from server.sync.feed import ChangeSet, publish, utcnow
from server.sync.rows import insert_rows, update_row
from server.tables import knowledge_files, synced

_COMPARED = ("category", "title", "body", "tags", "product_ids", "competitor_product_id",
             "valid_until", "must_read", "published")


@dataclass(slots=True)
class KbImportResult:
    folder: Path
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"kb: created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
                f"rejected {self.rejected}, {self.seconds:.2f} seconds")


def _resolve(conn: Connection, sources: list[ArticleSource]
             ) -> tuple[dict[str, dict[str, Any]], list[RowError]]:
    """Each source's product and competitor references as ids; unknown ones are errors."""
    products = synced["products"]
    competitors = synced["competitor_products"]
    by_code = {str(c): i for i, c in conn.execute(
        sa.select(products.c.id, products.c.code).where(~products.c.deleted))}
    by_name = {str(n): i for i, n in conn.execute(
        sa.select(competitors.c.id, competitors.c.name).where(~competitors.c.deleted))}
    resolved: dict[str, dict[str, Any]] = {}
    errors: list[RowError] = []
    for s in sources:
        ids: list[str] = []
        for code in s.product_codes:
            if code in by_code:
                ids.append(str(by_code[code]))
            else:
                errors.append(RowError(1, f"{s.file}: products", code, "unknown_reference",
                                       f"There is no product with code {code}."))
        competitor_id = None
        if s.competitor_product:
            competitor_id = by_name.get(s.competitor_product)
            if competitor_id is None:
                errors.append(RowError(1, f"{s.file}: competitor_product", s.competitor_product,
                                       "unknown_reference",
                                       f"There is no competitor product named {s.competitor_product}."))
        resolved[s.file] = {"product_ids": ids, "competitor_product_id": competitor_id}
    return resolved, errors


def _values(source: ArticleSource, refs: dict[str, Any]) -> dict[str, Any]:
    return {"slug": source.slug, "category": source.category, "title": source.title,
            "body": source.body, "tags": source.tags, "product_ids": refs["product_ids"],
            "competitor_product_id": refs["competitor_product_id"],
            "valid_until": source.valid_until, "must_read": source.must_read, "published": True}


def _same(name: str, stored: Any, wanted: Any) -> bool:
    if name == "must_read":
        return bool(stored) == bool(wanted)
    if name in ("tags", "product_ids"):
        return [str(v) for v in (stored or [])] == [str(v) for v in (wanted or [])]
    return bool(stored == wanted)


def _store_files(conn: Connection, sources: list[ArticleSource]) -> None:
    wanted = {a.sha256: a for s in sources for a in s.attachments}
    if not wanted:
        return
    present: set[str] = set(conn.execute(sa.select(knowledge_files.c.sha256)
                               .where(knowledge_files.c.sha256.in_(list(wanted)))).scalars())
    now = utcnow()
    for sha, a in wanted.items():
        if sha not in present:
            conn.execute(sa.insert(knowledge_files).values(
                sha256=sha, size_bytes=len(a.content), content=a.content, created_at=now))


def _sync_attachments(conn: Connection, changes: ChangeSet, article_id: uuid.UUID,
                      source: ArticleSource, actor: uuid.UUID | None) -> bool:
    """Make the article's live attachment rows match the source; True when any changed."""
    t = synced["knowledge_attachments"]
    stored = {str(r["filename"]): dict(r) for r in conn.execute(
        sa.select(t).where(t.c.article_id == article_id, ~t.c.deleted)).mappings()}
    changed = False
    for position, a in enumerate(source.attachments):
        row = stored.pop(a.filename, None)
        wanted = {"sha256": a.sha256, "size_bytes": len(a.content), "mime_type": a.media_type,
                  "position": position}
        if row is None:
            insert_rows(conn, changes, "knowledge_attachments",
                        [{"article_id": article_id, "filename": a.filename, **wanted}], actor=actor)
            changed = True
        elif any(row.get(k) != v for k, v in wanted.items()):
            update_row(conn, changes, "knowledge_attachments", row["id"], wanted, actor=actor,
                       before=row)
            changed = True
    for row in stored.values():
        update_row(conn, changes, "knowledge_attachments", row["id"], {"deleted": True},
                   actor=actor, before=row)
        changed = True
    return changed


def import_folder(conn: Connection, folder: Path, *, skip_invalid: bool = False,
                  actor: uuid.UUID | None = None, today: dt.date | None = None) -> KbImportResult:
    """Import ``folder`` into the open transaction (never commits; publishes last).
    All-or-nothing unless ``skip_invalid``: then the valid articles go in and the
    invalid ones are counted as rejected."""
    started = time.perf_counter()
    result = KbImportResult(folder)
    sources, errors = read_folder(folder)
    resolved, ref_errors = _resolve(conn, sources)
    errors.extend(ref_errors)
    bad_files = {e.column.split(":")[0] for e in errors}
    result.errors = errors
    result.rejected = len(bad_files)
    if errors and not skip_invalid:
        result.seconds = time.perf_counter() - started
        return result
    good = [s for s in sources if s.file not in bad_files]
    _store_files(conn, good)
    articles = synced["knowledge_articles"]
    existing = {str(r["slug"]): dict(r) for r in conn.execute(
        sa.select(articles).where(articles.c.slug.in_([s.slug for s in good]))).mappings()} \
        if good else {}
    changes = ChangeSet()
    for source in good:
        values = _values(source, resolved[source.file])
        row = existing.get(source.slug)
        if row is None:
            values.update(article_version=1, published_on=source.published_on or today
                          or dt.date.today())
            new = insert_rows(conn, changes, "knowledge_articles", [values], actor=actor)[0]
            _sync_attachments(conn, changes, new["id"], source, actor)
            result.created += 1
            continue
        files_changed = _sync_attachments(conn, changes, row["id"], source, actor)
        differs = [n for n in _COMPARED if not _same(n, row.get(n), values[n])]
        if source.published_on is not None and row.get("published_on") != source.published_on:
            differs.append("published_on")
            values["published_on"] = source.published_on
        if not differs and not files_changed and not row["deleted"]:
            result.unchanged += 1
            continue
        values["article_version"] = int(row["article_version"]) + 1
        values["deleted"] = False
        update_row(conn, changes, "knowledge_articles", row["id"], values, actor=actor, before=row)
        result.updated += 1
    publish(conn, changes)
    result.written = True
    result.seconds = time.perf_counter() - started
    return result
