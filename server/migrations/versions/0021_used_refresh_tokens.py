"""used refresh tokens (reuse detection revokes the session family)

Revision ID: 0021
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'used_refresh_tokens',
        sa.Column('refresh_hash', sa.String(length=128), nullable=False),
        sa.Column('session_id', sa.Uuid(), nullable=False),
        sa.Column('rotated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['auth_sessions.id'],
                                name=op.f('fk_used_refresh_tokens_session_id_auth_sessions')),
        sa.PrimaryKeyConstraint('refresh_hash', name=op.f('pk_used_refresh_tokens')),
    )
    op.create_index(op.f('ix_used_refresh_tokens_session_id'), 'used_refresh_tokens',
                    ['session_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_used_refresh_tokens_session_id'), table_name='used_refresh_tokens')
    op.drop_table('used_refresh_tokens')
