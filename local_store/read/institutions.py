"""Institution list and detail for the Institutions screen, read from the replica.

A replica holds hundreds to a few thousand institutions, so the list is one query
with grouped counts; the search is a case-insensitive substring of name, city,
county or code.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from local_store.read.doctor_index import DoctorKey
from local_store.read.doctors import key_of
from local_store.read.ids import stored_id
from local_store.replica import synced

institutions_t = synced["institutions"]
departments_t = synced["departments"]
doctors_t = synced["doctors"]



@dataclass(frozen=True, slots=True)
class InstitutionRow:
    id: DoctorKey
    name: str
    level: str | None
    type: str
    city: str | None
    departments: int
    doctors: int


@dataclass(frozen=True, slots=True)
class DepartmentDoctor:
    id: DoctorKey
    name: str
    title: str | None
    grade: str | None


@dataclass(frozen=True, slots=True)
class DepartmentItem:
    id: DoctorKey | None  # None: doctors of the institution without a department
    name: str
    outpatient_per_month: int | None
    beds: int | None
    doctors: list[DepartmentDoctor] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class InstitutionDetail:
    row: InstitutionRow
    address: str | None
    beds: int | None
    phone: str | None
    departments: list[DepartmentItem]


def institution_list(conn: Connection, query: str = "") -> list[InstitutionRow]:
    """Live institutions with their department and active-doctor counts, by name."""
    i, dep, d = institutions_t, departments_t, doctors_t
    n_depts = (sa.select(dep.c.institution_id, sa.func.count().label("n"))
               .where(~dep.c.deleted).group_by(dep.c.institution_id).subquery())
    n_docs = (sa.select(d.c.institution_id, sa.func.count().label("n"))
              .where(~d.c.deleted, d.c.status == "active").group_by(d.c.institution_id).subquery())
    q = (sa.select(stored_id(i.c.id).label("key"), i.c.name, i.c.level, i.c.type, i.c.city,
                   sa.func.coalesce(n_depts.c.n, 0).label("depts"),
                   sa.func.coalesce(n_docs.c.n, 0).label("docs"))
         .select_from(i.outerjoin(n_depts, n_depts.c.institution_id == i.c.id)
                      .outerjoin(n_docs, n_docs.c.institution_id == i.c.id))
         .where(~i.c.deleted).order_by(i.c.name))
    text = "".join(query.lower().split())
    if text:
        haystack = sa.func.lower(sa.func.coalesce(i.c.name, "") + "|" + sa.func.coalesce(i.c.city, "")
                                 + "|" + sa.func.coalesce(i.c.county, "") + "|"
                                 + sa.func.coalesce(i.c.code, ""))
        q = q.where(sa.func.instr(haystack, text) > 0)
    return [InstitutionRow(str(r.key), r.name, r.level, r.type, r.city, int(r.depts), int(r.docs))
            for r in conn.execute(q)]


def institution_detail(conn: Connection, institution_id: DoctorKey | uuid.UUID) -> InstitutionDetail | None:
    """One institution with its departments (by name) and their active doctors (by name)."""
    key = key_of(institution_id)
    i, dep, d = institutions_t, departments_t, doctors_t
    rows = institution_list_rows(conn, key)
    if not rows:
        return None
    head = conn.execute(sa.select(i.c.address, i.c.beds, i.c.phone)
                        .where(stored_id(i.c.id) == key)).one()
    departments: dict[str | None, DepartmentItem] = {}
    for r in conn.execute(sa.select(stored_id(dep.c.id).label("key"), dep.c.name,
                                    dep.c.outpatient_per_month, dep.c.beds)
                          .where(stored_id(dep.c.institution_id) == key, ~dep.c.deleted)
                          .order_by(dep.c.name)):
        departments[str(r.key)] = DepartmentItem(str(r.key), r.name, r.outpatient_per_month, r.beds)
    for r in conn.execute(sa.select(stored_id(d.c.id).label("key"),
                                    stored_id(d.c.department_id).label("dept"),
                                    d.c.name, d.c.title, d.c.grade)
                          .where(stored_id(d.c.institution_id) == key, ~d.c.deleted,
                                 d.c.status == "active")
                          .order_by(d.c.name)):
        dept = str(r.dept) if r.dept is not None else None
        if dept not in departments:
            departments[dept] = DepartmentItem(dept, "", None, None)
        departments[dept].doctors.append(DepartmentDoctor(str(r.key), r.name, r.title, r.grade))
    return InstitutionDetail(rows[0], head.address, head.beds, head.phone, list(departments.values()))


def institution_list_rows(conn: Connection, key: DoctorKey) -> list[InstitutionRow]:
    """The list row of one institution (same counts as ``institution_list``)."""
    i, dep, d = institutions_t, departments_t, doctors_t
    r = conn.execute(
        sa.select(stored_id(i.c.id).label("key"), i.c.name, i.c.level, i.c.type, i.c.city,
                  sa.select(sa.func.count()).select_from(dep)
                  .where(dep.c.institution_id == i.c.id, ~dep.c.deleted).scalar_subquery().label("depts"),
                  sa.select(sa.func.count()).select_from(d)
                  .where(d.c.institution_id == i.c.id, ~d.c.deleted, d.c.status == "active")
                  .scalar_subquery().label("docs"))
        .where(stored_id(i.c.id) == key, ~i.c.deleted)).first()
    if r is None:
        return []
    return [InstitutionRow(str(r.key), r.name, r.level, r.type, r.city, int(r.depts), int(r.docs))]


def load_list(replica: Engine, query: str) -> list[InstitutionRow]:
    """``institution_list`` on its own connection (read pool)."""
    with replica.connect() as conn:
        return institution_list(conn, query)


def load_detail(replica: Engine, key: str) -> InstitutionDetail | None:
    """``institution_detail`` on its own connection (read pool)."""
    with replica.connect() as conn:
        return institution_detail(conn, key)
