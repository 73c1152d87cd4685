"""a DM's field days (field_plans, field_days) and the server's settled outcome of a
planned visit (planned_visits.outcome, outcome_visit_id, settled_at)

Revision ID: 0024
Revises: 0021
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0025'
branch_labels = None
depends_on = None


def _base() -> list[sa.Column]:
    return [
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('version', sa.BigInteger(), server_default='1', nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.Uuid(), nullable=True),
        sa.Column('deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table('planned_visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('outcome_visit_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('settled_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('field_plans', *_base(),
    sa.Column('manager_id', sa.Uuid(), nullable=False),
    sa.Column('district_id', sa.Uuid(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['manager_id'], ['users.id'], name='fk_field_plans_manager_id'),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name='fk_field_plans_district_id'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field_plans'))
    )
    with op.batch_alter_table('field_plans', schema=None) as batch_op:
        for column in ('manager_id', 'district_id'):
            batch_op.create_index(batch_op.f(f'ix_field_plans_{column}'), [column], unique=False)
    op.create_table('field_days', *_base(),
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('manager_id', sa.Uuid(), nullable=False),
    sa.Column('district_id', sa.Uuid(), nullable=False),
    sa.Column('planned_date', sa.Date(), nullable=False),
    sa.Column('rep_id', sa.Uuid(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['field_plans.id'], name='fk_field_days_plan_id'),
    sa.ForeignKeyConstraint(['manager_id'], ['users.id'], name='fk_field_days_manager_id'),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name='fk_field_days_district_id'),
    sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name='fk_field_days_rep_id'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_field_days'))
    )
    with op.batch_alter_table('field_days', schema=None) as batch_op:
        for column in ('plan_id', 'manager_id', 'district_id', 'rep_id'):
            batch_op.create_index(batch_op.f(f'ix_field_days_{column}'), [column], unique=False)


def downgrade() -> None:
    op.drop_table('field_days')
    op.drop_table('field_plans')
    with op.batch_alter_table('planned_visits', schema=None) as batch_op:
        batch_op.drop_column('settled_at')
        batch_op.drop_column('outcome_visit_id')
        batch_op.drop_column('outcome')
