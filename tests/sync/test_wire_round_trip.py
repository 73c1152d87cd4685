"""Every stored value round-trips: what the server accepts, every client can store.

A property test: values at the edges of every wire kind (year 1 and 9999 with every
offset, lone surrogates, NUL, 32-bit and 64-bit boundaries, NaN, huge JSON numbers,
deep JSON, malformed text) go into every client-writable column of a real rep's and a
real DM's rows over HTTP. Each is either refused naming its column, or stored and
pulled back identical by a real client (the sync engine into an encrypted replica).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from local_store import writes as w
from server.sync.policy_tables import POLICIES
from server.visits.validators import SERVER_OWNED
from tests.sync.conftest import Device, World
from wire.protocol import PROTOCOL_VERSION, RejectReason
from wire.schema import TABLES_BY_NAME, Col, Kind, decode_value

SKIPPED = {("visits", name) for name in SERVER_OWNED} | {
    # Columns the server computes and overwrites (the write policies' server_computed).
    (table, name) for table, policy in POLICIES.items() for name in policy.server_computed
} | {
    # Lifecycle columns: a valid value would lock or end the row for the next examples.
    ("visits", "status"), ("evaluations", "status"), ("change_requests", "status"),
    ("visit_plans", "status"), ("planned_visits", "status"), ("events", "status"),
}
REFUSALS = {RejectReason.BAD_VALUE, RejectReason.VALIDATION, RejectReason.OUT_OF_SCOPE,
            RejectReason.NOT_ALLOWED, RejectReason.NOT_OWNER}
REP_TABLES = ("visits", "visit_plans", "planned_visits", "visit_comments", "comment_reads",
              "events", "event_attendees", "change_requests")
DM_TABLES = ("visit_reviews", "evaluations")


def _columns(tables: tuple[str, ...]) -> list[tuple[str, Col]]:
    """The client-writable columns of ``tables`` (references excepted: a foreign id is
    a UUID like ``change_requests.target_id``, which stays in)."""
    return [(t, c) for t in tables for c in TABLES_BY_NAME[t].columns
            if c.client_writable and c.references is None and (t, c.name) not in SKIPPED]


COLUMNS = _columns(REP_TABLES) + _columns(DM_TABLES)

_EDGE_TEXT = st.sampled_from([
    "", " ", "\x00", "a\x00b", "\ud800", "x\udfffy", "\ud83d\ude00", "😀", "中文",
    "\u2028", "\r\n\t", "=HYPERLINK(\"x\")", "\x7f", "\ufeff", "\U0010ffff",
])
_text = st.one_of(_EDGE_TEXT, st.text(st.characters(codec=None, categories=None), max_size=8))
_offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
_EDGE_DATETIMES = st.sampled_from([
    "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59.999999+00:00", "2026-11-03T09:00:00", "2026-11-03T09:00:00Z",
    "2026-02-30T09:00:00+00:00", "10000-01-01T00:00:00+00:00", "2026-11-03 09:00:00+08:00",
])
_datetimes = st.one_of(
    _EDGE_DATETIMES,
    st.builds(lambda d, tz: d.replace(tzinfo=tz).isoformat(),
              st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
              _offsets),
)
_dates = st.one_of(
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "10000-01-01", "2026-1-1", ""]),
    st.dates().map(dt.date.isoformat),
)
_INT_EDGES = [0, -1, 2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 2**53 + 1, 2**63, -(2**64), 10**30]
_ints = st.one_of(st.sampled_from(_INT_EDGES), st.integers())
_floats = st.one_of(st.floats(), st.sampled_from([10**400, -(10**400), 2**53 + 1, 5e-324, -0.0]))
_json = st.recursive(
    st.one_of(st.none(), st.booleans(), _ints, _floats, _text),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(_text, inner, max_size=3)),
    max_leaves=8,
)
_nested = st.integers(60, 70).map(lambda n: _deep(n))
_uuids = st.one_of(st.uuids().map(str), st.uuids().map(lambda u: str(u).upper()),
                   st.sampled_from(["not-a-uuid", "", "0" * 32]))


def _deep(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


_ANY = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), _text)
VALUES: dict[Kind, st.SearchStrategy[Any]] = {
    Kind.STR: _text, Kind.TEXT: _text, Kind.INT: st.one_of(_ints, _ANY, _floats),
    Kind.FLOAT: st.one_of(_floats, _ints, _ANY), Kind.BOOL: _ANY, Kind.DATE: st.one_of(_dates, _ANY),
    Kind.DATETIME: st.one_of(_datetimes, _ANY), Kind.JSON: st.one_of(_json, _nested),
    Kind.UUID: st.one_of(_uuids, _ANY),
}
ASSIGNMENTS = st.lists(
    st.sampled_from(COLUMNS).flatmap(lambda tc: st.tuples(st.just(tc), VALUES[tc[1].kind])),
    min_size=1, max_size=6, unique_by=lambda a: (a[0][0], a[0][1].name),
)


def _stored(col: Col, value: Any) -> Any:
    """A replica value as the wire decoder gives it (SQLite hands back naive UTC)."""
    if col.kind is Kind.DATETIME and value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _names(field: str | None, column: str) -> bool:
    """A refusal names the column, or a part of it (``products_detailed[0].product_id``)."""
    return field is not None and (field == column or field.startswith((f"{column}[", f"{column}.")))


def _as_sent(value: Any) -> Any:
    """``value`` as the server reads it off the wire: two lone surrogates in a row are
    one escaped pair in JSON, and the server reads back one character."""
    return json.loads(json.dumps(value))


def _rows(world: World, rep: Device, dm: Device) -> dict[str, uuid.UUID]:
    """One row of every client-writable table, made by its writer and synced."""
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with rep.db.begin() as conn:
        visit = w.save_visit_draft(conn, doctor_id=world.doc_a["id"], visit_type="face_to_face",
                                   started_at=started, purpose="介绍新适应症")
        plan = w.save_visit_plan(conn, territory_id=world.ta["id"], week_start=dt.date(2026, 11, 2))
        planned = w.save_planned_visit(conn, plan_id=plan, doctor_id=world.doc_a["id"],
                                       planned_date=dt.date(2026, 11, 3), route_order=1)
        comment = w.add_comment(conn, visit, "请经理指导")
        event = w.save_event(conn, territory_id=world.ta["id"], event_type="department_meeting",
                             title="心内科科室会", starts_at=started)
        attendee = w.save_event_attendee(conn, event_id=event, doctor_id=world.doc_a["id"])
        request = w.save_change_request(conn, territory_id=world.ta["id"], target_table="doctors",
                                        target_id=world.doc_a["id"], action="change",
                                        proposed={"title": "副主任医师"}, reason="晋升")
    assert rep.sync().rejected == 0
    with rep.db.begin() as conn:
        read = w.mark_comment_read(conn, comment)
    dm.sync()
    with dm.db.begin() as conn:
        review = w.save_visit_review(conn, visit, exemplary=False)
        evaluation = w.save_evaluation(conn, template_id=world.template["id"],
                                       evaluatee_id=world.rep_a["id"], kind="accompanied",
                                       eval_date=dt.date(2026, 11, 3), scores={"opening": 4})
    assert rep.sync().rejected == 0 and dm.sync().rejected == 0
    return {"visits": visit, "visit_plans": plan, "planned_visits": planned,
            "visit_comments": comment, "comment_reads": read, "events": event,
            "event_attendees": attendee, "change_requests": request, "visit_reviews": review,
            "evaluations": evaluation}


def test_every_accepted_value_is_stored_and_pulled_back_identical(
        world: World, device: Any, engine: Engine) -> None:
    rep: Device = device(world.rep_a)
    dm: Device = device(world.dm)
    rep.sync()
    rows = _rows(world, rep, dm)
    next_id = {"rep": 0, "dm": 0}

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(ASSIGNMENTS)
    def check(assignments: list[tuple[tuple[str, Col], Any]]) -> None:
        by_writer: dict[str, list[tuple[str, Col, Any]]] = {"rep": [], "dm": []}
        for (table, col), value in assignments:
            by_writer["dm" if table in DM_TABLES else "rep"].append((table, col, value))
        for writer, items in by_writer.items():
            if not items:
                continue
            who = dm if writer == "dm" else rep
            mutations = []
            for table, col, value in items:
                next_id[writer] += 1
                mutations.append({"mutation_id": next_id[writer], "table": table,
                                  "id": str(rows[table]), "op": "update",
                                  "fields": {col.name: value}})
            answer = who.http.push_body({"protocol": PROTOCOL_VERSION,
                                         "client_id": f"edges-{writer}-{world.ta['id']}",
                                         "mutations": mutations})
            who.sync()
            for (table, col, value), result in zip(items, answer.results, strict=True):
                if result.status == "rejected":
                    assert result.reason in REFUSALS and _names(result.field, col.name), (
                        table, col.name, repr(value), result)
                    continue
                assert result.status == "applied", result
                local = who.row(table, rows[table])
                assert local is not None
                assert _stored(col, local[col.name]) == decode_value(col, _as_sent(value)), (
                    table, col.name, repr(value))
                # The other end of the team stores it too (a manager's replica).
                other = rep if who is dm else dm
                other.sync()

    check()
