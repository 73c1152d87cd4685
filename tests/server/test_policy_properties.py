"""Property: random mutations from random principals never change a row the
declarations do not let them change (whatever else refuses them, nothing slips by)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from server.sync.push import push_mutations
from server.tables import synced
from tests.server.policy_world import ROLES, Case, World, expected, wire_value
from tests.server.test_sync_pull import principal_for
from wire.protocol import Mutation, MutationOp, PushRequest
from wire.schema import TABLES_BY_NAME, Kind


@pytest.fixture
def world(engine: Engine) -> World:
    with engine.begin() as conn:
        return World(conn)


def _values(world: World, kind: Kind) -> st.SearchStrategy[Any]:
    ids = [u["id"] for u in (*world.principals.values(),
                             *(p.owner for p in world.colleagues.values()))]
    ids += [t["id"] for t in world.territories.values()]
    match kind:
        case Kind.UUID:
            return st.sampled_from(ids).map(str)
        case Kind.STR | Kind.TEXT:
            return st.sampled_from(["draft", "submitted", "approved", "returned", "pending",
                                    "acknowledged", "x"])
        case Kind.INT:
            return st.integers(0, 9)
        case Kind.FLOAT:
            return st.floats(0, 1e6)
        case Kind.BOOL:
            return st.booleans()
    return st.just(None)


@st.composite
def batches(draw: st.DrawFn, world: World) -> tuple[Any, list[tuple[Case, str | None, Any]]]:
    role = draw(st.sampled_from(ROLES))
    mine = [c for c in world.cases if c.role is role]
    picked = draw(st.lists(st.sampled_from(mine), min_size=1, max_size=6,
                           unique_by=lambda c: c.row_id))
    out = []
    for case in picked:
        if case.op is MutationOp.UPDATE:
            spec = TABLES_BY_NAME[case.table]
            col = draw(st.sampled_from([c for c in spec.columns if c.client_writable]))
            out.append((case, col.name, wire_value(draw(_values(world, col.kind)))))
        else:
            out.append((case, None, None))
    return role, out


def _version(conn: sa.Connection, table: str, row_id: uuid.UUID) -> int | None:
    t = synced[table]
    found = conn.execute(sa.select(t.c.version).where(t.c.id == row_id)).scalar()
    return int(found) if found is not None else None


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_nobody_changes_a_row_the_declarations_keep_from_them(
        engine: Engine, world: World, data: st.DataObject) -> None:
    role, batch = data.draw(batches(world))
    principal = principal_for(world.principals[role])
    mutations = []
    for i, (case, column, value) in enumerate(batch):
        fields = case.fields if column is None else {column: value}
        mutations.append(Mutation(mutation_id=i + 1, table=case.table, id=str(case.row_id),
                                  op=case.op, base_version=None, fields=fields))
    with engine.connect() as conn:
        tx = conn.begin()
        try:
            before = {c.row_id: _version(conn, c.table, c.row_id) for c, _col, _v in batch}
            push_mutations(conn, principal, PushRequest(
                protocol=1, client_id=f"prop-{uuid.uuid4().hex[:12]}", mutations=mutations))
            for case, column, _value in batch:
                if expected(case.table, role, case.op, case.relation,
                            column if case.op is MutationOp.UPDATE else None):
                    continue
                assert _version(conn, case.table, case.row_id) == before[case.row_id], (
                    f"{role.value} changed {case.table} {case.relation.value} "
                    f"({case.op.value} {column})")
        finally:
            tx.rollback()
