"""group members index: the postings that are not their group's shown row, by board

`jobs list --source B` shows a group whenever any of its postings is on board B, also when the row shown is
another board's. Those non-primary postings are few (the duplicates), so a partial index holds only them and
the feed finds their groups without reading every posting of the board.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 01:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_postings_group_members", "postings", ["source", "group_key"],
                    sqlite_where=sa.text("is_primary = 0"), postgresql_where=sa.text("is_primary = false"))
    bind = op.get_bind()
    # As for the market index (0007): where statistics exist, an index without its own is passed over.
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        op.execute("ANALYZE ix_postings_group_members")


def downgrade() -> None:
    op.drop_index("ix_postings_group_members", table_name="postings")
