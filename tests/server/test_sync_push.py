"""Push: per-mutation results, idempotent retries, gaps, authorization, conflicts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.auth.principal import Principal
from server.errors import ServiceError
from server.sync.authorize import Rejected, decode_fields
from server.sync.feed import territory_scope
from server.sync.push import push_mutations
from server.sync.rows import get_row
from server.tables import audit_log, sync_feed, synced
from tests.factories import Factory
from tests.server.test_sync_pull import principal_for
from tests.server.test_visit_rules_server import statements
from wire.protocol import Mutation, MutationOp, PushRequest, PushResponse
from wire.schema import Col, Kind, ScopeRule, TableSpec

START = "2026-11-03T09:00:00+00:00"


def push(conn: Connection, who: Principal, mutations: list[dict[str, Any]],
         client_id: str | None = None) -> PushResponse:
    client_id = client_id or f"client-{who.user_id}"
    return push_mutations(conn, who, PushRequest(
        protocol=1, client_id=client_id, mutations=[Mutation(**m) for m in mutations]))


def visit_fields(rep: dict[str, Any], doctor: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {"rep_id": str(rep["id"]), "territory_id": str(doctor["territory_id"]),
            "doctor_id": str(doctor["id"]), "visit_type": "face_to_face",
            "started_at": START, "status": "draft", "purpose": "介绍", **kw}


def m(mid: int, table: str, row_id: Any, op: str = "insert", base: int | None = None,
      **fields: Any) -> dict[str, Any]:
    return {"mutation_id": mid, "table": table, "id": str(row_id), "op": op,
            "base_version": base, "fields": fields}


@pytest.fixture
def team(conn: Connection) -> dict[str, Any]:
    f = Factory(conn)
    district = f.district()
    ta, tb = f.territory(district), f.territory(district)
    rep, rep2, rep_b = f.user(territory=ta), f.user(territory=ta), f.user(territory=tb)
    dm = f.user(role="dm", district_id=district["id"], region_id=district["region_id"])
    other_dm = f.user(role="dm", district_id=f.district()["id"])
    doc, doc_b = f.doctor(ta), f.doctor(tb)
    submitted = f.visit(rep, doc)  # the factory's visits are submitted
    template = f._insert("evaluation_templates", name="随访", kind="coaching",
                         evaluator_role="dm", evaluatee_role="rep",
                         competencies=[{"code": "probing", "name": "探询", "weight": 1}],
                         scale_min=1, scale_max=5, template_version=1, active=True)
    f.publish()
    return {"f": f, "ta": ta, "tb": tb, "rep": rep, "rep2": rep2, "rep_b": rep_b, "dm": dm,
            "other_dm": other_dm, "doc": doc, "doc_b": doc_b, "submitted": submitted,
            "template": template}


def statuses(response: PushResponse) -> list[tuple[str, str | None, str | None]]:
    return [(r.status, r.reason.value if r.reason else None, r.field) for r in response.results]


def test_insert_and_update_are_applied_with_new_versions(conn: Connection,
                                                         team: dict[str, Any]) -> None:
    who = principal_for(team["rep"])
    vid = uuid.uuid4()
    response = push(conn, who, [
        m(1, "visits", vid, **visit_fields(team["rep"], team["doc"])),
        m(2, "visits", vid, "update", base=1, purpose="复访", ended_at="2026-11-03T17:30:00+08:00"),
    ])
    assert [(r.status, r.version) for r in response.results] == [("applied", 1), ("applied", 2)]
    assert response.last_mutation_id == 2
    row = get_row(conn, "visits", vid)
    assert row is not None and row["purpose"] == "复访" and row["updated_by"] == who.user_id
    f = sync_feed.c
    entry = conn.execute(sa.select(f.version, f.op).where(
        f.row_id == vid, f.scope == territory_scope(team["ta"]["id"]))).one()
    assert tuple(entry) == (2, "upsert")


def test_an_insert_of_an_existing_id_is_refused_and_the_rest_applied(
        conn: Connection, team: dict[str, Any]) -> None:
    """The fast path does not read rows a batch only inserts: the existing id fails the
    batched INSERT, and the redo with savepoints refuses just that mutation."""
    rep, doc = team["rep"], team["doc"]
    taken = team["submitted"]["id"]
    fresh = [uuid.uuid4(), uuid.uuid4()]
    response = push(conn, principal_for(rep), [
        m(1, "visits", fresh[0], **visit_fields(rep, doc)),
        m(2, "visits", taken, **visit_fields(rep, doc, purpose="覆盖")),
        m(3, "visits", fresh[1], **visit_fields(rep, doc)),
    ])
    assert statuses(response) == [("applied", None, None), ("rejected", "already_exists", "id"),
                                  ("applied", None, None)]
    assert get_row(conn, "visits", taken)["purpose"] == "介绍新适应症"  # type: ignore[index]
    assert all(get_row(conn, "visits", i) is not None for i in fresh)


def test_an_update_between_waiting_inserts_is_applied_once_when_the_batch_is_redone(
        conn: Connection, team: dict[str, Any]) -> None:
    """The update runs before the inserts that wait; the existing id then fails them,
    and the redo (in order, with savepoints) applies the update once, not twice."""
    rep, doc = team["rep"], team["doc"]
    f = team["f"]
    draft = f.visit(rep, doc, status="draft", submitted_at=None)
    f.publish()
    fresh = uuid.uuid4()
    response = push(conn, principal_for(rep), [
        m(1, "visits", fresh, **visit_fields(rep, doc)),
        m(2, "visits", draft["id"], "update", base=1, purpose="补充"),
        m(3, "visits", team["submitted"]["id"], **visit_fields(rep, doc)),
    ])
    assert statuses(response) == [("applied", None, None), ("applied", None, None),
                                  ("rejected", "already_exists", "id")]
    assert response.results[1].version == 2
    updated = get_row(conn, "visits", draft["id"])
    assert updated is not None and updated["purpose"] == "补充" and updated["version"] == 2
    assert get_row(conn, "visits", fresh) is not None


def test_a_retried_batch_is_applied_once_and_answered_from_the_store(
        conn: Connection, team: dict[str, Any]) -> None:
    who = principal_for(team["rep"])
    vid = uuid.uuid4()
    batch = [m(1, "visits", vid, **visit_fields(team["rep"], team["doc"])),
             m(2, "nope", uuid.uuid4())]
    first = push(conn, who, batch)
    again = push(conn, who, [*batch, m(3, "visits", vid, "update", base=1, purpose="x")])
    assert statuses(first) == [("applied", None, None), ("rejected", "unknown_table", None)]
    assert [(r.status, r.original_status, r.version, r.reason) for r in again.results[:2]] == [
        ("duplicate", "applied", 1, None), ("duplicate", "rejected", None, first.results[1].reason)]
    assert again.results[2].status == "applied" and again.results[2].version == 2
    assert again.last_mutation_id == 3
    assert conn.execute(sa.select(sa.func.count()).select_from(synced["visits"])
                        .where(synced["visits"].c.id == vid)).scalar_one() == 1


def test_a_gap_is_refused_and_nothing_is_applied(conn: Connection, team: dict[str, Any]) -> None:
    who = principal_for(team["rep"])
    push(conn, who, [m(1, "visits", uuid.uuid4(), **visit_fields(team["rep"], team["doc"]))])
    vid = uuid.uuid4()
    with pytest.raises(ServiceError) as err:
        push(conn, who, [m(3, "visits", vid, **visit_fields(team["rep"], team["doc"]))])
    assert (err.value.kind, err.value.code, err.value.details["expected"]) == (
        "conflict", "mutation_gap", 2)
    with pytest.raises(ServiceError) as err:
        push(conn, who, [m(3, "visits", vid), m(2, "visits", vid)])
    assert (err.value.kind, err.value.code) == ("validation", "invalid_batch")


def test_a_client_id_belongs_to_one_user(conn: Connection, team: dict[str, Any]) -> None:
    push(conn, principal_for(team["rep"]), [], client_id="shared-client")
    with pytest.raises(ServiceError) as err:
        push(conn, principal_for(team["rep2"]), [], client_id="shared-client")
    assert (err.value.kind, err.value.code) == ("forbidden", "client_id_taken")


def test_bad_mutations_are_rejected_one_by_one_without_blocking_the_rest(
        conn: Connection, team: dict[str, Any]) -> None:
    rep, doc = team["rep"], team["doc"]
    good = uuid.uuid4()
    response = push(conn, principal_for(rep), [
        m(1, "no_such_table", uuid.uuid4()),
        m(2, "visits", uuid.uuid4(), **visit_fields(rep, doc, mood="great")),
        m(3, "visits", uuid.uuid4(), **visit_fields(rep, doc, started_at="yesterday")),
        m(4, "visits", uuid.uuid4(), **visit_fields(rep, doc, status=None)),
        m(5, "visits", "not-a-uuid", **visit_fields(rep, doc)),
        m(6, "doctors", doc["id"], "update", base=1, name="王"),
        m(7, "visit_comments", uuid.uuid4(), "delete"),
        m(8, "visits", uuid.uuid4(), "update", base=1, purpose="x"),
        m(9, "visits", team["submitted"]["id"], **visit_fields(rep, doc)),
        m(10, "visits", uuid.uuid4(), **visit_fields(rep, doc, doctor_id=str(uuid.uuid4()))),
        m(11, "visits", uuid.uuid4(), **visit_fields(rep, doc, route=1, version=99)),
        m(12, "visits", good, **visit_fields(rep, doc, id="ignored", version=99)),
        m(13, "visits", uuid.uuid4(), **visit_fields(rep, doc, purpose="\x00")),
    ])
    assert statuses(response) == [
        ("rejected", "unknown_table", None),
        ("rejected", "unknown_field", "mood"),
        ("rejected", "bad_value", "started_at"),
        ("rejected", "bad_value", "status"),
        ("rejected", "bad_value", "id"),
        ("rejected", "not_allowed", None),
        ("rejected", "not_allowed", None),
        ("rejected", "not_found", "id"),
        ("rejected", "already_exists", "id"),
        ("rejected", "bad_value", "doctor_id"),
        ("rejected", "unknown_field", "route"),
        ("applied", None, None),
        ("rejected", "validation", "purpose"),  # a NUL: no end can store it
    ]
    assert all(r.message for r in response.results if r.status == "rejected")
    row = get_row(conn, "visits", good)
    assert row is not None and row["version"] == 1  # server-owned columns are not taken
    assert response.last_mutation_id == 13


def test_the_first_bad_field_is_named_in_table_order_on_insert_and_field_order_on_update(
        conn: Connection, team: dict[str, Any]) -> None:
    rep, doc = team["rep"], team["doc"]
    draft = uuid.uuid4()
    bad = {"started_at": "yesterday", "doctor_id": "nope"}  # started_at named first
    response = push(conn, principal_for(rep), [
        m(1, "visits", uuid.uuid4(), **{**bad, **{k: v for k, v in visit_fields(rep, doc).items()
                                                  if k not in bad}}),
        m(2, "visits", draft, **visit_fields(rep, doc)),
        m(3, "visits", draft, "update", base=1, **bad),
    ])
    # doctor_id comes before started_at in the visits table
    assert statuses(response) == [("rejected", "bad_value", "doctor_id"),
                                  ("applied", None, None),
                                  ("rejected", "bad_value", "started_at")]


def test_a_server_only_column_is_refused_unless_an_earlier_column_is_bad() -> None:
    spec = TableSpec("notes", (Col("title", Kind.STR, max_length=5),
                               Col("score", Kind.FLOAT, client_writable=False)),
                     ScopeRule.GLOBAL, client_ops=frozenset({"insert", "update"}))

    def refusal(op: MutationOp, fields: dict[str, Any]) -> tuple[str, str | None]:
        with pytest.raises(Rejected) as caught:
            decode_fields(spec, op, fields)
        return caught.value.reason.value, caught.value.field

    assert decode_fields(spec, MutationOp.INSERT, {"title": "ok"}) == {"title": "ok", "score": None}
    assert refusal(MutationOp.INSERT, {"title": "ok", "score": 1}) == ("not_allowed", "score")
    assert refusal(MutationOp.UPDATE, {"score": 1}) == ("not_allowed", "score")
    assert refusal(MutationOp.INSERT, {"score": 1, "title": "too long"}) == ("bad_value", "title")
    assert refusal(MutationOp.UPDATE, {"score": 1, "title": "too long"}) == ("not_allowed", "score")


def test_a_submitted_visit_rejects_every_change_even_from_a_manager(
        conn: Connection, team: dict[str, Any]) -> None:
    vid = team["submitted"]["id"]
    for who, refusal in ((team["rep"], ("rejected", "locked", None)),
                         (team["dm"], ("rejected", "not_allowed", "rep_id"))):
        response = push(conn, principal_for(who), [m(1, "visits", vid, "update", base=1,
                                                     purpose="改")])
        assert statuses(response) == [refusal]
    assert get_row(conn, "visits", vid)["purpose"] == "介绍新适应症"  # type: ignore[index]


def test_scope_and_ownership(conn: Connection, team: dict[str, Any]) -> None:
    rep, doc = team["rep"], team["doc"]
    mine = uuid.uuid4()
    push(conn, principal_for(rep), [m(1, "visits", mine, **visit_fields(rep, doc))])
    response = push(conn, principal_for(team["rep2"]), [
        m(1, "visits", mine, "update", base=1, purpose="我的"),  # another rep's visit
        m(2, "visits", uuid.uuid4(), **visit_fields(rep, doc)),  # as another rep
        m(3, "visits", uuid.uuid4(), **visit_fields(team["rep2"], team["doc_b"])),  # other territory
        m(4, "visits", uuid.uuid4(), **visit_fields(team["rep2"], doc,
                                                    doctor_id=str(team["doc_b"]["id"]))),
    ])
    assert statuses(response) == [("rejected", "not_allowed", "rep_id"),
                                  ("rejected", "not_allowed", "rep_id"),
                                  ("rejected", "out_of_scope", "territory_id"),
                                  ("rejected", "out_of_scope", "doctor_id")]
    other_dm = push(conn, principal_for(team["other_dm"]),
                    [m(1, "visits", mine, "update", base=1, purpose="x")])
    assert statuses(other_dm) == [("rejected", "out_of_scope", "territory_id")]
    own_dm = push(conn, principal_for(team["dm"]), [
        m(1, "visits", mine, "update", base=1, next_step="跟进"),
        m(2, "visit_reviews", uuid.uuid4(), visit_id=str(mine), territory_id=str(team["ta"]["id"]),
          reviewer_id=str(team["dm"]["id"]), reviewed_at=START, exemplary=True),
    ])
    # only the owning rep changes a draft (docs/visits.md); the manager reviews it
    assert statuses(own_dm) == [("rejected", "not_allowed", "rep_id"), ("applied", None, None)]
    review_by_rep = push(conn, principal_for(rep), [
        m(2, "visit_reviews", uuid.uuid4(), visit_id=str(mine), territory_id=str(team["ta"]["id"]),
          reviewer_id=str(rep["id"]), reviewed_at=START, exemplary=True),
        m(3, "visit_comments", uuid.uuid4(), visit_id=str(mine), territory_id=str(team["ta"]["id"]),
          author_id=str(team["dm"]["id"]), kind="comment", text="冒名"),
    ])
    assert statuses(review_by_rep) == [("rejected", "not_allowed", None),
                                       ("rejected", "not_allowed", "author_id")]


def test_a_conflict_merges_field_by_field_and_reports_what_was_overwritten(
        conn: Connection, team: dict[str, Any]) -> None:
    rep = principal_for(team["rep"])
    vid = uuid.uuid4()
    push(conn, rep, [m(1, "visits", vid, **visit_fields(team["rep"], team["doc"]))])
    push(conn, rep, [m(1, "visits", vid, "update", base=1, purpose="经理改", result="好")],
         client_id="second-laptop")
    late = push(conn, rep, [m(2, "visits", vid, "update", base=1, purpose="代表改",
                              next_step="下周")])
    assert late.results[0].status == "applied" and late.results[0].version == 3
    assert late.results[0].overwritten == {"purpose": "经理改", "next_step": None}
    row = get_row(conn, "visits", vid)
    assert row is not None
    assert (row["purpose"], row["result"], row["next_step"]) == ("代表改", "好", "下周")
    audit = conn.execute(sa.select(audit_log.c.details).where(
        audit_log.c.action == "conflict_overwrite", audit_log.c.row_id == vid)).scalar_one()
    assert audit["overwritten"]["purpose"] == "经理改" and audit["stored_version"] == 2


def test_deletes_win_and_deleted_rows_reject_updates(conn: Connection,
                                                     team: dict[str, Any]) -> None:
    rep = principal_for(team["rep"])
    plan = uuid.uuid4()
    fields = {"rep_id": str(team["rep"]["id"]), "territory_id": str(team["ta"]["id"]),
              "week_start": "2026-11-02", "status": "draft"}
    response = push(conn, rep, [
        m(1, "visit_plans", plan, **fields),
        m(2, "visit_plans", plan, "delete", base=0),
        m(3, "visit_plans", plan, "update", base=2, notes="x"),
        m(4, "visit_plans", plan, "delete", base=1),
    ])
    assert [(r.status, r.version, r.reason) for r in response.results] == [
        ("applied", 1, None), ("applied", 2, None), ("rejected", None, "deleted"),
        ("applied", 2, None)]
    f = sync_feed.c
    assert conn.execute(sa.select(f.op).where(f.row_id == plan)).scalar_one() == "delete"


def test_moving_an_event_to_another_territory_removes_it_from_the_old_scope(
        conn: Connection, team: dict[str, Any]) -> None:
    dm = principal_for(team["dm"])
    plan = uuid.uuid4()
    response = push(conn, dm, [
        m(1, "events", plan, organizer_id=str(team["dm"]["id"]),
          territory_id=str(team["ta"]["id"]), event_type="meeting", title="科室会",
          starts_at=START, status="planned"),
        m(2, "events", plan, "update", base=1, territory_id=str(team["tb"]["id"])),
    ])
    assert statuses(response) == [("applied", None, None)] * 2
    f = sync_feed.c
    ops = dict(conn.execute(sa.select(f.scope, f.op).where(f.row_id == plan)).all())
    assert ops == {territory_scope(team["ta"]["id"]): "remove",
                   territory_scope(team["tb"]["id"]): "upsert"}


def test_a_weeks_plan_and_its_visits_read_the_new_plan_once(
        conn: Connection, team: dict[str, Any]) -> None:
    """A rep plans a week offline: the plan and its planned visits arrive in one batch.
    The planned visits all refer to the plan the batch itself inserts."""
    rep, doc = team["rep"], team["doc"]
    plan = uuid.uuid4()
    planned = [m(i + 2, "planned_visits", uuid.uuid4(), plan_id=str(plan), rep_id=str(rep["id"]),
                 territory_id=str(team["ta"]["id"]), doctor_id=str(doc["id"]),
                 planned_date=f"2026-11-{3 + i % 5:02d}", route_order=i, status="planned")
               for i in range(6)]
    with statements(conn) as seen:
        response = push(conn, principal_for(rep), [
            m(1, "visit_plans", plan, rep_id=str(rep["id"]), territory_id=str(team["ta"]["id"]),
              week_start="2026-11-02", status="draft"), *planned])
    assert statuses(response) == [("applied", None, None)] * 7
    plan_reads = [s for s in seen if "from visit_plans" in s]
    # the reference check's and the week check's, not one per planned visit
    assert len(plan_reads) <= 2, plan_reads


def test_the_statements_of_a_push_do_not_grow_with_its_size(
        conn: Connection, team: dict[str, Any]) -> None:
    """A manager's session: reviews, comments, evaluations, an event and its attendees.
    Twice as many rows of each must not mean more statements (no query per row)."""
    dm, rep, doc, ta = team["dm"], team["rep"], team["doc"], team["ta"]
    visit = str(team["submitted"]["id"])

    def session(n: int) -> list[dict[str, Any]]:
        event = uuid.uuid4()
        rows: list[tuple[str, uuid.UUID, dict[str, Any]]] = [
            ("events", event, {"territory_id": str(ta["id"]), "organizer_id": str(dm["id"]),
                               "event_type": "meeting", "title": "科室会",
                               "starts_at": START, "status": "planned"})]
        for _ in range(n):
            rows += [
                ("visit_reviews", uuid.uuid4(), {
                    "visit_id": visit, "territory_id": str(ta["id"]),
                    "reviewer_id": str(dm["id"]), "reviewed_at": START, "exemplary": False}),
                ("visit_comments", uuid.uuid4(), {
                    "visit_id": visit, "territory_id": str(ta["id"]),
                    "author_id": str(dm["id"]), "kind": "suggestion", "text": "多谈疗效"}),
                ("evaluations", uuid.uuid4(), {
                    "template_id": str(team["template"]["id"]), "evaluator_id": str(dm["id"]),
                    "evaluatee_id": str(rep["id"]), "kind": "coaching",
                    "eval_date": "2026-11-05", "status": "draft"}),
                ("event_attendees", uuid.uuid4(), {
                    "event_id": str(event), "territory_id": str(ta["id"]),
                    "doctor_id": str(doc["id"]), "invited": True}),
            ]
        return [m(i + 1, table, row_id, **fields)
                for i, (table, row_id, fields) in enumerate(rows)]

    counts = []
    for n in (2, 6):
        with statements(conn) as seen:
            response = push(conn, principal_for(dm), session(n), client_id=f"dm-session-{n}")
        assert statuses(response) == [("applied", None, None)] * (1 + 4 * n)
        counts.append(len(seen))
    assert counts[0] == counts[1], counts


def test_the_statements_of_a_reps_day_do_not_grow_with_its_size(
        conn: Connection, team: dict[str, Any]) -> None:
    """A rep's day: visits detailing a product and linked to the week's plan, each
    planned visit marked done, the manager's comments marked read. Only the updates
    cost a statement each (an UPDATE per changed row); the inserts wait and go
    together."""
    f, dm, rep, doc, ta = team["f"], team["dm"], team["rep"], team["doc"], team["ta"]
    product = f._insert("products", code=f"P{uuid.uuid4().hex[:6]}", name="立普妥", active=True)
    plan = f._insert("visit_plans", rep_id=rep["id"], territory_id=ta["id"],  # still the rep's:
                     week_start=dt.date(2026, 11, 2), status="draft")  # its visits change

    def day(n: int) -> list[dict[str, Any]]:
        mutations: list[dict[str, Any]] = []
        for _ in range(n):
            planned = f._insert("planned_visits", plan_id=plan["id"], rep_id=rep["id"],
                                territory_id=ta["id"], doctor_id=doc["id"],
                                planned_date=dt.date(2026, 11, 3), status="planned")
            comment = f._insert("visit_comments", visit_id=team["submitted"]["id"],
                                territory_id=ta["id"], author_id=dm["id"], kind="suggestion",
                                text="多谈疗效")
            mutations += [
                m(0, "visits", uuid.uuid4(), **visit_fields(
                    rep, doc, planned_visit_id=str(planned["id"]), products_detailed=[
                        {"product_id": str(product["id"]), "key_message": "一天一次"}])),
                m(0, "planned_visits", planned["id"], "update", base=1, status="done"),
                m(0, "comment_reads", uuid.uuid4(), comment_id=str(comment["id"]),
                  territory_id=str(ta["id"]), user_id=str(rep["id"]), read_at=START),
            ]
        f.publish()
        return [{**mutation, "mutation_id": i + 1} for i, mutation in enumerate(mutations)]

    counts = []
    for n in (2, 6):
        mutations = day(n)
        with statements(conn) as seen:
            response = push(conn, principal_for(rep), mutations, client_id=f"rep-day-{n}")
        assert statuses(response) == [("applied", None, None)] * (3 * n)
        counts.append(len(seen))
    assert counts[1] - counts[0] == 4, counts  # the four more planned visits' UPDATEs


def test_evaluations_belong_to_the_evaluator_until_submitted(
        conn: Connection, team: dict[str, Any]) -> None:
    dm, rep = principal_for(team["dm"]), principal_for(team["rep"])
    ev = uuid.uuid4()
    base = {"template_id": str(team["template"]["id"]), "evaluatee_id": str(team["rep"]["id"]),
            "kind": "coaching", "eval_date": "2026-11-05", "status": "draft"}
    assert statuses(push(conn, dm, [
        m(1, "evaluations", uuid.uuid4(), **base, evaluator_id=str(team["rep2"]["id"])),
        m(2, "evaluations", ev, **base, evaluator_id=str(team["dm"]["id"])),
        m(3, "evaluations", ev, "update", base=1, status="submitted", strengths="沟通"),
        m(4, "evaluations", ev, "update", base=1, status="submitted", scores={"probing": 4},
          total_score=99),
    ])) == [("rejected", "out_of_scope", None), ("applied", None, None),
            ("rejected", "validation", "scores.probing"), ("applied", None, None)]
    stored = get_row(conn, "evaluations", ev)
    assert stored is not None and stored["total_score"] == 4.0  # recomputed, not the 99 sent
    now = dt.datetime(2026, 11, 6, tzinfo=dt.UTC).isoformat()
    assert statuses(push(conn, rep, [
        m(1, "evaluations", ev, "update", base=2, strengths="自评"),
        m(2, "evaluations", ev, "update", base=2, status="acknowledged", acknowledged_at=now,
          evaluatee_comment="收到"),
    ])) == [("rejected", "not_allowed", "strengths"), ("applied", None, None)]
    assert statuses(push(conn, dm, [m(5, "evaluations", ev, "update", base=3, strengths="改")])) == [
        ("rejected", "locked", None)]
