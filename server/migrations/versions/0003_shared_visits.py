"""shared visits: exemplary visits shared with the district team (Good practice)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('shared_visits',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.BigInteger(), server_default='1', nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('district_id', sa.Uuid(), nullable=False),
    sa.Column('rep_id', sa.Uuid(), nullable=True),
    sa.Column('rep_name', sa.String(length=100), nullable=True),
    sa.Column('doctor_name', sa.String(length=100), nullable=True),
    sa.Column('institution_name', sa.String(length=200), nullable=True),
    sa.Column('department_name', sa.String(length=100), nullable=True),
    sa.Column('visit_type', sa.String(length=30), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('products_detailed', sa.JSON(), nullable=True),
    sa.Column('doctor_feedback', sa.Text(), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('next_step', sa.Text(), nullable=True),
    sa.Column('quality_score', sa.Float(), nullable=True),
    sa.Column('reviewer_id', sa.Uuid(), nullable=True),
    sa.Column('reviewer_name', sa.String(length=100), nullable=True),
    sa.Column('shared_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name='fk_shared_visits_district_id'),
    sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name='fk_shared_visits_rep_id'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name='fk_shared_visits_reviewer_id'),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name='fk_shared_visits_visit_id'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_visits'))
    )
    with op.batch_alter_table('shared_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shared_visits_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shared_visits_rep_id'), ['rep_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shared_visits_reviewer_id'), ['reviewer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shared_visits_visit_id'), ['visit_id'], unique=False)


def downgrade() -> None:
    op.drop_table('shared_visits')
