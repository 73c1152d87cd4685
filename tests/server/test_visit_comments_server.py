"""The review thread on push: comment kinds, who writes which, what cannot change."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy.engine import Connection

from server.sync.rows import get_row
from tests.factories import Factory
from tests.server.test_visit_rules_server import push, results, statements


def c(mid: int, row_id: Any, op: str = "insert", base: int | None = None,
      table: str = "visit_comments", **fields: Any) -> dict[str, Any]:
    return {"mutation_id": mid, "table": table, "id": str(row_id), "op": op,
            "base_version": base, "fields": fields}


@pytest.fixture
def world(conn: Connection) -> dict[str, Any]:
    f = Factory(conn)
    territory = f.territory()
    other = f.territory(district=f.district())
    neighbour = f.territory(district={"id": territory["district_id"]})
    rep = f.user(territory=territory)
    dm = f.user("dm", district_id=territory["district_id"])
    doctor = f.doctor(territory)
    visit = f.visit(rep, doctor)
    f.publish()
    return {"rep": rep, "dm": dm, "visit": visit, "territory": territory, "other": other,
            "neighbour": neighbour}


def comment(w: dict[str, Any], author: str, kind: str = "comment", text: str = "很好的拜访",
            **kw: Any) -> dict[str, Any]:
    return {"visit_id": str(w["visit"]["id"]), "territory_id": str(w["territory"]["id"]),
            "author_id": str(w[author]["id"]), "kind": kind, "text": text, **kw}


def test_a_manager_writes_every_kind(conn: Connection, world: dict[str, Any]) -> None:
    ids = [uuid.uuid4() for _ in range(3)]
    response = push(conn, world["dm"], *(
        c(i + 1, row_id, **comment(world, "dm", kind))
        for i, (row_id, kind) in enumerate(zip(ids, ("comment", "suggestion", "manager_note"),
                                               strict=True))))
    assert results(response) == [("applied", None, None)] * 3
    stored = get_row(conn, "visit_comments", ids[2])
    assert stored is not None and stored["kind"] == "manager_note"


def test_a_rep_replies_with_comments_only(conn: Connection, world: dict[str, Any]) -> None:
    response = push(conn, world["rep"],
                    c(1, uuid.uuid4(), **comment(world, "rep")),
                    c(2, uuid.uuid4(), **comment(world, "rep", "suggestion")),
                    c(3, uuid.uuid4(), **comment(world, "rep", "manager_note")))
    assert results(response) == [("applied", None, None), ("rejected", "not_allowed", "kind"),
                                 ("rejected", "not_allowed", "kind")]
    assert "managers" in (response.results[1].message or "")


def test_unknown_kind_and_blank_text_are_refused(conn: Connection, world: dict[str, Any]) -> None:
    response = push(conn, world["dm"],
                    c(1, uuid.uuid4(), **comment(world, "dm", "praise")),
                    c(2, uuid.uuid4(), **comment(world, "dm", text="   \n ")),
                    c(3, uuid.uuid4(), **{k: v for k, v in comment(world, "dm").items()
                                          if k != "text"}))
    assert results(response) == [("rejected", "validation", "kind"),
                                 ("rejected", "validation", "text"),
                                 ("rejected", "validation", "text")]


def test_visit_and_kind_are_fixed_after_insert(conn: Connection, world: dict[str, Any]) -> None:
    row_id = uuid.uuid4()
    f = Factory(conn)
    second_visit = f.visit(world["rep"], f.doctor(world["territory"]))
    f.publish()
    first = push(conn, world["dm"], c(1, row_id, **comment(world, "dm", "suggestion")))
    version = first.results[0].version
    response = push(conn, world["dm"],
                    c(2, row_id, "update", version, kind="manager_note"),
                    c(3, row_id, "update", version, visit_id=str(second_visit["id"])),
                    c(4, row_id, "update", version, text="  "),
                    c(5, row_id, "update", version, text="下次带上临床数据单页"))
    assert results(response) == [("rejected", "not_allowed", "kind"),
                                 ("rejected", "not_allowed", "visit_id"),
                                 ("rejected", "validation", "text"),
                                 ("applied", None, None)]
    stored = get_row(conn, "visit_comments", row_id)
    assert stored is not None
    assert (stored["kind"], stored["text"]) == ("suggestion", "下次带上临床数据单页")


def test_someone_elses_name_is_refused(conn: Connection, world: dict[str, Any]) -> None:
    """A comment by someone else, or a read receipt for someone else, is not the caller's."""
    comment_id = uuid.uuid4()
    push(conn, world["dm"], c(1, comment_id, **comment(world, "dm")))
    response = push(conn, world["rep"],
                    c(1, uuid.uuid4(), **comment(world, "dm")),
                    c(2, uuid.uuid4(), table="comment_reads", comment_id=str(comment_id),
                      territory_id=str(world["territory"]["id"]), user_id=str(world["dm"]["id"]),
                      read_at="2026-11-02T10:00:00+00:00"),
                    c(3, uuid.uuid4(), table="comment_reads", comment_id=str(comment_id),
                      territory_id=str(world["territory"]["id"]),
                      user_id=str(world["rep"]["id"]), read_at="2026-11-02T10:00:00+00:00"))
    assert results(response) == [("rejected", "not_allowed", "author_id"),
                                 ("rejected", "not_allowed", "user_id"),
                                 ("applied", None, None)]


def test_a_comment_is_filed_under_its_visits_territory(conn: Connection,
                                                       world: dict[str, Any]) -> None:
    """Filed elsewhere, the rep who owns the visit would never receive it."""
    response = push(conn, world["dm"], c(1, uuid.uuid4(), **comment(
        world, "dm", territory_id=str(world["neighbour"]["id"]))))
    assert results(response) == [("rejected", "validation", "territory_id")]


def test_a_batch_of_comments_reads_the_visits_once(conn: Connection,
                                                   world: dict[str, Any]) -> None:
    """The visits' territories come from the rows the push reads for the whole batch."""
    with statements(conn) as seen:
        response = push(conn, world["dm"], *(c(i + 1, uuid.uuid4(), **comment(world, "dm"))
                                             for i in range(5)))
    assert results(response) == [("applied", None, None)] * 5
    assert len([s for s in seen if "from visits" in s]) == 1


def test_a_comment_on_a_visit_of_the_same_batch_is_filed_under_its_territory(
        conn: Connection, world: dict[str, Any]) -> None:
    """A visit written earlier in the batch is not among the rows read up front."""
    visit = dict(world["visit"])
    new_visit = uuid.uuid4()
    visit_fields = {"rep_id": str(world["dm"]["id"]), "territory_id": str(world["territory"]["id"]),
                    "doctor_id": str(visit["doctor_id"]), "visit_type": "face_to_face",
                    "started_at": visit["started_at"].isoformat(), "status": "draft",
                    "purpose": "介绍"}
    on_new = {"visit_id": str(new_visit)}
    response = push(conn, world["dm"],  # a manager's own field visit, seen by neighbours too
                    c(1, new_visit, table="visits", **visit_fields),
                    c(2, uuid.uuid4(), **comment(world, "dm", **on_new)),
                    c(3, uuid.uuid4(), **comment(world, "dm", **on_new,
                                                 territory_id=str(world["neighbour"]["id"]))))
    assert results(response) == [("applied", None, None), ("applied", None, None),
                                 ("rejected", "validation", "territory_id")]
