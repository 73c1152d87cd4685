"""Auth endpoints: sign in, refresh, sign out, who am I.

Endpoints that need both take ``CurrentUser`` before ``ConnDep``: on SQLite the
request transaction holds the write lock, and the principal check opens its own
connection, so the other order would wait on itself.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from server.api.deps import ConnDep, CurrentUser, EngineDep, SettingsDep
from server.api.errors import error_responses
from server.auth import service
from server.errors import ServiceError
from server.tables import users
from wire.protocol import WireText

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: WireText = Field(min_length=1, max_length=service.USERNAME_MAX_LENGTH)
    password: WireText = Field(min_length=1, max_length=service.MAX_PASSWORD_LENGTH)


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: WireText = Field(min_length=1, max_length=200)


class UserInfo(BaseModel):
    id: uuid.UUID
    username: str
    display_name: str
    role: str
    territory_id: uuid.UUID | None
    district_id: uuid.UUID | None
    region_id: uuid.UUID | None


class TokenResponse(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds until the access token expires")
    user: UserInfo


@router.post("/login", response_model=TokenResponse,
             responses=error_responses(401, 403, 429))
def login(body: LoginRequest, engine: EngineDep, settings: SettingsDep,
          request: Request) -> dict[str, object]:
    """Sign in with username and password. A failure is committed before the 401 so
    the throttle (429 with Retry-After) counts it, per username and per address."""
    address = request.client.host if request.client else None
    with engine.connect() as conn:
        try:
            result = service.login(conn, settings, body.username, body.password, address)
        except service.InvalidCredentials:
            conn.commit()
            raise
        conn.commit()
    return result


@router.post("/refresh", response_model=TokenResponse, responses=error_responses(401, 403))
def refresh(body: RefreshRequest, engine: EngineDep, settings: SettingsDep) -> dict[str, object]:
    """New access and refresh tokens for a refresh token (which then stops working).
    A refusal is committed before the 401: a replayed, already swapped token revokes
    its whole session, and that must hold."""
    with engine.connect() as conn:
        try:
            result = service.refresh(conn, settings, body.refresh_token)
        except ServiceError:
            conn.commit()
            raise
        conn.commit()
    return result


@router.post("/logout", status_code=204, response_class=Response,
             responses=error_responses(401))
def logout(user: CurrentUser, conn: ConnDep) -> Response:
    """Revoke the current session (its refresh token and access tokens)."""
    service.logout(conn, user.session_id)
    return Response(status_code=204)


@router.get("/me", response_model=UserInfo, responses=error_responses(401))
def me(user: CurrentUser, conn: ConnDep) -> dict[str, object]:
    row = conn.execute(sa.select(users).where(users.c.id == user.user_id)).mappings().one()
    return service.user_summary(dict(row))
