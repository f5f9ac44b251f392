"""stakeholders, action plan, objectives, cycles, public page: the chain after the scores

Revision ID: f1408425097d
Revises: f845c1409bd1
Create Date: 2026-11-23 19:05:22.426083

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f1408425097d'
down_revision = 'f845c1409bd1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stakeholders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('influence', sa.Integer(), nullable=False),
    sa.Column('importance', sa.Integer(), nullable=False),
    sa.Column('dialogue', sa.String(length=20), nullable=False),
    sa.Column('expectations', sa.Text(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('issues', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('importance BETWEEN 1 AND 5', name=op.f('ck_stakeholders_importance_range')),
    sa.CheckConstraint('influence BETWEEN 1 AND 5', name=op.f('ck_stakeholders_influence_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_stakeholders_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stakeholders'))
    )
    with op.batch_alter_table('stakeholders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stakeholders_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('theme_id', sa.String(length=64), nullable=True),
    sa.Column('question_id', sa.String(length=64), nullable=True),
    sa.Column('suggestion_key', sa.String(length=80), nullable=True),
    sa.Column('owner', sa.String(length=120), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('indicator', sa.String(length=200), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_actions_assessment_id_assessments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['carried_from_id'], ['actions.id'], name=op.f('fk_actions_carried_from_id_actions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_actions_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actions'))
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actions_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('public_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=True),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('intro', sa.Text(), nullable=False),
    sa.Column('theme_ids', sa.JSON(), nullable=False),
    sa.Column('action_ids', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_public_pages_assessment_id_assessments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_public_pages_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_pages')),
    sa.UniqueConstraint('organisation_id', name=op.f('uq_public_pages_organisation_id')),
    sa.UniqueConstraint('token', name=op.f('uq_public_pages_token'))
    )
    with op.batch_alter_table('answers', schema=None) as batch_op:
        # existing answers were given by people: nothing to confirm
        batch_op.add_column(sa.Column('to_confirm', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('objectives', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.create_index(batch_op.f('ix_assessments_previous_id'), ['previous_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_assessments_previous_id_assessments'), 'assessments', ['previous_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assessments_previous_id_assessments'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_assessments_previous_id'))
        batch_op.drop_column('objectives')
        batch_op.drop_column('previous_id')

    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_column('to_confirm')

    op.drop_table('public_pages')
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actions_assessment_id'))

    op.drop_table('actions')
    with op.batch_alter_table('stakeholders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stakeholders_organisation_id'))

    op.drop_table('stakeholders')
