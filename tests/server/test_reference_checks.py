"""Visits' references are refused when they point nowhere, on both databases: by
foreign keys on SQLite, by the statement-level check on PostgreSQL
(server.reference_checks), with the same constraint names."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from server.reference_checks import STATEMENT_CHECKED, references
from server.sync.bulk import insert_many
from server.sync.rows import get_row
from server.tables import synced
from tests.factories import Factory

VISIT_REFERENCES = [column for column, _parent in references("visits")]


@pytest.fixture
def visit(conn: Connection) -> dict[str, Any]:
    """A stored visit whose every reference column points at a real row."""
    f = Factory(conn)
    territory = f.territory()
    rep = f.user(territory=territory)
    manager = f.user("dm", district_id=territory["district_id"])
    institution = f.institution()
    doctor = f.doctor(territory, institution, f.department(institution))
    first = f.visit(rep, doctor)
    week = f._insert("visit_plans", rep_id=rep["id"], territory_id=territory["id"],
                     week_start=first["started_at"].date(), status="draft")
    planned = f._insert("planned_visits", plan_id=week["id"], rep_id=rep["id"],
                        territory_id=territory["id"], doctor_id=doctor["id"],
                        planned_date=first["started_at"].date(), status="planned")
    row = f.visit(rep, doctor, institution_id=institution["id"],
                  department_id=doctor["department_id"], planned_visit_id=planned["id"],
                  amends_visit_id=first["id"], accompanied_by_id=manager["id"])
    f.publish()
    stored = get_row(conn, "visits", row["id"])
    assert stored is not None and all(stored[c] is not None for c in VISIT_REFERENCES)
    return stored


def test_the_checked_tables_lost_their_row_triggers_on_postgresql_only(conn: Connection) -> None:
    foreign_keys = {fk["name"] for fk in sa.inspect(conn).get_foreign_keys("visits")}
    if conn.dialect.name == "postgresql":
        assert "visits" in STATEMENT_CHECKED and foreign_keys == set()
        triggers: set[str] = set(conn.execute(sa.text(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'visits'::regclass "
            "AND NOT tgisinternal")).scalars())
        assert triggers == {"visits_references_on_insert", "visits_references_on_update"}
        on_update: str = conn.execute(sa.text(
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE tgname = 'visits_references_on_update'")).scalar_one()
        # Like a foreign key: an edit or a submit that changes no reference runs no check.
        assert "FOR EACH ROW WHEN" in on_update and "IS DISTINCT FROM" in on_update
    else:
        assert len(foreign_keys) == len(VISIT_REFERENCES)


@pytest.mark.parametrize("column", VISIT_REFERENCES)
def test_a_visit_pointing_nowhere_is_refused_in_a_batch(conn: Connection, visit: dict[str, Any],
                                                        column: str) -> None:
    good = {**visit, "id": uuid.uuid4()}
    bad = {**visit, "id": uuid.uuid4(), column: uuid.uuid4()}
    with pytest.raises(sa.exc.IntegrityError) as refused, conn.begin_nested():
        insert_many(conn, synced["visits"], [good, bad])
    if conn.dialect.name == "postgresql":
        assert refused.value.orig.diag.constraint_name == f"fk_visits_{column}"  # type: ignore[union-attr]
    assert get_row(conn, "visits", good["id"]) is None  # the statement failed as a whole
    insert_many(conn, synced["visits"], [good])  # the same rows without the bad one go in
    assert get_row(conn, "visits", good["id"]) is not None


@pytest.mark.parametrize("column", VISIT_REFERENCES)
def test_an_update_pointing_nowhere_is_refused(conn: Connection, visit: dict[str, Any],
                                               column: str) -> None:
    visits = synced["visits"]
    with pytest.raises(sa.exc.IntegrityError), conn.begin_nested():
        conn.execute(sa.update(visits).where(visits.c.id == visit["id"])
                     .values({column: uuid.uuid4()}))
    conn.execute(sa.update(visits).where(visits.c.id == visit["id"]).values(purpose="复访"))
    assert get_row(conn, "visits", visit["id"])["purpose"] == "复访"  # type: ignore[index]
