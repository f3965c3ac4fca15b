"""analytics: what was last announced to each user (top skill gaps, last weekly figures)

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


def downgrade() -> None:
    op.drop_table('analytics_state')
