"""Reading a ``kb import`` folder: Markdown articles with YAML front matter, plus files.

Pure reading and checking, no database: ``read_folder`` answers the articles it could
read and the problems it found, each a ``RowError`` whose ``column`` names the file and
field (``faq-price.md: valid_until``) so the errors file points at what to fix. The
front matter's keys are documented in docs/imports.md ("knowledge base").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from server.imports.errors import RowError
from wire.schema import TABLES_BY_NAME

ARTICLE_SUFFIX = ".md"
FRONT_MATTER_MARK = "---"
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

CATEGORY_ALIASES: dict[str, str] = {
    "product": "product", "产品": "product", "产品知识": "product",
    "competitor": "competitor", "竞争对手": "competitor", "竞争企业": "competitor",
    "competitor_product": "competitor_product", "竞品": "competitor_product",
    "faq": "faq", "常见问题": "faq", "objection": "faq", "异议处理": "faq",
    "compliance": "compliance", "合规": "compliance",
    "training": "training", "培训": "training",
}
MEDIA_TYPES: dict[str, str] = {
    ".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
}
_IMAGE_MAGIC: dict[str, tuple[bytes, ...]] = {
    "image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"), "image/webp": (b"RIFF",),
}
KNOWN_KEYS = frozenset({"title", "category", "tags", "products", "competitor_product",
                        "published", "valid_until", "must_read", "attachments", "slug"})
_TRUE = {"true", "yes", "1", "是"}
_FALSE = {"false", "no", "0", "否"}


@dataclass(frozen=True, slots=True)
class AttachmentSource:
    filename: str
    media_type: str
    content: bytes
    sha256: str


@dataclass(slots=True)
class ArticleSource:
    """One article file, read and checked (references are resolved by the service)."""

    file: str
    slug: str
    title: str
    category: str
    body: str
    tags: list[str]
    product_codes: list[str]
    competitor_product: str | None
    published_on: dt.date | None
    valid_until: dt.date | None
    must_read: bool
    attachments: list[AttachmentSource] = field(default_factory=list)


def _limit(table: str, column: str) -> int:
    return TABLES_BY_NAME[table].column(column).max_length or 0


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[RowError] = []

    def add(self, line: int, column: str, value: Any, code: str, message: str) -> None:
        where = f"{self.file}: {column}" if column else self.file
        self.errors.append(RowError(line, where, "" if value is None else str(value)[:200],
                                    code, message))


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, the body's first line) or None when the file has none."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_MARK:
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == FRONT_MATTER_MARK:
            return "".join(lines[1:i]), "".join(lines[i + 1:]).lstrip("\n"), i + 2
    return None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.replace("，", ",").split(",") if p.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]


def _date(meta: dict[str, Any], key: str, problems: _Problems) -> dt.date | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(1, key, value, "bad_date", "Write dates as YYYY-MM-DD, e.g. 2026-12-31.")
        return None


def _bool(meta: dict[str, Any], key: str, problems: _Problems) -> bool:
    value = meta.get(key)
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    problems.add(1, key, value, "bad_bool", "Write true or false (是/否).")
    return False


def read_attachment(folder: Path, name: str, problems: _Problems,
                    expected_sha256: str | None = None) -> AttachmentSource | None:
    path = (folder / name)
    if not path.is_file():
        problems.add(1, "attachments", name, "missing_file",
                     f"The attachment file {name} is not in the folder.")
        return None
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        problems.add(1, "attachments", name, "not_allowed",
                     "Attachments are PDF or images (png, jpg, gif, webp).")
        return None
    if path.stat().st_size > MAX_ATTACHMENT_BYTES:
        problems.add(1, "attachments", name, "too_large",
                     f"An attachment may be at most {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")
        return None
    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    if expected_sha256 is not None and expected_sha256.strip().lower() != digest:
        problems.add(1, "attachments", name, "hash_mismatch",
                     f"The file's SHA-256 is {digest}, not the {expected_sha256} the article "
                     "names: the file is not the approved one.")
        return None
    problem = content_problem(media_type, content)
    if problem is not None:
        problems.add(1, "attachments", name, problem[0], problem[1])
        return None
    return AttachmentSource(path.name, media_type, content, digest)


def content_problem(media_type: str, content: bytes) -> tuple[str, str] | None:
    """(code, message) when the bytes are not a readable file of their type."""
    if media_type == "application/pdf":
        import pypdfium2 as pdfium

        try:
            document = pdfium.PdfDocument(content)
            try:
                if len(document) == 0:
                    return "bad_pdf", "The PDF has no pages."
            finally:
                document.close()
        except pdfium.PdfiumError as exc:
            return "bad_pdf", f"The PDF cannot be read ({exc})."
        return None
    magic = _IMAGE_MAGIC.get(media_type, ())
    if magic and not content.startswith(magic):
        return "bad_image", "The file is not the image its name says."
    return None


def read_article(folder: Path, path: Path) -> tuple[ArticleSource | None, list[RowError]]:
    """One article file -> (the article or None, its problems)."""
    import yaml

    problems = _Problems(path.name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.add(0, "", None, "bad_encoding", "Save the article as UTF-8.")
        return None, problems.errors
    parts = split_front_matter(text)
    if parts is None:
        problems.add(1, "", None, "bad_front_matter",
                     "The file must start with front matter between two --- lines.")
        return None, problems.errors
    front, body, _body_line = parts
    try:
        meta = yaml.safe_load(front) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.add((mark.line + 2) if mark is not None else 1, "", None, "bad_front_matter",
                     f"The front matter is not valid YAML: {getattr(exc, 'problem', exc)}.")
        return None, problems.errors
    if not isinstance(meta, dict):
        problems.add(1, "", None, "bad_front_matter", "The front matter must be key: value lines.")
        return None, problems.errors
    for key in meta:
        if key not in KNOWN_KEYS:
            problems.add(1, str(key), None, "unknown_column",
                         f"Unknown key; known keys: {', '.join(sorted(KNOWN_KEYS))}.")
    title = str(meta.get("title") or "").strip()
    if not title:
        problems.add(1, "title", None, "required", "Every article needs a title.")
    elif len(title) > _limit("knowledge_articles", "title"):
        problems.add(1, "title", title, "too_long", "The title is too long.")
    raw_category = str(meta.get("category") or "").strip()
    category = CATEGORY_ALIASES.get(raw_category.lower())
    if not raw_category:
        problems.add(1, "category", None, "required", "Every article needs a category.")
    elif category is None:
        problems.add(1, "category", raw_category, "not_allowed",
                     "Category must be product, competitor, competitor_product, faq, "
                     "compliance or training (or 产品, 竞争对手, 竞品, 常见问题, 合规, 培训).")
    slug = str(meta.get("slug") or path.stem).strip()
    if len(slug) > _limit("knowledge_articles", "slug"):
        problems.add(1, "slug", slug, "too_long", "The slug (file name) is too long.")
    if len(body) > _limit("knowledge_articles", "body"):
        problems.add(1, "body", None, "too_long", "The article body is too long.")
    published_on = _date(meta, "published", problems)
    valid_until = _date(meta, "valid_until", problems)
    if published_on and valid_until and valid_until < published_on:
        problems.add(1, "valid_until", valid_until, "out_of_range",
                     "valid_until is before the publication date.")
    must_read = _bool(meta, "must_read", problems)
    attachments: list[AttachmentSource] = []
    raw_attachments = meta.get("attachments") or []
    if not isinstance(raw_attachments, list):
        raw_attachments = [raw_attachments]
    for item in raw_attachments:
        name, expected = (item.get("file"), item.get("sha256")) if isinstance(item, dict) \
            else (item, None)
        if not name:
            problems.add(1, "attachments", item, "required", "Name each attachment's file.")
            continue
        found = read_attachment(folder, str(name), problems,
                                None if expected is None else str(expected))
        if found is not None:
            attachments.append(found)
    competitor = meta.get("competitor_product")
    article = ArticleSource(path.name, slug, title, category or "", body.rstrip() + "\n",
                            _as_list(meta.get("tags")), _as_list(meta.get("products")),
                            str(competitor).strip() if competitor else None, published_on,
                            valid_until, must_read, attachments)
    return (None if problems.errors else article), problems.errors


def read_folder(folder: Path) -> tuple[list[ArticleSource], list[RowError]]:
    """Every ``*.md`` of ``folder`` (sorted by name), checked; duplicate slugs refused."""
    articles: list[ArticleSource] = []
    errors: list[RowError] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob(f"*{ARTICLE_SUFFIX}")):
        article, problems = read_article(folder, path)
        errors.extend(problems)
        if article is None:
            continue
        if article.slug in seen:
            errors.append(RowError(1, f"{path.name}: slug", article.slug, "duplicate_in_file",
                                   f"{seen[article.slug]} already has this slug."))
            continue
        seen[article.slug] = path.name
        articles.append(article)
    return articles, errors
