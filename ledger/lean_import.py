"""`claims import` on stdlib sqlite3, into a SQLite ledger whose schema is current.

Importing SQLAlchemy and SQLModel takes about a quarter of a second before the first line is
read, so an import into such a ledger runs the importer (ledger.store.importer) on the lean
path's connection, through a stand-in for the few calls it makes of a SQLAlchemy Connection.
One case needs the full store: bringing a claim the ledger holds forward to the file's later
state (ledger.store.reconcile). The lean import then stops and rolls back, and the caller
imports the file again through the full store (NeedsFullStore).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from ledger.archive.items import ArchiveItem
from ledger.sql import SQLITE_STATISTICS
from ledger.sql.bulk_journal import journal_for_bulk_load
from ledger.state import ClaimState
from ledger.store.importer import ImportSummary, import_items

if TYPE_CHECKING:
    from ledger.lean import LeanLedger


class NeedsFullStore(Exception):
    """The file brings a claim of the ledger forward: import it through the full store."""


def import_archive(
    ledger: LeanLedger,
    items: Iterable[ArchiveItem],
    *,
    progress: Callable[[int], None] | None = None,
    workers: int = 0,
) -> ImportSummary:
    """ledger.api.Ledger.import_archive, on the lean path's connection."""
    with journal_for_bulk_load(lambda: nullcontext(ledger.connection)), ledger.write() as cursor:
        summary = import_items(
            target=_LeanTarget(ledger), items=items, progress=progress, workers=workers
        )
        for statement in SQLITE_STATISTICS:
            cursor.execute(statement)
    return summary


class _Results:
    def __init__(self, rows: Sequence[Sequence[Any]]) -> None:
        self.rows = rows

    def all(self) -> Sequence[Sequence[Any]]:
        return self.rows


class _Dialect:
    name = "sqlite"


class _Connection:
    """The calls ledger.store.importer makes of a SQLAlchemy Connection, on sqlite3."""

    dialect = _Dialect()

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def exec_driver_sql(self, statement: str, parameters: Any = None) -> _Results:
        if isinstance(parameters, list):
            self.connection.executemany(statement, parameters)
            return _Results([])
        return _Results(self.connection.execute(statement, parameters or ()).fetchall())


class _LeanTarget:
    def __init__(self, ledger: LeanLedger) -> None:
        self.connection = _Connection(ledger.connection)
        self.runner = ledger
        self.refusals: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)

    def write_state(self, claim_id: int, current: ClaimState, target: ClaimState) -> None:
        raise NeedsFullStore
