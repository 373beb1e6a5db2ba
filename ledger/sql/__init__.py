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


# SQLite's planner needs table statistics to pick the right index for a sorted page of a big
# ledger (without them it may walk a partial index and fetch every row at random). A limited
# ANALYZE samples each index and takes milliseconds even at a million claims; it runs after
# migrations, imports, and when the review app opens a ledger. PostgreSQL keeps its own.
SQLITE_STATISTICS: tuple[str, ...] = ("PRAGMA analysis_limit = 1000", "ANALYZE")
