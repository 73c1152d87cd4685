"""evaluations and their action items published to the scopes they belong to now

0006 moved evaluations from the evaluator's and evaluatee's ``user:`` scopes to the
managers-only rule (the district's ``managers:`` scope too; a draft only its author's)
without publishing anything, so DMs and RMs never received the evaluations that existed
before it. Every live evaluation and action item gets an ``upsert`` in each scope it
belongs to and lacks, and a ``remove`` where it no longer belongs, at its own version,
through the change feed (``server.evaluations.republish``). Idempotent; no schema change.

Revision ID: 0026
Revises: 0021
"""

from __future__ import annotations

from alembic import op

revision = '0026'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from server.evaluations.republish import republish_evaluations

    republish_evaluations(op.get_bind())


def downgrade() -> None:
    """Nothing to undo in the schema; the republished entries are what the current
    rule publishes for every later change anyway."""
