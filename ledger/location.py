"""Where the ledger lives: `--db`, else `CLAIMS_DB`, else `./claims.db`; a path or any URL."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ledger.errors import InputError

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class LedgerLocation:
    """A SQLAlchemy URL, and the file behind it when the ledger is a SQLite file."""

    url: str
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def __str__(self) -> str:
        if self.path is not None:
            return str(self.path)
        shown = self.url.replace("postgresql+psycopg://", "postgresql://", 1)
        return _hide_password(shown)


def locate_ledger(option: str | None = None) -> LedgerLocation:
    raw = option or os.environ.get("CLAIMS_DB") or "claims.db"
    if "\x00" in raw or not _encodes(raw):
        raise InputError(f"the ledger path {raw!r} holds a NUL byte or text that is not UTF-8")
    if "://" not in raw:
        path = Path(raw).expanduser().absolute()
        return LedgerLocation(f"sqlite:///{path}", path)
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw.removeprefix("postgres://")
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw.removeprefix("postgresql://")
    if raw.startswith("sqlite:///") and raw != "sqlite:///:memory:":
        path = Path(raw.removeprefix("sqlite:///")).expanduser().absolute()
        return LedgerLocation(f"sqlite:///{path}", path)
    return LedgerLocation(raw, None)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def looks_like_sqlite(path: Path) -> bool:
    """True for an empty file or one that starts with SQLite's header."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head in (b"", SQLITE_HEADER)


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}"
