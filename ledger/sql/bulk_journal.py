"""SQLite's journal during an import into a ledger with no claims, for the store and the lean path.

Such an import runs in rollback-journal mode: its rows are written once, into the file, rather
than into the write-ahead log and then again into the file when the log is checkpointed. The
journal keeps the import all or nothing (after a crash, the next open rolls it back), and the
ledger is put back in WAL mode when the import ends, committed or not. Switching needs the only
open connection to the file: while another process has it open, the import runs in WAL mode as
usual. A ledger with claims found out of WAL mode (an import was kept from switching back) is
put back first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from ledger.storage_errors import BUSY_TIMEOUT_MS

# Gives a DB-API connection to the ledger for one step (the store's from its pool, the lean
# path's own).
Connect = Callable[[], AbstractContextManager[Any]]


@contextmanager
def journal_for_bulk_load(connect: Connect) -> Iterator[None]:
    with connect() as connection:
        empty = _one(connection, "SELECT 1 FROM claim LIMIT 1") is None
        mode = str(_one(connection, "PRAGMA journal_mode")).lower()
        if not empty:
            if mode != "wal":
                set_journal_mode(connection, "WAL")
            switched = False
        else:
            switched = set_journal_mode(connection, "DELETE", wait=False) == "delete"
    try:
        yield
    finally:
        if switched:
            with connect() as connection:
                set_journal_mode(connection, "WAL")


def set_journal_mode(connection: Any, mode: str, *, wait: bool = True) -> str:
    """Ask SQLite for a journal mode; the mode the file is in afterwards, or "" when another
    connection kept it from changing (`wait`: for as long as the busy timeout allows)."""
    if not wait:
        _one(connection, "PRAGMA busy_timeout = 0")
    try:
        return str(_one(connection, f"PRAGMA journal_mode = {mode}") or "").lower()
    except sqlite3.OperationalError:  # the file is busy
        return ""
    finally:
        if not wait:
            _one(connection, f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _one(connection: Any, sql: str) -> Any:
    """The first value of the first row, or None."""
    cursor = connection.cursor()
    try:
        cursor.execute(sql)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return None if row is None else row[0]
