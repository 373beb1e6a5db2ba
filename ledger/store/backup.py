"""`claims backup`: a consistent copy of a SQLite ledger, taken while others may be writing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ledger.archive.atomic import atomic_output
from ledger.errors import InputError, StorageError
from ledger.location import LedgerLocation
from ledger.store.schema import check_ledger_file, copy_sqlite


def default_backup_path(ledger: Path, now: datetime) -> Path:
    """Beside the ledger: `claims.db.bak-20261129T120000Z`."""
    return ledger.with_name(f"{ledger.name}.bak-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}")


def backup_ledger(
    location: LedgerLocation, target: Path | None, *, now: datetime, force: bool = False
) -> Path:
    """Copy the ledger through SQLite's backup API to `target` (whole or not at all)."""
    if location.path is None:
        raise InputError(
            f"claims backup copies SQLite ledgers; {location} is not one "
            "(back up a PostgreSQL ledger with pg_dump)"
        )
    check_ledger_file(location.path, create=False)
    destination = (target or default_backup_path(location.path, now)).absolute()
    if destination == location.path:
        raise InputError("the backup cannot be written over the ledger itself")
    with atomic_output(destination, force=force) as temp:
        try:
            copy_sqlite(location.path, temp)
            _verify(temp)
        except sqlite3.Error as error:
            raise StorageError(f"could not back up {location}: {error}") from None
    return destination


def _verify(copy: Path) -> None:
    connection = sqlite3.connect(copy)
    try:
        result = connection.execute("PRAGMA quick_check").fetchone()
    finally:
        connection.close()
    if result is None or result[0] != "ok":
        raise StorageError(f"the copy failed its check ({result}); nothing was written")
