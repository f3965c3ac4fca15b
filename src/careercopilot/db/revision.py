"""The schema revision this code needs, readable without importing SQLAlchemy or Alembic."""

HEAD_REVISION = "0008"  # the newest file in migrations/versions
