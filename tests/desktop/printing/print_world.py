"""A replica holding a small team for the print data tests: a manager (dm), two reps of
theirs and one rep of another team, doctors of each grade, visits (a draft, a
correction, one just after midnight in Shanghai), a product, a comment and a review.
Rows go straight into the replica tables, as a sync would have left them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from local_store.replica import synced
from local_store.state import USER_ID, set_state

UTC = dt.UTC


def _base() -> dict[str, Any]:
    return {"id": uuid.uuid4(), "version": 1, "updated_at": dt.datetime(2026, 11, 1, tzinfo=UTC),
            "updated_by": None, "deleted": False}


@dataclass
class PrintWorld:
    replica: Engine
    ids: dict[str, uuid.UUID] = field(default_factory=dict)

    def insert(self, table: str, key: str | None = None, **values: Any) -> uuid.UUID:
        row = {**_base(), **values}
        with self.replica.begin() as conn:
            conn.execute(sa.insert(synced[table]).values(**row))
        if key:
            self.ids[key] = row["id"]
        return row["id"]

    def sign_in(self, key: str) -> None:
        with self.replica.begin() as conn:
            set_state(conn, USER_ID, str(self.ids[key]))

    def visit(self, rep: str, doctor: str, when: dt.datetime, key: str | None = None,
              **values: Any) -> uuid.UUID:
        return self.insert("visits", key, rep_id=self.ids[rep], territory_id=self.ids["t1"],
                           doctor_id=self.ids[doctor], institution_id=self.ids["xh"],
                           visit_type=values.pop("visit_type", "face_to_face"), started_at=when,
                           ended_at=when + dt.timedelta(minutes=25), status=values.pop("status", "submitted"),
                           purpose=values.pop("purpose", "介绍新适应症"), **values)


def build_print_world(replica: Engine) -> PrintWorld:
    """dm001 leads rep001 (``manager_id``) and rep002 (a territory of their district);
    rep099 works in another district."""
    w = PrintWorld(replica)
    w.insert("regions", "r", code="R1", name="华北大区")
    w.insert("districts", "d", region_id=w.ids["r"], code="D1", name="北京一区")
    w.insert("territories", "t1", district_id=w.ids["d"], code="T1", name="东城片区")
    w.insert("territories", "t2", district_id=w.ids["d"], code="T2", name="西城片区")
    w.insert("districts", "d2", region_id=w.ids["r"], code="D2", name="天津一区")
    w.insert("territories", "t3", district_id=w.ids["d2"], code="T3", name="和平片区")
    w.insert("users", "dm", username="dm001", display_name="王经理", role="dm", active=True,
             district_id=w.ids["d"], region_id=w.ids["r"])
    w.insert("users", "rep", username="rep001", display_name="张伟", role="rep", active=True,
             territory_id=w.ids["t1"], manager_id=w.ids["dm"])
    w.insert("users", "rep2", username="rep002", display_name="李娜", role="rep", active=True,
             territory_id=w.ids["t2"])  # in the DM's district: their team without a manager_id
    w.insert("users", "other", username="rep099", display_name="赵强", role="rep", active=True,
             territory_id=w.ids["t3"], manager_id=None)
    w.insert("products", "lipitor", code="LIP", name="立普妥", name_en="Lipitor", active=True)
    w.insert("institutions", "xh", name="北京协和医院", type="hospital", status="active", level="3A",
             address="东城区帅府园1号", latitude=39.91, longitude=116.41)
    w.insert("departments", "card", institution_id=w.ids["xh"], name="心内科")
    for key, name, grade in (("a", "王建国", "A"), ("b", "李秀英", "B"), ("c", "陈志强", "C"),
                             ("d", "刘丽娟", "D")):
        w.insert("doctors", key, name=name, institution_id=w.ids["xh"], department_id=w.ids["card"],
                 title="chief", status="active", grade=grade, territory_id=w.ids["t1"], specialty="冠心病")
    w.insert("doctors", "gone", name="周退休", institution_id=w.ids["xh"], title="attending",
             status="inactive", grade="A", territory_id=w.ids["t1"])
    products = [{"product_id": str(w.ids["lipitor"]), "key_message": "强化降脂", "reaction": "积极"}]
    explanation = [{"code": "next_step", "points": 15, "label_en": "next step set"},
                   {"code": "no_feedback", "points": -10, "label_en": "no feedback"}]
    # December 2026 (Shanghai): A seen 3 times, B twice (one a draft), C once; plus one in November.
    w.visit("rep", "a", dt.datetime(2026, 11, 30, 17, 30, tzinfo=UTC), "midnight",
            purpose="十二月第一访")  # 01:30 on Dec 1 in Shanghai
    w.visit("rep", "a", dt.datetime(2026, 12, 2, 2, 0, tzinfo=UTC), "a2", products_detailed=products,
            quality_score=72.0, quality_explanation=explanation, next_step="两周后回访",
            doctor_feedback="关注医保", result="同意试用")
    w.visit("rep", "a", dt.datetime(2026, 12, 9, 2, 0, tzinfo=UTC), "a3", visit_type="phone")
    w.visit("rep", "b", dt.datetime(2026, 12, 3, 3, 0, tzinfo=UTC), "b1", quality_score=88.0)
    w.visit("rep", "b", dt.datetime(2026, 12, 4, 3, 0, tzinfo=UTC), "draft", status="draft",
            purpose="草稿拜访")
    w.visit("rep", "c", dt.datetime(2026, 12, 15, 6, 0, tzinfo=UTC), "c1", visit_type="department_meeting")
    w.visit("rep", "c", dt.datetime(2026, 12, 16, 6, 0, tzinfo=UTC), "fix", amends_visit_id=w.ids["c1"],
            purpose="更正")
    w.visit("rep", "a", dt.datetime(2026, 11, 20, 2, 0, tzinfo=UTC), "nov", purpose="十一月拜访")
    w.visit("rep2", "a", dt.datetime(2026, 12, 5, 2, 0, tzinfo=UTC), "rep2", purpose="同事拜访")
    w.insert("visit_comments", "comment", visit_id=w.ids["a2"], territory_id=w.ids["t1"],
             author_id=w.ids["dm"], kind="suggestion", text="下次带上研究数据",
             updated_at=dt.datetime(2026, 12, 2, 10, 0, tzinfo=UTC))
    w.insert("visit_reviews", "review", visit_id=w.ids["a2"], territory_id=w.ids["t1"],
             reviewer_id=w.ids["dm"], reviewed_at=dt.datetime(2026, 12, 2, 9, 0, tzinfo=UTC), exemplary=True)
    w.sign_in("rep")
    return w


def add_plans(w: PrintWorld) -> None:
    """rep001's plan for the week of 30 November: Tuesday 1 December, three stops (the
    first fulfilled by visit ``a2``... on the 2nd, so: stop 1 done on Dec 2), and one stop
    on Monday 7 December (the next week)."""
    w.insert("visit_plans", "plan", rep_id=w.ids["rep"], territory_id=w.ids["t1"],
             week_start=dt.date(2026, 11, 30), status="approved", notes="本周重点：A级医生全覆盖")
    day = dt.date(2026, 12, 2)
    for order, (key, doctor, status) in enumerate((("p1", "a", "completed"), ("p2", "b", "planned"),
                                                   ("p3", "c", "missed")), start=1):
        w.insert("planned_visits", key, plan_id=w.ids["plan"], rep_id=w.ids["rep"], territory_id=w.ids["t1"],
                 doctor_id=w.ids[doctor], institution_id=w.ids["xh"], planned_date=day, route_order=order,
                 objective=f"目标{order}", products=[str(w.ids["lipitor"])], status=status)
    w.insert("planned_visits", "p4", plan_id=w.ids["plan"], rep_id=w.ids["rep"], territory_id=w.ids["t1"],
             doctor_id=w.ids["d"], institution_id=w.ids["xh"], planned_date=dt.date(2026, 12, 7),
             route_order=1, objective="下周目标", status="planned")
    with w.replica.begin() as conn:
        v = synced["visits"]
        conn.execute(sa.update(v).where(v.c.id == w.ids["a2"]).values(planned_visit_id=w.ids["p1"]))


def add_evaluation(w: PrintWorld) -> None:
    """dm001's accompanied evaluation of rep001 on 2 December (visit ``a2`` observed), acknowledged."""
    w.insert("evaluation_templates", "tpl", name="随访评估（地区经理评估代表）", kind="accompanied",
             evaluator_role="dm", evaluatee_role="rep", scale_min=1, scale_max=5, template_version=1,
             active=True, competencies=[
                 {"code": "planning", "name": "拜访前准备", "name_en": "Pre-call planning", "weight": 0.4},
                 {"code": "messages", "name": "关键信息传递", "name_en": "Key messages", "weight": 0.6}])
    w.insert("evaluations", "eval", template_id=w.ids["tpl"], evaluator_id=w.ids["dm"],
             evaluatee_id=w.ids["rep"], kind="accompanied", eval_date=dt.date(2026, 12, 2),
             observed_visit_ids=[str(w.ids["a2"])], scores={"planning": 3, "messages": 5}, total_score=4.2,
             strengths="准备充分", improvements="多问开放式问题",
             action_plan="练习开放式提问\n整理异议处理话术",
             status="acknowledged", submitted_at=dt.datetime(2026, 12, 2, 10, tzinfo=UTC),
             acknowledged_at=dt.datetime(2026, 12, 3, 2, tzinfo=UTC), evaluatee_comment="会按计划改进")


