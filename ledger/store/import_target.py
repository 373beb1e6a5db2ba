"""What the importer (ledger.store.importer) writes through: SQLAlchemy's connection in the full
store (ledger.store.reconcile.SessionImportTarget), or the lean path's stand-in on stdlib sqlite3
(ledger.lean_import). Neither module imports the other's database library."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from ledger.sql import SqlRunner
from ledger.state import ClaimState


class Results(Protocol):
    def all(self) -> Sequence[Sequence[Any]]: ...


class Dialect(Protocol):
    @property
    def name(self) -> str: ...


class Connection(Protocol):
    """What the importer asks of its connection: SQLAlchemy's Connection, or the lean path's
    stand-in for it on stdlib sqlite3 (ledger.lean_import). A list of rows as `parameters`
    runs an executemany."""

    @property
    def dialect(self) -> Dialect: ...

    def exec_driver_sql(self, statement: str, parameters: Any = None) -> Results: ...


class ImportTarget(Protocol):
    """The ledger an import writes into, inside the caller's write transaction."""

    @property
    def connection(self) -> Connection: ...

    @property
    def runner(self) -> SqlRunner: ...

    @property
    def refusals(self) -> tuple[type[Exception], ...]:
        """What the database driver raises when a unique index refuses a row."""

    def write_state(self, claim_id: int, current: ClaimState, target: ClaimState) -> None:
        """Bring an existing claim from `current` to `target` (ledger.store.reconcile)."""
