"""A small replica world for the evaluation screens: a region with one district, a DM,
two reps, an RM, both templates, a doctor and the rep's visits of one day. Rows go
straight into the replica tables, as a pull would have left them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store.replica import synced
from local_store.state import USER_ID, set_state
from server.demo.catalogue import template_rows

DAY = dt.date(2026, 11, 18)
T0 = dt.datetime(2026, 11, 18, 1, 30, tzinfo=dt.UTC)  # 09:30 in Shanghai


@dataclass
class EvaluationWorld:
    replica: Engine
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def insert(self, table: str, **values: Any) -> uuid.UUID:
        row = {"id": uuid.uuid4(), "version": 1, "updated_at": T0, "updated_by": None,
               "deleted": False, **values}
        with self.replica.begin() as conn:
            conn.execute(sa.insert(synced[table]).values(**row))
        return uuid.UUID(str(row["id"]))

    @classmethod
    def build(cls, replica: Engine) -> EvaluationWorld:
        w = cls(replica)
        i = w.ids
        i["region"] = w.insert("regions", code="R1", name="华东大区")
        i["district"] = w.insert("districts", region_id=i["region"], code="D1", name="上海一区")
        i["territory"] = w.insert("territories", district_id=i["district"], code="T1", name="徐汇")
        i["territory2"] = w.insert("territories", district_id=i["district"], code="T2", name="静安")
        i["rm"] = w.insert("users", username="rm001", display_name="赵大区", role="rm",
                           region_id=i["region"], active=True)
        i["dm"] = w.insert("users", username="dm001", display_name="张经理", role="dm",
                           region_id=i["region"], district_id=i["district"], active=True)
        i["rep"] = w.insert("users", username="rep001", display_name="王芳", role="rep",
                            territory_id=i["territory"], active=True)
        i["rep2"] = w.insert("users", username="rep002", display_name="李强", role="rep",
                             territory_id=i["territory2"], active=True)
        counter = iter(range(1000))
        rows, accompanied, co_visit = template_rows(lambda: uuid.UUID(int=next(counter) + 1))
        for row in rows:
            w.insert("evaluation_templates", **row)
        i["template"], i["co_template"] = uuid.UUID(str(accompanied)), uuid.UUID(str(co_visit))
        i["institution"] = w.insert("institutions", name="中山医院", type="hospital",
                                    status="active")
        for key, grade in (("doctor", "A"), ("doctor2", "B")):
            i[key] = w.insert("doctors", name=f"陈医生{grade}", institution_id=i["institution"],
                              territory_id=i["territory"], status="active", grade=grade)
        i["visit"] = w.visit("rep", "doctor", T0)
        i["visit_other_day"] = w.visit("rep", "doctor2", T0 - dt.timedelta(days=1))
        return w

    def visit(self, rep: str, doctor: str, at: dt.datetime) -> uuid.UUID:
        return self.insert("visits", rep_id=self.ids[rep], territory_id=self.ids["territory"],
                           doctor_id=self.ids[doctor], institution_id=self.ids["institution"],
                           visit_type="face_to_face", started_at=at,
                           ended_at=at + dt.timedelta(minutes=20), purpose="介绍",
                           status="submitted", submitted_at=at, quality_score=80.0)

    def sign_in_as(self, who: str) -> None:
        with self.replica.begin() as conn:
            set_state(conn, USER_ID, str(self.ids[who]))
