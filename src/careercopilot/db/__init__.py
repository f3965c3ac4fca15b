"""Storage adapter: SQLAlchemy models, engines and migrations."""
