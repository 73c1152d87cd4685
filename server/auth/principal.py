"""Who is calling: the signed-in user as the access token and the users table say.

Plain data, below the HTTP layer: services, the CLI, imports and tests build and pass
a ``Principal`` without FastAPI.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from domain.roles import Role


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
    # The district of ``territory_id`` when the sign-in lookup read it (it joins the
    # territory, so a rep's pull needs no query for its team's district scope);
    # None = not read, ask the territories table.
    territory_district_id: uuid.UUID | None = None
