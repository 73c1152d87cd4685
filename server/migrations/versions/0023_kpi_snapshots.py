"""kpi_snapshots: per-period KPI figures of reps, districts and regions (server-computed)

Revision ID: 0023
Revises: 0021
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'kpi_snapshots',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('version', sa.BigInteger(), server_default='1', nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.Uuid(), nullable=True),
        sa.Column('deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('period_kind', sa.String(length=10), nullable=False),
        sa.Column('first_day', sa.Date(), nullable=False),
        sa.Column('last_day', sa.Date(), nullable=False),
        sa.Column('subject_kind', sa.String(length=10), nullable=False),
        sa.Column('subject_id', sa.Uuid(), nullable=False),
        sa.Column('audience', sa.String(length=10), nullable=False),
        sa.Column('owner_id', sa.Uuid(), nullable=True),
        sa.Column('district_id', sa.Uuid(), nullable=True),
        sa.Column('region_id', sa.Uuid(), nullable=True),
        sa.Column('visits', sa.Integer(), nullable=True),
        sa.Column('coverage', sa.Float(), nullable=True),
        sa.Column('visits_per_working_day', sa.Float(), nullable=True),
        sa.Column('average_quality', sa.Float(), nullable=True),
        sa.Column('share_on_plan', sa.Float(), nullable=True),
        sa.Column('frequency', sa.JSON(), nullable=True),
        sa.Column('sales', sa.JSON(), nullable=True),
        sa.Column('sales_quantity', sa.Float(), nullable=True),
        sa.Column('sales_target', sa.Float(), nullable=True),
        sa.Column('sales_attainment', sa.Float(), nullable=True),
        sa.Column('ride_along_days', sa.Integer(), nullable=True),
        sa.Column('ranked_by', sa.String(length=30), nullable=True),
        sa.Column('rank', sa.Integer(), nullable=True),
        sa.Column('rank_of', sa.Integer(), nullable=True),
        sa.Column('parent_median', sa.Float(), nullable=True),
        sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name='fk_kpi_snapshots_owner_id'),
        sa.ForeignKeyConstraint(['district_id'], ['districts.id'],
                                name='fk_kpi_snapshots_district_id'),
        sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name='fk_kpi_snapshots_region_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kpi_snapshots')),
    )
    for column in ('owner_id', 'district_id', 'region_id'):
        op.create_index(op.f(f'ix_kpi_snapshots_{column}'), 'kpi_snapshots', [column], unique=False)
    op.create_index('ix_kpi_snapshots_period_subject_kind', 'kpi_snapshots',
                    ['period', 'subject_kind'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_kpi_snapshots_period_subject_kind', table_name='kpi_snapshots')
    for column in ('owner_id', 'district_id', 'region_id'):
        op.drop_index(op.f(f'ix_kpi_snapshots_{column}'), table_name='kpi_snapshots')
    op.drop_table('kpi_snapshots')
