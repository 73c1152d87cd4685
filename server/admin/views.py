"""Read-only endpoints for admins: the company overview and the import history.

Answered to admins only: anyone else gets 403 ``admin_only`` (a machine-readable reason
the desktop shows as such), checked here on the server whatever the client asks. An
admin's replica receives none of the field data (see ``server.auth.scoping``), so this
is how the desktop's Company page learns about the company: aggregates, never rows.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy.engine import Connection

from domain.roles import Role
from server.admin.overview import company_overview
from server.api.deps import DbDep, SnapshotUser
from server.api.errors import ApiError, error_responses
from server.auth.principal import Principal
from server.imports.runs import recent_runs

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

MAX_RUNS = 1000


def require_admin(user: SnapshotUser) -> Principal:
    """(Read in the snapshot the endpoint reads, so the request opens one transaction,
    not a read one committed before the snapshot starts.)"""
    if user.role is not Role.ADMIN:
        raise ApiError(403, "admin_only", "Only administrators may read this.",
                       details={"role": user.role.value})
    return user


AdminUser = Annotated[Principal, Depends(require_admin)]


def snapshot_conn(db: DbDep) -> Connection:
    """A read snapshot: every query of the overview sees one state of the company, and
    on SQLite the aggregates never hold the write lock that syncs need."""
    return db.connection("snapshot")


SnapshotConn = Annotated[Connection, Depends(snapshot_conn)]


@router.get("/overview", responses=error_responses(400, 401, 403, 413))
def overview(_: AdminUser, conn: SnapshotConn) -> dict[str, Any]:
    """Regions → districts with their reps, doctors by grade, institutions, visits this
    and last month, coverage and frequency figures; the company totals; every user."""
    return company_overview(conn)


@router.get("/imports", responses=error_responses(400, 401, 403, 413, 422))
def imports(_: AdminUser, conn: SnapshotConn,
            limit: Annotated[int, Query(ge=1, le=MAX_RUNS)] = 200) -> dict[str, Any]:
    """The newest import runs, newest first."""
    return {"runs": recent_runs(conn, limit)}
