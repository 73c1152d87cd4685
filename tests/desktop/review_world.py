"""A small replica world for the review thread and notification tests.

Rows go straight into the replica tables, as a pull would have left them; the
signed-in user is whoever ``sign_in_as`` names. Imported by the tests; holds none.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store.replica import synced
from local_store.state import USER_ID, set_state

T0 = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


@dataclass
class ReviewWorld:
    replica: Engine
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def insert(self, table: str, *, at: dt.datetime = T0, **values: Any) -> uuid.UUID:
        row = {"id": uuid.uuid4(), "version": 1, "updated_at": at, "updated_by": None,
               "deleted": False, **values}
        with self.replica.begin() as conn:
            conn.execute(sa.insert(synced[table]).values(**row))
        return uuid.UUID(str(row["id"]))

    @classmethod
    def build(cls, replica: Engine) -> ReviewWorld:
        """A territory, a rep (王芳), a colleague rep (李强), their DM (张伟), a doctor, a visit."""
        w = cls(replica)
        w.ids["territory"] = uuid.uuid4()
        w.ids["dm"] = w.insert("users", username="dm1", display_name="张伟", role="dm",
                               active=True)
        for key, name in (("rep", "王芳"), ("rep2", "李强")):
            w.ids[key] = w.insert("users", username=key, display_name=name, role="rep",
                                  territory_id=w.ids["territory"], manager_id=w.ids["dm"],
                                  active=True)
        w.ids["institution"] = w.insert("institutions", name="协和医院", type="hospital",
                                        status="active")
        w.ids["doctor"] = w.insert("doctors", name="陈医生", institution_id=w.ids["institution"],
                                   territory_id=w.ids["territory"], status="active")
        w.ids["visit"] = w.visit("rep")
        w.ids["visit2"] = w.visit("rep2")
        return w

    def visit(self, rep: str) -> uuid.UUID:
        return self.insert("visits", rep_id=self.ids[rep], territory_id=self.ids["territory"],
                           doctor_id=self.ids["doctor"], visit_type="face_to_face",
                           started_at=T0, ended_at=T0 + dt.timedelta(minutes=30),
                           purpose="介绍新适应症", status="submitted", submitted_at=T0)

    def sign_in_as(self, who: str) -> None:
        with self.replica.begin() as conn:
            set_state(conn, USER_ID, str(self.ids[who]))

    def comment(self, author: str, text: str, *, kind: str = "comment", visit: str = "visit",
                at: dt.datetime = T0) -> uuid.UUID:
        return self.insert("visit_comments", at=at, visit_id=self.ids[visit],
                           territory_id=self.ids["territory"], author_id=self.ids[author],
                           kind=kind, text=text)

    def review(self, reviewer: str, *, visit: str = "visit", exemplary: bool = False,
               at: dt.datetime = T0) -> uuid.UUID:
        return self.insert("visit_reviews", at=at, visit_id=self.ids[visit],
                           territory_id=self.ids["territory"], reviewer_id=self.ids[reviewer],
                           reviewed_at=at, exemplary=exemplary)
