"""analytics: what was last announced to each user; each application's milestones

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 10:55:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import careercopilot.db.base

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('analytics_state',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('top_skill_gaps', sa.JSON(), nullable=False),
    sa.Column('last_week_announced', sa.Date(), nullable=True),
    sa.Column('updated_at', careercopilot.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_analytics_state_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_analytics_state'))
    )
    op.create_table('analytics_milestones',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('stage_event_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', careercopilot.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_applied_at', careercopilot.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_response_at', careercopilot.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_interview_at', careercopilot.db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('days_to_first_response', sa.Double(), nullable=True),
    sa.Column('days_to_interview', sa.Double(), nullable=True),
    sa.Column('positive', sa.Integer(), nullable=False),
    sa.Column('responded', sa.Integer(), nullable=False),
    sa.Column('interviewed', sa.Integer(), nullable=False),
    sa.Column('offered', sa.Integer(), nullable=False),
    sa.Column('accepted', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                            name=op.f('fk_analytics_milestones_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_analytics_milestones_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', name=op.f('pk_analytics_milestones'))
    )
    op.create_index(op.f('ix_analytics_milestones_user_id'), 'analytics_milestones', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_analytics_milestones_user_id'), table_name='analytics_milestones')
    op.drop_table('analytics_milestones')
    op.drop_table('analytics_state')
