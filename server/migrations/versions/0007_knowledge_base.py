"""knowledge base: several products per article, dates, must-read, attachment files out
of the rows (hash + ranged download), read receipts

Revision ID: 0007
Revises: 0006

Existing attachments keep their bytes: each ``content_base64`` moves into
``knowledge_files`` under its SHA-256, which the row now carries. An article's single
``product_id`` becomes the one-element ``product_ids``. Replicas make the same change
in place (``local_store.migrations._v7_knowledge_base``), so no row needs re-sending.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'knowledge_files',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size_bytes', sa.BigInteger(), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('sha256', name=op.f('pk_knowledge_files')),
    )
    with op.batch_alter_table('knowledge_articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('slug', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('product_ids', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('published_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('valid_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('must_read', sa.Boolean(), nullable=True))
    with op.batch_alter_table('knowledge_attachments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('position', sa.Integer(), nullable=True))

    conn = op.get_bind()
    articles = sa.table('knowledge_articles', sa.column('id', sa.Uuid()),
                        sa.column('product_id', sa.Uuid()), sa.column('product_ids', sa.JSON()))
    for row_id, product_id in conn.execute(
            sa.select(articles.c.id, articles.c.product_id)
            .where(articles.c.product_id.is_not(None))).all():
        conn.execute(sa.update(articles).where(articles.c.id == row_id)
                     .values(product_ids=[str(product_id)]))
    attachments = sa.table('knowledge_attachments', sa.column('id', sa.Uuid()),
                           sa.column('content_base64', sa.Text()),
                           sa.column('sha256', sa.String()), sa.column('size_bytes', sa.Integer()))
    files = sa.table('knowledge_files', sa.column('sha256', sa.String()),
                     sa.column('size_bytes', sa.BigInteger()), sa.column('content', sa.LargeBinary()),
                     sa.column('created_at', sa.DateTime(timezone=True)))
    stored: set[str] = set()
    for row_id, text in conn.execute(sa.select(attachments.c.id, attachments.c.content_base64)
                                     .where(attachments.c.content_base64.is_not(None))).all():
        content = base64.b64decode(text)
        digest = hashlib.sha256(content).hexdigest()
        if digest not in stored:
            conn.execute(sa.insert(files).values(sha256=digest, size_bytes=len(content),
                                                 content=content, created_at=dt.datetime.now(dt.UTC)))
            stored.add(digest)
        conn.execute(sa.update(attachments).where(attachments.c.id == row_id)
                     .values(sha256=digest, size_bytes=len(content)))

    with op.batch_alter_table('knowledge_articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_articles_product_id'))
        batch_op.drop_constraint('fk_knowledge_articles_product_id', type_='foreignkey')
        batch_op.drop_column('product_id')
    with op.batch_alter_table('knowledge_attachments', schema=None) as batch_op:
        batch_op.drop_column('content_base64')

    op.create_table(
        'knowledge_reads',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('version', sa.BigInteger(), server_default='1', nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.Uuid(), nullable=True),
        sa.Column('deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('article_id', sa.Uuid(), nullable=False),
        sa.Column('user_id', sa.Uuid(), nullable=False),
        sa.Column('district_id', sa.Uuid(), nullable=False),
        sa.Column('article_version', sa.Integer(), nullable=False),
        sa.Column('read_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['knowledge_articles.id'],
                                name='fk_knowledge_reads_article_id'),
        sa.ForeignKeyConstraint(['district_id'], ['districts.id'],
                                name='fk_knowledge_reads_district_id'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name='fk_knowledge_reads_user_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_knowledge_reads')),
    )
    with op.batch_alter_table('knowledge_reads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_reads_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_knowledge_reads_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_knowledge_reads_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_table('knowledge_reads')
    with op.batch_alter_table('knowledge_attachments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_base64', sa.Text(), nullable=True))
        batch_op.drop_column('position')
        batch_op.drop_column('sha256')
    with op.batch_alter_table('knowledge_articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('product_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key('fk_knowledge_articles_product_id', 'products',
                                    ['product_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_knowledge_articles_product_id'), ['product_id'],
                              unique=False)
        for name in ('must_read', 'valid_until', 'published_on', 'product_ids', 'slug'):
            batch_op.drop_column(name)
    op.drop_table('knowledge_files')
