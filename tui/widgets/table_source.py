"""What a VirtualTable asks of its data: a row count and pages of rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol


class Cell(NamedTuple):
    """One cell's text, shown literally, and a Rich style string chosen by the caller."""

    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a table: the key of the thing it shows (e.g. a claim id) and its cells."""

    key: int
    cells: tuple[Cell, ...]


class TableSource(Protocol):
    """Rows for a VirtualTable, in the order the owner chose (the table never sorts).

    Both methods may be slow: the table calls them only from worker threads, one call
    at a time, never on the UI thread. A source must not share a connection that is
    bound to one thread; a short session per call is the expected shape.
    """

    def count(self) -> int:
        """How many rows there are now."""
        ...

    def fetch(self, offset: int, limit: int) -> Sequence[TableRow]:
        """Up to `limit` rows starting at row `offset` (fewer at the end)."""
        ...
