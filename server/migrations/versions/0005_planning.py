"""planning: the company calendar and counting rule on frequency_rules, a DM's target
override per doctor, the manager's review comment on a weekly plan

Revision ID: 0005
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('frequency_rules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('counted_visit_types', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('target_grades', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('reminder_day', sa.Integer(), nullable=True))
    with op.batch_alter_table('doctors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_override', sa.Boolean(), nullable=True))
    with op.batch_alter_table('visit_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_comment', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('visit_plans', schema=None) as batch_op:
        batch_op.drop_column('review_comment')
    with op.batch_alter_table('doctors', schema=None) as batch_op:
        batch_op.drop_column('target_override')
    with op.batch_alter_table('frequency_rules', schema=None) as batch_op:
        batch_op.drop_column('reminder_day')
        batch_op.drop_column('target_grades')
        batch_op.drop_column('counted_visit_types')
        batch_op.drop_column('time_zone')
