"""The one doctor column a client may write: a DM/RM of the doctor's territory marks them
target / not target regardless of grade (``doctors.target_override``). Everything else
about a doctor stays the server's (imports, approved change requests)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from server.sync.rows import get_row
from tests.server.test_sync_push import m, push, statuses
from tests.server.test_write_policies import org, who  # noqa: F401  (fixture)


def test_the_dm_of_the_territory_marks_a_doctor_always_a_target(conn: Connection,
                                                                 org: dict[str, Any]) -> None:  # noqa: F811
    doc = org["doc"]
    response = push(conn, who(org, "dm"), [
        m(1, "doctors", doc["id"], "update", base=doc["version"], target_override=True)])
    assert statuses(response) == [("applied", None, None)]
    assert get_row(conn, "doctors", doc["id"])["target_override"] is True  # type: ignore[index]
    response = push(conn, who(org, "rm"), [
        m(1, "doctors", doc["id"], "update", base=response.results[0].version,
          target_override=None)])
    assert statuses(response) == [("applied", None, None)]
    assert get_row(conn, "doctors", doc["id"])["target_override"] is None  # type: ignore[index]


def test_a_rep_cannot_mark_their_own_doctor(conn: Connection,
                                            org: dict[str, Any]) -> None:  # noqa: F811
    doc = org["doc"]
    response = push(conn, who(org, "rep"), [
        m(1, "doctors", doc["id"], "update", base=doc["version"], target_override=False)])
    assert statuses(response)[0][:2] == ("rejected", "not_allowed")
    assert get_row(conn, "doctors", doc["id"])["target_override"] is None  # type: ignore[index]


def test_a_dm_of_another_district_is_out_of_scope(conn: Connection,
                                                  org: dict[str, Any]) -> None:  # noqa: F811
    doc = org["doc"]
    response = push(conn, who(org, "dm2"), [
        m(1, "doctors", doc["id"], "update", base=doc["version"], target_override=True)])
    assert statuses(response)[0][:2] == ("rejected", "out_of_scope")


def test_a_dm_cannot_change_any_other_doctor_column(conn: Connection,
                                                    org: dict[str, Any]) -> None:  # noqa: F811
    doc = org["doc"]
    response = push(conn, who(org, "dm"), [
        m(1, "doctors", doc["id"], "update", base=doc["version"], name="改名"),
        m(2, "doctors", doc["id"], "update", base=doc["version"], target_override=True,
          title="resident"),
    ])
    assert statuses(response) == [("rejected", "not_allowed", "name"),
                                  ("rejected", "not_allowed", "title")]
    stored = get_row(conn, "doctors", doc["id"])
    assert stored is not None and stored["name"] == doc["name"]
    assert stored["target_override"] is None


def test_nobody_inserts_or_deletes_a_doctor(conn: Connection,
                                            org: dict[str, Any]) -> None:  # noqa: F811
    import uuid

    doc = org["doc"]
    response = push(conn, who(org, "dm"), [
        m(1, "doctors", uuid.uuid4(), name="新医生", institution_id=str(doc["institution_id"]),
          status="active", territory_id=str(doc["territory_id"])),
        m(2, "doctors", doc["id"], "delete", base=doc["version"]),
    ])
    assert [s[:2] for s in statuses(response)] == [("rejected", "not_allowed")] * 2
