"""visits' foreign keys checked once per statement on PostgreSQL

The eight row-level foreign keys of ``visits`` become one statement-level check on
INSERT and a row check on UPDATE that runs only when a reference changes
(``server.reference_checks``): a push of 100 visits ran ~500 row checks, each locking
its parent row; the check is the same rule in one query. SQLite keeps its foreign keys.

Revision ID: 0027
Revises: 0026
"""

from __future__ import annotations

from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from server.reference_checks import STATEMENT_CHECKED, install_sql

    if op.get_bind().dialect.name != "postgresql":
        return
    for table in STATEMENT_CHECKED:
        for statement in install_sql(table):
            op.execute(statement)


def downgrade() -> None:
    from server.reference_checks import STATEMENT_CHECKED, uninstall_sql

    if op.get_bind().dialect.name != "postgresql":
        return
    for table in STATEMENT_CHECKED:
        for statement in uninstall_sql(table):
            op.execute(statement)
