"""A DM's field days (field_plans, field_days): the DM writes their own week naming reps
of their district; the RM of the district's region approves or returns it; nobody else."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.engine import Connection

from server.sync.rows import get_row
from tests.factories import Factory
from tests.server.test_sync_push import m, push, statuses
from tests.server.test_write_policies import org, who  # noqa: F401  (fixture)

MONDAY = "2026-11-02"


def plan_fields(people: dict[str, Any], dm: str = "dm", **kw: Any) -> dict[str, Any]:
    manager = people[dm]
    return {"manager_id": str(manager["id"]), "district_id": str(manager["district_id"]),
            "week_start": MONDAY, "status": "draft", **kw}


def day_fields(people: dict[str, Any], plan: uuid.UUID, rep: str | None,
               day: str = "2026-11-03", dm: str = "dm", **kw: Any) -> dict[str, Any]:
    manager = people[dm]
    return {"plan_id": str(plan), "manager_id": str(manager["id"]),
            "district_id": str(manager["district_id"]), "planned_date": day,
            "rep_id": str(people[rep]["id"]) if rep else None, "note": "协访", **kw}


def test_a_dm_plans_submits_and_their_rm_approves(conn: Connection,
                                                  org: dict[str, Any]) -> None:  # noqa: F811
    plan, day, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    response = push(conn, who(org, "dm"), [
        m(1, "field_plans", plan, **plan_fields(org)),
        m(2, "field_days", day, **day_fields(org, plan, "rep")),
        m(3, "field_days", other, **day_fields(org, plan, "peer", day="2026-11-05")),
        m(4, "field_plans", plan, "update", base=1, status="submitted"),
    ])
    assert statuses(response) == [("applied", None, None)] * 4
    response = push(conn, who(org, "rm"), [
        m(1, "field_plans", plan, "update", base=2, status="approved", review_comment="好")])
    assert statuses(response) == [("applied", None, None)]
    assert get_row(conn, "field_plans", plan)["status"] == "approved"  # type: ignore[index]
    response = push(conn, who(org, "dm"), [  # approved: the week no longer changes
        m(5, "field_days", uuid.uuid4(), **day_fields(org, plan, "rep", day="2026-11-06")),
        m(6, "field_plans", plan, "update", base=3, notes="改"),
        m(7, "field_days", day, "delete", base=1),
    ])
    assert [s[:2] for s in statuses(response)] == [("rejected", "locked")] * 3
    assert get_row(conn, "field_days", day)["deleted"] is False  # type: ignore[index]


def test_a_dm_cannot_plan_another_districts_rep(conn: Connection,
                                                org: dict[str, Any]) -> None:  # noqa: F811
    plan = uuid.uuid4()
    response = push(conn, who(org, "dm"), [
        m(1, "field_plans", plan, **plan_fields(org)),
        m(2, "field_days", uuid.uuid4(), **day_fields(org, plan, "rep_d2")),
        m(3, "field_plans", uuid.uuid4(), **plan_fields(org, "dm2")),  # another DM's week
    ])
    assert statuses(response)[0] == ("applied", None, None)
    assert statuses(response)[1] == ("rejected", "out_of_scope", "rep_id")
    assert statuses(response)[2][:2] == ("rejected", "out_of_scope")


def test_an_rm_of_another_region_cannot_approve(conn: Connection,
                                                org: dict[str, Any]) -> None:  # noqa: F811
    f = Factory(conn)
    rm2 = f.user("rm", region_id=org["dm3"]["region_id"])
    f.publish()
    plan = uuid.uuid4()
    push(conn, who(org, "dm"), [m(1, "field_plans", plan, **plan_fields(org, status="submitted"))])
    response = push(conn, who({"rm2": rm2}, "rm2"), [
        m(1, "field_plans", plan, "update", base=1, status="approved")])
    assert statuses(response)[0][:2] == ("rejected", "out_of_scope")
    response = push(conn, who(org, "dm2"), [  # a fellow DM of the region: not the approver
        m(1, "field_plans", plan, "update", base=1, status="approved")])
    assert statuses(response)[0][:2] == ("rejected", "out_of_scope")
    assert get_row(conn, "field_plans", plan)["status"] == "submitted"  # type: ignore[index]


def test_reps_and_the_dm_themselves_cannot_approve(conn: Connection,
                                                   org: dict[str, Any]) -> None:  # noqa: F811
    plan = uuid.uuid4()
    response = push(conn, who(org, "rep"), [m(1, "field_plans", uuid.uuid4(),
                                              **plan_fields(org))])
    assert statuses(response)[0][:2] == ("rejected", "not_allowed")
    response = push(conn, who(org, "dm"), [
        m(1, "field_plans", plan, **plan_fields(org, status="submitted")),
        m(2, "field_plans", plan, "update", base=1, status="approved"),
    ])
    assert statuses(response)[1][:2] == ("rejected", "not_allowed")


def test_the_rm_returns_with_a_comment_and_the_dm_fixes_the_week(
        conn: Connection, org: dict[str, Any]) -> None:  # noqa: F811
    plan, day = uuid.uuid4(), uuid.uuid4()
    push(conn, who(org, "dm"), [m(1, "field_plans", plan, **plan_fields(org, status="submitted")),
                                ])
    response = push(conn, who(org, "rm"), [
        m(1, "field_plans", plan, "update", base=1, status="returned",
          review_comment="周三去看新代表", notes="RM 改不了备注")])
    assert statuses(response)[0] == ("rejected", "not_allowed", "notes")
    response = push(conn, who(org, "rm"), [
        m(2, "field_plans", plan, "update", base=1, status="returned",
          review_comment="周三去看新代表")])
    assert statuses(response) == [("applied", None, None)]
    response = push(conn, who(org, "dm"), [
        m(2, "field_days", day, **day_fields(org, plan, "peer", day="2026-11-04")),
        m(3, "field_days", uuid.uuid4(), **day_fields(org, plan, "peer", day="2026-11-10")),
        m(4, "field_plans", plan, "update", base=2, status="submitted"),
    ])
    assert statuses(response)[0] == ("applied", None, None)
    assert statuses(response)[1] == ("rejected", "validation", "planned_date")
    assert statuses(response)[2] == ("applied", None, None)


def test_the_review_comment_is_the_rms_not_the_dms(conn: Connection,
                                                   org: dict[str, Any]) -> None:  # noqa: F811
    plan = uuid.uuid4()
    response = push(conn, who(org, "dm"), [
        m(1, "field_plans", uuid.uuid4(), **plan_fields(org, review_comment="同意")),
        m(2, "field_plans", plan, **plan_fields(org, notes="第一周")),
        m(3, "field_plans", plan, "update", base=1, review_comment="同意"),
        m(4, "field_plans", plan, "update", base=1, notes="第二周"),
    ])
    assert statuses(response) == [
        ("rejected", "not_allowed", "review_comment"), ("applied", None, None),
        ("rejected", "not_allowed", "review_comment"), ("applied", None, None)]
    assert get_row(conn, "field_plans", plan)["review_comment"] is None  # type: ignore[index]
