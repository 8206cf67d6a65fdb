"""filing details: the unit of amounts, and an audit trail of document-level changes

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 23:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit', sa.String(length=20), nullable=True))
    op.create_table('document_edit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('document_edit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_edit_document_id'), ['document_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('document_edit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_edit_document_id'))
    op.drop_table('document_edit')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_column('unit')
