"""Who may see which territories: the one rule every query and every pull goes through.

A rep sees their own territory, a district manager every territory of their
district, a regional manager every territory of their region, an admin all of them
(``None`` means "no restriction"). Sync scopes follow from the same answer.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.roles import Role
from server.auth.principal import Principal
from server.errors import ServiceError
from server.sync.feed import (
    GLOBAL_SCOPE,
    district_scope,
    managers_scope,
    region_managers_scope,
    territory_scope,
    user_scope,
)
from server.tables import districts, territories


def visible_territory_ids(conn: Connection, principal: Principal) -> frozenset[uuid.UUID] | None:
    """The territories ``principal`` may see; ``None`` = all (admins only)."""
    t = territories
    if principal.role is Role.ADMIN:
        return None
    if principal.role is Role.REP:
        return frozenset({principal.territory_id}) if principal.territory_id else frozenset()
    if principal.role is Role.DM:
        if principal.district_id is None:
            return frozenset()
        query = sa.select(t.c.id).where(t.c.district_id == principal.district_id, ~t.c.deleted)
    elif principal.role is Role.RM:
        if principal.region_id is None:
            return frozenset()
        query = (sa.select(t.c.id).join(districts, districts.c.id == t.c.district_id)
                 .where(districts.c.region_id == principal.region_id, ~t.c.deleted))
    else:  # a role added later sees nothing until someone decides otherwise
        return frozenset()
    return frozenset(conn.execute(query).scalars())


def team_district_ids(conn: Connection, principal: Principal) -> frozenset[uuid.UUID]:
    """The districts whose team the user belongs to or leads (what they see shared).

    A rep: the district of their territory; a DM: theirs; an RM: every district of the
    region; an admin: none (they work through the server)."""
    if principal.role is Role.REP and principal.territory_id is not None:
        if principal.territory_district_id is not None:  # read with the principal
            return frozenset({principal.territory_district_id})
        found = conn.execute(sa.select(territories.c.district_id)
                             .where(territories.c.id == principal.territory_id)).scalar()
        return frozenset({found}) if found is not None else frozenset()
    if principal.role is Role.DM and principal.district_id is not None:
        return frozenset({principal.district_id})
    if principal.role is Role.RM and principal.region_id is not None:
        return frozenset(conn.execute(sa.select(districts.c.id).where(
            districts.c.region_id == principal.region_id, ~districts.c.deleted)).scalars())
    return frozenset()


def subscribed_scopes(conn: Connection, principal: Principal) -> list[str]:
    """Sync scopes: global, the user's own, each visible territory and each team district.

    Admins get global and their own scope only: they work through the server and
    do not replicate every territory.
    """
    scopes = [GLOBAL_SCOPE, user_scope(principal.user_id)]
    visible = visible_territory_ids(conn, principal)
    if visible:
        scopes.extend(sorted(territory_scope(tid) for tid in visible))
    districts_of_team = team_district_ids(conn, principal)
    scopes.extend(sorted(district_scope(d) for d in districts_of_team))
    if principal.role in (Role.DM, Role.RM):  # managers-only data: never a rep's
        scopes.extend(sorted(managers_scope(d) for d in districts_of_team))
    if principal.role is Role.RM and principal.region_id is not None:
        scopes.append(region_managers_scope(principal.region_id))
    return scopes


def is_territory_visible(conn: Connection, principal: Principal, territory_id: uuid.UUID) -> bool:
    visible = visible_territory_ids(conn, principal)
    if visible is None:
        return conn.execute(sa.select(territories.c.id)
                            .where(territories.c.id == territory_id)).first() is not None
    return territory_id in visible


def require_territory_visible(conn: Connection, principal: Principal,
                              territory_id: uuid.UUID) -> None:
    """404 ``not_found`` unless visible: an invisible territory looks like a missing one."""
    if not is_territory_visible(conn, principal, territory_id):
        raise ServiceError("not_found", "No such territory.", kind="not_found")
