"""The write policies against the pushes that used to get through (issue 14's list),
one test each, plus the state changes and server-computed values they declare."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.rows import get_row
from tests.factories import Factory
from tests.server.test_sync_pull import principal_for
from tests.server.test_sync_push import START, m, push, statuses, visit_fields

COMPETENCIES = [{"code": "opening", "name": "开场", "weight": 1.0},
                {"code": "probing", "name": "探询", "weight": 3.0}]


@pytest.fixture
def org(conn: Connection) -> dict[str, Any]:
    """Region R (districts D1, D2), another region R2 (district D3); reps, DMs, an RM."""
    f = Factory(conn)
    region, region2 = f.region(), f.region()
    d1, d2, d3 = f.district(region), f.district(region), f.district(region2)
    t1, t1b, t2 = f.territory(d1), f.territory(d1), f.territory(d2)
    rep, peer, rep_d2 = f.user(territory=t1), f.user(territory=t1b), f.user(territory=t2)
    dm = f.user("dm", district_id=d1["id"], region_id=region["id"])
    dm2 = f.user("dm", district_id=d2["id"], region_id=region["id"])
    dm3 = f.user("dm", district_id=d3["id"], region_id=region2["id"])
    rm = f.user("rm", region_id=region["id"])
    doc, doc_b = f.doctor(t1), f.doctor(t1b)
    accompanied = f._insert("evaluation_templates", name="随访", kind="accompanied",
                            evaluator_role="dm", evaluatee_role="rep",
                            competencies=COMPETENCIES, scale_min=1, scale_max=5,
                            template_version=1, active=True)
    co_visit = f._insert("evaluation_templates", name="协访", kind="co_visit",
                         evaluator_role="rm", evaluatee_role="dm", competencies=COMPETENCIES,
                         scale_min=1, scale_max=5, template_version=1, active=True)
    f.publish()
    return {"t1": t1, "t1b": t1b, "t2": t2, "rep": rep, "peer": peer, "rep_d2": rep_d2,
            "dm": dm, "dm2": dm2, "dm3": dm3, "rm": rm, "doc": doc, "doc_b": doc_b,
            "accompanied": accompanied, "co_visit": co_visit}


def who(org: dict[str, Any], name: str) -> Any:
    return principal_for(org[name])


def evaluation(org: dict[str, Any], evaluator: str, evaluatee: str, template: str = "accompanied",
               **kw: Any) -> dict[str, Any]:
    t = org[template]
    return {"template_id": str(t["id"]), "evaluator_id": str(org[evaluator]["id"]),
            "evaluatee_id": str(org[evaluatee]["id"]), "kind": t["kind"],
            "eval_date": "2026-11-05", "scores": {"opening": 5, "probing": 1},
            "status": "draft", **kw}


def test_a_rep_cannot_approve_their_own_change_request(conn: Connection,
                                                       org: dict[str, Any]) -> None:
    cr = uuid.uuid4()
    response = push(conn, who(org, "rep"), [
        m(1, "change_requests", cr, territory_id=str(org["t1"]["id"]),
          requester_id=str(org["rep"]["id"]), target_table="doctors",
          target_id=str(org["doc"]["id"]), action="change",
          proposed={"title": "associate_chief"}, reason="晋升", status="pending"),
        m(2, "change_requests", cr, "update", base=1, status="approved",
          approver_id=str(org["rep"]["id"])),
    ])
    assert statuses(response) == [("applied", None, None), ("rejected", "not_allowed", "status")]
    assert "change_requests.status" in (response.results[1].message or "")
    assert get_row(conn, "doctors", org["doc"]["id"])["title"] == "chief"  # type: ignore[index]


def test_an_approval_changes_the_doctor_with_an_audit_row(conn: Connection,
                                                          org: dict[str, Any]) -> None:
    from server.tables import audit_log

    cr = uuid.uuid4()
    push(conn, who(org, "rep"), [m(1, "change_requests", cr, territory_id=str(org["t1"]["id"]),
                                   requester_id=str(org["rep"]["id"]), target_table="doctors",
                                   target_id=str(org["doc"]["id"]), action="change",
                                   proposed={"title": "associate_chief"}, status="pending")])
    response = push(conn, who(org, "dm"), [
        m(1, "change_requests", cr, "update", base=1, status="approved", decision_note="同意",
          approver_id=str(org["rep"]["id"]))])
    assert statuses(response) == [("applied", None, None)]
    stored = get_row(conn, "change_requests", cr)
    assert stored is not None and stored["approver_id"] == org["dm"]["id"]  # the server's
    assert stored["decided_at"] is not None
    assert get_row(conn, "doctors", org["doc"]["id"])["title"] == "associate_chief"  # type: ignore[index]
    applied = conn.execute(sa.select(audit_log.c.details).where(
        audit_log.c.action == "change_request_applied",
        audit_log.c.row_id == org["doc"]["id"])).scalar_one()
    assert applied["fields"] == {"title": "associate_chief"}
    again = push(conn, who(org, "dm"), [m(2, "change_requests", cr, "update", base=2,
                                          status="rejected")])
    assert statuses(again) == [("rejected", "locked", None)]


def test_a_dm_of_another_district_cannot_evaluate_a_rep(conn: Connection,
                                                        org: dict[str, Any]) -> None:
    response = push(conn, who(org, "dm2"), [
        m(1, "evaluations", uuid.uuid4(), **evaluation(org, "dm2", "rep", status="submitted"))])
    assert statuses(response) == [("rejected", "out_of_scope", "evaluator_id")]


def test_a_rep_cannot_evaluate_a_peer(conn: Connection, org: dict[str, Any]) -> None:
    response = push(conn, who(org, "rep"), [
        m(1, "evaluations", uuid.uuid4(), **evaluation(org, "rep", "peer"))])
    assert statuses(response) == [("rejected", "not_allowed", None)]


def test_the_server_computes_the_evaluation_total(conn: Connection,
                                                  org: dict[str, Any]) -> None:
    ev = uuid.uuid4()
    response = push(conn, who(org, "dm"), [
        m(1, "evaluations", ev, **evaluation(org, "dm", "rep", total_score=99))])
    assert statuses(response) == [("applied", None, None)]
    assert get_row(conn, "evaluations", ev)["total_score"] == 2.0  # type: ignore[index]
    out_of_scale = push(conn, who(org, "dm"), [m(2, "evaluations", ev, "update", base=1,
                                                 scores={"opening": 9})])
    assert statuses(out_of_scale) == [("rejected", "validation", "scores.opening")]


def test_a_rep_cannot_change_or_delete_a_managers_event(conn: Connection,
                                                        org: dict[str, Any]) -> None:
    event = uuid.uuid4()
    created = push(conn, who(org, "dm"), [
        m(1, "events", event, territory_id=str(org["t1"]["id"]), organizer_id=str(org["dm"]["id"]),
          event_type="department_meeting", title="科室会", starts_at=START, status="planned",
          budget=1000)])
    assert statuses(created) == [("applied", None, None)]
    response = push(conn, who(org, "rep"), [
        m(1, "events", event, "update", base=1, budget=50000),
        m(2, "events", event, "delete", base=1),
        m(3, "event_attendees", uuid.uuid4(), event_id=str(event),
          territory_id=str(org["t1"]["id"]), doctor_id=str(org["doc"]["id"]), invited=True),
    ])
    assert statuses(response) == [("rejected", "not_allowed", "organizer_id"),
                                  ("rejected", "not_allowed", "organizer_id"),
                                  ("applied", None, None)]
    assert get_row(conn, "events", event)["budget"] == 1000  # type: ignore[index]


def test_a_plan_starts_as_a_draft_on_a_monday_with_a_known_status(
        conn: Connection, org: dict[str, Any]) -> None:
    plan = uuid.uuid4()
    fields = {"rep_id": str(org["rep"]["id"]), "territory_id": str(org["t1"]["id"])}
    response = push(conn, who(org, "rep"), [
        m(1, "visit_plans", uuid.uuid4(), **fields, week_start="2026-11-02", status="approved"),
        m(2, "visit_plans", uuid.uuid4(), **fields, week_start="2026-11-04", status="draft"),
        m(3, "visit_plans", plan, **fields, week_start="2026-11-02", status="draft"),
        m(4, "visit_plans", plan, "update", base=1, status="whatever"),
    ])
    assert statuses(response) == [("rejected", "invalid_transition", "status"),
                                  ("rejected", "validation", "week_start"),
                                  ("applied", None, None),
                                  ("rejected", "invalid_transition", "status")]
    assert "draft → whatever" in (response.results[3].message or "")


def test_the_plan_goes_to_the_manager_and_back(conn: Connection, org: dict[str, Any]) -> None:
    plan = uuid.uuid4()
    rep = who(org, "rep")
    fields = {"rep_id": str(org["rep"]["id"]), "territory_id": str(org["t1"]["id"])}
    planned = {**fields, "plan_id": str(plan), "doctor_id": str(org["doc"]["id"]),
               "status": "planned"}
    assert statuses(push(conn, rep, [
        m(1, "visit_plans", plan, **fields, week_start="2026-11-02", status="draft"),
        m(2, "planned_visits", uuid.uuid4(), **planned, planned_date="2026-11-08"),
        m(3, "planned_visits", uuid.uuid4(), **planned, planned_date="2026-11-09"),
        m(4, "visit_plans", plan, "update", base=1, status="approved"),
        m(5, "visit_plans", plan, "update", base=1, status="submitted"),
    ])) == [("applied", None, None), ("applied", None, None),
            ("rejected", "validation", "planned_date"),
            ("rejected", "invalid_transition", "status"), ("applied", None, None)]
    assert statuses(push(conn, who(org, "dm2"), [
        m(1, "visit_plans", plan, "update", base=2, status="approved")])) == [
        ("rejected", "out_of_scope", "territory_id")]
    assert statuses(push(conn, who(org, "dm"), [
        m(1, "visit_plans", plan, "update", base=2, notes="改"),
        m(2, "visit_plans", plan, "update", base=2, status="returned"),
    ])) == [("rejected", "not_allowed", "notes"), ("applied", None, None)]
    assert statuses(push(conn, rep, [
        m(6, "visit_plans", plan, "update", base=3, status="submitted")])) == [
        ("applied", None, None)]
    assert statuses(push(conn, who(org, "rm"), [
        m(1, "visit_plans", plan, "update", base=4, status="approved")])) == [
        ("applied", None, None)]
    assert statuses(push(conn, rep, [m(7, "visit_plans", plan, "update", base=5, notes="x")])) == [
        ("rejected", "locked", None)]


def test_the_review_comment_is_the_managers_not_the_reps(conn: Connection,
                                                          org: dict[str, Any]) -> None:
    plan = uuid.uuid4()
    rep = who(org, "rep")
    fields = {"rep_id": str(org["rep"]["id"]), "territory_id": str(org["t1"]["id"]),
              "week_start": "2026-11-02"}
    assert statuses(push(conn, rep, [
        m(1, "visit_plans", uuid.uuid4(), **fields, status="draft", review_comment="已批"),
        m(2, "visit_plans", plan, **fields, status="draft", notes="周一"),
        m(3, "visit_plans", plan, "update", base=1, review_comment="经理说好"),
        m(4, "visit_plans", plan, "update", base=1, notes="周二"),
    ])) == [("rejected", "not_allowed", "review_comment"), ("applied", None, None),
            ("rejected", "not_allowed", "review_comment"), ("applied", None, None)]
    assert get_row(conn, "visit_plans", plan)["review_comment"] is None  # type: ignore[index]


def test_a_submitted_or_approved_plan_locks_its_planned_visits(
        conn: Connection, org: dict[str, Any]) -> None:
    plan, first, second = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    rep = who(org, "rep")
    fields = {"rep_id": str(org["rep"]["id"]), "territory_id": str(org["t1"]["id"])}
    planned = {**fields, "plan_id": str(plan), "doctor_id": str(org["doc"]["id"]),
               "status": "planned"}
    assert statuses(push(conn, rep, [  # the device's order: the visits, then the submit
        m(1, "visit_plans", plan, **fields, week_start="2026-11-02", status="draft"),
        m(2, "planned_visits", first, **planned, planned_date="2026-11-03"),
        m(3, "planned_visits", second, **planned, planned_date="2026-11-04"),
        m(4, "visit_plans", plan, "update", base=1, status="submitted"),
    ])) == [("applied", None, None)] * 4
    submitted_writes = [
        m(5, "planned_visits", uuid.uuid4(), **planned, planned_date="2026-11-05"),
        m(6, "planned_visits", first, "update", base=1, planned_date="2026-11-06"),
        m(7, "planned_visits", second, "delete", base=1),
    ]
    assert [s[:2] for s in statuses(push(conn, rep, submitted_writes))] == [
        ("rejected", "locked")] * 3
    assert statuses(push(conn, who(org, "dm"), [
        m(1, "visit_plans", plan, "update", base=2, status="returned", review_comment="改")]))[0] \
        == ("applied", None, None)
    assert statuses(push(conn, rep, [  # returned: the rep's again
        m(8, "planned_visits", first, "update", base=1, planned_date="2026-11-06"),
        m(9, "visit_plans", plan, "update", base=3, status="submitted"),
    ])) == [("applied", None, None)] * 2
    assert statuses(push(conn, who(org, "rm"), [
        m(1, "visit_plans", plan, "update", base=4, status="approved")]))[0] == (
        "applied", None, None)
    assert [s[:2] for s in statuses(push(conn, rep, [
        m(10, "planned_visits", second, "delete", base=1),
        m(11, "planned_visits", first, "update", base=2, objective="x"),
    ]))] == [("rejected", "locked")] * 2
    assert get_row(conn, "planned_visits", second)["deleted"] is False  # type: ignore[index]


def test_a_manager_cannot_write_a_reps_visit(conn: Connection, org: dict[str, Any]) -> None:
    draft = uuid.uuid4()
    push(conn, who(org, "rep"), [m(1, "visits", draft, **visit_fields(org["rep"], org["doc"]))])
    response = push(conn, who(org, "dm"), [
        m(1, "visits", draft, "update", base=1, purpose="经理改写"),
        m(2, "visits", draft, "update", base=1, status="submitted"),
        m(3, "visits", uuid.uuid4(), **visit_fields(org["rep"], org["doc"])),
    ])
    assert statuses(response) == [("rejected", "not_allowed", "rep_id")] * 3
    stored = get_row(conn, "visits", draft)
    assert stored is not None and stored["status"] == "draft" and stored["purpose"] == "介绍"


def test_a_rep_cannot_file_an_evaluation_naming_themselves_evaluator(
        conn: Connection, org: dict[str, Any]) -> None:
    response = push(conn, who(org, "rep"), [
        m(1, "evaluations", uuid.uuid4(), **evaluation(org, "rep", "rep_d2", status="submitted"))])
    assert statuses(response) == [("rejected", "not_allowed", None)]


def test_a_review_is_filed_under_its_visits_territory(conn: Connection,
                                                      org: dict[str, Any]) -> None:
    visit = uuid.uuid4()
    push(conn, who(org, "rep"), [m(1, "visits", visit, **visit_fields(org["rep"], org["doc"]))])
    response = push(conn, who(org, "dm"), [
        m(1, "visit_reviews", uuid.uuid4(), visit_id=str(visit), territory_id=str(org["t1b"]["id"]),
          reviewer_id=str(org["dm"]["id"]), reviewed_at=START, exemplary=True),
        m(2, "visit_reviews", uuid.uuid4(), visit_id=str(visit), territory_id=str(org["t1"]["id"]),
          reviewer_id=str(org["dm"]["id"]), reviewed_at=START, exemplary=False),
    ])
    assert statuses(response) == [("rejected", "validation", "territory_id"),
                                  ("applied", None, None)]


def test_the_evaluatee_only_acknowledges_and_comments(conn: Connection,
                                                      org: dict[str, Any]) -> None:
    ev = uuid.uuid4()
    assert statuses(push(conn, who(org, "rm"), [
        m(1, "evaluations", ev, **evaluation(org, "rm", "dm", "co_visit", status="submitted")),
        m(2, "evaluations", uuid.uuid4(), **evaluation(org, "rm", "dm", "accompanied")),
        m(3, "evaluations", uuid.uuid4(), **evaluation(org, "rm", "dm3", "co_visit")),
    ])) == [("applied", None, None), ("rejected", "not_allowed", "template_id"),
            ("rejected", "out_of_scope", "evaluator_id")]
    stored = get_row(conn, "evaluations", ev)
    assert stored is not None and stored["submitted_at"] is not None
    dm = who(org, "dm")
    assert statuses(push(conn, dm, [
        m(1, "evaluations", ev, "update", base=1, scores={"opening": 5, "probing": 5}),
        m(2, "evaluations", ev, "update", base=1, status="draft"),
        m(3, "evaluations", ev, "update", base=1, status="acknowledged", evaluatee_comment="收到"),
    ])) == [("rejected", "not_allowed", "scores"), ("rejected", "invalid_transition", "status"),
            ("applied", None, None)]
    stored = get_row(conn, "evaluations", ev)
    assert stored is not None and stored["acknowledged_at"] is not None
    assert statuses(push(conn, who(org, "rm"), [
        m(4, "evaluations", ev, "update", base=2, strengths="改")])) == [
        ("rejected", "locked", None)]


def test_a_table_without_a_policy_takes_no_client_write(conn: Connection,
                                                       org: dict[str, Any]) -> None:
    from server.sync import policies
    from server.sync.policy_tables import POLICIES

    saved = POLICIES.pop("comment_reads")
    policies.compiled.cache_clear()
    try:
        response = push(conn, who(org, "rep"), [
            m(1, "comment_reads", uuid.uuid4(), comment_id=str(uuid.uuid4()),
              territory_id=str(org["t1"]["id"]), user_id=str(org["rep"]["id"]), read_at=START)])
    finally:
        POLICIES["comment_reads"] = saved
        policies.compiled.cache_clear()
    assert statuses(response) == [("rejected", "not_allowed", None)]
    assert response.results[0].message == "No client may write comment_reads."


def _request(org: dict[str, Any], action: str, proposed: dict[str, Any] | None,
             target: Any = None) -> dict[str, Any]:
    return {"territory_id": str(org["t1"]["id"]), "requester_id": str(org["rep"]["id"]),
            "target_table": "doctors", "target_id": str(target) if target else None,
            "action": action, "proposed": proposed, "status": "pending"}


def test_approved_requests_create_and_deactivate_doctors(conn: Connection,
                                                         org: dict[str, Any]) -> None:
    from server.tables import synced

    create, deactivate, bad = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    institution = get_row(conn, "doctors", org["doc"]["id"])["institution_id"]  # type: ignore[index]
    push(conn, who(org, "rep"), [
        m(1, "change_requests", create, **_request(org, "create", {
            "name": "王新", "institution_id": str(institution), "title": "attending"})),
        m(2, "change_requests", deactivate, **_request(org, "deactivate", None, org["doc"]["id"])),
        m(3, "change_requests", bad, **_request(org, "change", {"grade": "A"}, org["doc"]["id"])),
    ])
    response = push(conn, who(org, "rm"), [
        m(i + 1, "change_requests", cid, "update", base=1, status="approved")
        for i, cid in enumerate((create, deactivate, bad))])
    assert statuses(response) == [("applied", None, None), ("applied", None, None),
                                  ("rejected", "validation", "proposed")]
    doctors = synced["doctors"]
    new = conn.execute(sa.select(doctors).where(doctors.c.name == "王新")).mappings().one()
    assert new["territory_id"] == org["t1"]["id"] and new["status"] == "active"
    assert get_row(conn, "doctors", org["doc"]["id"])["status"] == "inactive"  # type: ignore[index]
    assert get_row(conn, "change_requests", bad)["status"] == "pending"  # type: ignore[index]


def test_an_institution_request_is_held_to_the_requests_territory(
        conn: Connection, org: dict[str, Any]) -> None:
    """A DM approves changes to hospitals their territory sees, not any in the country;
    a new hospital reaches the requesting territory's replicas."""
    from server.sync.feed import member_scopes, territory_scope
    from server.tables import synced

    ours = get_row(conn, "doctors", org["doc"]["id"])["institution_id"]  # type: ignore[index]
    theirs = get_row(conn, "doctors", org["doc_b"]["id"])["institution_id"]  # type: ignore[index]
    change_ours, change_theirs, create = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()

    def institution_request(action: str, proposed: dict[str, Any] | None,
                            target: Any = None) -> dict[str, Any]:
        return {**_request(org, action, proposed, target), "target_table": "institutions"}

    push(conn, who(org, "rep"), [
        m(1, "change_requests", change_ours, **institution_request("change", {"beds": 900}, ours)),
        m(2, "change_requests", change_theirs,
          **institution_request("change", {"beds": 1}, theirs)),
        m(3, "change_requests", create, **institution_request(
            "create", {"name": "新华社区卫生服务中心", "type": "clinic"})),
    ])
    response = push(conn, who(org, "dm"), [
        m(i + 1, "change_requests", cid, "update", base=1, status="approved")
        for i, cid in enumerate((change_ours, change_theirs, create))])
    assert statuses(response) == [("applied", None, None),
                                  ("rejected", "validation", "target_id"),
                                  ("applied", None, None)]
    assert "not in the request's territory" in (response.results[1].message or "")
    assert get_row(conn, "institutions", ours)["beds"] == 900  # type: ignore[index]
    assert get_row(conn, "institutions", theirs)["beds"] != 1  # type: ignore[index]
    institutions = synced["institutions"]
    new = conn.execute(sa.select(institutions.c.id).where(
        institutions.c.name == "新华社区卫生服务中心")).scalar_one()
    assert member_scopes(conn, "institutions", new) == [territory_scope(org["t1"]["id"])]
