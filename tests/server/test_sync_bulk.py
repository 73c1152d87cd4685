"""server.sync.bulk: one-statement inserts store exactly what the executemany stored,
and a push whose batch statement fails still rejects only the offending mutation."""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.sync.bulk import insert_many, insert_many_at_once
from server.sync.feed import ChangeSet, publish
from server.sync.push import push_mutations
from server.sync.rows import get_row
from server.tables import audit_log, processed_mutations, sync_feed, synced
from tests.factories import Factory
from tests.server.test_sync_pull import principal_for
from wire.protocol import Mutation, Op, PushRequest

START = dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(conn: Connection) -> dict[str, Any]:
    f = Factory(conn)
    territory = f.territory()
    rep = f.user(territory=territory)
    doctor = f.doctor(territory)
    f.publish()
    return {"f": f, "rep": rep, "doctor": doctor, "territory": territory}


def visit_row(world: dict[str, Any], **kw: Any) -> dict[str, Any]:
    """A full visits row (every column named), as the push's deferred inserts build."""
    t = synced["visits"]
    row: dict[str, Any] = dict.fromkeys(c.name for c in t.columns)
    row.update({
        "id": uuid.uuid4(), "version": 1, "updated_at": START, "updated_by": world["rep"]["id"],
        "deleted": False, "rep_id": world["rep"]["id"],
        "territory_id": world["doctor"]["territory_id"], "doctor_id": world["doctor"]["id"],
        "institution_id": world["doctor"]["institution_id"], "visit_type": "face_to_face",
        "started_at": START, "status": "draft", **kw})
    return row


def stored(conn: Connection, ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    """The rows as stored, JSON columns as the values their stored text parses to, keys
    in stored order (the text may differ in spacing and escapes, never in value)."""
    t = synced["visits"]
    cols = [sa.cast(c, sa.Text).label(c.name) if isinstance(c.type, sa.JSON) else c
            for c in t.columns]
    json_columns = [c.name for c in t.columns if isinstance(c.type, sa.JSON)]
    out = []
    for row_id in ids:
        row = dict(conn.execute(sa.select(*cols).where(t.c.id == row_id)).mappings().one())
        row.pop("id")
        for name in json_columns:
            if row[name] is not None:
                value = json.loads(row[name])
                row[name] = (value, json.dumps(value))  # the value and its key order
        out.append(row)
    return out


VARIED: list[dict[str, Any]] = [
    {},  # NULLs everywhere, JSON columns None
    {"purpose": "介绍 \"新\" 适应症 \\ 🙂 '引号'\n第二行", "products_detailed": [
        {"product_id": str(uuid.uuid4()), "key_message": "疗效 \"好\"", "n": 1.5}],
     "quality_score": 72.5, "quality_explanation": [{"code": "purpose", "points": 15.0}],
     "ended_at": START + dt.timedelta(minutes=20, microseconds=123456),
     "next_visit_date": dt.date(2026, 12, 1), "client_created_at": START},
    {"quality_score": 1e-7, "products_detailed": "just a string", "result": "",
     "submitted_at": dt.datetime(2026, 11, 3, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))},
    {"quality_score": 0, "products_detailed": {}, "doctor_feedback": " "},
]


def test_insert_many_stores_what_the_executemany_stored(conn: Connection,
                                                        world: dict[str, Any]) -> None:
    t = synced["visits"]
    bulk = [visit_row(world, **kw) for kw in VARIED]
    plain = [visit_row(world, **kw) for kw in VARIED]
    insert_many(conn, t, bulk)
    conn.execute(sa.insert(t), plain)
    assert stored(conn, [r["id"] for r in bulk]) == stored(conn, [r["id"] for r in plain])


def test_values_json_cannot_carry_fall_back_to_the_executemany(
        conn: Connection, world: dict[str, Any]) -> None:
    t = synced["visits"]
    row = visit_row(world, quality_score=math.nan)
    insert_many(conn, t, [row])
    got = get_row(conn, "visits", row["id"])
    assert got is not None
    assert got["quality_score"] is None or math.isnan(got["quality_score"])
    rows = [visit_row(world), {k: v for k, v in visit_row(world).items() if k != "purpose"}]
    with pytest.raises(sa.exc.StatementError):  # a row missing a key: the executemany's verdict
        insert_many(conn, t, rows)


@pytest.mark.parametrize("value", [
    [{"product_id": "p", "n": math.nan}], {"x": math.inf}, {1: "an int key"},
    [{"key_message": None}],
])
def test_json_values_orjson_would_change_are_written_as_before(
        conn: Connection, world: dict[str, Any], value: Any) -> None:
    """NaN/infinity (orjson writes null), non-string keys (orjson refuses them), a real
    null: the JSON text is ``json.dumps``', so the database judges exactly what the
    executemany sent (PostgreSQL refuses NaN in ``json``; SQLite keeps the text)."""
    t = synced["visits"]
    outcomes = []
    for write in (lambda rows: insert_many(conn, t, rows),
                  lambda rows: conn.execute(sa.insert(t), rows)):
        row = visit_row(world, products_detailed=value)
        try:
            with conn.begin_nested():
                write([row])
        except sa.exc.DBAPIError as exc:
            outcomes.append(type(exc))
        else:
            outcomes.append(stored(conn, [row["id"]])[0]["products_detailed"])
    assert outcomes[0] == outcomes[1]


