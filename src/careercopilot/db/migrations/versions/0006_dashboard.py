"""dashboard: each user's own layout

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 11:26:52.168536
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import careercopilot.db.base

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dashboard_layouts',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('widgets', sa.JSON(), nullable=False),
    sa.Column('updated_at', careercopilot.db.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_dashboard_layouts_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_dashboard_layouts'))
    )


def downgrade() -> None:
    op.drop_table('dashboard_layouts')
