"""last event marker: figures derived from an application's history are stale when its newest row moves on

Milestones were marked with the application's stage_event_id, which an undo sets back to an older row (so that
the follow-up clock resumes). An undo on one application and a move on another could then leave the marks as
they were, and the figures wrong. applications.last_event_id only grows; milestones are marked with it, and
are derived again from scratch on first use.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 04:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("last_event_id", sa.Integer(), nullable=True))
    op.execute("UPDATE applications SET last_event_id = (SELECT max(e.id) FROM application_events e "
               "WHERE e.application_id = applications.id)")
    op.execute("DELETE FROM analytics_milestones")  # a cache: derived again against the new marks on first use
    with op.batch_alter_table("analytics_milestones") as batch:
        batch.alter_column("stage_event_id", new_column_name="last_event_id")


def downgrade() -> None:
    op.execute("DELETE FROM analytics_milestones")
    with op.batch_alter_table("analytics_milestones") as batch:
        batch.alter_column("last_event_id", new_column_name="stage_event_id")
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("last_event_id")