def test_an_over_long_value_is_refused_not_truncated(conn: Connection,
                                                     world: dict[str, Any]) -> None:
    if conn.dialect.name == "sqlite":
        pytest.skip("SQLite does not enforce VARCHAR lengths (the push checks them first)")
    with pytest.raises(sa.exc.DBAPIError), conn.begin_nested():
        insert_many(conn, synced["visits"], [visit_row(world, visit_type="x" * 31)])


def test_a_missing_reference_fails_the_statement(conn: Connection,
                                                 world: dict[str, Any]) -> None:
    rows = [visit_row(world), visit_row(world, doctor_id=uuid.uuid4())]
    with pytest.raises(sa.exc.IntegrityError), conn.begin_nested():
        insert_many(conn, synced["visits"], rows)
    assert get_row(conn, "visits", rows[0]["id"]) is None


def test_upsert_replaces_on_conflict(conn: Connection, world: dict[str, Any]) -> None:
    row_id = uuid.uuid4()
    entry = {"scope": "territory:x", "table_name": "visits", "row_id": row_id, "seq": 10,
             "version": 1, "op": "upsert", "changed_at": START}
    args: dict[str, Any] = {"on_conflict": ("scope", "table_name", "row_id"),
                            "update": ("seq", "version", "op", "changed_at")}
    insert_many(conn, sync_feed, [entry], **args)
    insert_many(conn, sync_feed, [dict(entry, seq=11, version=2, op="delete")], **args)
    f = sync_feed.c
    got = conn.execute(sa.select(f.seq, f.version, f.op).where(f.row_id == row_id)).all()
    assert [tuple(r) for r in got] == [(11, 2, "delete")]
    insert_many(conn, sync_feed, [dict(entry, seq=12)], on_conflict=("scope", "table_name",
                                                                      "row_id"))
    got = conn.execute(sa.select(f.seq).where(f.row_id == row_id)).all()
    assert [tuple(r) for r in got] == [(11,)]  # DO NOTHING


def test_processed_results_are_stored_as_json(conn: Connection) -> None:
    rows = [{"client_id": "c-bulk", "mutation_id": i, "result": {"status": "applied", "n": i},
             "processed_at": START} for i in (1, 2)]
    insert_many(conn, processed_mutations, rows)
    p = processed_mutations.c
    got = conn.execute(sa.select(p.mutation_id, p.result).where(p.client_id == "c-bulk")
                       .order_by(p.mutation_id)).all()
    assert [(m, r) for m, r in got] == [(1, {"status": "applied", "n": 1}),
                                        (2, {"status": "applied", "n": 2})]


def test_rows_of_several_tables_go_in_one_statement(conn: Connection) -> None:
    """``insert_many_at_once``: every table's rows stored as ``insert_many`` stores them
    (one statement on PostgreSQL, one executemany per table on SQLite); a table
    without rows is left out."""
    results = [{"client_id": "c-once", "mutation_id": i, "result": {"status": "applied"},
                "processed_at": START} for i in (1, 2)]
    trail = [{"at": START, "user_id": None, "action": "push_insert", "table_name": "visits",
              "row_id": uuid.uuid4(), "details": None},
             {"at": START, "user_id": None, "action": "push_refused", "table_name": None,
              "row_id": None, "details": {"reason": "not_owner", "mutation_id": 7}}]
    insert_many_at_once(conn, [(processed_mutations, results), (audit_log, trail), (sync_feed, [])])
    p, a = processed_mutations.c, audit_log.c
    assert conn.execute(sa.select(p.mutation_id, p.result).where(p.client_id == "c-once")
                        .order_by(p.mutation_id)).all() == [(1, {"status": "applied"}),
                                                            (2, {"status": "applied"})]
    got = conn.execute(sa.select(a.action, a.row_id, a.details).order_by(a.id)).all()
    assert [tuple(r) for r in got] == [
        ("push_insert", trail[0]["row_id"], None),
        ("push_refused", None, {"reason": "not_owner", "mutation_id": 7})]


