"""sync scope stats (per-scope checksums kept by publish)

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sync_scope_stats',
        sa.Column('scope', sa.String(length=80), nullable=False),
        sa.Column('live_count', sa.BigInteger(), nullable=False),
        sa.Column('hash_sum', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('scope', name=op.f('pk_sync_scope_stats')),
    )
    # Existing feeds (a database made before this revision) get their stats counted once.
    from wire.checksum import ScopeSum, to_signed64

    bind = op.get_bind()
    sums: dict[str, ScopeSum] = {}
    for scope, row_id, version in bind.execute(sa.text(
        "SELECT scope, row_id, version FROM sync_feed WHERE op = 'upsert'"
    )):
        sums.setdefault(scope, ScopeSum()).add(uuid.UUID(str(row_id)), version)
    if sums:
        stats = sa.table('sync_scope_stats', sa.column('scope'), sa.column('live_count'),
                         sa.column('hash_sum'))
        bind.execute(sa.insert(stats), [
            {'scope': s, 'live_count': v.count, 'hash_sum': to_signed64(v.total)}
            for s, v in sums.items()
        ])


def downgrade() -> None:
    op.drop_table('sync_scope_stats')
