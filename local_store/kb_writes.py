"""The one knowledge base write a device makes: "I have read this must-read article".

The receipt names the article's current ``article_version`` (a revised must-read asks
again) and the reader's district (the scope the team's managers read receipts in). It
is written with its outbox entry in one transaction (``record_local_change``).
"""

from __future__ import annotations

import uuid

from sqlalchemy.engine import Connection

from local_store.errors import NotInReplica
from local_store.state import local_user_id, utcnow
from local_store.writes import InvalidLocalChange, get_local_row, record_local_change


def user_district(conn: Connection, user_id: uuid.UUID) -> uuid.UUID | None:
    """The district whose team the user belongs to: their own (a DM's) or their
    territory's (a rep's)."""
    row = conn.exec_driver_sql(
        "SELECT coalesce(u.district_id, t.district_id) FROM users u "
        "LEFT JOIN territories t ON t.id = u.territory_id WHERE u.id = ?", (user_id.hex,)).scalar()
    return uuid.UUID(str(row)) if row is not None else None


def confirm_article_read(conn: Connection, article_id: uuid.UUID, *,
                         user_id: uuid.UUID | None = None) -> uuid.UUID | None:
    """Record the receipt; None (nothing written) when the user already confirmed this
    version. Raises ``InvalidLocalChange`` when the replica does not know the user's
    district (a user outside any team has no one to report the receipt to)."""
    user = user_id or local_user_id(conn)
    if user is None:
        raise InvalidLocalChange("sign in once before confirming: the replica does not know "
                                 "its user", reason="no_user")
    article = get_local_row(conn, "knowledge_articles", article_id)
    if article is None or article.get("deleted"):
        raise NotInReplica("knowledge_articles", article_id)
    version = int(article["article_version"])
    already = conn.exec_driver_sql(
        "SELECT 1 FROM knowledge_reads WHERE article_id = ? AND user_id = ? "
        "AND article_version >= ? AND NOT deleted", (article_id.hex, user.hex, version)).first()
    if already is not None:
        return None
    district = user_district(conn, user)
    if district is None:
        raise InvalidLocalChange("Your account belongs to no district, so the receipt has "
                                 "no one to go to.", reason="no_district")
    return record_local_change(conn, "knowledge_reads", None, "insert", {
        "article_id": article_id, "user_id": user, "district_id": district,
        "article_version": version, "read_at": utcnow(),
    })
