"""A shared world for the authorization matrix and the property tests, and the cases
generated from the policy declarations.

The principal is a rep of T1, the DM of D1 or the RM of R. Every row a case touches
stands in one relation to the principal (``Relation``): their own row (in T1), a
colleague's in T1, a rep's in T1b (same district), in T2 (other district of the
region), in T3 (another region). Each (role, table, relation) gets its own rows, so
the cases of one push never step on each other. An evaluation's relation is its
evaluatee's: the relation's rep for a DM, the DM of the relation's district for an RM.

The expected outcome comes from the declarations alone (``expected``): allowed when a
grant of the role and operation holds for the relation (``Condition.relations``), in
the row's state, for the column changed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from domain.roles import Role
from server.sync import policy_tables as _policy_tables  # noqa: F401  (declares the policies)
from server.sync.policies import DELETE, INSERT, UPDATE, Relation, compiled, in_scope
from tests.factories import Factory
from wire.protocol import MutationOp

ROLES = (Role.REP, Role.DM, Role.RM)
WEEK = dt.date(2026, 11, 2)  # a Monday
START = "2026-11-03T09:00:00+00:00"
START_AT = dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)
# Per table: the column the owner may change (with a new value), and one the policy
# keeps as it is after the insert (with a value that would move the row).
BENIGN: dict[str, tuple[str, Any]] = {
    "visit_plans": ("notes", "周计划"), "planned_visits": ("route_order", 7),
    "visits": ("purpose", "复访"), "visit_comments": ("text", "改一下"),
    "visit_reviews": ("exemplary", True), "comment_reads": ("read_at", START),
    "events": ("budget", 5000.0), "event_attendees": ("attended", True),
    "change_requests": ("reason", "补充说明"), "evaluations": ("strengths", "沟通好"),
    "doctors": ("target_override", True),
}
FIXED: dict[str, str] = {
    "visit_plans": "rep_id", "planned_visits": "rep_id", "visits": "rep_id",
    "visit_comments": "author_id", "visit_reviews": "reviewer_id",
    "comment_reads": "user_id", "events": "organizer_id", "event_attendees": "doctor_id",
    "change_requests": "requester_id", "evaluations": "evaluatee_id",
    "doctors": "name",  # not fixed, but no client may change it: only target_override
}
TABLES = tuple(BENIGN)
INITIAL_STATE = {"visit_plans": "draft", "visits": "draft", "change_requests": "pending",
                 "evaluations": "draft"}
COMPETENCIES = [{"code": "opening", "name": "开场", "weight": 1.0},
                {"code": "probing", "name": "探询", "weight": 2.0}]


@dataclass
class Place:
    """Who owns a relation's rows and where: a user, a territory and its doctor."""

    owner: dict[str, Any]
    territory: dict[str, Any]
    doctor: dict[str, Any]


@dataclass
class Case:
    role: Role
    table: str
    op: MutationOp
    relation: Relation
    column: str | None  # updates: the column changed
    row_id: uuid.UUID
    fields: dict[str, Any]
    allowed: bool


