"""The read queries of the ledger as SQL text, run by the store and by the CLI's lean path alike.

Both paths execute exactly these statements (plain SQL that SQLite and PostgreSQL both accept),
so a list, a claim or a due report reads the same whichever path served it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class SqlRunner(Protocol):
    """Runs one read statement with named (`:name`) parameters and returns its rows."""

    def rows(self, sql: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]: ...
