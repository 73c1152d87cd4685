"""users travel in team scopes: a replica holds its own user, the district team and the
managers, not the whole sales force (ScopeRule.TEAM)

Existing installations published every user to the global scope: each live user gets a
``remove`` there and an ``upsert`` in their own, district and (an RM) region's district
scopes, at the same version, so replicas drop the others' rows (and their email and
phone) at the next sync and keep their team's. No schema change.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from server.sync.feed import GLOBAL_SCOPE, ChangeSet, publish, team_scopes
    from server.tables import synced
    from wire.protocol import Op

    conn = op.get_bind()
    users = synced["users"]
    changes = ChangeSet()
    for row in conn.execute(sa.select(users).where(~users.c.deleted)).mappings():
        version = int(row["version"])
        changes.add(GLOBAL_SCOPE, "users", row["id"], version, Op.REMOVE)
        for scope in team_scopes(conn, row):
            changes.add(scope, "users", row["id"], version, Op.UPSERT)
    publish(conn, changes)


def downgrade() -> None:
    """Nothing to undo in the schema; a downgraded server republishes users globally
    the next time each row changes."""
