"""Bringing a ledger to the current schema on open: create, back up and migrate, or refuse."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, inspect, text

from ledger.errors import InputError, NotALedgerError, NotFoundError, SchemaTooNewError
from ledger.location import LedgerLocation, looks_like_sqlite, not_a_ledger_yet
from ledger.schema_version import SCHEMA_HEAD, SCHEMA_REVISIONS
from ledger.sql import SQLITE_STATISTICS
from ledger.sql.bulk_journal import set_journal_mode
from ledger.store.database import Database, make_engine, storage_errors

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def open_database(location: LedgerLocation, *, create: bool = False) -> Database:
    """Open the ledger at `location`, bringing an older schema up to date after a backup.

    A missing SQLite file is created only when `create` is true. A file that is not a ledger,
    or a ledger written by newer code, is refused and left untouched.
    """
    if location.path is not None:
        check_ledger_file(location.path, create=create)
    db = Database(make_engine(location), location)
    try:
        with storage_errors(location):
            ensure_current_schema(db, create=create)
    except BaseException:
        db.dispose()
        raise
    return db


def check_ledger_file(path: Path, *, create: bool) -> None:
    try:
        _check_ledger_file(path, create=create)
    except OSError as error:
        raise InputError(f"cannot use {path} as a ledger: {error.strerror}") from None


def _check_ledger_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise NotALedgerError(f"{path} is a folder, not a ledger file")
    if not path.exists():
        if not create:
            raise NotFoundError(
                f"no ledger at {path}; `claims init` creates one (so does `claims add`)"
            )
        if not path.parent.is_dir():
            raise InputError(f"cannot create a ledger in {path.parent}: no such folder")
        return
    try:
        if not looks_like_sqlite(path):
            raise NotALedgerError(f"{path} is not a claims ledger (not a SQLite database)")
    except OSError as error:
        raise NotALedgerError(f"cannot read {path}: {error.strerror}") from None


def stored_revision(connection: Connection) -> str | None:
    """The ledger's schema revision; None for an empty database; refuse foreign databases."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise NotALedgerError(
                f"{connection.engine.url.database} holds tables but is not a claims ledger"
            )
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return None if row is None else str(row[0])


def ensure_current_schema(db: Database, *, create: bool = False) -> None:
    """Bring the schema up to date; an empty database becomes a ledger only when `create`."""
    with db.engine.connect() as connection:
        revision = stored_revision(connection)
    if revision == SCHEMA_HEAD:
        return
    if revision is None and not create:
        refusal = not_a_ledger_yet(db.location)
        raise NotFoundError(f"{refusal} (so does `claims add`)")
    refuse_newer(db, revision)
    if db.location.is_sqlite:
        set_wal_mode(db)
    with db.engine.execution_options(ledger_write=True).begin() as connection:
        # Another process may have migrated while we waited for the write lock.
        revision = stored_revision(connection)
        if revision == SCHEMA_HEAD:
            return
        refuse_newer(db, revision)
        if revision is not None and db.location.path is not None:
            backup_before_migration(db.location.path, revision)
        upgrade(connection)
        if db.location.is_sqlite:
            for statement in SQLITE_STATISTICS:
                connection.exec_driver_sql(statement)


def refuse_newer(db: Database, revision: str | None) -> None:
    if revision is not None and revision not in SCHEMA_REVISIONS:
        raise SchemaTooNewError(
            f"{db.location} has schema {revision}, newer than this version of claims knows "
            f"(up to {SCHEMA_HEAD}); upgrade claims to open it. The ledger was not touched."
        )


def upgrade(connection: Connection, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def set_wal_mode(db: Database) -> None:
    with raw_connection(db) as connection:
        set_journal_mode(connection, "WAL")


@contextmanager
def raw_connection(db: Database) -> Iterator[Any]:
    """A DB-API connection from the engine's pool, given back at the end."""
    raw = db.engine.raw_connection()
    try:
        yield raw
    finally:
        raw.close()


def backup_before_migration(path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.schema-{revision}.{stamp}.bak")
    copy_sqlite(path, target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API, safe while others write."""
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
