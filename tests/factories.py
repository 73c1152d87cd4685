"""Small factories for test data, written through the same helpers the server uses.

Each returns the inserted row as a dict. Call ``publish(conn, changes)`` (or use
``build``) so the change feed sees the rows, as real server writes do.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.auth.passwords import hash_password
from server.sync.feed import ChangeSet, publish
from server.sync.rows import insert_rows
from server.tables import credentials

_n = itertools.count(1)


@functools.cache
def cached_password_hash(password: str) -> str:
    """Argon2 is slow on purpose; tests hash each distinct password once."""
    return hash_password(password)


def _code(prefix: str) -> str:
    return f"{prefix}{next(_n):05d}"


class Factory:
    """Builds related rows in one connection; ``commit`` publishes the feed."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.changes = ChangeSet()

    def _insert(self, table: str, **values: Any) -> dict[str, Any]:
        return insert_rows(self.conn, self.changes, table, [values], actor=None)[0]

    def publish(self) -> None:
        publish(self.conn, self.changes)

    def region(self, **kw: Any) -> dict[str, Any]:
        return self._insert("regions", **{"code": _code("R"), "name": "华东大区", **kw})

    def district(self, region: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
        region = region or self.region()
        return self._insert("districts", **{"region_id": region["id"], "code": _code("D"),
                                             "name": "上海一区", **kw})

    def territory(self, district: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
        district = district or self.district()
        return self._insert("territories", **{"district_id": district["id"], "code": _code("T"),
                                               "name": "徐汇片区", **kw})

    def user(self, role: str = "rep", territory: dict[str, Any] | None = None,
             password: str | None = None, **kw: Any) -> dict[str, Any]:
        """A user; with ``password`` also its credentials (hashes are cached per password)."""
        values: dict[str, Any] = {"username": _code(role), "display_name": "张伟", "role": role,
                                  "active": True}
        if territory is not None:
            values["territory_id"] = territory["id"]
            values["district_id"] = territory["district_id"]
        values.update(kw)
        user = self._insert("users", **values)
        if password is not None:
            self.conn.execute(sa.insert(credentials).values(
                user_id=user["id"], password_hash=cached_password_hash(password),
                changed_at=dt.datetime.now(dt.UTC)))
        return user

    def institution(self, **kw: Any) -> dict[str, Any]:
        return self._insert("institutions", **{"code": _code("H"), "name": "复旦大学附属中山医院",
                                                "level": "3A", "type": "hospital",
                                                "city": "上海", "status": "active", **kw})

    def department(self, institution: dict[str, Any], **kw: Any) -> dict[str, Any]:
        return self._insert("departments", **{"institution_id": institution["id"],
                                               "name": "心内科", "outpatient_per_month": 3000,
                                               "beds": 60, **kw})

    def doctor(self, territory: dict[str, Any] | None, institution: dict[str, Any] | None = None,
               department: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
        institution = institution or self.institution()
        return self._insert("doctors", **{
            "code": _code("DR"), "name": "李明", "institution_id": institution["id"],
            "department_id": department["id"] if department else None,
            "title": "chief", "status": "active", "grade": "A",
            "territory_id": territory["id"] if territory else None, **kw})

    def visit(self, rep: dict[str, Any], doctor: dict[str, Any], **kw: Any) -> dict[str, Any]:
        start = kw.pop("started_at", dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC))
        return self._insert("visits", **{
            "rep_id": rep["id"], "territory_id": doctor["territory_id"],
            "doctor_id": doctor["id"], "institution_id": doctor["institution_id"],
            "visit_type": "face_to_face", "started_at": start,
            "ended_at": start + dt.timedelta(minutes=20), "purpose": "介绍新适应症",
            "status": "submitted", "submitted_at": start, **kw})


def new_id() -> uuid.UUID:
    return uuid.uuid4()
