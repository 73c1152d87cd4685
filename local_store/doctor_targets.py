"""A manager's per-doctor target mark (``doctors.target_override``), written offline.

Doctors are master data the server owns; the one column a client may change is the
DM's (or RM's) "target regardless of grade" mark: True (always a target), False (never),
None (the grade decides). The server's write policy refuses a rep and every other
column; the device refuses a rep early so the control can say why at once.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from local_store.replica import synced
from local_store.state import local_user_id
from local_store.writes import InvalidLocalChange, record_local_change

TARGET_CHANGES = frozenset({"doctors"})
MANAGER_ROLES = frozenset({"dm", "rm"})


def set_target_override(conn: Connection, doctor_id: uuid.UUID, value: bool | None) -> None:
    """Mark ``doctor_id`` always (True) / never (False) a target, or by grade (None)."""
    users = synced["users"]
    me = local_user_id(conn)
    role = conn.execute(sa.select(users.c.role).where(users.c.id == me)).scalar() if me else None
    if role not in MANAGER_ROLES:
        raise InvalidLocalChange("Only a district or regional manager sets a doctor's target "
                                 "mark.", field="target_override", reason="not_allowed")
    record_local_change(conn, "doctors", doctor_id, "update", {"target_override": value})
