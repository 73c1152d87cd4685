"""FastAPI dependencies: the database connection and the signed-in principal."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import Connection, Engine

from domain.roles import Role
from server.api.errors import ApiError
from server.config import Settings


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling, as the access token and the users table say."""

    user_id: uuid.UUID
    username: str
    role: Role
    region_id: uuid.UUID | None
    district_id: uuid.UUID | None
    territory_id: uuid.UUID | None
    session_id: uuid.UUID


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_conn(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Connection]:
    """A connection inside one transaction: committed on success, rolled back on error."""
    with engine.begin() as conn:
        yield conn


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ConnDep = Annotated[Connection, Depends(get_conn)]


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "not_authenticated", "Sign in first: send 'Authorization: Bearer <token>'.")
    return token.strip()


def get_principal(request: Request, engine: EngineDep, settings: SettingsDep) -> Principal:
    from server.auth.service import principal_from_access_token

    token = bearer_token(request)
    with engine.connect() as conn:
        return principal_from_access_token(conn, settings, token)


CurrentUser = Annotated[Principal, Depends(get_principal)]


def require_role(*roles: Role):  # type: ignore[no-untyped-def]
    """Dependency factory: 403 unless the principal has one of ``roles``."""

    def check(user: CurrentUser) -> Principal:
        if user.role not in roles:
            raise ApiError(403, "forbidden_role",
                           f"This needs the role {' or '.join(r.value for r in roles)}.")
        return user

    return Depends(check)
