"""What the CLI reads from its surroundings: the clock, the acting user, the ledger to open."""

from __future__ import annotations

import argparse
import contextlib
import os
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from ledger.errors import InputError
from ledger.location import LedgerLocation, locate_ledger

if TYPE_CHECKING:
    from ledger.api import Ledger
    from ledger.lean import LeanLedger

CLOCK_VARIABLE = "CLAIMS_NOW"


def now() -> datetime:
    """The current time in UTC; CLAIMS_NOW (an ISO date or time) pins it for tests and demos."""
    pinned = os.environ.get(CLOCK_VARIABLE)
    if not pinned:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(pinned)
    except ValueError:
        raise InputError(f"{CLOCK_VARIABLE}={pinned!r} is not an ISO date or time") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def today() -> date:
    """Today's date where the user is (the pinned clock's date when CLAIMS_NOW is set)."""
    if os.environ.get(CLOCK_VARIABLE):
        return now().date()
    return datetime.now().astimezone().date()


def actor() -> str:
    """Who is acting, for the event log: CLAIMS_USER, else the login name."""
    named = os.environ.get("CLAIMS_USER", "").strip()
    if named:
        return named[:100]
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def location(args: argparse.Namespace) -> LedgerLocation:
    return locate_ledger(getattr(args, "db", None))


def missing_ledger_file(args: argparse.Namespace) -> str | None:
    """The SQLite file a command that may create its ledger would make, when none is there."""
    file = location(args).file
    return file if file is not None and not os.path.exists(file) else None  # noqa: PTH110


def discard_new_ledger(file: str) -> None:
    """Remove a ledger file this command made (and SQLite's files beside it), when what the
    command was to put in it was refused: bad input writes nothing, not even an empty ledger."""
    for path in (file, f"{file}-wal", f"{file}-shm", f"{file}-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)  # noqa: PTH107


def open_full(args: argparse.Namespace, *, create: bool = False) -> Ledger:
    """The full store (imports SQLAlchemy): every command that is not on the hot path."""
    from ledger.api import Ledger

    return Ledger.open(location(args), actor=actor(), create=create)


def open_hot(args: argparse.Namespace, *, create: bool = False) -> LeanLedger | Ledger:
    """The lean sqlite3 path when the ledger allows it, else the full store."""
    from ledger.lean import open_lean

    lean = open_lean(location(args), actor=actor())
    return lean if lean is not None else open_full(args, create=create)
