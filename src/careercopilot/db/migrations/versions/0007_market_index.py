"""market index: the columns market insight reads, next to (is_primary, posted_at)

Market insight aggregates every primary posting of the last 90 days in several passes (totals, weeks, salaries by
place, title cluster and seniority, skills, companies, employment types). From the table each pass read whole rows,
descriptions included: about 0.5 s a pass at 200,000 postings. From this index it reads a few short columns. It replaces ix_postings_primary_posted, whose
columns it starts with. Written by hand per dialect, like full-text search: PostgreSQL cannot key on JSON and
carries the extra columns as INCLUDE; SQLite has no INCLUDE and keys on all of them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 16:15:00
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CARRIED = ("remote, salary_yearly, salary_currency, city, country_code, last_seen_at, skills, seniority, "
           "employment_types, company, title")


def upgrade() -> None:
    op.drop_index("ix_postings_primary_posted", table_name="postings")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(f"CREATE INDEX ix_postings_market ON postings (is_primary, posted_at, {CARRIED})")
        # Where planner statistics were gathered they must cover the new index too: without its own, SQLite
        # takes `is_primary = 1` on it for a selective lookup and walks every posting to find a user's best matches.
        if bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
            op.execute("ANALYZE ix_postings_market")
    else:
        op.execute(f"CREATE INDEX ix_postings_market ON postings (is_primary, posted_at) INCLUDE ({CARRIED})")


def downgrade() -> None:
    op.execute("DROP INDEX ix_postings_market")
    op.create_index("ix_postings_primary_posted", "postings", ["is_primary", "posted_at"])
