"""Where the ledger lives: `--db`, else `CLAIMS_DB`, else `./claims.db`; a path or any URL."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from ledger.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


class LedgerLocation(NamedTuple):
    """A SQLAlchemy URL, and the file behind it (an absolute path) when the ledger is a SQLite
    file. The file is kept as text: pathlib costs the hot commands more to import than it saves."""

    url: str
    file: str | None

    @property
    def path(self) -> Path | None:
        from pathlib import Path

        return None if self.file is None else Path(self.file)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def __str__(self) -> str:
        if self.file is not None:
            return self.file
        shown = self.url.replace("postgresql+psycopg://", "postgresql://", 1)
        return _hide_password(shown)


def locate_ledger(option: str | None = None) -> LedgerLocation:
    if option is not None and not option.strip():
        raise InputError("the ledger path is empty: give --db a file or a database URL")
    raw = option or os.environ.get("CLAIMS_DB") or "claims.db"
    if "\x00" in raw or not _encodes(raw):
        raise InputError(f"the ledger path {raw!r} holds a NUL byte or text that is not UTF-8")
    if "://" not in raw:
        return _sqlite_file(raw)
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw.removeprefix("postgres://")
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw.removeprefix("postgresql://")
    if raw.startswith("sqlite:///") and raw != "sqlite:///:memory:":
        return _sqlite_file(raw.removeprefix("sqlite:///"))
    _check_port(raw)
    return LedgerLocation(raw, None)


def _check_port(url: str) -> None:
    """Refuse a server port that cannot be one, before any driver is loaded to say so."""
    host = url.partition("://")[2].partition("/")[0].rpartition("@")[2]
    if host.startswith("["):  # an IPv6 address: [::1]:5432
        host = host.partition("]")[2]
    port = host.rpartition(":")[2] if ":" in host else ""
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        raise InputError(f"the ledger URL's port {port!r} is not a port number (1-65535)")


def _sqlite_file(name: str) -> LedgerLocation:
    file = os.path.abspath(os.path.expanduser(name))  # noqa: PTH100, PTH111 (see the class)
    return LedgerLocation(f"sqlite:///{file}", file)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def looks_like_sqlite(path: str | Path) -> bool:
    """True for an empty file or one that starts with SQLite's header."""
    with open(path, "rb") as handle:  # noqa: PTH123 (no pathlib on the hot path)
        head = handle.read(len(SQLITE_HEADER))
    return head in (b"", SQLITE_HEADER)


def not_a_ledger_yet(where: object) -> NotFoundError:
    """The refusal of an empty file or database by anything but `init` and `add`."""
    return NotFoundError(
        f"{where} is an empty database, not a claims ledger yet; `claims init` makes it one"
    )


def is_blank_database(path: str | Path) -> bool:
    """An empty file, or a SQLite database with nothing in it: not a ledger yet."""
    import sqlite3
    from pathlib import Path

    try:
        if not looks_like_sqlite(path):
            return False
        connection = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
        try:
            return not connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
        finally:
            connection.close()
    except (OSError, sqlite3.Error):
        return False


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if not at or ":" not in creds:
        return url
    return f"{scheme}{sep}{creds.split(':', 1)[0]}:***@{host}"
