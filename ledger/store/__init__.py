"""The full store: SQLModel sessions over any SQLAlchemy database (SQLite or PostgreSQL)."""
