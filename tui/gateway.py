"""The app's one way to the ledger: lean sqlite3 reads, and the full Ledger opened on first need.

Importing SQLAlchemy (through `ledger.api`) costs about as much as Textual itself, so on a current
SQLite ledger every read runs on `ledger.lean` and the full `Ledger` is imported and opened only
when the first write (or a read on another backend) asks for it. Every method blocks: the app
calls them from thread workers only, and each read opens its own short-lived connection, so no
connection is ever shared between threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from ledger.errors import NotFoundError
from ledger.lean import open_lean
from ledger.location import LedgerLocation, is_blank_database, not_a_ledger_yet
from ledger.query import ClaimQuery
from ledger.records import ClaimDetail, ClaimDraft, ClaimRow, EventRecord

if TYPE_CHECKING:
    from ledger.api import Ledger
    from ledger.reports.due import DueReport


class LedgerReader(Protocol):
    """What both `LeanLedger` and `Ledger` offer for reading."""

    def claim(self, ref: str | int) -> ClaimDetail: ...

    def claims(self, query: ClaimQuery, *, today: date) -> list[ClaimRow]: ...

    def count(self, query: ClaimQuery, *, today: date) -> int: ...

    def history(self, ref: str | int) -> list[EventRecord]: ...

    def due_report(
        self,
        query: ClaimQuery,
        *,
        today: date,
        within: int = ...,
        as_of: date | None = None,
        per_bucket: int | None = None,
    ) -> DueReport: ...


class LedgerGateway:
    """Reads and writes for the app on the ledger at `location`, acting as `actor`."""

    def __init__(self, location: LedgerLocation, *, actor: str) -> None:
        self.location = location
        self.actor = actor
        self._full: Ledger | None = None
        self._full_lock = threading.Lock()

    def check_exists(self) -> None:
        """Refuse a SQLite file that is not there (the app never creates a ledger)."""
        path = self.location.path
        if path is not None and not path.exists():
            raise NotFoundError(f"no ledger at {path}; `claims init` creates one")
        if path is not None and is_blank_database(path):
            raise not_a_ledger_yet(path)

    @contextmanager
    def reading(self) -> Iterator[LedgerReader]:
        """A reader for one short piece of work: lean when the file allows it."""
        lean = open_lean(self.location, actor=self.actor)
        if lean is None:
            yield self.writer()
            return
        with lean:
            yield lean

    def writer(self) -> Ledger:
        """The full ledger, imported and opened the first time it is asked for."""
        with self._full_lock:
            if self._full is None:
                from ledger.api import Ledger

                self._full = Ledger.open(self.location, actor=self.actor)
            return self._full

    def warm_up(self) -> None:
        """Open the full ledger now, so that the first write does not wait for the import."""
        self.writer()

    def refresh_statistics(self) -> bool:
        """Let SQLite's planner sample the tables again, so sorted pages pick the right index.

        False where it does not apply: PostgreSQL keeps its own statistics, a ledger the lean
        path cannot read (an older schema) gets them when the full store migrates it, and a
        small ledger or one whose statistics are fresh is left as it is (not even written).
        """
        lean = open_lean(self.location, actor=self.actor)
        if lean is None:
            return False
        with lean:
            return lean.refresh_statistics()

    def add(self, draft: ClaimDraft, *, now: datetime) -> ClaimDetail:
        """Add a claim: on the lean path when it can (the same rows as the store writes)."""
        lean = open_lean(self.location, actor=self.actor)
        if lean is None:
            return self.writer().add(draft, now=now)
        with lean:
            return lean.add(draft, now=now)

    def close(self) -> None:
        with self._full_lock:
            if self._full is not None:
                self._full.close()
                self._full = None
