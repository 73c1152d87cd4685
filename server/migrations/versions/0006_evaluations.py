"""evaluations: template codes and targets, evaluation district/indicators/amendment,
action items and visit companions as synced tables

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
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
    with op.batch_alter_table('evaluation_templates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('description', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('monthly_target', sa.Integer(), nullable=True))
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('indicators', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('amends_evaluation_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key('fk_evaluations_district_id', 'districts', ['district_id'], ['id'])
        batch_op.create_foreign_key('fk_evaluations_amends_evaluation_id', 'evaluations',
                                    ['amends_evaluation_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_evaluations_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluations_amends_evaluation_id'),
                              ['amends_evaluation_id'], unique=False)
    # The evaluatee's district: a DM's own, a rep's territory's.
    op.execute(
        "UPDATE evaluations SET district_id = (SELECT COALESCE(u.district_id, t.district_id) "
        "FROM users u LEFT JOIN territories t ON t.id = u.territory_id "
        "WHERE u.id = evaluations.evaluatee_id)")
    op.create_table('evaluation_action_items', *_base(),
    sa.Column('evaluation_id', sa.Uuid(), nullable=False),
    sa.Column('evaluator_id', sa.Uuid(), nullable=False),
    sa.Column('evaluatee_id', sa.Uuid(), nullable=False),
    sa.Column('district_id', sa.Uuid(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['evaluation_id'], ['evaluations.id'],
                            name='fk_evaluation_action_items_evaluation_id'),
    sa.ForeignKeyConstraint(['evaluator_id'], ['users.id'], name='fk_evaluation_action_items_evaluator_id'),
    sa.ForeignKeyConstraint(['evaluatee_id'], ['users.id'], name='fk_evaluation_action_items_evaluatee_id'),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name='fk_evaluation_action_items_district_id'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_action_items'))
    )
    with op.batch_alter_table('evaluation_action_items', schema=None) as batch_op:
        for column in ('evaluation_id', 'evaluator_id', 'evaluatee_id', 'district_id'):
            batch_op.create_index(batch_op.f(f'ix_evaluation_action_items_{column}'), [column],
                                  unique=False)
    op.create_table('visit_companions', *_base(),
    sa.Column('visit_id', sa.Uuid(), nullable=False),
    sa.Column('territory_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name='fk_visit_companions_visit_id'),
    sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], name='fk_visit_companions_territory_id'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name='fk_visit_companions_user_id'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_companions'))
    )
    with op.batch_alter_table('visit_companions', schema=None) as batch_op:
        for column in ('visit_id', 'territory_id', 'user_id'):
            batch_op.create_index(batch_op.f(f'ix_visit_companions_{column}'), [column], unique=False)


def downgrade() -> None:
    op.drop_table('visit_companions')
    op.drop_table('evaluation_action_items')
    with op.batch_alter_table('evaluations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluations_amends_evaluation_id'))
        batch_op.drop_index(batch_op.f('ix_evaluations_district_id'))
        batch_op.drop_constraint('fk_evaluations_amends_evaluation_id', type_='foreignkey')
        batch_op.drop_constraint('fk_evaluations_district_id', type_='foreignkey')
        batch_op.drop_column('amends_evaluation_id')
        batch_op.drop_column('indicators')
        batch_op.drop_column('district_id')
    with op.batch_alter_table('evaluation_templates', schema=None) as batch_op:
        batch_op.drop_column('monthly_target')
        batch_op.drop_column('description')
        batch_op.drop_column('code')
