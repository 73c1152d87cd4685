"""Who sees which territories and doctors: the scoping rule, directly and over HTTP.

The org used throughout: region R1 holds district D1 (territories T1, T2) and D2
(T3); region R2 holds D3 (T4). One doctor per territory.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Connection

from domain.roles import Role
from server.auth.principal import Principal
from server.auth.scoping import (
    require_territory_visible,
    subscribed_scopes,
    visible_territory_ids,
)
from server.errors import ServiceError
from tests.factories import Factory

Committed = Callable[[], AbstractContextManager[Factory]]
Row = dict[str, Any]


@dataclass
class Org:
    territories: dict[str, Row]
    doctors: dict[str, Row]
    users: dict[str, Row]

    def tids(self, *names: str) -> set[uuid.UUID]:
        return {self.territories[n]["id"] for n in names}

    def doctor_ids(self, *names: str) -> set[str]:
        return {str(self.doctors[n]["id"]) for n in names}


def build_org(f: Factory) -> Org:
    r1, r2 = f.region(), f.region()
    d1, d2, d3 = f.district(r1), f.district(r1), f.district(r2)
    ts = {"T1": f.territory(d1), "T2": f.territory(d1), "T3": f.territory(d2),
          "T4": f.territory(d3)}
    docs = {name: f.doctor(t, name=f"医生{name}") for name, t in ts.items()}
    users = {
        "rep": f.user("rep", ts["T1"]),
        "rep_unassigned": f.user("rep"),
        "dm": f.user("dm", district_id=d1["id"], region_id=r1["id"]),
        "rm": f.user("rm", region_id=r1["id"]),
        "admin": f.user("admin"),
    }
    return Org(ts, docs, users)


def principal(user: Row) -> Principal:
    return Principal(user_id=user["id"], username=user["username"], role=Role(user["role"]),
                     region_id=user.get("region_id"), district_id=user.get("district_id"),
                     territory_id=user.get("territory_id"), session_id=uuid.uuid4())


# --- the rule itself -----------------------------------------------------------------

@pytest.fixture
def org(conn: Connection) -> Org:
    f = Factory(conn)
    built = build_org(f)
    f.publish()
    return built


VISIBLE_BY_USER = {
    "rep": ("T1",),
    "rep_unassigned": (),
    "dm": ("T1", "T2"),
    "rm": ("T1", "T2", "T3"),
    "admin": ("T1", "T2", "T3", "T4"),
}


def test_visible_territories_by_role(conn: Connection, org: Org) -> None:
    for who, expected in VISIBLE_BY_USER.items():
        visible = visible_territory_ids(conn, principal(org.users[who]))
        if who == "admin":
            assert visible is None  # no restriction
        else:
            assert visible == org.tids(*expected), who


def test_deleted_territory_drops_out_of_a_managers_scope(conn: Connection, org: Org) -> None:
    from server.sync.feed import ChangeSet
    from server.sync.rows import update_row

    update_row(conn, ChangeSet(), "territories", org.territories["T2"]["id"], {"deleted": True},
               actor=None)
    assert visible_territory_ids(conn, principal(org.users["dm"])) == org.tids("T1")


def test_subscribed_scopes(conn: Connection, org: Org) -> None:
    dm = org.users["dm"]
    district = org.territories["T1"]["district_id"]
    assert subscribed_scopes(conn, principal(dm)) == [
        "global", f"user:{dm['id']}",
        *sorted(f"territory:{t}" for t in org.tids("T1", "T2")),
        f"district:{district}",  # the team's shared Good practice
        f"managers:{district}",  # managers-only: the district's evaluations
    ]
    rep = org.users["rep"]
    assert not [s for s in subscribed_scopes(conn, principal(rep)) if s.startswith("managers:")]
    admin = org.users["admin"]
    assert subscribed_scopes(conn, principal(admin)) == ["global", f"user:{admin['id']}"]
    lonely = org.users["rep_unassigned"]
    assert subscribed_scopes(conn, principal(lonely)) == ["global", f"user:{lonely['id']}"]


def test_require_territory_visible_hides_other_and_missing_territories(
    conn: Connection, org: Org
) -> None:
    rep = principal(org.users["rep"])
    require_territory_visible(conn, rep, org.territories["T1"]["id"])
    for territory_id in (org.territories["T2"]["id"], uuid.uuid4()):
        with pytest.raises(ServiceError) as caught:
            require_territory_visible(conn, rep, territory_id)
        assert (caught.value.kind, caught.value.code) == ("not_found", "not_found")
    admin = principal(org.users["admin"])
    require_territory_visible(conn, admin, org.territories["T4"]["id"])
    with pytest.raises(ServiceError):
        require_territory_visible(conn, admin, uuid.uuid4())


# --- over HTTP -----------------------------------------------------------------------

@pytest.fixture
def http_org(committed: Committed) -> Org:
    with committed() as f:
        return build_org(f)


def test_territories_and_doctors_endpoints_follow_the_scope(
    api: TestClient, http_org: Org, auth_headers: Callable[[uuid.UUID], dict[str, str]]
) -> None:
    for who, expected in VISIBLE_BY_USER.items():
        check_scope_over_http(api, http_org, auth_headers(http_org.users[who]["id"]), expected)


def check_scope_over_http(api: TestClient, http_org: Org, headers: dict[str, str],
                          expected: tuple[str, ...]) -> None:

    territories = api.get("/api/v1/territories", headers=headers)
    assert territories.status_code == 200
    assert {t["id"] for t in territories.json()} == {str(t) for t in http_org.tids(*expected)}

    doctors = api.get("/api/v1/doctors", headers=headers)
    assert doctors.status_code == 200
    assert {d["id"] for d in doctors.json()["items"]} == http_org.doctor_ids(*expected)

    for name, doctor in http_org.doctors.items():
        one = api.get(f"/api/v1/doctors/{doctor['id']}", headers=headers)
        assert one.status_code == (200 if name in expected else 404), (name, expected)


def test_rep_asking_for_another_territory_gets_404_not_its_doctors(
    api: TestClient, http_org: Org, auth_headers: Callable[[uuid.UUID], dict[str, str]]
) -> None:
    headers = auth_headers(http_org.users["rep"]["id"])
    own = api.get("/api/v1/doctors", params={"territory_id": str(http_org.territories["T1"]["id"])},
                  headers=headers)
    assert [d["id"] for d in own.json()["items"]] == [str(http_org.doctors["T1"]["id"])]

    for other in (http_org.territories["T2"]["id"], uuid.uuid4()):
        answer = api.get("/api/v1/doctors", params={"territory_id": str(other)}, headers=headers)
        assert (answer.status_code, answer.json()["error"]) == (404, "not_found")
        assert str(http_org.doctors["T2"]["id"]) not in answer.text


def test_doctor_list_pages(api: TestClient, committed: Committed,
                          auth_headers: Callable[[uuid.UUID], dict[str, str]]) -> None:
    with committed() as f:
        territory = f.territory()
        doctors = [f.doctor(territory, name=f"医生{i:02d}") for i in range(5)]
        rep = f.user("rep", territory)
    headers = auth_headers(rep["id"])
    pages = [api.get("/api/v1/doctors", params={"limit": 2, "offset": offset}, headers=headers)
             .json()["items"] for offset in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [d["id"] for p in pages for d in p] == [str(d["id"]) for d in doctors]
