"""sales source and institution targets: sales_records.source, targets.institution_id

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sales_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=20), nullable=True))
    with op.batch_alter_table('targets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('institution_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key('fk_targets_institution_id', 'institutions', ['institution_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_targets_institution_id'), ['institution_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_targets_institution_id'))
        batch_op.drop_constraint('fk_targets_institution_id', type_='foreignkey')
        batch_op.drop_column('institution_id')
    with op.batch_alter_table('sales_records', schema=None) as batch_op:
        batch_op.drop_column('source')
