"""Driver errors turned into one-line LedgerErrors that name the ledger (no SQLAlchemy here)."""

from __future__ import annotations

from ledger.errors import LedgerError, NotALedgerError, StorageError
from ledger.location import LedgerLocation

BUSY_TIMEOUT_MS = 30_000


def describe_storage_error(error: BaseException, location: LedgerLocation) -> LedgerError:
    text = str(error).lower()
    if "file is not a database" in text or "not a database" in text:
        return NotALedgerError(f"{location} is not a claims ledger (not a SQLite database)")
    if "readonly" in text or "read-only" in text:
        return StorageError(f"the ledger {location} is read-only; nothing was written")
    if "locked" in text or "busy" in text:
        return StorageError(
            f"the ledger {location} stayed locked by another program for "
            f"{BUSY_TIMEOUT_MS // 1000} s; nothing was written, try again"
        )
    if "full" in text or "disk i/o" in text or "no space" in text:
        return StorageError(
            f"the ledger {location} could not be written ({error}); nothing was saved"
        )
    if "unable to open" in text:
        return StorageError(f"cannot open the ledger {location} ({error})")
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return StorageError(f"database error on {location}: {first_line}")
