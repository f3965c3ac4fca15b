"""The schema revision this code needs, readable without importing SQLAlchemy or Alembic."""

HEAD_REVISION = "0009"  # the newest file in migrations/versions