class World:
    """Built once per database in one committed transaction."""

    def __init__(self, conn: Connection) -> None:
        f = self.f = Factory(conn)
        region, region2 = f.region(), f.region()
        d1, d2, d3 = f.district(region), f.district(region), f.district(region2)
        self.territories = {"T1": f.territory(d1), "T1b": f.territory(d1),
                            "T2": f.territory(d2), "T3": f.territory(d3)}
        self.doctors = {k: f.doctor(t) for k, t in self.territories.items()}
        t = self.territories
        self.principals = {
            Role.REP: f.user(territory=t["T1"], password="matrix-password"),
            Role.DM: f.user("dm", district_id=d1["id"], region_id=region["id"],
                            password="matrix-password"),
            Role.RM: f.user("rm", region_id=region["id"], password="matrix-password"),
        }
        self.dms = {"D2": f.user("dm", district_id=d2["id"], region_id=region["id"]),
                    "D3": f.user("dm", district_id=d3["id"], region_id=region2["id"])}
        self.templates = {role: f._insert(
            "evaluation_templates", name=kind, kind=kind, evaluator_role=role.value,
            evaluatee_role=evaluatee, competencies=COMPETENCIES, scale_min=1, scale_max=5,
            template_version=1, active=True)
            for role, kind, evaluatee in ((Role.DM, "accompanied", "rep"),
                                          (Role.RM, "co_visit", "dm"))}
        others = {Relation.SAME_TERRITORY: "T1", Relation.SAME_DISTRICT: "T1b",
                  Relation.OTHER_DISTRICT: "T2", Relation.OTHER_REGION: "T3"}
        self.colleagues = {rel: Place(f.user(territory=t[key]), t[key], self.doctors[key])
                           for rel, key in others.items()}
        self.cases: list[Case] = []
        for role in ROLES:
            for relation in Relation:
                place = (Place(self.principals[role], t["T1"], self.doctors["T1"])
                         if relation is Relation.OWN else self.colleagues[relation])
                for table in TABLES:
                    self._cases(role, table, relation, place)
        f.publish()

    # --- rows --------------------------------------------------------------------------

    def _parents(self, table: str, place: Place) -> dict[str, Any]:
        """The rows a new ``table`` row of ``place`` hangs from (made fresh)."""
        f, tid, owner = self.f, place.territory["id"], place.owner["id"]
        if table == "planned_visits":
            plan = f._insert("visit_plans", rep_id=owner, territory_id=tid, week_start=WEEK,
                             status="draft")
            return {"plan_id": plan["id"]}
        if table in ("visit_comments", "visit_reviews", "comment_reads"):
            visit = f.visit(place.owner, place.doctor)
            if table != "comment_reads":
                return {"visit_id": visit["id"]}
            comment = f._insert("visit_comments", visit_id=visit["id"], territory_id=tid,
                                author_id=owner, kind="comment", text="好")
            return {"comment_id": comment["id"]}
        if table == "event_attendees":
            event = f._insert("events", territory_id=tid, organizer_id=owner,
                              event_type="department_meeting", title="科室会",
                              starts_at=START_AT, status="planned")
            return {"event_id": event["id"]}
        return {}

    def row_fields(self, table: str, place: Place, parents: dict[str, Any]) -> dict[str, Any]:
        """A valid new ``table`` row owned by ``place`` (python values)."""
        owner, tid, doc = place.owner["id"], place.territory["id"], place.doctor["id"]
        base = {"territory_id": tid, **parents}
        match table:
            case "visit_plans":
                return {**base, "rep_id": owner, "week_start": WEEK, "status": "draft"}
            case "planned_visits":
                return {**base, "rep_id": owner, "doctor_id": doc,
                        "planned_date": WEEK + dt.timedelta(days=2), "status": "planned"}
            case "visits":
                return {**base, "rep_id": owner, "doctor_id": doc, "visit_type": "face_to_face",
                        "started_at": START_AT, "status": "draft", "purpose": "介绍"}
            case "visit_comments":
                return {**base, "author_id": owner, "kind": "comment", "text": "很好"}
            case "visit_reviews":
                return {**base, "reviewer_id": owner, "reviewed_at": START_AT,
                        "exemplary": False}
            case "comment_reads":
                return {**base, "user_id": owner, "read_at": START_AT}
            case "events":
                return {**base, "organizer_id": owner, "event_type": "department_meeting",
                        "title": "科室会", "starts_at": START_AT, "status": "planned",
                        "budget": 1000.0}
            case "event_attendees":
                return {**base, "doctor_id": doc, "invited": True}
            case "doctors":
                return {"name": "新医生", "institution_id": place.doctor["institution_id"],
                        "status": "active", "territory_id": tid}
            case "change_requests":
                return {**base, "requester_id": owner, "target_table": "doctors",
                        "target_id": doc, "action": "change", "proposed": {"title": "chief"},
                        "reason": "晋升", "status": "pending"}
        raise KeyError(table)

    def _stored(self, table: str, place: Place) -> dict[str, Any]:
        return self.f._insert(table, **self.row_fields(table, place,
                                                       self._parents(table, place)))

    def evaluatee(self, role: Role, relation: Relation) -> dict[str, Any]:
        """Who an evaluation of ``relation`` evaluates: for an RM the DM of the
        relation's district, else the relation's rep (``self`` for their own row)."""
        if relation is Relation.OWN:
            return self.principals[role]
        if role is Role.RM:
            return {Relation.OTHER_DISTRICT: self.dms["D2"],
                    Relation.OTHER_REGION: self.dms["D3"]}.get(relation, self.principals[Role.DM])
        return self.colleagues[relation].owner

    def evaluation_fields(self, role: Role, relation: Relation) -> dict[str, Any]:
        template = self.templates.get(role, self.templates[Role.DM])
        return {"template_id": template["id"], "evaluator_id": self.principals[role]["id"],
                "evaluatee_id": self.evaluatee(role, relation)["id"], "kind": template["kind"],
                "eval_date": WEEK, "scores": {"opening": 4}, "status": "draft"}

    def _evaluation_cases(self, role: Role, relation: Relation) -> None:
        fields = self.evaluation_fields(role, relation)
        self.add(role, "evaluations", INSERT, relation, None, uuid.uuid4(), wire(fields))
        other = next(c.owner["id"] for c in self.colleagues.values()
                     if c.owner["id"] != fields["evaluatee_id"])
        for col, val in (BENIGN["evaluations"], ("evaluatee_id", other)):
            row = self.f._insert("evaluations", **fields)
            self.add(role, "evaluations", UPDATE, relation, col, row["id"], {col: wire_value(val)})
        row = self.f._insert("evaluations", **fields)
        self.add(role, "evaluations", DELETE, relation, None, row["id"], {})

    def _cases(self, role: Role, table: str, relation: Relation, place: Place) -> None:
        if table == "evaluations":
            self._evaluation_cases(role, relation)
            return
        new_id = uuid.uuid4()
        self.add(role, table, INSERT, relation, None, new_id,
                 wire(self.row_fields(table, place, self._parents(table, place))))
        column, value = BENIGN[table]
        for col, val in ((column, value), (FIXED[table], self._other_value(table, place))):
            row = self._stored(table, place)
            self.add(role, table, UPDATE, relation, col, row["id"], {col: wire_value(val)})
        row = self._stored(table, place)
        self.add(role, table, DELETE, relation, None, row["id"], {})

    def _other_value(self, table: str, place: Place) -> Any:
        if FIXED[table] == "name":
            return "改名"
        if FIXED[table] == "doctor_id":
            return self.doctors["T1b" if place.territory is not self.territories["T1b"]
                                else "T1"]["id"]
        return self.colleagues[Relation.SAME_DISTRICT].owner["id"] \
            if place.owner is not self.colleagues[Relation.SAME_DISTRICT].owner \
            else self.colleagues[Relation.SAME_TERRITORY].owner["id"]

    def add(self, role: Role, table: str, op: MutationOp, relation: Relation,
            column: str | None, row_id: uuid.UUID, fields: dict[str, Any]) -> None:
        self.cases.append(Case(role, table, op, relation, column, row_id, fields,
                               expected(table, role, op, relation, column)))


def wire_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def wire(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: wire_value(v) for k, v in fields.items()}


def expected(table: str, role: Role, op: MutationOp, relation: Relation,
             column: str | None) -> bool:
    """Whether the declarations allow it: a grant of ``role`` and ``op`` whose condition
    holds for ``relation``, in the row's initial state, that may set ``column``."""
    if relation not in in_scope(role):
        return False
    cp = compiled(table)
    if cp is None:
        return False
    state = INITIAL_STATE.get(table)
    policy = cp.policy
    for g in cp.grants.get((role, op), ()):
        if relation not in g.when.relations(role):
            continue
        if op is not INSERT and policy.state_column is not None:
            if g.states is None and state in policy.locked:
                continue
            if g.states is not None and state not in g.states:
                continue
        if column is not None:
            allowed = (cp.writable - policy.fixed) if g.columns is None else g.columns
            if column not in allowed:
                continue
        return True
    return False


Expect = Callable[[Case], bool]
