"""Whom a manager leads directly, by the server's rule, for every screen that asks.

A DM leads the reps of their district, an RM the DMs of their region. A user's
district is their own ``district_id`` or else their territory's, their region their own
``region_id`` or else their district's: exactly ``server.sync.policy_rules.user_facts``,
which decides whom a manager may evaluate or plan field days with. The evaluation form
and the field-day planner read this one list, so neither offers a person the server
would then refuse (they were two queries with two rules: one joined territories only,
the other took ``manager_id`` and missed reps known by their territory).
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.replica import synced

users_t = synced["users"]
territories_t = synced["territories"]
districts_t = synced["districts"]

# Whom each manager role leads.
LEADS = {"dm": "rep", "rm": "dm"}


def _placed() -> tuple[Any, sa.ColumnElement[Any], sa.ColumnElement[Any]]:
    """Users joined to their territory and district; their district and region columns."""
    u, t, d = users_t, territories_t, districts_t
    district = sa.func.coalesce(u.c.district_id, t.c.district_id)
    joined = u.outerjoin(t, t.c.id == u.c.territory_id).outerjoin(d, d.c.id == district)
    return joined, district, sa.func.coalesce(u.c.region_id, d.c.region_id)


def direct_reports(conn: Connection, manager_id: uuid.UUID) -> list[Any]:
    """Active people ``manager_id`` leads (rows: id, display_name, role, district_id,
    territory_id), by name; nobody for a rep, an admin or an unknown id."""
    joined, district, region = _placed()
    u = users_t
    me = conn.execute(sa.select(u.c.role, district.label("district"), region.label("region"))
                      .select_from(joined).where(u.c.id == manager_id)).first()
    if me is None or me.role not in LEADS:
        return []
    same = district == me.district if me.role == "dm" else region == me.region
    if (me.district if me.role == "dm" else me.region) is None:
        return []
    return list(conn.execute(
        sa.select(u.c.id, u.c.display_name, u.c.role, u.c.district_id, u.c.territory_id)
        .select_from(joined)
        .where(same, u.c.role == LEADS[me.role], u.c.active.is_(True), ~u.c.deleted,
               u.c.id != manager_id)
        .order_by(u.c.display_name, u.c.username)))
