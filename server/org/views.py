"""Read endpoints for territories and doctors, filtered by the caller's scope.

Small on purpose: they show the scoping rule (``server.auth.scoping``) at work.
Something outside the caller's scope answers 404, exactly like something missing.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Query
from pydantic import BaseModel

from server.api.deps import ConnDep, CurrentUser
from server.api.errors import ApiError, error_responses
from server.auth.scoping import require_territory_visible, visible_territory_ids
from server.tables import doctors, territories

router = APIRouter(prefix="/api/v1", tags=["org"])

MAX_PAGE = 500
# Bounded so every database takes it (SQLite's and PostgreSQL's OFFSET are 64-bit; a
# larger number was a 500): no caller pages past two billion rows.
MAX_OFFSET = 2**31 - 1


class TerritoryOut(BaseModel):
    id: uuid.UUID
    code: str
    name: str
    district_id: uuid.UUID


class DoctorOut(BaseModel):
    id: uuid.UUID
    code: str | None
    name: str
    institution_id: uuid.UUID
    department_id: uuid.UUID | None
    title: str | None
    specialty: str | None
    status: str
    grade: str | None
    territory_id: uuid.UUID | None
    version: int


class DoctorPage(BaseModel):
    items: list[DoctorOut]
    limit: int
    offset: int


@router.get("/territories", response_model=list[TerritoryOut], responses=error_responses(401))
def list_territories(user: CurrentUser, conn: ConnDep) -> list[dict[str, Any]]:
    """The territories the caller may see, by code."""
    t = territories
    query = sa.select(t.c.id, t.c.code, t.c.name, t.c.district_id).where(~t.c.deleted)
    visible = visible_territory_ids(conn, user)
    if visible is not None:
        if not visible:
            return []
        query = query.where(t.c.id.in_(visible))
    return [dict(r) for r in conn.execute(query.order_by(t.c.code)).mappings()]


@router.get("/doctors", response_model=DoctorPage, responses=error_responses(401, 404))
def list_doctors(
    user: CurrentUser,
    conn: ConnDep,
    territory_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Doctors in the caller's territories; ``territory_id`` narrows to one of them
    (404 when it is not visible)."""
    d = doctors
    query = sa.select(*(d.c[f] for f in DoctorOut.model_fields)).where(~d.c.deleted)
    if territory_id is not None:
        require_territory_visible(conn, user, territory_id)
        query = query.where(d.c.territory_id == territory_id)
    else:
        visible = visible_territory_ids(conn, user)
        if visible is not None:
            if not visible:
                return {"items": [], "limit": limit, "offset": offset}
            query = query.where(d.c.territory_id.in_(visible))
    rows = conn.execute(query.order_by(d.c.name, d.c.id).limit(limit).offset(offset)).mappings()
    return {"items": [dict(r) for r in rows], "limit": limit, "offset": offset}


@router.get("/doctors/{doctor_id}", response_model=DoctorOut, responses=error_responses(401, 404))
def get_doctor(doctor_id: uuid.UUID, user: CurrentUser, conn: ConnDep) -> dict[str, Any]:
    """One doctor, 404 if missing, deleted or outside the caller's scope."""
    d = doctors
    row = conn.execute(
        sa.select(*(d.c[f] for f in DoctorOut.model_fields))
        .where(d.c.id == doctor_id, ~d.c.deleted)
    ).mappings().first()
    visible = visible_territory_ids(conn, user) if row is not None else frozenset()
    if row is None or (visible is not None and row["territory_id"] not in visible):
        raise ApiError(404, "not_found", "No such doctor.")
    return dict(row)
