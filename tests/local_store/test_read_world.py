"""A small replica world for the read-side tests (doctors, institutions, visits).

Rows go straight into the replica tables (local reads need no server); the search
index is rebuilt at the end, as the sync hook would have kept it. Imported by the
read-layer and desktop tests; it holds no tests itself.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.calendar import DEFAULT_TIME_ZONE
from domain.grading import DoctorAttributes, default_grading_rule, grade_doctor
from local_store.read.search import rebuild_search_index
from local_store.replica import synced

TODAY = dt.date(2026, 3, 16)  # day 16 of 31: an A doctor (8/month) is due 4 by now


def _base() -> dict[str, Any]:
    return {"id": uuid.uuid4(), "version": 1, "updated_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            "updated_by": None, "deleted": False}


@dataclass
class ReadWorld:
    replica: Engine
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def insert(self, table: str, **values: Any) -> uuid.UUID:
        row = {**_base(), **values}
        with self.replica.begin() as conn:
            conn.execute(sa.insert(synced[table]).values(**row))
        return uuid.UUID(str(row["id"]))

    def institution(self, key: str, name: str, level: str = "3A", type_: str = "hospital",
                    city: str = "北京市") -> uuid.UUID:
        self.ids[key] = self.insert("institutions", name=name, level=level, type=type_, city=city,
                                    status="active", address=f"{city}某路1号", beds=800)
        return self.ids[key]

    def department(self, key: str, institution: str, name: str) -> uuid.UUID:
        self.ids[key] = self.insert("departments", institution_id=self.ids[institution], name=name,
                                    outpatient_per_month=2000, beds=60)
        return self.ids[key]

    def doctor(self, key: str, name: str, institution: str, department: str | None,
               title: str = "attending", grade: str | None = None, status: str = "active",
               level: str = "3A") -> uuid.UUID:
        result = grade_doctor(DoctorAttributes(level, title, 2000, 60, {"p": 4}),
                              default_grading_rule())
        self.ids[key] = self.insert(
            "doctors", name=name, institution_id=self.ids[institution],
            department_id=self.ids[department] if department else None, title=title,
            status=status, grade=grade or result.grade, grade_score=result.score,
            grade_explanation=result.explanation, phone="13800000000", position="科主任")
        return self.ids[key]

    def visit(self, doctor: str, when: dt.datetime, **values: Any) -> uuid.UUID:
        return self.insert("visits", rep_id=self.ids.get("rep", uuid.uuid4()),
                           territory_id=uuid.uuid4(), doctor_id=self.ids[doctor],
                           visit_type="face_to_face", started_at=when, status="submitted",
                           purpose=values.pop("purpose", "产品介绍"), **values)

    def planned(self, doctor: str, day: dt.date, objective: str = "随访") -> uuid.UUID:
        return self.insert("planned_visits", plan_id=uuid.uuid4(), rep_id=uuid.uuid4(),
                           territory_id=uuid.uuid4(), doctor_id=self.ids[doctor], planned_date=day,
                           objective=objective, status="planned")

    def reindex(self) -> None:
        with self.replica.begin() as conn:
            rebuild_search_index(conn)


def local_noon(day: dt.date) -> dt.datetime:
    """Noon of ``day`` in the company's time zone (Asia/Shanghai), as an aware datetime:
    months are the company calendar's, whatever the computer's zone."""
    noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(DEFAULT_TIME_ZONE))
    return noon.astimezone(dt.UTC)  # the replica stores UTC


def build_world(replica: Engine) -> ReadWorld:
    """Two hospitals and a pharmacy; five doctors with grades, visits and a planned visit.

    | doctor | name   | where            | title           | grade | visits in March |
    | zw     | 张伟   | 协和医院 心内科   | chief           | A     | 1 (behind: 4 due) |
    | zw2    | 张薇   | 协和医院 内分泌科 | attending       | B     | 2 (2 due: fine)   |
    | lm     | 李明   | 人民医院 心内科   | resident        | C     | 0 (1 due: behind) |
    | cq     | 曾强   | 人民医院 心内科   | associate_chief | D     | 0 (0 due: fine)   |
    | old    | 王芳   | 协和医院 心内科   | attending       | B     | inactive          |
    """
    w = ReadWorld(replica)
    w.institution("xh", "北京协和医院")
    w.institution("rm", "上海市第一人民医院", level="3B", city="上海市")
    w.institution("ph", "同仁堂药店", level="unrated", type_="pharmacy")
    w.department("xh_card", "xh", "心内科")
    w.department("xh_endo", "xh", "内分泌科")
    w.department("rm_card", "rm", "心内科")
    w.doctor("zw", "张伟", "xh", "xh_card", title="chief", grade="A")
    w.doctor("zw2", "张薇", "xh", "xh_endo", title="attending", grade="B")
    w.doctor("lm", "李明", "rm", "rm_card", title="resident", grade="C")
    w.doctor("cq", "曾强", "rm", "rm_card", title="associate_chief", grade="D")
    w.doctor("old", "王芳", "xh", "xh_card", grade="B", status="inactive")
    w.visit("zw", local_noon(dt.date(2026, 3, 2)))
    w.visit("zw", local_noon(dt.date(2026, 2, 20)), purpose="上月拜访")
    w.visit("zw", local_noon(dt.date(2026, 3, 1)) - dt.timedelta(hours=14),
            purpose="二月最后一晚")  # Feb 28 22:00 local: last month
    w.visit("zw2", local_noon(dt.date(2026, 3, 3)))
    w.visit("zw2", local_noon(dt.date(2026, 3, 10)))
    w.visit("zw2", local_noon(dt.date(2026, 3, 11)), deleted=True)
    w.planned("zw", dt.date(2026, 3, 18), "介绍新适应症")
    w.planned("zw", dt.date(2026, 3, 1), "已过期")
    w.reindex()
    return w