def add_field_days(w: PrintWorld) -> None:
    """dm001's field days for the week of 30 November (submitted): Tuesday 1 December
    with rep001 and rep002, Thursday 3 December with rep001 and a note; their RM rm001;
    dm099, a DM of another region."""
    w.insert("users", "rm", username="rm001", display_name="赵总", role="rm", active=True,
             region_id=w.ids["r"])
    w.insert("regions", "r2", code="R2", name="华南大区")
    w.insert("districts", "d3", region_id=w.ids["r2"], code="D3", name="广州一区")
    w.insert("users", "dm2", username="dm099", display_name="孙经理", role="dm", active=True,
             district_id=w.ids["d3"], region_id=w.ids["r2"])
    w.insert("field_plans", "field_plan", manager_id=w.ids["dm"], district_id=w.ids["d"],
             week_start=dt.date(2026, 11, 30), status="submitted", notes="本周重点辅导新人")
    users = synced["users"]
    with w.replica.connect() as conn:  # ids["rep2"] names rep002's visit by now
        rep_ids = dict(conn.execute(sa.select(users.c.username, users.c.id).where(
            users.c.username.in_(["rep001", "rep002"]))).all())
    for day, rep, note in ((dt.date(2026, 12, 1), "rep001", "协访：新产品介绍"),
                           (dt.date(2026, 12, 1), "rep002", "协访：新产品介绍"),
                           (dt.date(2026, 12, 3), "rep001", "随访：A级医生拜访")):
        w.insert("field_days", plan_id=w.ids["field_plan"], manager_id=w.ids["dm"],
                 district_id=w.ids["d"], planned_date=day, rep_id=rep_ids[rep], note=note)