def test_a_batch_whose_statement_fails_rejects_only_the_offending_mutation(
        conn: Connection, world: dict[str, Any]) -> None:
    """A database rule (here a unique index made for the test) refuses the third of five
    new visits: the batched INSERT fails, the push redoes the batch one SAVEPOINT per
    mutation, and only that mutation is rejected; the others are applied and published."""
    conn.execute(sa.text("CREATE UNIQUE INDEX uq_visits_purpose ON visits (purpose)"))
    rep, doctor = world["rep"], world["doctor"]
    ids = [uuid.uuid4() for _ in range(5)]
    purposes = ["一", "二", "一", "三", "四"]

    def mutation(i: int) -> Mutation:
        return Mutation(mutation_id=i + 1, table="visits", id=str(ids[i]), op="insert",
                        base_version=None, fields={
                            "rep_id": str(rep["id"]), "territory_id": str(doctor["territory_id"]),
                            "doctor_id": str(doctor["id"]), "visit_type": "face_to_face",
                            "started_at": START.isoformat(), "status": "draft",
                            "purpose": purposes[i]})

    response = push_mutations(conn, principal_for(rep), PushRequest(
        protocol=1, client_id="bulk-client", mutations=[mutation(i) for i in range(5)]))
    assert [(r.status, r.reason.value if r.reason else None) for r in response.results] == [
        ("applied", None), ("applied", None), ("rejected", "bad_value"), ("applied", None),
        ("applied", None)]
    if conn.dialect.name == "postgresql":
        assert response.results[2].field == "purpose"
    assert response.last_mutation_id == 5
    assert [get_row(conn, "visits", i) is not None for i in ids] == [True, True, False, True,
                                                                      True]
    f = sync_feed.c
    published = set(conn.execute(sa.select(f.row_id).where(f.table_name == "visits")).scalars())
    assert published == {ids[0], ids[1], ids[3], ids[4]}
    p = processed_mutations.c
    assert conn.execute(sa.select(sa.func.count()).where(p.client_id == "bulk-client")
                        ).scalar_one() == 5


def test_publish_keeps_one_entry_per_key(conn: Connection, world: dict[str, Any]) -> None:
    ch = ChangeSet()
    row_id = uuid.uuid4()
    ch.add("territory:y", "visits", row_id, 1, Op.UPSERT)
    first = publish(conn, ch)
    ch.add("territory:y", "visits", row_id, 2, Op.DELETE)
    second = publish(conn, ch)
    assert first is not None and second is not None and second[0] > first[1]
    f = sync_feed.c
    got = conn.execute(sa.select(f.seq, f.version, f.op).where(f.row_id == row_id)).all()
    assert [tuple(r) for r in got] == [(second[0], 2, "delete")]


def test_publish_keeps_the_scope_stats_exact_through_many_rounds(conn: Connection) -> None:
    """The stats deltas (added in SQL on PostgreSQL, modulo 2**64 in a signed BIGINT)
    equal a full recount after rounds of inserts, updates, deletes and removes in two
    scopes, entries of both scopes in one publish: the hash sum wraps many times."""
    import random

    from server.sync.feed import rebuild_scope_stats
    from server.tables import sync_scope_stats

    rng = random.Random(7)
    ids = [uuid.uuid4() for _ in range(120)]
    versions = dict.fromkeys(ids, 0)
    for _round in range(6):
        ch = ChangeSet()
        for row_id in rng.sample(ids, 60):
            versions[row_id] += 1
            op = rng.choice([Op.UPSERT, Op.UPSERT, Op.DELETE, Op.REMOVE])
            ch.add(rng.choice(["territory:s1", "territory:s2"]), "visits", row_id,
                   versions[row_id], op)
        publish(conn, ch)
    st = sync_scope_stats.c
    query = sa.select(st.scope, st.live_count, st.hash_sum).where(
        st.scope.in_(["territory:s1", "territory:s2"])).order_by(st.scope)
    published = [tuple(r) for r in conn.execute(query)]
    rebuild_scope_stats(conn, ["territory:s1", "territory:s2"])
    assert published == [tuple(r) for r in conn.execute(query)]
    assert all(-(2**63) <= h < 2**63 for _s, _c, h in published)


def test_references_of_several_tables_are_judged_per_mutation(conn: Connection) -> None:
    """The batch reads the rows its mutations refer to (doctors, institutions,
    departments, users, territories) in one statement; each mutation still gets its
    own verdict: a doctor of another territory is out of scope, a missing department
    a bad value, and the others are applied."""
    f = Factory(conn)
    district = f.district()
    ta, tb = f.territory(district), f.territory(district)
    rep = f.user(territory=ta)
    doc, doc_b = f.doctor(ta), f.doctor(tb)
    dept = f.department(f.institution())
    f.publish()

    def visit(i: int, doctor: dict[str, Any], **kw: Any) -> Mutation:
        fields = {"rep_id": str(rep["id"]), "territory_id": str(ta["id"]),
                  "doctor_id": str(doctor["id"]), "institution_id": str(doc["institution_id"]),
                  "visit_type": "face_to_face", "started_at": START.isoformat(),
                  "status": "draft", "purpose": "介绍", **kw}
        return Mutation(mutation_id=i, table="visits", id=str(uuid.uuid4()), op="insert",
                        base_version=None, fields=fields)

    response = push_mutations(conn, principal_for(rep), PushRequest(
        protocol=1, client_id="refs-client", mutations=[
            visit(1, doc, department_id=str(dept["id"])),
            visit(2, doc_b),
            visit(3, doc, department_id=str(uuid.uuid4())),
            visit(4, doc, accompanied_by_id=str(rep["id"])),
        ]))
    assert [(r.status, r.reason.value if r.reason else None, r.field)
            for r in response.results] == [
        ("applied", None, None), ("rejected", "out_of_scope", "doctor_id"),
        ("rejected", "bad_value", "department_id"), ("applied", None, None)]
