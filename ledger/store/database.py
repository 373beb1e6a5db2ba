"""Opening a ledger: engines, SQLite pragmas, short read and write sessions, storage errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlmodel import Session

from ledger.errors import InputError, LedgerError
from ledger.location import LedgerLocation
from ledger.storage_errors import BUSY_TIMEOUT_MS, describe_storage_error


class Database:
    """An open ledger. Sessions are short and explicit: `with db.write() as session: ...`."""

    def __init__(self, engine: Engine, location: LedgerLocation) -> None:
        self.engine = engine
        self.location = location
        self._writer = engine.execution_options(ledger_write=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with storage_errors(self.location), Session(self.engine) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: on SQLite it begins IMMEDIATE; it commits at the end or not at all."""
        with storage_errors(self.location), Session(self._writer) as session:
            yield session
            session.commit()

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(location: LedgerLocation) -> Engine:
    try:
        return _make_engine(location)
    except (exc.ArgumentError, ImportError) as error:
        kind = str(location).split("://", 1)[0]
        if kind.split("+", 1)[0] not in ("postgresql", "postgres", "sqlite"):
            why = f"not {kind}://"
        elif isinstance(error, ImportError):
            why = f"{kind}:// needs a driver claims does not install"
        else:
            why = "this URL cannot be read"
        raise InputError(
            f"cannot open {location}: claims works with a SQLite file or a postgresql:// URL; {why}"
        ) from None


def _make_engine(location: LedgerLocation) -> Engine:
    if location.is_sqlite:
        engine = create_engine(location.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(location.url, pool_pre_ping=True)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transactions out of pysqlite's hands so that writes can begin IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    writes = connection.get_execution_options().get("ledger_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


@contextmanager
def storage_errors(location: LedgerLocation) -> Iterator[None]:
    """Turn driver errors into one-line LedgerErrors that name the ledger."""
    try:
        yield
    except LedgerError:
        raise
    except exc.DBAPIError as error:
        raise describe_storage_error(error.orig or error, location) from error
