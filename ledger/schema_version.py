"""The schema revisions this code knows, oldest first; kept equal to Alembic's chain by a test.

The CLI's lean path reads the ledger's `alembic_version` and compares it with `SCHEMA_HEAD`
without importing Alembic or SQLAlchemy.
"""

SCHEMA_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003")
SCHEMA_HEAD = SCHEMA_REVISIONS[-1]
