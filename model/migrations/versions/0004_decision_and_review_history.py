"""every decision on a finding and every review mark of a table kept, with who and when

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-09 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    decision = op.create_table('finding_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('automatic', sa.Boolean(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['finding_id'], ['finding.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('finding_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_decision_finding_id'), ['finding_id'], unique=False)
    mark = op.create_table('review_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('reviewed', sa.Boolean(), nullable=False),
    sa.Column('reviewer', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['table_id'], ['extracted_table.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_mark_table_id'), ['table_id'], unique=False)

    # The latest decision and mark stored so far (the only ones kept before) start the
    # histories; their figures are not known, so they are never reopened automatically.
    bind = op.get_bind()
    finding = sa.table('finding', sa.column('id'), sa.column('status'), sa.column('note'),
                       sa.column('decided_by'), sa.column('decided_at', sa.DateTime(timezone=True)))
    rows = bind.execute(
        sa.select(finding).where(finding.c.decided_by.is_not(None), finding.c.decided_at.is_not(None))
    ).all()
    if rows:
        op.bulk_insert(decision, [
            {'finding_id': r.id, 'status': r.status, 'note': r.note, 'reviewer': r.decided_by,
             'at': r.decided_at, 'automatic': False, 'figures': None}
            for r in rows
        ])
    table = sa.table('extracted_table', sa.column('id'), sa.column('review_status'),
                     sa.column('reviewed_by'), sa.column('reviewed_at', sa.DateTime(timezone=True)))
    rows = bind.execute(
        sa.select(table).where(table.c.review_status == 'reviewed',
                               table.c.reviewed_by.is_not(None), table.c.reviewed_at.is_not(None))
    ).all()
    if rows:
        op.bulk_insert(mark, [
            {'table_id': r.id, 'reviewed': True, 'reviewer': r.reviewed_by, 'at': r.reviewed_at,
             'reason': None}
            for r in rows
        ])


def downgrade() -> None:
    with op.batch_alter_table('review_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_mark_table_id'))
    op.drop_table('review_mark')
    with op.batch_alter_table('finding_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_decision_finding_id'))
    op.drop_table('finding_decision')
